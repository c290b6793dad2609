"""Organisation kinds and sectors: from head words ("Polres ...", "Pengadilan Negeri ...", "Partai ...") and the
lexicon, so that ``jj:sector`` is what a reader of the news would say. Governments, legislatures, courts, prosecutors,
police, armed forces and political parties are government; companies, state-owned enterprises and business
associations private; universities and research institutes academic; NGOs and foundations ngo; mass, religious and
professional associations and trade unions community. The sentences and the people in them are invented."""

from __future__ import annotations

from importlib.resources import files

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from jejaring.ingest.document import Document
from jejaring.ingest.lexicon import ORGANISATION_KINDS, SECTORS, UNIT_KINDS, load_lexicon
from jejaring.ingest.mapping import SECTOR_OF_KIND, entity_iri, map_extraction
from jejaring.ingest.pipeline import extract_document
from jejaring.ingest.records import Organisation

JJ_SECTOR = ox.NamedNode("https://w3id.org/jejaring/ns#sector")
KIND = "https://w3id.org/jejaring/id/org-kind/"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def extract(lex, text: str, language: str = "id"):
    return extract_document(Document("x.txt", text, language=language), lex)


def organisation(ex, name: str) -> Organisation:
    found = [e for e in ex.entities.values() if isinstance(e, Organisation) and e.name == name]
    assert found, f"no organisation {name!r} in {[e.name for e in ex.entities.values()]}"
    return found[0]


def sector(ex, org: Organisation) -> str | None:
    """The ``jj:sector`` the document graph gives the organisation, as its local name."""
    node = entity_iri(org, ex)
    node = node if isinstance(node, ox.NamedNode) else ox.NamedNode(str(node))
    found = {t.object.value.rsplit("/", 1)[-1] for t in map_extraction(ex) if t.subject == node and t.predicate == JJ_SECTOR}
    assert len(found) <= 1
    return next(iter(found), None)


# -- the scheme of kinds and the sectors they imply ------------------------------------------------------------------
def test_org_kinds_every_kind_is_a_concept_with_labels_and_a_definition():
    graph = Graph().parse(data=files("jejaring.ontology").joinpath("kinds.ttl").read_text(encoding="utf-8"),
                          format="turtle")
    for kind in ORGANISATION_KINDS:
        concept = URIRef(KIND + kind)
        for prop in ("prefLabel", "definition"):
            languages = {o.language for o in graph.objects(concept, URIRef(SKOS + prop)) if isinstance(o, Literal)}
            assert {"id", "en"} <= languages, (kind, prop)
        assert (concept, URIRef(SKOS + "notation"), Literal(kind)) in graph


def test_org_kinds_every_kind_implies_a_sector():
    assert set(SECTOR_OF_KIND) == set(ORGANISATION_KINDS)
    assert set(SECTOR_OF_KIND.values()) <= SECTORS


@pytest.mark.parametrize(("kind", "sector_id"), [
    ("court", "government"), ("prosecutor", "government"), ("police", "government"), ("military", "government"),
    ("parliament", "government"), ("political-party", "government"), ("ministry", "government"),
    ("regency-government", "government"), ("state-enterprise", "private"), ("company", "private"),
    ("business-association", "private"), ("university", "academic"), ("research-institute", "academic"),
    ("ngo", "ngo"), ("foundation", "ngo"), ("association", "community"), ("religious-organisation", "community"),
    ("trade-union", "community"), ("international-organisation", "international"),
])
def test_org_kinds_sector_rule(kind, sector_id):
    assert SECTOR_OF_KIND[kind] == sector_id


def test_org_kinds_new_kinds_are_formal_organisations():
    # regional commands are units by their head word ("Polres", "Kodim"), not by their kind
    assert not {"court", "prosecutor", "police", "military", "political-party", "association"} & UNIT_KINDS


# -- the lexicon's rows follow the rule ------------------------------------------------------------------------------
RULED = ("state-enterprise", "company", "business-association", "court", "prosecutor", "police", "military",
         "political-party", "ministry", "parliament", "university", "religious-organisation", "trade-union")


def test_org_kinds_lexicon_rows_give_their_kinds_sector(lex):
    wrong = [(o.id, o.kind, o.sector) for o in lex.organisations if o.kind in RULED and o.sector != SECTOR_OF_KIND[o.kind]]
    wrong += [(a.name, a.kind, a.sector) for a in lex.agency_types if a.kind in RULED and a.sector != SECTOR_OF_KIND[a.kind]]
    assert wrong == []


