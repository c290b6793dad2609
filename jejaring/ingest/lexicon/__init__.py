"""The lexicon: domain knowledge as TSV files, read once, with lookups that ignore case, accents and punctuation.

The shipped files live beside this module (``common/`` for tables shared by all languages, one folder per
language, ``id/`` and ``en/``, for the others) and are read with :mod:`importlib.resources`. Each is UTF-8,
tab-separated, its first row the header; lines starting with ``#`` are comments and ``|`` separates the
values of a multi-valued cell. A user may add rows with files of their own (:func:`load_lexicon`). Every
table is declared once (``_TABLES``: its file, columns, checks and entry class) and read by the one loader;
the languages are those of the folders and of the user's rows, so a new language is a folder of files.

The lexicon holds general knowledge of Indonesian local government and of international urban-resilience
networks (agencies, acronyms, post titles, honorifics, degrees, places, cue words), never a person's name
and never one document's answers. The words the extraction rules read (joiners, labels, function words) are
data too: the named lists of ``words.tsv`` (:data:`WORD_LISTS`, :meth:`Lexicon.words`).

Examples
--------
>>> lex = load_lexicon()
>>> lex.agency_type("BPBD").name
'Badan Penanggulangan Bencana Daerah'
>>> [o.id for o in lex.organisation_by_name("Pemprov DKI")]
['pemprov-dki-jakarta']
>>> lex.place("Jakarta").kind, lex.place("Korea Selatan").id
('city', 'south-korea')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import cache, cached_property, lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jejaring.errors import LexiconError

__all__ = [
    "BOILERPLATE_PLACES",
    "BUSINESS_KINDS",
    "EVENT_CLASSES",
    "HONORIFIC_KINDS",
    "ORGANISATION_KINDS",
    "PARTICIPATION_ROLES",
    "PARTICIPATION_SIDES",
    "PLACE_KINDS",
    "REGIONAL_UNIT_KINDS",
    "SECTORS",
    "STANCES",
    "THEMES",
    "UNIT_KINDS",
    "WORD_LISTS",
    "AdoptionCue",
    "AgencyType",
    "BoilerplatePattern",
    "EventCue",
    "HonorificEntry",
    "KindWord",
    "LessonCue",
    "Lexicon",
    "MonthName",
    "OrgHead",
    "OrganisationEntry",
    "ParticipationCue",
    "PlaceEntry",
    "PostEntry",
    "ProgrammeCue",
    "SpeechVerb",
    "Stopword",
    "ThemeKeyword",
    "Word",
    "alternation",
    "load_lexicon",
    "normalise",
]

#: Kinds of organisation (``kind`` in organisations.tsv, agency_types.tsv, org_heads.tsv).
ORGANISATION_KINDS = frozenset({
    "city-government", "provincial-government", "regency-government", "national-government", "ministry",
    "national-agency", "dinas", "suku-dinas", "badan", "biro", "bagian", "sekretariat", "inspektorat", "kantor",
    "unit", "kecamatan", "kelurahan", "desa", "parliament", "state-enterprise", "company", "ngo", "foundation",
    "community-group", "university", "research-institute", "international-organisation", "international-network",
    "foreign-government", "donor-agency", "programme-secretariat", "court", "prosecutor", "police", "military",
    "political-party", "association", "religious-organisation", "trade-union", "business-association",
})
#: Organisation kinds that are units of a larger body (org:OrganizationalUnit).
UNIT_KINDS = frozenset({
    "dinas", "suku-dinas", "badan", "biro", "bagian", "sekretariat", "inspektorat", "kantor", "unit",
    "kecamatan", "kelurahan", "desa", "parliament", "programme-secretariat",
})
#: Kinds of the units a regional government is made of (its perangkat daerah).
REGIONAL_UNIT_KINDS = frozenset({"dinas", "suku-dinas", "badan", "biro", "bagian", "inspektorat", "sekretariat",
                                 "kecamatan", "kelurahan"})
#: Kinds of business: their names may open with any proper name ("Wilmar Group").
BUSINESS_KINDS = frozenset({"company", "state-enterprise"})
#: The organisation kind of a locality's government, by the locality's place kind.
_GOVERNMENT_KINDS = {"city": "city-government", "regency": "regency-government", "province": "provincial-government"}
#: Sectors of organisations.
SECTORS = frozenset({"government", "ngo", "international", "private", "academic", "community"})
#: Kinds of place, in the order :meth:`Lexicon.place` prefers them when a name fits several.
PLACE_KINDS = ("city", "regency", "province", "country", "region")
#: Event classes (subclasses of ``schema:Event`` in the jejaring ontology).
EVENT_CLASSES = frozenset({
    "LearningVisit", "PublicDiscussion", "Workshop", "Forum", "Meeting", "PublicConsultation", "Summit",
    "Congress", "Conference", "Training", "Seminar", "Ceremony", "Session",
})
#: Stances of speech verbs.
STANCES = frozenset({"neutral", "supports", "proposes"})
#: Theme ids of lessons.
THEMES = frozenset({
    "leadership", "integrated-planning", "participation", "inclusion", "collaboration-governance",
    "disaster-preparedness", "environment", "mobility", "housing-settlements", "water-sanitation", "public-health",
    "economy-livelihoods", "education-youth", "children", "data-technology", "capacity-building", "financing",
    "culture-heritage", "public-services",
})
#: Roles in an event that a participation cue introduces: ``host`` ("menyambut X") makes the agent before it the
#: organiser and the one after it an attendee; ``represents`` ("mewakili X", "on behalf of X") makes the agent
#: before it the attendee and a person or post after it the one absent, ``represented-by`` ("diwakili oleh X")
#: the other way round; an organisation represented takes part either way.
PARTICIPATION_ROLES = frozenset({"attendee", "organiser", "host", "represents", "represented-by"})
#: Where the agents a participation cue introduces stand: after it, before it (the subject), around it (both), or
#: before it when the event is named right after the cue (``subject``: "X membuka lokakarya", not "X membuka peluang").
PARTICIPATION_SIDES = frozenset({"after", "before", "around", "subject"})
#: Kinds of the forms around a name: before it (honorific, title) or after it (degree).
HONORIFIC_KINDS = frozenset({"honorific", "title", "degree"})
#: Where a boilerplate pattern drops a line: anywhere, only above the first content line, or (a heading of a
#: related-articles list) with everything after it.
BOILERPLATE_PLACES = frozenset({"line", "top", "tail"})

#: The word lists of ``words.tsv`` (column ``list``), each read by one or a few rules, and what each holds.
WORD_LISTS: Mapping[str, str] = {
    "name_joiners": (
        "Lowercase words that may join capitalised words inside one name ('Dinas Pemuda dan Olahraga', 'Ministry of"
        " Home Affairs', 'van der')."
    ),
    "and_words": "The word 'and': it joins two names, or two items of a list.",
    "as_well_as": "Words for 'as well as': they join two items of a list, never the words inside one.",
    "initials_cues": (
        "Words before the initials the text gives for a person ('tersangka berinisial RM', 'the initials RM'): "
        "the press names suspects, victims and witnesses so; the initials are that person's name."
    ),
    "co_author_words": (
        "Words after an author's name for the other authors of a cited work ('Wiratmo dkk. (2021)', 'Wiratmo et al.')."
    ),
    "alias_words": (
        "Words between a person's name and another name of the same person ('Rina Marlina alias Rina', 'yang "
        "akrab disapa', 'also known as')."
    ),
    "or_words": (
        "The word 'or': between two names it gives the second name of one person only when that name opens with an "
        "honorific or shares a word with the first ('Muhaimin Iskandar atau Cak Imin')."
    ),
    "acronym_connectors": (
        "Small words an acronym may skip ('BPBD' for 'Badan Penanggulangan Bencana Daerah', 'UN' not 'UNO')."
    ),
    "abbreviations": (
        'Abbreviations (lower case, without their last full stop) after which a full stop does not end a sentence.'
    ),
    "weekdays": (
        "Day names and their abbreviations (any case): they may stand before a numeric date ('Rabu (29/11/2018)')."
    ),
    "year_cues": "Words after which a bare four-digit number is a year ('tahun 2019', 'in 2019').",
    "range_words": "Words between the two ends of a range of dates ('19 sampai 23 Maret', 'June 8 to 11').",
    "day_of_words": "The word between a day and its month ('13th of June 2019').",
    "ordinal_suffixes": "Endings of ordinal day numbers ('13th June').",
    "ordinal_prefixes": "Beginnings of ordinal numbers, which a title may hold ('Presiden ke-7'); lower case.",
    "report_genre_words": (
        "Words that make a document a report when its title or first lines hold them (not right after a number: '30"
        " minutes')."
    ),
    "page_words": "The word 'page' of a page number line ('Halaman 3 dari 10').",
    "page_of_words": "The word 'of' of a page number line ('Page 3 of 10').",
    "furniture_classes": (
        "Words of the class or id of a web page's furniture (share buttons, menus): links inside are no references."
    ),
    "name_particles": "Lowercase particles inside a person's name ('Van der Berg', 'bin').",
    "name_openers": "Words that open a person's name before its first capitalised word (Balinese 'I Wayan', 'Ni Luh').",
    "person_labels": (
        "Labels followed by a colon and a person's name ('Moderator:', 'Disusun oleh :'); as written, case matters."
    ),
    "person_labels_before_place": (
        "Labels followed by a capitalised place name, a colon and a person's name ('Liaison in Rotterdam:')."
    ),
    "verbs_after_name": (
        "Verbs that make the capitalised words before them a person's name ('Hendra menjelaskan', 'Anna said')."
    ),
    "also_words": (
        "Words for 'also' that may stand between a subject and its verb ('Hendra juga menjelaskan', 'who also "
        "serves as')."
    ),
    "by_words": "The word 'by' before an agent ('dipimpin oleh X', 'led by X').",
    "bare_degrees": (
        "Degrees written without full stops that may follow a name after a comma ('..., MURP'); as written."
    ),
    "weak_bare_degrees": (
        'Of the bare degrees, those that alone do not make the capitalised words before them a name (also common '
        'abbreviations).'
    ),
    "before_post": (
        "Words between a name's comma and the post after it ('X, selaku Kepala ...', 'X, a staff member of ...')."
    ),
    "from_words": "Words for 'from' or 'of' between a person's name and an organisation ('X dari Plan Indonesia').",
    "definite_articles": "The word 'the', which may open the name of an organisation, place or site.",
    "articles": "Articles, set aside at the start of a name ('the', 'a').",
    "post_words": "Words of post titles after which ', Name,' names the holder ('Kepala Dinas X, Budi,'); as written.",
    "second_post_words": "Words introducing a second post held at the same time ('selaku', 'as well as').",
    "relative_pronouns": "The relative pronoun of 'who also acts as' ('yang juga menjabat sebagai').",
    "acts_as_verbs": "Verbs of 'who acts as' before a second post.",
    "as_words": "The word 'as' before a post ('sebagai', 'as').",
    "post_possessives": "Words that may stand between 'as' and a second post ('as the city's', 'sebagai kota').",
    "post_breaks": 'Words that end a post title: a second post follows.',
    "role_tails": "English role words that end a post title ('Research Manager'); capitalised, as written.",
    "role_tails_lower": "Role words that end a post title written in lower case ('a staff member of ...').",
    "locality_prepositions": "Words before the locality inside a post title ('Kepala Dinas di Kota X', 'Head of ...').",
    "post_locality_heads": (
        "Level words that open the locality inside a post title ('Provinsi DKI Jakarta'); as written."
    ),
    "field_words": "Words introducing a post's field ('bidang Tata Ruang', 'for Urban Planning').",
    "bare_provinces": "Provinces named without the word for their level ('DKI Jakarta'); as written.",
    "bare_cities": "Cities named without the word for their level ('Jakarta Utara'); as written.",
    "post_label_trailing_words": "Words dropped from the end of a post's label: they belong to what follows.",
    "title_joiners": (
        "Lowercase words that may stand inside a post title ('Kepala Seksi ... pada Dinas ...', 'Head of ...')."
    ),
    "post_body_links": "Words that link a title to the organisation after it ('a researcher at ...'); lower case.",
    "post_body_heads": (
        "Words after which a comma continues a post title into its body ('Kepala Seksi X, Dinas ...'); as written."
    ),
    "title_trailing_words": 'Words dropped from the end of a post title: they belong to what follows.',
    "locality_heads": "Level words that open a locality after an organisation's name ('Kota Semarang'); as written.",
    "government_head_prefixes": (
        "Beginnings of head words that name a government ('Pemerintah', 'Pemprov'): such a name wins over others."
    ),
    "office_heads": "Head words naming the office of a body named next ('Kantor BPBD ...'): the body is meant.",
    "proper_name_heads": (
        "Head words a proper name must follow ('Bank Jateng'); before a common noun they name a kind of thing, not "
        "a body ('Bank Sampah', 'Bank Emas'); as written."
    ),
    "delegation_heads": (
        "Head words that, with only a place after them, name that place's delegation, not a body ('Tim Kendari'); "
        "as written."
    ),
    "then_words": (
        "Words after a title saying its holder held it then, no longer ('Presiden saat itu, ...', 'the mayor at the "
        "time, ...'); any case."
    ),
    "business_nouns": (
        "Lowercase nouns for a business before its name ('the engineering firm Delta Rekayasa', 'perusahaan otobus "
        "Sinar Lestari'): the name after them is a company's; lower case."
    ),
    "government_words": (
        "Words for 'the government (of)' before the place it governs ('pemerintah Arab Saudi', 'the government of "
        "Japan'): the place's government is meant; any case."
    ),
    "address_area_heads": (
        "Head words of the areas an address lists ('Desa ...', 'Kecamatan ...'): in an address the area is a "
        "place, not its government; as written."
    ),
    "number_words": "Words before a number ('Nomor 731', 'No. 5', 'Tahap II'): a name of a body ends before them.",
    "address_street_heads": (
        "Words that open the street or settlement part of an address ('Jalan Melati, Kelurahan ...'): the areas "
        "after it are where, not who; as written."
    ),
    "address_openers": (
        "Words after which an address begins ('di Kecamatan ...', 'wilayah Desa ...'): where, not who; a visit "
        "'ke Kelurahan ...' may have a host."
    ),
    "prefix_head_links": (
        "Words an English head word needs after it to open a name ('Ministry of ...', 'Agency for ...')."
    ),
    "name_trailing_words": "Words dropped from the end of an organisation's name: they belong to what follows.",
    "academic_roles": (
        "Roles (the posts table's slugs) of research, teaching and expert comment ('researcher', 'lecturer', "
        "'analyst'): their holder, where no body is named, is of the academic sector."
    ),
    "suffix_name_breaks": "Words after which the name ending in a suffix head begins ('X of the Y Secretariat').",
    "address_units": (
        "Acronyms of the units of an address ('RT 03 RW 05'): with a number they place a home, alone they name no "
        "particular body ('Ketua RW')."
    ),
    "new_body_heads": (
        "Head words that begin another body's name even right after a body's name ('Komisi II DPR Fraksi X': the "
        "faction is no part of the commission's name)."
    ),
    "group_nouns": (
        "Nouns for a group of people ('Warga', 'Mahasiswa', 'Residents'): a name read wrongly takes one in at a "
        "sentence's or a headline's start; alone, it names no one."
    ),
    "locality_of_words": "The word between a body and its region in English ('BPBD of DKI Jakarta').",
    "locality_levels_after": "Level words after a place name in English ('Semarang City'); as written.",
    "locality_level_words": (
        "Words for the level of a locality, dropped to leave the place ('Kota Semarang' -> 'Semarang'); lower case."
    ),
    "acronym_locality_drop": (
        "Words taken out of a locality before looking an acronym up in it ('Provinsi DKI Jakarta'); as written."
    ),
    "place_name_prefixes": "Level words that belong to a place's mention ('Kota Seoul' is the city Seoul); as written.",
    "place_level_words": (
        "Capitalised words before a place that only say what kind of place it is ('Kota', 'City'); as written."
    ),
    "lesson_markers": (
        "Words after a lesson cue that introduce the lessons named in running text ('... adalah sikap inklusif')."
    ),
    "lesson_end_words": (
        "Words that end a lesson named in running text ('... yang perlu ...', '... should ...'); as written."
    ),
    "lesson_generic_heads": (
        "Generic words dropped from the start of a lesson named in running text ('sikap inklusif' -> 'inklusif')."
    ),
    "lesson_source_words": (
        "Words before the city a lesson came from, in the lesson's title or description ('learned from Seoul')."
    ),
    "lesson_source_brackets": (
        "Words that open a bracket after a lesson's title to name the city it came from ('(from Seoul)')."
    ),
    "title_case_small_words": 'Small words kept in lower case when an all-capitals heading is title-cased.',
    "document_heading_words": (
        "Words of an all-capitals heading that names the document ('LAPORAN', 'MINUTES'), not an event."
    ),
    "date_prepositions": (
        "Words before a date at the end of an event's name ('Workshop of July 2019'): the date is not part of the "
        'name.'
    ),
    "event_held_prepositions": "Words before the place where an event is held ('Workshop ... in Medan').",
    "event_doing_verbs": (
        "Verbs of carrying out a visit or a study before its kind of event ('melakukan studi banding ke ...', "
        "'conducted a study visit to ...'): the event is a new one, its subject takes part; any case."
    ),
    "event_name_breaks": (
        "Words that end an event's name read from capitalised words: a verb of its taking place ('Lokakarya X "
        "Digelar', 'Forum Y Opens'), or a word for the document about it ('Study Visit Report')."
    ),
    "event_demonstratives": (
        "Words after a cue that make it a reference back to an event ('lokakarya ini', 'acara tersebut'); in "
        "English before it ('this workshop')."
    ),
    "event_generic_words": (
        "Words for any event, a reference back to the event in scope when a demonstrative goes with them ('acara "
        "tersebut', 'kegiatan ini', 'the event')."
    ),
    "indefinite_articles": (
        "Indefinite articles before an event's cue: a new event, not one named before ('a final workshop')."
    ),
    "event_title_words": (
        "Words between an event's cue and its quoted title ('lokakarya bertema \"...\"', 'a session titled \"...\"')."
    ),
    "event_object_ends": (
        "Words that end the object of a verb reporting an event ('meluncurkan X pada ...', 'launched X under ...')."
    ),
    "subject_pronouns": "Pronouns standing for the person named last, as a sentence's subject ('ia', 'he').",
    "negations": "Words before a participation cue that deny it ('tidak hadir', 'did not attend').",
    "passive_auxiliaries": "Auxiliaries before a verb that make it passive ('was launched').",
    "passive_prefixes": "Prefixes of a passive verb ('dilantik', 'diluncurkan').",
    "event_as_words": (
        "Words before what a person is made at an event that a verb reports ('dilantik jadi Kepala Dinas', 'sworn in "
        "as')."
    ),
    "object_joiners": (
        "The word between an event a verb reports and what the verb acts on, in the event's name ('Launch of X'; "
        "'Peluncuran X' needs none)."
    ),
    "possessive_determiners": (
        "Possessive determiners opening what a verb reporting an event acts on, left out of the event's name "
        "('launched its strategy')."
    ),
    "list_number_words": (
        "Words before the numbers of a numbered list that name its items ('personel nomor 1, 2 dan 3', 'numbers 1 "
        "to 3')."
    ),
    "place_prepositions": "Words before a place ('di Jakarta', 'in Seoul', 'at City Hall').",
    "to_words": "The word 'to' of a destination ('kunjungan ke Seoul', 'visit to Rotterdam').",
    "date_field_labels": (
        "Labels of a line giving a date as a field ('Hari / tanggal :', 'Date:'); a space matches any spaces, none "
        'too.'
    ),
    "site_visit_cues": (
        "Words introducing a site visited in an agenda ('Site visit: ...', 'Kunjungan ke ...'); as written."
    ),
    "example_cues_before": "Words introducing an example named after them ('contohnya X', 'such as X').",
    "example_cues_after": "Words naming the words before them an example ('X itu contohnya').",
    "copulas": "The word 'is' between a cue and a name ('contohnya adalah X').",
    "demonstratives": "Demonstratives between a name and an example cue ('X itu contohnya').",
    "programme_cues_after_name": (
        "Programme cues that follow the name in English word order ('the Happiness Cafe programme')."
    ),
    "area_nouns": "Nouns for an area that make the name after them a place, not a project ('kawasan Kemang').",
    "programme_cue_objects": (
        "Words after a programme cue that ends a name, taking the words after them into it ('Framework for ...')."
    ),
    "programme_name_joiners": (
        "Lowercase words that may stand inside a programme's name ('Jakarta menuju Kota Tangguh')."
    ),
    "posts_before_programme": (
        "Post words that make the programme cue after them part of a post title ('Manajer Program ...'); as "
        'written.'
    ),
    "restoration_cues": (
        "Programme cues after which lowercase words may come before the name ('restorasi sungai Cheonggye'); lower "
        'case.'
    ),
    "setting_prepositions": (
        "Words opening a setting before a sentence's subject ('Pada kesempatan ini, ...', 'At the forum, ...'); as "
        'written.'
    ),
    "complementisers": "The word 'that' after a verb of saying ('menjelaskan bahwa', 'said that').",
    "represented_by": "Words saying that an organisation was represented by the persons after them ('diwakili oleh').",
    "members_intro": (
        "Words after an organisation's name that introduce the persons it consists of ('tim X, yaitu A, B dan C', "
        "'the team, namely A and B'); any case."
    ),
    "representing": (
        "Words after a person's name saying they speak for the organisation after them ('sebagai wakil', "
        "'representing'); any case."
    ),
    "earlier_post_when": "Words opening a clause about an earlier post ('saat ... menjabat'); as written.",
    "earlier_post_verb": "Verbs of holding a post in such a clause ('menjabat', 'served as'); as written.",
    "interval_start": "Words before a date that opens a post's period ('sejak Februari 2019'); lower case.",
    "interval_end": "Words before a date that closes a post's period ('hingga akhir 2018'); lower case.",
    "former_words": "Words before a title that say its holder no longer holds it ('mantan', 'former'); lower case.",
    "period_end_words": "Words between such a word and its date, for the end of the period ('akhir', 'end of'); lower case.",
    "lesson_words": "Words naming lessons, which a sentence about taking lessons up uses ('pembelajaran', 'lesson').",
    "group_heads": "Words before a bracketed list of organisations that make its acronyms organisations ('LSM (...)').",
}

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANG = re.compile(r"[a-z]{2,3}")
_QID = re.compile(r"Q[1-9][0-9]*")
_YES_NO = {"yes": True, "no": False}


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """The form lookups compare in: accents stripped, case folded, punctuation and runs of spaces to one space.

    The extractors use it as ``jejaring.ingest.extract.names.fold``: one function, so index keys and folded
    mentions agree.

    Examples
    --------
    >>> normalise("  Dinas Komunikasi, Informatika dan  Statistik ")
    'dinas komunikasi informatika dan statistik'
    >>> normalise("São Paulo")
    'sao paulo'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# -- entries ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OrganisationEntry:
    """A named organisation (organisations.tsv); ``acronym`` is the preferred short form, others are aliases."""

    id: str
    name: str
    lang: str
    acronym: str | None
    kind: str
    sector: str
    parent: str | None
    aliases: tuple[str, ...]
    wikidata: str | None


