"""The shipped lexicon loads, is consistent, holds no person, and user files add to it or fail clearly."""

from __future__ import annotations

import re
import time
from importlib.resources import files
from pathlib import Path

import pytest

import jejaring.ingest.lexicon as lexicon_module
from jejaring.errors import LexiconError
from jejaring.ingest.lexicon import (
    EVENT_CLASSES,
    ORGANISATION_KINDS,
    THEMES,
    Lexicon,
    load_lexicon,
    normalise,
)

ORG_HEADER = "id\tname\tlang\tacronym\tkind\tsector\tparent\taliases\twikidata\n"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the shipped lexicon ---------------------------------------------------------------------------------------
def test_lexicon_loads_quickly_from_cold():
    lexicon_module._shipped_rows.cache_clear()
    lexicon_module._shipped_lexicon.cache_clear()
    start = time.perf_counter()
    lex = load_lexicon()
    assert time.perf_counter() - start < 0.5
    assert load_lexicon() is lex


@pytest.mark.parametrize(("table", "at_least"), [
    ("organisations", 150), ("agency_types", 30), ("places", 800), ("posts", 150), ("honorifics", 100),
    ("event_cues", 40), ("lesson_cues", 20), ("speech_verbs", 50), ("programme_cues", 20), ("themes", 200),
])
def test_lexicon_tables_are_filled(lex, table, at_least):
    assert len(getattr(lex, table)) >= at_least


@pytest.mark.parametrize("table", ["posts", "honorifics", "event_cues", "lesson_cues", "speech_verbs",
                                   "programme_cues", "themes", "participation_cues", "adoption_cues", "org_heads"])
def test_lexicon_per_language_tables_have_both_languages(lex, table):
    assert {e.lang for e in getattr(lex, table)} == {"id", "en"}