def test_org_kinds_state_enterprises_are_private(lex):
    enterprises = [o for o in lex.organisations if o.kind == "state-enterprise"]
    assert len(enterprises) >= 60
    assert {o.sector for o in enterprises} == {"private"}
    assert {a.sector for a in lex.agency_types if a.kind == "state-enterprise"} == {"private"}


@pytest.mark.parametrize(("name", "lexicon_id", "kind"), [
    ("Kemenkeu", "kemenkeu", "ministry"), ("Kemhan", "kemenhan", "ministry"), ("Komdigi", "komdigi", "ministry"),
    ("Kementerian Sekretariat Negara", "kemensetneg", "ministry"), ("Kemenko Polkam", "kemenko-polkam", "ministry"),
    ("Bank Indonesia", "bank-indonesia", "national-agency"), ("OJK", "ojk", "national-agency"),
    ("Bawaslu RI", "bawaslu", "national-agency"), ("Badan Gizi Nasional", "bgn", "national-agency"),
    ("Kejaksaan Agung", "kejaksaan-agung", "prosecutor"), ("Mahkamah Konstitusi", "mahkamah-konstitusi", "court"),
    ("Mabes Polri", "polri", "police"), ("TNI AD", "tni-ad", "military"), ("PDI Perjuangan", "pdi-p", "political-party"),
    ("Partai Golkar", "golkar", "political-party"), ("Bank Rakyat Indonesia", "bri", "state-enterprise"),
    ("Danantara", "danantara", "state-enterprise"), ("Bank Jatim", "bank-jatim", "state-enterprise"),
    ("Universitas Sebelas Maret", "uns", "university"), ("PBNU", "nahdlatul-ulama", "religious-organisation"),
    ("Majelis Ulama Indonesia", "mui", "religious-organisation"), ("KSPI", "kspi", "trade-union"),
    ("Apindo", "apindo", "business-association"), ("YLBHI", "ylbhi", "foundation"), ("ICW", "icw", "ngo"),
    ("Dana Moneter Internasional", "imf", "international-organisation"),
])
def test_org_kinds_lexicon_knows_the_institution(lex, name, lexicon_id, kind):
    entries = lex.organisation_by_name(name) or lex.organisation_by_acronym(name)
    assert [(e.id, e.kind) for e in entries] == [(lexicon_id, kind)]


def test_org_kinds_generic_regional_bodies(lex):
    for acronym, kind in (("Polres", "police"), ("Polda", "police"), ("Kodim", "military"), ("Kejari", "prosecutor"),
                          ("PN", "court"), ("PTUN", "court"), ("KPU", "national-agency"), ("Kanwil", "kantor")):
        assert lex.agency_type(acronym).kind == kind, acronym
    assert lex.agency_type("Pengadilan Negeri").acronym == "PN"