@dataclass(frozen=True)
class AgencyType:
    """A generic regional body found in every province, city or regency ("BPBD", "Kelurahan")."""

    acronym: str | None
    name: str
    lang: str
    kind: str
    sector: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PlaceEntry:
    """A place of the gazetteer; ``country`` and ``province`` are ids of other places."""

    id: str
    name: str
    kind: str
    country: str | None
    province: str | None
    aliases: tuple[str, ...]
    wikidata: str | None
    networks: tuple[str, ...]


@dataclass(frozen=True)
class PostEntry:
    """A post title (``pattern``) and the role it names; ``lang`` is the language of the pattern."""

    pattern: str
    role: str
    label_id: str
    label_en: str
    takes_org: bool
    public: bool
    lang: str


@dataclass(frozen=True)
class HonorificEntry:
    """A form around a name: an honorific or title before it, a degree after it."""

    form: str
    kind: str
    expansion: str | None
    lang: str


@dataclass(frozen=True)
class EventCue:
    """A word naming an event, the event's class (column ``class``), and the verbs that report one happening
    ("meluncurkan" for "peluncuran", "launched" for "launch")."""

    cue: str
    event_class: str
    lang: str
    verbs: tuple[str, ...] = ()


@dataclass(frozen=True)
class LessonCue:
    """A word or phrase introducing a list of lessons."""

    cue: str
    lang: str