@pytest.mark.parametrize("table", ["organisations", "places"])
def test_lexicon_ids_are_unique_slugs(lex, table):
    ids = [e.id for e in getattr(lex, table)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_lexicon_every_parent_exists(lex):
    ids = {o.id for o in lex.organisations}
    assert all(o.parent in ids for o in lex.organisations if o.parent)


def test_lexicon_every_country_and_province_exists(lex):
    kinds = {p.id: p.kind for p in lex.places}
    for p in lex.places:
        assert p.country is None or kinds[p.country] == "country", p
        assert p.province is None or kinds[p.province] == "province", p
        assert p.country is not None or p.kind in ("country", "region"), p


def test_lexicon_indonesia_is_complete(lex):
    indonesian = [p for p in lex.places if p.country == "indonesia"]
    assert sum(p.kind == "province" for p in indonesian) == 38
    assert sum(p.kind == "city" and p.id.startswith("kota-") for p in indonesian) == 98
    assert sum(p.kind == "regency" for p in indonesian) >= 100
    jakarta_kota = [p for p in indonesian if p.province == "provinsi-dki-jakarta" and p.kind == "city"]
    assert len(jakarta_kota) == 6  # Jakarta itself and its five administrative cities


def test_lexicon_world_cities_and_networks(lex):
    world = [p for p in lex.places if p.kind == "city" and p.country != "indonesia"]
    assert len(world) >= 300
    members = {p.id for p in lex.places if "100rc" in p.networks}
    assert len(members) >= 90
    assert {"jakarta", "kota-semarang", "seoul", "rotterdam", "bangkok"} <= members


def test_lexicon_dki_apparatus_is_under_the_provincial_government(lex):
    def ancestors(org):
        while org.parent:
            org = lex.organisation_by_id(org.parent)
            yield org.id

    under_dki = [o for o in lex.organisations if "pemprov-dki-jakarta" in ancestors(o)]
    kinds = {o.kind for o in under_dki}
    assert len(under_dki) >= 60
    assert {"dinas", "badan", "biro", "inspektorat", "city-government", "state-enterprise"} <= kinds


def test_lexicon_international_group(lex):
    international = [o for o in lex.organisations if o.kind in {
        "international-organisation", "international-network", "donor-agency", "foundation", "ngo",
        "programme-secretariat"} or o.sector == "international"]
    assert len(international) >= 40


def test_lexicon_kinds_and_themes_are_known(lex):
    assert {o.kind for o in lex.organisations} <= ORGANISATION_KINDS
    assert {a.kind for a in lex.agency_types} <= ORGANISATION_KINDS
    assert {h.kind for h in lex.org_heads} <= ORGANISATION_KINDS
    assert {c.event_class for c in lex.event_cues} == EVENT_CLASSES
    assert {t.theme for t in lex.themes} == THEMES


# -- lookups -------------------------------------------------------------------------------------------------------
def test_lexicon_bpbd_is_an_agency_type(lex):
    assert lex.agency_type("BPBD").name == "Badan Penanggulangan Bencana Daerah"
    assert lex.agency_type("badan penanggulangan bencana daerah").acronym == "BPBD"
    assert lex.agency_type("Regional Disaster Management Agency").acronym == "BPBD"
    assert lex.agency_type("Dinas Lingkungan Hidup Kota Semarang") is None


@pytest.mark.parametrize("name", ["Pemprov DKI", "Pemda DKI", "pemprov dki", "Jakarta Provincial Government",
                                  "Pemerintah Provinsi DKI Jakarta", "Pemprov DKI Jakarta"])
def test_lexicon_organisation_by_name_finds_the_dki_government(lex, name):
    assert [o.id for o in lex.organisation_by_name(name)] == ["pemprov-dki-jakarta"]


def test_lexicon_generic_acronym_names_no_one_organisation(lex):
    assert lex.organisation_by_name("BPBD") == []
    assert [o.id for o in lex.organisation_by_acronym("BPBD")] == ["dki-bpbd"]
    assert [o.id for o in lex.organisation_by_name("BPBD DKI Jakarta")] == ["dki-bpbd"]


@pytest.mark.parametrize(("name", "expected"), [
    ("Bappenas", "bappenas"), ("UN-Habitat", "un-habitat"), ("UN Habitat", "un-habitat"),
    ("Yayasan Plan International Indonesia", "plan-indonesia"), ("Save the Children Indonesia", "ystc"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman Provinsi DKI Jakarta", "dki-dprkp"),
    ("Dinas Tata Air DKI Jakarta", "dki-dinas-sda"), ("100RC", "100-resilient-cities"),
    ("Resilient Cities Network", "100-resilient-cities"),
])
def test_lexicon_organisation_by_name(lex, name, expected):
    assert [o.id for o in lex.organisation_by_name(name)] == [expected]


@pytest.mark.parametrize(("name", "expected"), [
    ("Kementerian Keuangan RI", ["kemenkeu"]), ("Kementerian Koordinator Bidang Perekonomian Republik Indonesia",
                                                ["kemenko-perekonomian"]),
    ("Kementerian Keuangan 62", []),  # only a country's name follows a national body's
    ("Pemprov Jawa Barat RI", []),  # a region's government is no body of the national government
])
def test_lexicon_a_national_body_named_with_its_country_after_it(lex, name, expected):
    assert [o.id for o in lex.organisation_by_name(name)] == expected


def test_lexicon_organisation_name_index_matches_fold(lex):
    index = lex.organisation_name_index()
    pairs = index[normalise("UN-Habitat")][1]
    assert (normalise("UN-Habitat"), lex.organisation_by_id("un-habitat")) in pairs


@pytest.mark.parametrize(("name", "expected"), [
    ("Korea Selatan", "south-korea"), ("Jepang", "japan"), ("Belanda", "netherlands"),
    ("Amerika Serikat", "united-states"), ("Jakarta", "jakarta"), ("DKI Jakarta", "provinsi-dki-jakarta"),
    ("Jawa Barat", "provinsi-jawa-barat"), ("West Java", "provinsi-jawa-barat"), ("Kota Semarang", "kota-semarang"),
    ("Semarang", "kota-semarang"), ("Kabupaten Semarang", "kabupaten-semarang"),
    ("Jakarta Pusat", "kota-jakarta-pusat"),
    ("Den Haag", "the-hague"), ("Sao Paulo", "sao-paulo"), ("Singapura", "singapore-city"),
])
def test_lexicon_place(lex, name, expected):
    assert lex.place(name).id == expected


def test_lexicon_place_prefers_a_city(lex):
    assert lex.place("Jakarta").kind == "city"
    assert [p.kind for p in lex.place_candidates("Jakarta")] == ["city", "province"]
    assert lex.place("Nowhere At All") is None


def test_lexicon_kepala_and_head_share_a_role(lex):
    kepala = next(p for p in lex.post_patterns("id") if p.pattern == "Kepala")
    head = next(p for p in lex.post_patterns("en") if p.pattern == "Head")
    assert kepala.role == head.role == "head"
    cro = [p for p in lex.post_patterns() if p.pattern == "CRO"]
    assert {p.role for p in cro} == {"chief-resilience-officer"} and not any(p.takes_org for p in cro)


def test_lexicon_post_patterns_longest_first(lex):
    lengths = [len(p.pattern) for p in lex.post_patterns()]
    assert lengths == sorted(lengths, reverse=True)
    assert {p.lang for p in lex.post_patterns("en")} == {"en"}


def test_lexicon_honorific_and_degree_forms(lex):
    before, after = lex.honorific_forms(), lex.degree_forms()
    assert {"Bapak", "Ibu", "Dr.", "Prof.", "Ir.", "Mr.", "Mrs."} <= set(before)
    assert {"S.T.", "M.Si.", "MURP", "PhD", "Ph.D."} <= set(after)
    assert not set(before) & set(after)
    for forms in (before, after):
        assert [len(f) for f in forms] == sorted((len(f) for f in forms), reverse=True)


@pytest.mark.parametrize(("text", "theme"), [
    ("Kesiapsiagaan warga menghadapi banjir dan gempa", "disaster-preparedness"),
    ("Partisipasi dan pelibatan masyarakat dalam perencanaan", "participation"),
    ("Kota layak anak dan perlindungan anak", "children"),
    ("Public transport and cycling lanes reduce congestion", "mobility"),
    ("Nothing here matches", None),
])
def test_lexicon_theme_for(lex, text, theme):
    assert lex.theme_for(text) == theme


def test_lexicon_theme_for_breaks_ties_by_first_occurrence(lex):
    assert lex.theme_for("sanitasi lalu kepemimpinan") == "water-sanitation"
    assert lex.theme_for("kepemimpinan lalu sanitasi") == "leadership"


def test_lexicon_participation_and_adoption_cues(lex):
    m = lex.participation_cue_pattern().search("Kegiatan ini Diselenggarakan  oleh Bappeda")
    assert m.group() == "Diselenggarakan  oleh"
    assert lex.participation_role(m.group()) == "organiser"
    assert lex.participation_role("attended by") == "attendee"
    assert lex.participation_cue_pattern().search("pesertanya") is None
    assert lex.adoption_cue_pattern().search("lessons were integrated into the strategy")


def test_lexicon_role_takes_org(lex):
    assert lex.role_takes_org("head") and lex.role_takes_org("director")
    assert not lex.role_takes_org("chief-resilience-officer")
    assert lex.role_takes_org("some-role-not-in-the-lexicon")


def test_lexicon_common_words(lex):
    assert lex.is_common_word("dan") and lex.is_common_word("Seminar") and lex.is_common_word("mengatakan")
    assert not lex.is_common_word("Oswald")


# -- no person in the shipped files --------------------------------------------------------------------------------
# phrases where an honorific form is an ordinary word: "capital city", a post, a regency ("Gold Mountain")
_ALLOWED = ("Ibu Kota", "Lord Mayor", "Gunung Mas")


def _shipped_cells() -> list[tuple[str, int, str]]:
    root = files("jejaring.ingest.lexicon")
    out = []
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        for resource in folder.iterdir():
            if not resource.name.endswith(".tsv") or resource.name == "honorifics.tsv":
                continue
            for number, line in enumerate(resource.read_text(encoding="utf-8").splitlines(), 1):
                if not line.startswith("#"):
                    out += [(f"{folder.name}/{resource.name}", number, v.strip())
                            for cell in line.split("\t") for v in cell.split("|")]
    return out


def test_lexicon_no_cell_looks_like_a_person(lex):
    before = sorted({h.form for h in lex.honorifics if h.kind in ("honorific", "title")}, key=len, reverse=True)
    after = sorted({h.form for h in lex.honorifics if h.kind == "degree" and ("." in h.form or len(h.form) > 3)},
                   key=len, reverse=True)
    titled = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, before)) + r")\s+[A-Z][a-z]+")
    degreed = re.compile(r"[A-Za-z],\s*(?:" + "|".join(map(re.escape, after)) + r")(?=[\s,]|$)")
    suspects = []
    for where, number, value in _shipped_cells():
        plain = value
        for phrase in _ALLOWED:
            plain = plain.replace(phrase, "_")
        if titled.search(plain) or degreed.search(plain):
            suspects.append((where, number, value))
    assert suspects == []