# -- extraction: the organisation named, its kind, the sector in the graph -------------------------------------------
CASES = [
    # police, armed forces, prosecutors, courts: the place after the head word stays in the name
    ("Kapolres Boyolali AKBP Rina Marlina mengatakan Polres Boyolali telah menangkap dua tersangka.", "id",
     "Polres Boyolali", "police", "government"),
    ("Polda Jawa Tengah menurunkan 300 personel untuk pengamanan.", "id", "Polda Jawa Tengah", "police", "government"),
    ("Koramil Ampel membantu warga membersihkan saluran.", "id", "Koramil Ampel", "military", "government"),
    ("Berkas perkara itu dilimpahkan ke Kejaksaan Negeri Sleman pekan lalu.", "id", "Kejaksaan Negeri Sleman",
     "prosecutor", "government"),
    ("Hakim Pengadilan Negeri Surakarta menunda sidang itu.", "id", "Pengadilan Negeri Surakarta", "court",
     "government"),
    ("Perkara itu ditangani Mahkamah Agung sejak tahun lalu.", "id", "Mahkamah Agung", "court", "government"),
    # governments and legislatures
    ("Pemkab Boyolali menyiapkan lokasi pengungsian.", "id", "Pemkab Boyolali", "regency-government", "government"),
    ("Komisi IV DPR RI meminta pemerintah menjaga harga beras.", "id", "Komisi IV DPR RI", "parliament",
     "government"),
    ("Kementerian Keuangan menyalurkan dana desa tahap kedua.", "id", "Kementerian Keuangan", "ministry",
     "government"),
    # political parties: government
    ("Ketua Umum Partai Harapan Rakyat, Budi Santosa, mengatakan partainya siap.", "id", "Partai Harapan Rakyat",
     "political-party", "government"),
    ("Gerindra dan PDI-P sepakat mendukung usulan itu.", "id", "PDI-P", "political-party", "government"),
    # companies, state-owned enterprises and business associations: private
    ("PT Maju Jaya Sentosa Tbk mencatat laba bersih Rp 2 triliun.", "id", "PT Maju Jaya Sentosa Tbk", "company",
     "private"),
    ("Bank Jateng menyalurkan kredit usaha rakyat.", "id", "Bank Jateng", "state-enterprise", "private"),
    ("Asosiasi Pengusaha Indonesia meminta kepastian upah.", "id", "Asosiasi Pengusaha Indonesia",
     "business-association", "private"),
    # universities and research institutes: academic
    ("Universitas Sebelas Maret menggelar wisuda pekan ini.", "id", "Universitas Sebelas Maret", "university",
     "academic"),
    ("Lembaga Survei Indonesia merilis hasil survei terbaru.", "id", "Lembaga Survei Indonesia",
     "research-institute", "academic"),
    # NGOs and foundations: ngo
    ("Yayasan Cahaya Bangsa menyalurkan bantuan ke Boyolali.", "id", "Yayasan Cahaya Bangsa", "foundation", "ngo"),
    ("Lembaga Bantuan Hukum Semarang mendampingi para nelayan.", "id", "Lembaga Bantuan Hukum Semarang", "ngo",
     "ngo"),
    # associations, religious organisations, trade unions: community
    ("Ikatan Dokter Indonesia mengingatkan bahaya polusi.", "id", "Ikatan Dokter Indonesia", "association",
     "community"),
    ("Muhammadiyah dan PBNU menyerukan ketenangan.", "id", "PBNU", "religious-organisation", "community"),
    ("Serikat Pekerja Kereta Api menolak rencana itu.", "id", "Serikat Pekerja Kereta Api", "trade-union",
     "community"),
    ("Pondok Pesantren Al Hikmah menggelar pengajian akbar.", "id", "Pondok Pesantren Al Hikmah",
     "religious-organisation", "community"),
    # international organisations
    ("Dana Moneter Internasional (IMF) memangkas proyeksi pertumbuhan.", "id", "Dana Moneter Internasional",
     "international-organisation", "international"),
    # English head words
    ("The Constitutional Court rejected the petition on Monday.", "en", "Constitutional Court", "court",
     "government"),
    ("Central Java Police arrested two suspects.", "en", "Central Java Police", "police", "government"),
    ("The Faculty of Engineering of Diponegoro University hosted the seminar.", "en",
     "Faculty of Engineering of Diponegoro University", "university", "academic"),
]


@pytest.mark.parametrize(("text", "language", "name", "kind", "sector_id"), CASES)
def test_org_kinds_extraction_gives_kind_and_sector(lex, text, language, name, kind, sector_id):
    ex = extract(lex, text, language)
    org = organisation(ex, name)
    assert org.org_kind == kind
    assert sector(ex, org) == sector_id


def test_org_kinds_state_enterprise_named_with_its_legal_form_is_private(lex):
    ex = extract(lex, "Direktur Utama PT Kereta Api Indonesia (Persero) Dedi Kurniawan mengatakan tiket sudah habis.")
    kai = ex.entities["organisation:kai"]
    assert (kai.org_kind, sector(ex, kai)) == ("state-enterprise", "private")
    # the person's sector, as the news scorer reads it, is that of the body they hold a post in
    held = [m.organisation for m in ex.memberships if ex.entities[m.person].name == "Dedi Kurniawan"]
    assert "organisation:kai" in held


def test_org_kinds_acronym_of_a_regional_body_keeps_its_place(lex):
    ex = extract(lex, "Bawaslu Kabupaten Klaten menerima tiga laporan pelanggaran.")
    org = organisation(ex, "Bawaslu Kabupaten Klaten")
    assert (org.org_kind, sector(ex, org)) == ("national-agency", "government")