@dataclass(frozen=True)
class SpeechVerb:
    """A verb of saying or attribution, with the stance it gives to what is said; ``before_name`` when it
    may stand right before the speaker's name ("..., ujar Budi", "..., said Anna")."""

    verb: str
    stance: str
    before_name: bool
    lang: str


@dataclass(frozen=True)
class ProgrammeCue:
    """The head word of programme, project and strategy names."""

    cue: str
    lang: str


@dataclass(frozen=True)
class ThemeKeyword:
    """A keyword pointing to a theme of lessons."""

    keyword: str
    theme: str
    lang: str


@dataclass(frozen=True)
class ParticipationCue:
    """Words introducing who took part in an event ("dihadiri oleh", "organised by"), their role, and on which
    side of the cue the agents stand (``after``: "dihadiri oleh X"; ``before``: "X memaparkan"; ``around``: both;
    ``subject``: before it, when the event is named right after it: "X menghadiri lokakarya")."""

    cue: str
    role: str
    lang: str
    side: str = "after"


@dataclass(frozen=True)
class AdoptionCue:
    """Words saying that lessons were taken up into a programme or strategy ("diadopsi", "integrated into")."""

    cue: str
    lang: str


@dataclass(frozen=True)
class RoleVerb:
    """A verb saying that its subject holds a role in the organisation after it ("memimpin", "coordinated");
    ``role`` is a role of the posts table."""

    verb: str
    role: str
    lang: str


@dataclass(frozen=True)
class OrgHead:
    """A word that begins (``prefix``) or ends (``suffix``) an organisation's name, and the kind it implies."""

    head: str
    position: str
    kind: str
    unit: bool
    lang: str


@dataclass(frozen=True)
class KindWord:
    """A lowercase word after a capitalised name telling what kind of body it names ("Duri Utara urban
    village"); ``alias_head`` begins the body's name in Indonesian ("Kelurahan Duri Utara")."""

    word: str
    kind: str
    unit: bool
    alias_head: str
    lang: str


@dataclass(frozen=True)
class LocalityGovernment:
    """The government a locality in a post title implies: ``head`` opens the locality ("Kota"), ``government``
    is the government's name with ``{}`` for the rest ("Pemerintah Kota {}"); a ``bare`` row also serves a
    locality named without a head when the gazetteer gives it ``kind`` ("DKI Jakarta", a province)."""

    head: str
    kind: str
    government: str
    bare: bool


@dataclass(frozen=True)
class PostBody:
    """The body a post title names by what follows its pattern: "Gubernur Riau" -> "Pemerintah Provinsi Riau",
    "Menteri Keuangan" -> "Kementerian Keuangan". ``rest`` says what must follow: ``place`` (a place of the
    gazetteer), ``country`` (a country of the gazetteer), ``field`` (capitalised words) or ``none`` (the short
    title names its body alone: "Menkeu");
    ``body`` puts it where ``{}`` stands; ``kind`` is the body's."""

    pattern: str
    body: str
    rest: str
    kind: str
    lang: str


@dataclass(frozen=True)
class MonthName:
    """A month's name or abbreviation (``name``, matched in any case) and its number 1-12."""

    name: str
    month: str
    lang: str

    @property
    def number(self) -> int:
        """The month's number, 1-12."""
        return int(self.month)


@dataclass(frozen=True)
class BoilerplatePattern:
    """A line of page furniture, as a regular expression matched (in any case) against a whole stripped line;
    ``where`` it drops lines: ``line`` anywhere, ``top`` above the first content line, ``tail`` a heading
    after which the rest of the text (in the second half) goes too."""

    pattern: str
    where: str
    note: str | None


@dataclass(frozen=True)
class ShortForm:
    """A short form that stands for words of a body's name ("Pemkab": "Pemerintah Kabupaten", "RI": "Republik
    Indonesia"): names that differ only by them name one body."""

    short: str
    long: str
    lang: str


@dataclass(frozen=True)
class Stopword:
    """A frequent word of a language: language detection counts them, and none is part of a name."""

    word: str
    lang: str


@dataclass(frozen=True)
class Word:
    """A word (or phrase) of a named word list (:data:`WORD_LISTS`); ``lang`` is None for a list's words that
    belong to no one language (``common/words.tsv``)."""

    list: str
    word: str
    lang: str | None