def test_lexicon_person_check_would_catch_a_person(lex):
    before = sorted({h.form for h in lex.honorifics if h.kind in ("honorific", "title")}, key=len, reverse=True)
    titled = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, before)) + r")\s+[A-Z][a-z]+")
    assert titled.search("Kantor Bapak Budiman")
    assert titled.search("Dr. Ir. Sutanto")


# -- user files -------------------------------------------------------------------------------------------------
def test_lexicon_user_file_adds_rows(tmp_path):
    path = _write(tmp_path / "mine.tsv", ORG_HEADER +
                  "# a comment\n"
                  "dki-unit-contoh\tUnit Contoh Provinsi DKI Jakarta\tid\tUKC\tunit\tgovernment\tdki-bappeda\t"
                  "Unit Contoh DKI|Example Unit\t\n")
    lex = load_lexicon([path])
    [entry] = lex.organisation_by_name("Example Unit")
    assert entry.parent == "dki-bappeda" and entry.acronym == "UKC"
    assert entry.aliases == ("Unit Contoh DKI", "Example Unit")
    assert len(lex.organisations) == len(load_lexicon().organisations) + 1
    assert load_lexicon().organisation_by_name("Example Unit") == []


def test_lexicon_user_file_header_in_any_order_with_lang_column(tmp_path):
    path = _write(tmp_path / "posts.tsv", "lang\tpattern\trole\tlabel_id\tlabel_en\ttakes_org\tpublic\n"
                                          "en\tResilience Ambassador\tresilience-ambassador\tDuta Ketahanan\t"
                                          "Resilience Ambassador\tno\tno\n")
    lex = load_lexicon([path])
    [post] = [p for p in lex.post_patterns("en") if p.pattern == "Resilience Ambassador"]
    assert post.role == "resilience-ambassador" and post.takes_org is False