# -- table specifications --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Table:
    """How one table's files look and how a row becomes an entry."""

    name: str
    per_language: bool
    columns: tuple[str, ...]
    entry: type
    required: frozenset[str] = frozenset()
    multi: frozenset[str] = frozenset()
    booleans: frozenset[str] = frozenset()
    choices: Mapping[str, frozenset[str]] = field(default_factory=dict)
    patterns: Mapping[str, tuple[re.Pattern[str], str]] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)  # columns a header may leave out
    renames: Mapping[str, str] = field(default_factory=dict)  # column -> field name
    regexes: frozenset[str] = frozenset()  # columns holding regular expressions, checked when read
    shared: bool = False  # a per-language table that common/ may hold too, for rows of no one language
    attribute: str = ""  # the Lexicon attribute holding the rows, when not the table's name

    @property
    def field_name(self) -> str:
        return self.attribute or self.name

    @property
    def file(self) -> str:
        return self.name + ".tsv"

    def fits(self, header: list[str]) -> bool:
        """True when ``header`` is this table's (in any order, optional columns and a lang column allowed)."""
        given = set(header)
        if len(given) != len(header):
            return False
        if self.per_language:
            given.discard("lang")
        return set(self.columns) - set(self.defaults) <= given <= set(self.columns)


_KIND_CHOICE = {"kind": ORGANISATION_KINDS}
_TABLES = (
    _Table("organisations", False, ("id", "name", "lang", "acronym", "kind", "sector", "parent", "aliases", "wikidata"),
           OrganisationEntry, frozenset({"id", "name", "lang", "kind", "sector"}), frozenset({"aliases"}),
           choices={"kind": ORGANISATION_KINDS, "sector": SECTORS},
           patterns={"id": (_SLUG, "a lowercase slug (a-z, 0-9, hyphens)"), "lang": (_LANG, "a language code"),
                     "parent": (_SLUG, "the id of another row"), "wikidata": (_QID, "a Wikidata Q-id")}),
    _Table("agency_types", False, ("acronym", "name", "lang", "kind", "sector", "aliases"), AgencyType,
           frozenset({"name", "lang", "kind", "sector"}), frozenset({"aliases"}),
           choices={"kind": ORGANISATION_KINDS, "sector": SECTORS},
           patterns={"lang": (_LANG, "a language code")}),
    _Table("places", False, ("id", "name", "kind", "country", "province", "aliases", "wikidata", "networks"),
           PlaceEntry, frozenset({"id", "name", "kind"}), frozenset({"aliases", "networks"}),
           choices={"kind": frozenset(PLACE_KINDS)},
           patterns={"id": (_SLUG, "a lowercase slug (a-z, 0-9, hyphens)"), "country": (_SLUG, "a place id"),
                     "province": (_SLUG, "a place id"), "wikidata": (_QID, "a Wikidata Q-id"),
                     "networks": (_SLUG, "a lowercase slug")}),
    _Table("posts", True, ("pattern", "role", "label_id", "label_en", "takes_org", "public"), PostEntry,
           frozenset({"pattern", "role", "label_id", "label_en", "takes_org", "public"}),
           booleans=frozenset({"takes_org", "public"}), patterns={"role": (_SLUG, "a lowercase slug")}),
    _Table("honorifics", True, ("form", "kind", "expansion"), HonorificEntry, frozenset({"form", "kind"}),
           choices={"kind": HONORIFIC_KINDS}),
    _Table("event_cues", True, ("cue", "class", "verbs"), EventCue, frozenset({"cue", "class"}), frozenset({"verbs"}),
           choices={"class": EVENT_CLASSES}, renames={"class": "event_class"}, defaults={"verbs": ""}),
    _Table("lesson_cues", True, ("cue",), LessonCue, frozenset({"cue"})),
    _Table("speech_verbs", True, ("verb", "stance", "before_name"), SpeechVerb, frozenset({"verb", "stance"}),
           booleans=frozenset({"before_name"}), choices={"stance": STANCES}, defaults={"before_name": "no"}),
    _Table("programme_cues", True, ("cue",), ProgrammeCue, frozenset({"cue"})),
    _Table("themes", True, ("keyword", "theme"), ThemeKeyword, frozenset({"keyword", "theme"}),
           choices={"theme": THEMES}),
    _Table("participation_cues", True, ("cue", "role", "side"), ParticipationCue, frozenset({"cue", "role"}),
           choices={"role": PARTICIPATION_ROLES, "side": PARTICIPATION_SIDES}, defaults={"side": "after"}),
    _Table("adoption_cues", True, ("cue",), AdoptionCue, frozenset({"cue"})),
    _Table("role_verbs", True, ("verb", "role"), RoleVerb, frozenset({"verb", "role"}),
           patterns={"role": (_SLUG, "a lowercase slug")}),
    _Table("org_heads", True, ("head", "position", "kind", "unit"), OrgHead,
           frozenset({"head", "position", "kind", "unit"}), booleans=frozenset({"unit"}),
           choices={**_KIND_CHOICE, "position": frozenset({"prefix", "suffix"})}, defaults={"position": "prefix"}),
    _Table("kind_words", True, ("word", "kind", "unit", "alias_head"), KindWord,
           frozenset({"word", "kind", "unit", "alias_head"}), booleans=frozenset({"unit"}), choices=_KIND_CHOICE),
    _Table("locality_governments", False, ("head", "kind", "government", "bare"), LocalityGovernment,
           frozenset({"head", "kind", "government"}), booleans=frozenset({"bare"}), defaults={"bare": "no"},
           choices={"kind": frozenset(PLACE_KINDS)},
           patterns={"government": (re.compile(r"[^{}]*\{\}[^{}]*"), "a name with one {} for the locality")}),
    _Table("post_bodies", True, ("pattern", "body", "rest", "kind"), PostBody,
           frozenset({"pattern", "body", "rest", "kind"}),
           choices={"rest": frozenset({"place", "country", "field", "none"}), "kind": ORGANISATION_KINDS},
           patterns={"body": (re.compile(r"[^{}]*(?:\{\}[^{}]*)?"),
                              "a name with at most one {} for what follows the title")}),
    _Table("short_forms", True, ("short", "long"), ShortForm, frozenset({"short", "long"})),
    _Table("months", True, ("name", "month"), MonthName, frozenset({"name", "month"}),
           patterns={"month": (re.compile(r"[1-9]|1[0-2]"), "a month number 1-12")}),
    _Table("boilerplate", False, ("pattern", "where", "note"), BoilerplatePattern, frozenset({"pattern"}),
           choices={"where": BOILERPLATE_PLACES}, defaults={"where": "line", "note": ""},
           regexes=frozenset({"pattern"})),
    _Table("stopwords", True, ("word",), Stopword, frozenset({"word"}), attribute="stopword_entries"),
    _Table("words", True, ("list", "word"), Word, frozenset({"list", "word"}), choices={"list": frozenset(WORD_LISTS)},
           shared=True, attribute="word_entries"),
)
_BY_NAME = {t.name: t for t in _TABLES}
# the key a row must not share with another row of the same table (and language)
_KEYS: dict[str, Callable[[Any], object]] = {
    "agency_types": lambda e: e.name.casefold(),
    "posts": lambda e: e.pattern.casefold(),
    "honorifics": lambda e: (e.form, e.kind),
    "event_cues": lambda e: e.cue.casefold(),
    "lesson_cues": lambda e: e.cue.casefold(),
    "speech_verbs": lambda e: e.verb.casefold(),
    "programme_cues": lambda e: e.cue.casefold(),
    "themes": lambda e: e.keyword.casefold(),
    "participation_cues": lambda e: e.cue.casefold(),
    "adoption_cues": lambda e: e.cue.casefold(),
    "role_verbs": lambda e: e.verb.casefold(),
    "org_heads": lambda e: (e.head, e.position),
    "kind_words": lambda e: e.word.casefold(),
    "locality_governments": lambda e: e.head.casefold(),
    "post_bodies": lambda e: e.pattern.casefold(),
    "short_forms": lambda e: e.short,
    "months": lambda e: e.name.lower(),
    "stopwords": lambda e: e.word.lower(),
    "words": lambda e: (e.list, e.word),
}


@dataclass(frozen=True)
class _Row:
    """An entry with where it was read, for messages about it."""

    table: str
    entry: Any
    where: str
    line: int


def _fail(where: str, line: int, column: str, problem: str) -> LexiconError:
    return LexiconError(f"{where}:{line}: {column}: {problem}")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines that are neither blank nor comments."""
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _parse(table: _Table, where: str, text: str, lang: str | None, header: list[str] | None = None,
           header_line: int = 0, common: bool = False) -> list[_Row]:
    """The rows of one file of ``table``; ``lang`` is the folder's language for per-language tables, and
    ``common`` tells that a shared table's rows without a lang column belong to no one language."""
    lines = _lines(text)
    if header is None:
        first = next(lines, None)
        if first is None:
            return []
        header_line, line = first
        header = [c.strip() for c in line.split("\t")]
        _check_header(table, where, header_line, header)
    rows = []
    for number, line in lines:
        if number <= header_line:
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != len(header):
            raise _fail(where, number, "row", f"{len(cells)} cells, expected {len(header)} "
                                               f"({', '.join(header)}); cells are separated by tabs")
        values = dict(zip(header, cells, strict=True))
        row_lang = values.pop("lang", None) if table.per_language else None
        if table.per_language and not (common and not row_lang):
            row_lang = row_lang or lang
            if not row_lang or not _LANG.fullmatch(row_lang):
                raise _fail(where, number, "lang", f"{row_lang or 'empty'!r} is not a language code (id, en, ...)")
        rows.append(_Row(table.name, _entry(table, where, number, values, row_lang), where, number))
    return rows