def test_lexicon_user_folder_gives_the_language(tmp_path):
    _write(tmp_path / "lex" / "id" / "event_cues.tsv", "cue\tclass\ntemu kota\tForum\n")
    _write(tmp_path / "lex" / "en" / "lesson_cues.tsv", "cue\nlessons for the city\n")
    lex = load_lexicon([tmp_path / "lex"])
    assert [(c.cue, c.lang) for c in lex.event_cues if c.cue == "temu kota"] == [("temu kota", "id")]
    assert [(c.cue, c.lang) for c in lex.lesson_cues if c.cue == "lessons for the city"] == [
        ("lessons for the city", "en")]


def test_lexicon_alike_headers_need_the_table_name(tmp_path):
    path = _write(tmp_path / "en" / "cues.tsv", "cue\nsomething\n")
    with pytest.raises(LexiconError, match=r"cues\.tsv:1: header: fits lesson_cues\.tsv or programme_cues\.tsv"):
        load_lexicon([path])


def test_lexicon_places_user_file(tmp_path):
    path = _write(tmp_path / "places.tsv", "id\tname\tkind\tcountry\tprovince\taliases\twikidata\tnetworks\n"
                                           "kecamatan-contoh\tContohville\tcity\tindonesia\tprovinsi-jawa-barat\t\t\t\n")
    assert load_lexicon([path]).place("Contohville").province == "provinsi-jawa-barat"