def _check_header(table: _Table, where: str, line: int, header: list[str]) -> None:
    allowed = set(table.columns) | ({"lang"} if table.per_language else set())
    for column in header:
        if column not in allowed:
            raise _fail(where, line, column, f"unknown column; the columns of {table.file} are "
                                             f"{', '.join(table.columns)}")
        if header.count(column) > 1:
            raise _fail(where, line, column, "column given twice")
    for column in table.columns:
        if column not in header and column not in table.defaults:
            raise _fail(where, line, column, f"missing column; the columns of {table.file} are "
                                             f"{', '.join(table.columns)}")


def _entry(table: _Table, where: str, line: int, values: dict[str, str], lang: str | None) -> Any:
    kwargs: dict[str, Any] = {}
    for column in table.columns:
        value = values.get(column) or table.defaults.get(column, "")
        if not value and column in table.required:
            raise _fail(where, line, column, "empty, but required")
        if value and column in table.regexes:
            try:
                re.compile(value)
            except re.error as e:
                raise _fail(where, line, column, f"not a regular expression ({e})") from None
        items = [v.strip() for v in value.split("|") if v.strip()] if column in table.multi else [value]
        for item in items if value else []:
            if column in table.choices and item not in table.choices[column]:
                raise _fail(where, line, column, f"unknown value {item!r}; expected one of "
                                                 f"{', '.join(sorted(table.choices[column]))}")
            if column in table.patterns and not table.patterns[column][0].fullmatch(item):
                raise _fail(where, line, column, f"{item!r} is not {table.patterns[column][1]}")
            if column in table.booleans and item not in _YES_NO:
                raise _fail(where, line, column, f"{item!r} is neither yes nor no")
        name = table.renames.get(column, column)
        if column in table.multi:
            kwargs[name] = tuple(items)
        elif column in table.booleans:
            kwargs[name] = _YES_NO[value]
        else:
            kwargs[name] = value or None
    if table.per_language:
        kwargs["lang"] = lang
    return table.entry(**kwargs)


# -- reading -----------------------------------------------------------------------------------------------------
def _shipped_files() -> Iterator[tuple[_Table, str, Traversable, str | None]]:
    """(table, name for messages, resource, language) of every shipped lexicon file: ``common/`` first, then
    a folder per language, whatever languages there are folders for."""
    root = files(__name__)
    folders = sorted((f for f in root.iterdir() if f.is_dir() and (f.name == "common" or _LANG.fullmatch(f.name))),
                     key=lambda f: (f.name != "common", f.name))
    for folder in folders:
        common = folder.name == "common"
        for table in _TABLES:
            if table.per_language == common and not (common and table.shared):
                continue
            resource = folder / table.file
            if resource.is_file():
                yield table, f"lexicon/{folder.name}/{table.file}", resource, (
                    folder.name if table.per_language and not common else None)


@cache
def _shipped_rows() -> tuple[_Row, ...]:
    """The rows of every shipped table."""
    rows: list[_Row] = []
    for table, where, resource, lang in _shipped_files():
        rows += _parse(table, where, resource.read_text(encoding="utf-8"), lang,
                       common=table.per_language and lang is None)
    return tuple(rows)


def _user_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(path.rglob("*.tsv"))
        elif path.is_file():
            yield path
        else:
            raise LexiconError(f"{path}: no such lexicon file or folder")


def _user_rows(path: Path) -> list[_Row]:
    """The rows of a user file, its table told by its header (and, where headers are alike, by its name)."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise LexiconError(f"{where}: not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8") from None
    except OSError as e:
        raise LexiconError(f"{where}: cannot be read ({e.strerror})") from None
    first = next(_lines(text), None)
    if first is None:
        return []
    line, header_text = first
    header = [c.strip() for c in header_text.split("\t")]
    candidates = [t for t in _TABLES if t.fits(header)]
    if len(candidates) > 1:
        candidates = [t for t in candidates if t.name in path.stem] or candidates
    if not candidates:
        best = max(_TABLES, key=lambda t: len(set(header) & set(t.columns)) - len(set(t.columns) - set(header)))
        _check_header(best, where, line, header)
        raise _fail(where, line, "header", f"matches no lexicon table; expected the header of one of "
                                           f"{', '.join(t.file for t in _TABLES)}")
    if len(candidates) > 1:
        names = " or ".join(t.file for t in candidates)
        raise _fail(where, line, "header", f"fits {names}; put the table's name in the file name ({names})")
    table = candidates[0]
    lang = None
    common = table.shared and path.parent.name == "common"
    if table.per_language and "lang" not in header and not common:
        lang = path.parent.name
        if not _LANG.fullmatch(lang):
            raise _fail(where, line, "lang", f"{table.file} is per language: add a lang column, or put the file "
                                             f"in a folder named after its language (id, en, ...)")
    return _parse(table, where, text, lang, header, line, common)


def _check_references(rows: list[_Row]) -> None:
    """Unique ids and keys; parents, countries and provinces that exist and are of the right kind."""
    firsts: dict[tuple[str, object], _Row] = {}
    for row in rows:
        if row.table in ("organisations", "places"):
            key: object = row.entry.id
            column = "id"
        elif row.table in _KEYS:
            key = (getattr(row.entry, "lang", None), _KEYS[row.table](row.entry))
            column = _BY_NAME[row.table].columns[0]
        else:
            continue
        first = firsts.setdefault((row.table, key), row)
        if first is not row:
            raise _fail(row.where, row.line, column, f"duplicate of the row at {first.where}:{first.line}")
    orgs = {r.entry.id for r in rows if r.table == "organisations"}
    place_kind = {r.entry.id: r.entry.kind for r in rows if r.table == "places"}
    for row in rows:
        e = row.entry
        if row.table == "organisations" and e.parent is not None:
            if e.parent not in orgs:
                raise _fail(row.where, row.line, "parent", f"no organisation has the id {e.parent!r}")
            if e.parent == e.id:
                raise _fail(row.where, row.line, "parent", "an organisation cannot be its own parent")
        if row.table == "places":
            if e.country is None and e.kind not in ("country", "region"):
                raise _fail(row.where, row.line, "country", f"empty, but required for a {e.kind}")
            for column, kind in (("country", "country"), ("province", "province")):
                ref = getattr(e, column)
                if ref is not None and place_kind.get(ref) != kind:
                    raise _fail(row.where, row.line, column, f"no place of kind {kind} has the id {ref!r}")


def _lexicon(rows: Iterable[_Row]) -> Lexicon:
    rows = list(rows)
    _check_references(rows)
    tables: dict[str, list[Any]] = {t.name: [] for t in _TABLES}
    for row in rows:
        tables[row.table].append(row.entry)
    return Lexicon(**{_BY_NAME[name].field_name: tuple(entries) for name, entries in tables.items()})


@cache
def _shipped_lexicon() -> Lexicon:
    return _lexicon(_shipped_rows())


def load_lexicon(extra: Iterable[Path] = ()) -> Lexicon:
    """The shipped lexicon, plus the rows of the user's files in ``extra``.

    A user file is a TSV like the shipped ones; its header row tells which table its rows join (the
    columns of exactly one table, in any order; an optional column, such as org_heads' ``position``,
    may be left out). Where tables have the same header (lesson_cues, programme_cues and
    adoption_cues), the file's name must contain the table's name. A per-language table's file takes
    its language from a ``lang`` column, or else from the name of its folder (``id/``, ``en/``, or a
    new language's code); a word list file (``words.tsv``) in a folder named ``common/`` holds words of
    no one language. A folder in ``extra`` stands for every ``.tsv`` file under it. The shipped lexicon
    is read once and cached.

    Parameters
    ----------
    extra : iterable of Path
        User lexicon files or folders, read in order after the shipped files.

    Returns
    -------
    Lexicon
        Every table, shipped rows first.

    Raises
    ------
    LexiconError
        A file cannot be read, has an unknown or missing column, a row with the wrong number of cells,
        an empty required cell, an unknown kind, sector, class, stance, theme or word list, a month that
        is not 1-12, a boilerplate pattern that is not a regular expression, a duplicate id or key, or a
        parent, country or province id that does not exist. The message names the file, the
        line and the column: ``file:line: column: what is wrong``.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex is load_lexicon()
    True
    >>> lex.posts[0].lang in ("id", "en")
    True
    """
    paths = list(extra)
    if not paths:
        return _shipped_lexicon()
    added: list[_Row] = []
    for path in _user_files(paths):
        added += _user_rows(path)
    return _lexicon([*_shipped_rows(), *added])


# -- the lexicon and its lookups ---------------------------------------------------------------------------------
def _index(pairs: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    """Normalised key -> entries, in the order given, each entry once per key."""
    out: dict[str, list[Any]] = {}
    for key, entry in pairs:
        key = normalise(key)
        if key:
            found = out.setdefault(key, [])
            if not any(e is entry for e in found):
                found.append(entry)
    return out


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every table of the lexicon, with lookups that ignore case, accents, punctuation and extra spaces.

    ``organisations``, ``agency_types``, ``places`` and ``boilerplate`` are shared by all languages; the
    other tables hold entries of every language, each carrying its ``lang`` (a word of ``common/words.tsv``
    has none). The word lists of :data:`WORD_LISTS` are read with :meth:`words`, :meth:`word_pattern` and
    :meth:`alternation`.
    """

    organisations: tuple[OrganisationEntry, ...] = ()
    agency_types: tuple[AgencyType, ...] = ()
    places: tuple[PlaceEntry, ...] = ()
    posts: tuple[PostEntry, ...] = ()
    honorifics: tuple[HonorificEntry, ...] = ()
    event_cues: tuple[EventCue, ...] = ()
    lesson_cues: tuple[LessonCue, ...] = ()
    speech_verbs: tuple[SpeechVerb, ...] = ()
    programme_cues: tuple[ProgrammeCue, ...] = ()
    themes: tuple[ThemeKeyword, ...] = ()
    participation_cues: tuple[ParticipationCue, ...] = ()
    adoption_cues: tuple[AdoptionCue, ...] = ()
    role_verbs: tuple[RoleVerb, ...] = ()
    org_heads: tuple[OrgHead, ...] = ()
    kind_words: tuple[KindWord, ...] = ()
    locality_governments: tuple[LocalityGovernment, ...] = ()
    post_bodies: tuple[PostBody, ...] = ()
    short_forms: tuple[ShortForm, ...] = ()
    months: tuple[MonthName, ...] = ()
    boilerplate: tuple[BoilerplatePattern, ...] = ()
    stopword_entries: tuple[Stopword, ...] = ()
    word_entries: tuple[Word, ...] = ()

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every entry: two lexicons with the same fingerprint extract the same facts."""
        return hashlib.sha256("\n".join(repr(getattr(self, f.name)) for f in fields(self)).encode()).hexdigest()

    # languages and words
    @cached_property
    def languages(self) -> tuple[str, ...]:
        """The languages the lexicon has rows of (from the folders, and the user's files), sorted.

        >>> load_lexicon().languages
        ('en', 'id')
        """
        found = {getattr(e, "lang", None) for t in _TABLES if t.per_language for e in getattr(self, t.field_name)}
        return tuple(sorted(lang for lang in found if lang))

    @cached_property
    def stopwords(self) -> frozenset[str]:
        """The stopwords of every language, folded (:func:`normalise`)."""
        return frozenset(normalise(e.word) for e in self.stopword_entries)

    @cached_property
    def stopwords_by_language(self) -> dict[str, frozenset[str]]:
        """Each language's stopwords, in lower case."""
        out: dict[str, set[str]] = {}
        for e in self.stopword_entries:
            out.setdefault(e.lang, set()).add(e.word.lower())
        return {lang: frozenset(words) for lang, words in out.items()}

    @cached_property
    def month_numbers(self) -> dict[str, int]:
        """Month names and abbreviations, in lower case, to their numbers (1-12).

        >>> load_lexicon().month_numbers["juni"], load_lexicon().month_numbers["sept"]
        (6, 9)
        """
        return {m.name.lower(): m.number for m in self.months}

    def boilerplate_patterns(self, where: str) -> list[str]:
        """The boilerplate patterns that drop lines at ``where`` (line, top or tail), in file order."""
        return [b.pattern for b in self.boilerplate if b.where == where]

    @cached_property
    def _word_lists(self) -> dict[tuple[str, str | None], frozenset[str]]:
        lists: dict[tuple[str, str | None], set[str]] = {}
        for w in self.word_entries:
            lists.setdefault((w.list, "*"), set()).add(w.word)  # every language's
            lists.setdefault((w.list, w.lang), set()).add(w.word)  # one language's, or (None) no one language's
        return {key: frozenset(found) for key, found in lists.items()}

    def words(self, list_name: str, lang: str | None = None) -> frozenset[str]:
        """The words of a word list (:data:`WORD_LISTS`), as written: of every language, or of ``lang`` and
        of no one language (``common/words.tsv``).

        Raises
        ------
        KeyError
            ``list_name`` is not a word list.

        Examples
        --------
        >>> sorted(load_lexicon().words("year_cues"))
        ['in', 'pada', 'tahun', 'year']
        >>> sorted(load_lexicon().words("year_cues", "id"))
        ['pada', 'tahun']
        """
        if list_name not in WORD_LISTS:
            raise KeyError(f"{list_name!r} is not a word list; the lists are {', '.join(sorted(WORD_LISTS))}")
        lists = self._word_lists
        if lang is None:
            return lists.get((list_name, "*"), frozenset())
        return lists.get((list_name, lang), frozenset()) | lists.get((list_name, None), frozenset())

    def alternation(self, list_name: str, lang: str | None = None, space: str = r"\s+") -> str:
        """A word list as a regular expression group ``(?:...)`` to build a rule's pattern with: the words
        escaped, longest first, each space in a word matching ``space``; it matches nothing when the list is
        empty. The pattern's flags (case) and boundaries are the caller's.

        Examples
        --------
        >>> load_lexicon().alternation("year_cues", "id")
        '(?:tahun|pada)'
        """
        key = (list_name, lang, space)
        if key not in self._alternations:
            self._alternations[key] = alternation(self.words(list_name, lang), space)
        return self._alternations[key]

    @cached_property
    def _alternations(self) -> dict[tuple[str, str | None, str], str]:
        return {}

    def word_pattern(self, list_name: str, lang: str | None = None) -> re.Pattern[str]:
        """A pattern finding the words of a word list in text: whole words, any case, longest first, a space
        in a word matching any run of spaces.

        Examples
        --------
        >>> load_lexicon().word_pattern("year_cues").findall("Pada tahun 2019, in a year")
        ['Pada', 'tahun', 'in', 'year']
        """
        key = (list_name, lang)
        if key not in self._word_patterns:
            self._word_patterns[key] = _cue_pattern(self.words(list_name, lang))
        return self._word_patterns[key]

    @cached_property
    def _word_patterns(self) -> dict[tuple[str, str | None], re.Pattern[str]]:
        return {}

    # indexes, built on first use
    @cached_property
    def org_heads_by_word(self) -> dict[tuple[bool, str], tuple[OrgHead, ...]]:
        """Head words by (is a prefix head, first word), longest head first."""
        index: dict[tuple[bool, str], list[OrgHead]] = {}
        for head in sorted(self.org_heads, key=lambda h: -len(h.head.split())):
            index.setdefault((head.position == "prefix", head.head.split()[0]), []).append(head)
        return {key: tuple(heads) for key, heads in index.items()}

    def suffix_heads(self, name: str) -> list[OrgHead]:
        """The head words that end ``name`` as an organisation's ("... International Centre"), longest first.

        >>> [h.head for h in load_lexicon().suffix_heads("Karimata Learning Centre")]
        ['Centre']
        """
        return [h for h in self._suffix_heads if name.endswith(" " + h.head)]

    @cached_property
    def _suffix_heads(self) -> tuple[OrgHead, ...]:
        return tuple(sorted((h for h in self.org_heads if h.position == "suffix"), key=lambda h: -len(h.head)))

    @cached_property
    def _generic_forms(self) -> frozenset[str]:
        return frozenset(normalise(f) for a in self.agency_types for f in (a.acronym or "", a.name, *a.aliases))

    def _org_names(self, entry: OrganisationEntry) -> list[str]:
        """The names an organisation goes by: name, aliases, and an acronym that is not a generic type's."""
        names = [entry.name, *entry.aliases]
        if entry.acronym and normalise(entry.acronym) not in self._generic_forms:
            names.append(entry.acronym)
        return names

    @cached_property
    def _country_suffixes(self) -> tuple[tuple[str, str], ...]:
        """Each national government's country names, folded with a space before them (" ri", " indonesia" ...), and
        the government's id, from the gazetteer's row of the country its own names end in."""
        out = []
        for o in self.organisations:
            if o.kind == "national-government":
                country = next((p for n in (o.name, *o.aliases) for i in range(1, len(n.split()))
                                if (p := self.place(" ".join(n.split()[i:]))) is not None and p.kind == "country"),
                               None)
                if country is not None:
                    out += [(" " + normalise(c), o.id) for c in (country.name, *country.aliases)]
        return tuple(out)

    def _government_of(self, entry: OrganisationEntry) -> str | None:
        """The id of the national government above ``entry`` (a ministry, or a unit of one), if any."""
        seen = set()
        while entry.kind != "national-government" and entry.parent and entry.parent not in seen:
            seen.add(entry.parent)
            entry = self.organisation_by_id(entry.parent) or entry
        return entry.id if entry.kind == "national-government" else None

    @cached_property
    def _orgs_by_name(self) -> dict[str, list[OrganisationEntry]]:
        return _index((n, o) for o in self.organisations for n in self._org_names(o))

    @cached_property
    def _orgs_by_acronym(self) -> dict[str, list[OrganisationEntry]]:
        return _index((o.acronym, o) for o in self.organisations if o.acronym)

    @cached_property
    def _orgs_by_id(self) -> dict[str, OrganisationEntry]:
        return {o.id: o for o in self.organisations}

    @cached_property
    def _agency_index(self) -> dict[str, list[AgencyType]]:
        return _index((f, a) for a in self.agency_types for f in (a.acronym or "", a.name, *a.aliases))

    @cached_property
    def _place_index(self) -> dict[str, list[PlaceEntry]]:
        return _index((n, p) for p in self.places for n in (p.name, *p.aliases))

    @cached_property
    def _places_by_id(self) -> dict[str, PlaceEntry]:
        return {p.id: p for p in self.places}

    @cached_property
    def _theme_pattern(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        theme_of: dict[str, str] = {}
        for t in self.themes:
            theme_of.setdefault(normalise(t.keyword), t.theme)
        words = sorted((k for k in theme_of if k), key=lambda k: (-len(k), k))
        if not words:
            return None, theme_of
        return re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, words)) + r")(?!\S)"), theme_of

    @cached_property
    def _cue_words(self) -> dict[str, frozenset[str]]:
        """Each language's one-word cues and speech verbs, folded."""
        out: dict[str, set[str]] = {}
        for c in (*self.event_cues, *self.lesson_cues, *self.programme_cues, *self.participation_cues,
                  *self.adoption_cues):
            out.setdefault(c.lang, set()).add(normalise(c.cue))
        for v in self.speech_verbs:
            out.setdefault(v.lang, set()).add(normalise(v.verb))
        return {lang: frozenset(w for w in words if w and " " not in w) for lang, words in out.items()}

    @cached_property
    def _common_words(self) -> frozenset[str]:
        return self.stopwords.union(*self._cue_words.values())

    # lookups
    def organisation_by_name(self, name: str) -> list[OrganisationEntry]:
        """The organisations named ``name``: by name, alias, or an acronym that is not a generic agency type.

        An acronym every region has ("BPBD", "Satpol PP") names no one organisation: look it up with
        :meth:`organisation_by_acronym` and :meth:`agency_type`.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> [o.id for o in lex.organisation_by_name("pemprov dki")]
        ['pemprov-dki-jakarta']
        >>> [o.id for o in lex.organisation_by_name("BPBD")]
        []
        """
        found = self._orgs_by_name.get(normalise(name))
        return list(found) if found else self.national_body_by_name(name)

    def national_body_by_name(self, name: str) -> list[OrganisationEntry]:
        """The bodies of a national government named with its country after the name ("Kementerian Keuangan RI",
        "Direktorat Jenderal Pajak Republik Indonesia"); never another country's ministry of that name
        ("Kementerian Dalam Negeri Australia").

        >>> [o.id for o in load_lexicon().national_body_by_name("Kementerian Keuangan RI")]
        ['kemenkeu']
        """
        folded = normalise(name)
        for suffix, government in self._country_suffixes:
            if folded.endswith(suffix):
                base = self._orgs_by_name.get(folded[:-len(suffix)], ())
                if found := [o for o in base if self._government_of(o) == government]:
                    return found
        return []

    def organisation_by_acronym(self, acronym: str) -> list[OrganisationEntry]:
        """The organisations whose (preferred) acronym is ``acronym``.

        Examples
        --------
        >>> [o.id for o in load_lexicon().organisation_by_acronym("Bappenas")]
        ['bappenas']
        """
        return list(self._orgs_by_acronym.get(normalise(acronym), ()))

    def organisation_by_id(self, id: str) -> OrganisationEntry | None:
        """The organisation with the lexicon id ``id``, if any."""
        return self._orgs_by_id.get(id)

    def organisation_name_index(self) -> dict[str, dict[int, list[tuple[str, OrganisationEntry]]]]:
        """Organisation names for matching runs of words: first word -> word count -> (name, entry) pairs.

        Keys and names are normalised; a name's first word and its word count are those of its
        space-separated words ("UN-Habitat Indonesia": first word ``un habitat``, two words).

        Examples
        --------
        >>> index = load_lexicon().organisation_name_index()
        >>> [name for name, _ in index["pemprov"][2]][:1]
        ['pemprov dki']
        """
        return self._name_index

    @cached_property
    def _name_index(self) -> dict[str, dict[int, list[tuple[str, OrganisationEntry]]]]:
        out: dict[str, dict[int, list[tuple[str, OrganisationEntry]]]] = {}
        for entry in self.organisations:
            for name in dict.fromkeys(self._org_names(entry)):
                words = name.split()
                key, folded = normalise(words[0]) if words else "", normalise(name)
                if key:
                    out.setdefault(key, {}).setdefault(len(words), []).append((folded, entry))
        return out

    def agency_type(self, name_or_acronym: str) -> AgencyType | None:
        """The generic regional body named by ``name_or_acronym`` (its acronym, name or an alias).

        Examples
        --------
        >>> load_lexicon().agency_type("Regional Disaster Management Agency").acronym
        'BPBD'
        """
        found = self._agency_index.get(normalise(name_or_acronym))
        return found[0] if found else None

    def place_candidates(self, name: str) -> list[PlaceEntry]:
        """Every place called ``name``, the preferred first: cities, regencies, provinces, countries, regions;
        within a kind, a place so named before one with it as an alias, then file order."""
        key = normalise(name)
        found = self._place_index.get(key, [])
        return sorted(found, key=lambda p: (PLACE_KINDS.index(p.kind), normalise(p.name) != key))

    def place(self, name: str) -> PlaceEntry | None:
        """The place called ``name`` (name or alias); a city wins over a province or country of the same name.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.place("Jakarta").id, lex.place("DKI Jakarta").id
        ('jakarta', 'provinsi-dki-jakarta')
        >>> lex.place("Seoul").wikidata
        'Q8684'
        """
        found = self.place_candidates(name)
        return found[0] if found else None

    @cached_property
    def _locality_governments_longest_first(self) -> tuple[LocalityGovernment, ...]:
        return tuple(sorted(self.locality_governments, key=lambda r: -len(r.head)))

    @cached_property
    def _post_bodies_longest_first(self) -> tuple[PostBody, ...]:
        return tuple(sorted(self.post_bodies, key=lambda r: -len(r.pattern)))

    @cached_property
    def _titles_with_bodies(self) -> frozenset[str]:
        return frozenset(row.pattern.casefold() for row in self.post_bodies)

    def title_has_body(self, title: str) -> bool:
        """True when the post bodies table gives a title its body, whatever case it is written in.

        >>> lex = load_lexicon()
        >>> lex.title_has_body("Menteri"), lex.title_has_body("GUBERNUR"), lex.title_has_body("Direktur")
        (True, True, False)
        """
        return title.casefold() in self._titles_with_bodies

    def government_of_locality(self, locality: str) -> str | None:
        """The name of the government a locality in a post title implies, None when it implies none.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.government_of_locality("Kota Bogor"), lex.government_of_locality("Provinsi Jawa Barat")
        ('Pemerintah Kota Bogor', 'Pemerintah Provinsi Jawa Barat')
        >>> lex.government_of_locality("DKI Jakarta"), lex.government_of_locality("Bogor")
        ('Pemerintah Provinsi DKI Jakarta', None)
        """
        found = self._locality_government(locality)
        return found[0] if found is not None else None

    def government_kind_of_locality(self, locality: str) -> str | None:
        """The organisation kind of the government a locality implies ("Kota Bogor": ``city-government``).

        Examples
        --------
        >>> load_lexicon().government_kind_of_locality("Kabupaten Kendal")
        'regency-government'
        """
        found = self._locality_government(locality)
        return _GOVERNMENT_KINDS.get(found[1]) if found is not None else None

    def _locality_government(self, locality: str) -> tuple[str, str] | None:
        """The government's name and the locality's place kind."""
        for row in self._locality_governments_longest_first:
            if locality.startswith(row.head + " ") and locality[len(row.head):].strip():
                return row.government.format(locality[len(row.head):].strip()), row.kind
        place = self.place(locality)
        bare = next((r for r in self.locality_governments if r.bare and place is not None and r.kind == place.kind), None)
        return (bare.government.format(locality), bare.kind) if bare is not None else None

    def body_of_post(self, label: str) -> tuple[str, str] | None:
        """The name and kind of the body a post title names, None when the title names none.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.body_of_post("Wali Kota Bogor"), lex.body_of_post("Menteri Keuangan")
        (('Pemerintah Kota Bogor', 'city-government'), ('Kementerian Keuangan', 'ministry'))
        >>> lex.body_of_post("Mayor of Bogor"), lex.body_of_post("Menteri"), lex.body_of_post("Wali Kota Hebat")
        (('Pemerintah Kota Bogor', 'city-government'), None, None)
        >>> lex.body_of_post("Kapolda Jawa Tengah"), lex.body_of_post("Bupati Kabupaten Kendal")
        (('Polda Jawa Tengah', 'police'), ('Pemerintah Kabupaten Kendal', 'regency-government'))
        >>> lex.body_of_post("Presiden Jepang"), lex.body_of_post("Presiden Bandung")
        (('Pemerintah Jepang', 'national-government'), None)
        >>> lex.body_of_post("Menkeu"), lex.body_of_post("Chief Resilience Officer/CRO Semarang")
        (('Kementerian Keuangan', 'ministry'), ('Pemerintah Kota Semarang', 'city-government'))
        """
        if "/" in label:  # "Chief Resilience Officer/CRO Rotterdam": the form after the slash goes on
            return self.body_of_post(label.rsplit("/", 1)[1])
        folded = label.casefold()
        for row in self._post_bodies_longest_first:
            if row.rest == "none" and folded == row.pattern.casefold():
                return row.body, row.kind
            if row.rest == "none" or not folded.startswith(row.pattern.casefold() + " "):
                continue
            rest = label[len(row.pattern):].strip(" ,")
            words = rest.split()
            if words and words[0] in self.words("locality_of_words"):
                rest = " ".join(words[1:])
            if row.rest == "country":
                place = self.place(rest)
                if place is None or place.kind != "country":
                    return None
            elif row.rest == "place":
                government = self.government_of_locality(rest) if row.kind.endswith("-government") else None
                if government is not None:
                    return government, row.kind
                if self.place(rest) is None and self.government_of_locality(rest) is None:
                    return None
            elif not rest[:1].isupper():
                return None
            return row.body.format(rest), row.kind
        return None

    def place_by_id(self, id: str) -> PlaceEntry | None:
        """The place with the lexicon id ``id``, if any."""
        return self._places_by_id.get(id)

    def role_forms(self, role: str) -> tuple[tuple[str, str], ...]:
        """Every title the posts tables write for ``role``, with its language: the role's other names
        ("Kasi" and "Kepala Seksi" for ``head-of-section``).

        Examples
        --------
        >>> ("Kasi", "id") in load_lexicon().role_forms("head-of-section")
        True
        """
        return tuple(sorted({(p.pattern, p.lang) for p in self.posts if p.role == role}))

    def post_patterns(self, lang: str | None = None) -> list[PostEntry]:
        """Post titles, longest pattern first (of one language, or of all when ``lang`` is None).

        Examples
        --------
        >>> [p.pattern for p in load_lexicon().post_patterns("id") if p.pattern.startswith("Kepala")][-2:]
        ['Kepala Unit', 'Kepala']
        """
        return [p for p in self._posts_longest_first if lang is None or p.lang == lang]

    def starts_with_post(self, text: str, longer_than: int = 3, then: str = "") -> bool:
        """True when ``text`` starts (in any case) with a post title longer than ``longer_than`` characters,
        followed by ``then``.

        >>> load_lexicon().starts_with_post("Kepala Dinas Sosial Budi"), load_lexicon().starts_with_post("Budi")
        (True, False)
        """
        key = (longer_than, then)
        if key not in self._post_prefixes:
            self._post_prefixes[key] = tuple(p.pattern.lower() + then for p in self.posts if len(p.pattern) > longer_than)
        return text.lower().startswith(self._post_prefixes[key])

    @cached_property
    def _post_prefixes(self) -> dict[tuple[int, str], tuple[str, ...]]:
        return {}

    @cached_property
    def _posts_longest_first(self) -> list[PostEntry]:
        return sorted(self.posts, key=lambda p: (-len(p.pattern), p.pattern))

    def theme_for(self, text: str) -> str | None:
        """The theme whose keywords occur most often in ``text`` (the earliest on a tie), or None.

        Keywords match whole words, ignoring case, accents and punctuation; at one place the longest
        keyword wins ("mitigasi bencana" over "bencana").

        Examples
        --------
        >>> load_lexicon().theme_for("Kesiapsiagaan warga menghadapi banjir rob")
        'disaster-preparedness'
        """
        pattern, theme_of = self._theme_pattern
        if pattern is None:
            return None
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in pattern.finditer(normalise(text)):
            theme = theme_of[m.group()]
            counts[theme] = counts.get(theme, 0) + 1
            first.setdefault(theme, m.start())
        if not counts:
            return None
        return min(counts, key=lambda t: (-counts[t], first[t]))

    @cached_property
    def _participation(self) -> tuple[re.Pattern[str], dict[str, str], dict[str, ParticipationCue]]:
        roles: dict[str, str] = {}
        rows: dict[str, ParticipationCue] = {}
        for c in self.participation_cues:
            roles.setdefault(normalise(c.cue), c.role)
            rows.setdefault(normalise(c.cue), c)
        return _cue_pattern(c.cue for c in self.participation_cues), roles, rows

    def participation_cue_pattern(self) -> re.Pattern[str]:
        """A pattern finding participation cues in text: whole words, any case, longest cue first.

        Examples
        --------
        >>> m = load_lexicon().participation_cue_pattern().search("Acara ini dihadiri oleh 40 peserta")
        >>> m.group()
        'dihadiri oleh'
        """
        return self._participation[0]

    def participation_role(self, cue: str) -> str | None:
        """The role (attendee or organiser) a participation cue gives to whom it introduces.

        Examples
        --------
        >>> load_lexicon().participation_role("Diselenggarakan  oleh")
        'organiser'
        """
        return self._participation[1].get(normalise(cue))

    def participation_cue(self, cue: str) -> ParticipationCue | None:
        """The row of a participation cue as found in text (any case and spacing): its role and side.

        Examples
        --------
        >>> row = load_lexicon().participation_cue("Menghadiri")
        >>> row.role, row.side
        ('attendee', 'subject')
        """
        return self._participation[2].get(normalise(cue))

    @cached_property
    def _adoption(self) -> re.Pattern[str]:
        return _cue_pattern(c.cue for c in self.adoption_cues)

    def role_verb(self, verb: str) -> PostEntry | None:
        """The post a verb of holding a role names ("coordinated": the coordinator's), in the verb's language.

        Examples
        --------
        >>> load_lexicon().role_verb("memimpin").role
        'head'
        """
        row = self._role_verbs.get(normalise(verb))
        posts = [p for p in self.posts if row is not None and p.role == row.role]
        return next((p for p in posts if p.lang == row.lang), posts[0] if posts else None)

    @cached_property
    def _role_verbs(self) -> dict[str, RoleVerb]:
        return {normalise(v.verb): v for v in self.role_verbs}

    def adoption_cue_pattern(self) -> re.Pattern[str]:
        """A pattern finding adoption cues ("diadopsi", "integrated into") in text: whole words, any case."""
        return self._adoption

    def role_sector(self, role: str) -> str | None:
        """The sector a post of ``role`` places its holder in when the post names no body: government for a
        public office (every title of the role is one), academic for a role of ``academic_roles``, else None.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.role_sector("governor"), lex.role_sector("researcher"), lex.role_sector("manager")
        ('government', 'academic', None)
        """
        if role in self.words("academic_roles"):
            return "academic"
        return "government" if self._public_roles.get(role) else None

    @cached_property
    def _titles_of_role(self) -> dict[str, list[PostEntry]]:
        out: dict[str, list[PostEntry]] = {}
        for p in self.posts:
            out.setdefault(p.role, []).append(p)
        return out

    @cached_property
    def _public_roles(self) -> dict[str, bool]:
        return {role: all(p.public for p in titles) for role, titles in self._titles_of_role.items()}

    @cached_property
    def _roles_taking_org(self) -> dict[str, bool]:
        return {role: any(p.takes_org for p in titles) for role, titles in self._titles_of_role.items()}

    def role_takes_org(self, role: str) -> bool:
        """True when a post of this role is normally followed by its body (any of its titles is).

        A role the lexicon does not know is taken to name a post in some body, as most titles do.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.role_takes_org("head"), lex.role_takes_org("chief-resilience-officer")
        (True, False)
        """
        return self._roles_taking_org.get(role, True)

    def honorific_forms(self) -> list[str]:
        """Forms that stand before a name (honorifics and titles), of every language, longest first."""
        return self._title_forms[0]

    def degree_forms(self) -> list[str]:
        """Degrees that stand after a name, of every language, longest first."""
        return self._title_forms[1]

    @cached_property
    def _title_forms(self) -> tuple[list[str], list[str]]:
        return (_longest_first(h.form for h in self.honorifics if h.kind != "degree"),
                _longest_first(h.form for h in self.honorifics if h.kind == "degree"))

    @cached_property
    def _institutional_words(self) -> frozenset[str]:
        names = [*(o.name for o in self.organisations), *(a for o in self.organisations for a in o.aliases),
                 *(a.name for a in self.agency_types), *(p.pattern for p in self.posts),
                 *(p.label_id for p in self.posts), *(p.label_en for p in self.posts), *(h.head for h in self.org_heads),
                 *(c.cue for c in self.event_cues), *(c.cue for c in self.programme_cues),
                 *(t.keyword for t in self.themes)]
        return frozenset(w for name in names for w in normalise(name).split() if len(w) > 1)

    @cached_property
    def _posts_by_first_word(self) -> dict[str, list[PostEntry]]:
        out: dict[str, list[PostEntry]] = {}
        for entry in self.post_patterns():
            out.setdefault(entry.pattern.split()[0].lower(), []).append(entry)
        return out

    def post_patterns_starting(self, word: str) -> list[PostEntry]:
        """The post patterns whose first word is ``word`` (lowercase), longest first."""
        return self._posts_by_first_word.get(word.lower().rstrip(",.;:"), [])

    def long_form(self, name: str) -> str:
        """``name`` with its short forms written out, for comparing names of bodies.

        Examples
        --------
        >>> load_lexicon().long_form("Pemkab Bogor"), load_lexicon().long_form("Komisi XII DPR RI")
        ('Pemerintah Kabupaten Bogor', 'Komisi XII Dewan Perwakilan Rakyat Republik Indonesia')
        """
        return " ".join(self._long_forms.get(w, w) for w in name.split())

    @cached_property
    def _long_forms(self) -> dict[str, str]:
        return {f.short: f.long for f in self.short_forms}

    def is_institutional_word(self, word: str) -> bool:
        """True for a word of the names of organisations, posts, events or themes the lexicon knows
        ("Tata", "Ruang", "Lingkungan"): in a title it belongs to the post, not to a person's name.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.is_institutional_word("Lingkungan"), lex.is_institutional_word("Saputra")
        (True, False)
        """
        return normalise(word) in self._institutional_words

    def is_common_word(self, word: str, lang: str | None = None) -> bool:
        """True for a stopword, or a one-word cue or speech verb: a word that is not part of a name. With
        ``lang``, only that language's cues and verbs count: the English verb "said" is an Indonesian name.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.is_common_word("Lokakarya"), lex.is_common_word("Semarang")
        (True, False)
        >>> lex.is_common_word("Said"), lex.is_common_word("Said", "id")
        (True, False)
        """
        if lang is None:
            return normalise(word) in self._common_words
        return normalise(word) in self.stopwords or normalise(word) in self._cue_words.get(lang, ())


def alternation(words: Iterable[str], space: str = r"\s+") -> str:
    """Words as a regular expression group ``(?:...)``: escaped, longest first, each space in a word matching
    ``space``; a group that matches nothing when there are no words.

    Examples
    --------
    >>> alternation(["di", "ke", "dari"]), alternation(["as well as"], space=" ")
    ('(?:dari|di|ke)', '(?:as well as)')
    >>> alternation([])
    '(?!)'
    """
    body = "|".join(space.join(map(re.escape, w.split())) for w in _longest_first(w for w in words if w.strip()))
    return f"(?:{body})" if body else "(?!)"


def _cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternatives, longest first; spaces in a cue match any run of spaces."""
    words = sorted({c.strip() for c in cues if c.strip()}, key=lambda c: (-len(c), c))
    if not words:
        return re.compile(r"(?!)")
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _longest_first(forms: Iterable[str]) -> list[str]:
    return sorted(set(forms), key=lambda f: (-len(f), f))