@pytest.mark.parametrize(("text", "where", "message"), [
    (ORG_HEADER + "x-org\tX Org\tid\t\tngo\tngo\t\n", ":2: row:", "7 cells, expected 9"),
    (ORG_HEADER + "x-org\tX Org\tid\t\tagensi\tngo\t\t\t\n", ":2: kind:", "unknown value 'agensi'"),
    (ORG_HEADER + "x-org\tX Org\tid\t\tngo\tcharity\t\t\t\n", ":2: sector:", "unknown value 'charity'"),
    (ORG_HEADER + "\n# comment\nx-org\t\tid\t\tngo\tngo\t\t\t\n", ":4: name:", "empty, but required"),
    (ORG_HEADER + "x-org\tX Org\tid\t\tngo\tngo\tno-such-parent\t\t\n", ":2: parent:", "no organisation has the id"),
    (ORG_HEADER + "bappenas\tX Org\tid\t\tngo\tngo\t\t\t\n", ":2: id:", "duplicate of the row at lexicon/common"),
    (ORG_HEADER + "X Org\tX Org\tid\t\tngo\tngo\t\t\t\n", ":2: id:", "is not a lowercase slug"),
    (ORG_HEADER + "x-org\tX Org\tid\t\tngo\tngo\t\t\t12345\n", ":2: wikidata:", "is not a Wikidata Q-id"),
    ("id\tname\tlang\tacronym\tkind\tsector\tparent\taliases\twikidata\tnotes\n", ":1: notes:", "unknown column"),
    ("id\tname\tlang\tacronym\tkind\tsector\tparent\taliases\n", ":1: wikidata:", "missing column"),
    ("cue\tclass\tfoo\n", ":1: foo:", "unknown column"),
    ("pattern\trole\tlabel_id\tlabel_en\ttakes_org\tpublic\tlang\nKetua\tchair\tKetua\tChair\tmaybe\tno\tid\n",
     ":2: takes_org:", "'maybe' is neither yes nor no"),
    ("id\tname\tkind\tcountry\tprovince\taliases\twikidata\tnetworks\nx-town\tX Town\ttown\tindonesia\t\t\t\t\n",
     ":2: kind:", "unknown value 'town'"),
    ("id\tname\tkind\tcountry\tprovince\taliases\twikidata\tnetworks\nx-town\tX Town\tcity\tjakarta\t\t\t\t\n",
     ":2: country:", "no place of kind country has the id 'jakarta'"),
    ("id\tname\tkind\tcountry\tprovince\taliases\twikidata\tnetworks\nx-town\tX Town\tcity\t\t\t\t\t\n",
     ":2: country:", "empty, but required for a city"),
])
def test_lexicon_malformed_user_file(tmp_path, text, where, message):
    path = _write(tmp_path / "en" / "user.tsv", text)
    with pytest.raises(LexiconError) as caught:
        load_lexicon([path])
    assert str(caught.value).startswith(f"{path}{where}")
    assert message in str(caught.value)
    assert caught.value.exit_code == 2


def test_lexicon_per_language_user_file_needs_a_language(tmp_path):
    path = _write(tmp_path / "stuff" / "speech_verbs.tsv", "verb\tstance\nopined\tneutral\n")
    with pytest.raises(LexiconError, match=r"speech_verbs\.tsv:1: lang: .*add a lang column"):
        load_lexicon([path])


def test_lexicon_missing_or_unreadable_user_file(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon file"):
        load_lexicon([tmp_path / "absent.tsv"])
    path = tmp_path / "latin1.tsv"
    path.write_bytes(b"cue\tclass\nd\xe9bat\tForum\n")
    with pytest.raises(LexiconError, match="not UTF-8"):
        load_lexicon([path])


def test_lexicon_a_country_by_the_short_name_the_press_uses(lex):
    assert lex.place("Saudi").id == lex.place("Arab Saudi").id == "saudi-arabia"
