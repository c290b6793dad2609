"""Generate a synthetic corpus in jejaring's genre, with a gold annotation per document.

News articles, activity reports and agendas, in Indonesian and English, about learning visits,
workshops and public discussions between city governments, agencies and NGOs: officials with their
posts, agencies with acronyms, participant lists, dates and numbered lessons. Every fact the gold
lists (``../shared/gold/FORMAT.md``) is stated in the text. Same ``-n`` and ``--seed``, same bytes.

Example::

    python benchmarks/generate_corpus.py -n 200 -o /tmp/gen --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ID_GIVEN = (
    "Agus", "Andi", "Ayu", "Bambang", "Citra", "Dedi", "Dian", "Eko", "Fajar", "Fitri", "Gilang", "Hendra",
    "Indra", "Irma", "Joko", "Kartika", "Lukman", "Maya", "Nurul", "Okta", "Putu", "Rahmat", "Ratna", "Rudi",
    "Sari", "Taufik", "Wahyu", "Wulan", "Yanti", "Yudi", "Zainal", "Arief", "Bagus", "Desi", "Galih", "Hana",
    "Ikhsan", "Lina", "Mega", "Novi", "Reza", "Satria", "Tika", "Vina", "Yoga", "Anisa", "Budiman", "Cahya",
)
ID_MIDDLE = ("Dwi", "Eka", "Tri", "Adi", "Nur", "Sri", "Budi", "Ari")
ID_SURNAME = (
    "Hidayat", "Kurniawan", "Setiawan", "Wijaya", "Saputra", "Pratama", "Nugraha", "Siregar", "Nasution",
    "Harahap", "Simanjuntak", "Lubis", "Sinaga", "Purnomo", "Susanto", "Gunawan", "Rahman", "Syahputra",
    "Utomo", "Wibisono", "Prasetyo", "Handayani", "Permana", "Ramadhan", "Firmansyah", "Suryadi", "Pohan",
    "Manurung", "Sitompul", "Halim", "Hutapea", "Maharani", "Pangestu", "Sasmita", "Wiratama", "Anggraini",
    "Kusnadi", "Rusdianto", "Sembada", "Tambunan", "Wardhana", "Yulianto", "Zulkarnain", "Hermawan",
)
EN_GIVEN = (
    "Emma", "Oliver", "Sarah", "Michael", "Laura", "Daniel", "Hannah", "Thomas", "Rachel", "Peter", "Claire",
    "Mark", "Helen", "David", "Sophie", "Andrew", "Lucy", "Jonathan", "Catherine", "Simon",
)
EN_SURNAME = (
    "Mitchell", "Harper", "Bennett", "Collins", "Foster", "Graham", "Hughes", "Morgan", "Ellis", "Fleming",
    "Sutton", "Barker", "Whitfield", "Lambert", "Ashworth", "Kendall", "Marsden", "Holloway", "Pemberton",
)
ID_TITLES = ("Dr.", "Ir.", "Dr. Ir.", "Prof. Dr.")
ID_DEGREES = ("S.T.", "M.T.", "S.Si., M.Si.", "S.E., M.M.", "M.Sc.", "S.H., M.H.", "MURP", "M.Eng.", "S.Sos., M.A.P.")
EN_DEGREES = ("PhD", "MSc", "MA")

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

# Indonesian cities that send delegations; Jakarta's bodies are provincial.
HOME_CITIES = ("Jakarta", "Semarang", "Surabaya", "Bandung", "Makassar", "Medan", "Palembang")
# Cities visited, with the body that hosts a visit there (id name, en name, acronym).
HOSTS = {
    "Seoul": ("Seoul Metropolitan Government", "Seoul Metropolitan Government", "SMG"),
    "Bangkok": ("Bangkok Metropolitan Administration", "Bangkok Metropolitan Administration", "BMA"),
    "Kuala Lumpur": ("Dewan Bandaraya Kuala Lumpur", "Kuala Lumpur City Hall", "DBKL"),
    "Rotterdam": ("Gemeente Rotterdam", "City of Rotterdam", ""),
    "Yokohama": ("City of Yokohama", "City of Yokohama", ""),
    "Surabaya": ("Pemerintah Kota Surabaya", "Surabaya City Government", ""),
    "Semarang": ("Pemerintah Kota Semarang", "Semarang City Government", ""),
    "Bandung": ("Pemerintah Kota Bandung", "Bandung City Government", ""),
}
# Local agency types: acronym, Indonesian name, English name, Indonesian and English head.
AGENCY_TYPES = (
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "Regional Disaster Management Agency", "Kepala Pelaksana",
     "Executive Head"),
    ("Bappeda", "Badan Perencanaan Pembangunan Daerah", "Regional Development Planning Agency", "Kepala", "Head"),
    ("DLH", "Dinas Lingkungan Hidup", "Environment Agency", "Kepala", "Head"),
    ("Dinkes", "Dinas Kesehatan", "Health Office", "Kepala", "Head"),
    ("Dishub", "Dinas Perhubungan", "Transportation Agency", "Kepala", "Head"),
    ("Dinsos", "Dinas Sosial", "Social Affairs Office", "Kepala", "Head"),
    ("DPU", "Dinas Pekerjaan Umum", "Public Works Agency", "Kepala", "Head"),
)
# Divisions for Kepala Bidang / Head of ... Division posts.
FIELDS = (
    ("Perencanaan", "Planning"), ("Pencegahan dan Kesiapsiagaan", "Prevention and Preparedness"),
    ("Pengendalian Pencemaran", "Pollution Control"), ("Infrastruktur", "Infrastructure"),
    ("Data dan Informasi", "Data and Information"), ("Pemberdayaan Masyarakat", "Community Empowerment"),
)
# National, international and civil-society bodies: id name, en name, acronym, kind.
BODIES = (
    ("Badan Nasional Penanggulangan Bencana", "National Disaster Management Agency", "BNPB", "gov"),
    ("Kementerian Dalam Negeri", "Ministry of Home Affairs", "Kemendagri", "gov"),
    ("Kementerian Lingkungan Hidup dan Kehutanan", "Ministry of Environment and Forestry", "KLHK", "gov"),
    ("United Nations Development Programme", "United Nations Development Programme", "UNDP", "intl"),
    ("United Nations Children's Fund", "United Nations Children's Fund", "UNICEF", "intl"),
    ("100 Resilient Cities", "100 Resilient Cities", "100RC", "intl"),
    ("Asian Development Bank", "Asian Development Bank", "ADB", "intl"),
    ("Yayasan Sayangi Tunas Cilik", "Yayasan Sayangi Tunas Cilik", "YSTC", "ngo"),
    ("Rujak Center for Urban Studies", "Rujak Center for Urban Studies", "RCUS", "ngo"),
    ("Wahana Lingkungan Hidup Indonesia", "Wahana Lingkungan Hidup Indonesia", "Walhi", "ngo"),
    ("Universitas Indonesia", "Universitas Indonesia", "UI", "uni"),
    ("Institut Teknologi Bandung", "Institut Teknologi Bandung", "ITB", "uni"),
    ("Universitas Gadjah Mada", "Universitas Gadjah Mada", "UGM", "uni"),
)
# Posts in non-government bodies: (Indonesian, English) per kind.
BODY_ROLES = {
    "gov": (("Direktur", "Director"), ("Staf Ahli", "Expert Staff"), ("Sekretaris Utama", "Principal Secretary")),
    "intl": (("Manajer Program", "Programme Manager"), ("Spesialis Perkotaan", "Urban Specialist"),
             ("Direktur Regional", "Regional Director")),
    "ngo": (("Direktur Eksekutif", "Executive Director"), ("Manajer Program", "Programme Manager"),
            ("Koordinator Lapangan", "Field Coordinator")),
    "uni": (("Dosen", "Lecturer"), ("Peneliti", "Researcher"), ("Guru Besar", "Professor")),
}
GOV_TOP = {
    "Jakarta": (("Wakil Gubernur", "Vice Governor"), ("Deputi Gubernur bidang Tata Ruang dan Lingkungan Hidup",
                "Deputy Governor for Spatial Planning and Environment"),
                ("Asisten Deputi bidang Lingkungan Hidup", "Assistant Deputy for Environment"),
                ("Sekretaris Daerah", "Regional Secretary")),
    "city": (("Wali Kota", "Mayor"), ("Wakil Wali Kota", "Deputy Mayor"), ("Sekretaris Daerah", "Regional Secretary"),
             ("Asisten Sekretaris Daerah", "Assistant to the Regional Secretary")),
}
# Lessons: Indonesian title, English title, Indonesian and English description, example concept.
LESSONS = (
    ("Kepemimpinan dan komitmen pemerintah", "Leadership and government commitment",
     "Pimpinan kota berani mengambil keputusan dan konsisten menjalankannya.",
     "City leaders took hard decisions and then stuck to them.", "River Restoration"),
    ("Perencanaan terpadu", "Integrated planning",
     "Rencana jangka panjang kota memadukan aspek sosial, lingkungan dan fisik.",
     "The long-range plan weighs social, environmental and physical needs together.", "Urban Master Plan"),
    ("Pelibatan warga", "Citizen engagement",
     "Keputusan besar diambil setelah ratusan pertemuan dengan warga.",
     "Big decisions were taken only after hundreds of meetings with residents.", "Neighbourhood Planning"),
    ("Inklusivitas", "Inclusiveness",
     "Penyandang disabilitas dilibatkan sebagai pekerja, bukan hanya penerima layanan.",
     "People with disabilities are hired as staff, not only served as clients.", "Barrier Free Cafe"),
    ("Kota sebagai fasilitator", "The city as facilitator",
     "Pemerintah kota mendanai kelompok warga lalu memberi mereka keleluasaan.",
     "The city co-funds community groups and then lets them run their own work.", "Community Grants"),
    ("Data bencana terpadu", "Integrated disaster data",
     "Seluruh instansi memakai satu basis data kejadian bencana.",
     "Every agency works from one shared database of disaster events.", "Smart Flood Alert"),
    ("Ruang terbuka multifungsi", "Multifunctional open space",
     "Taman kota dirancang agar dapat menampung air hujan saat banjir.",
     "Parks are designed to hold rainwater when the city floods.", "Water Plaza"),
    ("Transportasi publik terintegrasi", "Integrated public transport",
     "Tarif dan jadwal semua moda angkutan dipadukan dalam satu sistem.",
     "Fares and timetables of every mode are joined in one system.", "Integrated Transit Card"),
    ("Pengelolaan sampah berbasis komunitas", "Community-based waste management",
     "Warga memilah sampah di sumbernya dan menjual hasil pilahan ke bank sampah.",
     "Residents sort waste at home and sell the sorted waste to collection points.", "Green Waste Recycling"),
    ("Anggaran partisipatif", "Participatory budgeting",
     "Warga ikut menentukan prioritas belanja di tingkat kelurahan.",
     "Residents help set spending priorities for their neighbourhoods.", "Citizen Budgeting"),
)
TOPICS = (
    ("Ketahanan Kota", "Urban Resilience"), ("Pengurangan Risiko Bencana", "Disaster Risk Reduction"),
    ("Pengelolaan Banjir Perkotaan", "Urban Flood Management"), ("Perlindungan Anak", "Child Protection"),
    ("Transportasi Berkelanjutan", "Sustainable Transport"), ("Pengelolaan Sampah Perkotaan", "Urban Waste Management"),
    ("Adaptasi Perubahan Iklim", "Climate Change Adaptation"), ("Permukiman Inklusif", "Inclusive Housing"),
)
OUTLETS = {
    "id": ("Warta Kota Berketahanan", "Kabar Balai Kota", "Suara Perkotaan", "Berita Pemda"),
    "en": ("Metro Cities Weekly", "Urban Affairs Review", "City Hall Bulletin", "Resilience Dispatch"),
}
BOILERPLATE = {
    "id": (("Bagikan:", "Facebook | Twitter | WhatsApp"),
           ("Baca juga:", "- Warga Diminta Waspada Cuaca Ekstrem Sepekan ke Depan"),
           ("Tag: perkotaan, ketahanan, kunjungan",)),
    "en": (("Related Articles", "- Heavy rain expected over the weekend"),
           ("Share this article:", "Facebook | Twitter | WhatsApp"),
           ("Tags: cities, resilience, learning",)),
}


@dataclass(frozen=True)
class Org:
    """An organisation as the text names it in one language."""

    name: str
    acronym: str
    head: str
    kind: str
    intro: str = ""  # the first mention, when the acronym does not simply follow the name


@dataclass(frozen=True)
class Person:
    """A person of the shared pool, with the post they hold in every document."""

    given: str
    surname: str
    home: str
    org_key: tuple[str, ...]
    role: tuple[str, str]
    title: str
    degree: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass
class Gold:
    """The gold annotation of one document, filled as its text is written."""

    document: str
    language: str
    persons: dict[str, list[str]] = field(default_factory=dict)
    organisations: dict[str, dict] = field(default_factory=dict)
    cities: list[str] = field(default_factory=list)
    programmes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    posts: list[dict] = field(default_factory=list)
    participation: list[dict] = field(default_factory=list)
    lessons: list[dict] = field(default_factory=list)

    def add_city(self, city: str) -> None:
        if city not in self.cities:
            self.cities.append(city)

    def to_json(self) -> str:
        data = {
            "document": self.document,
            "language": self.language,
            "persons": [{"name": n, "aliases": a} for n, a in self.persons.items()],
            "organisations": list(self.organisations.values()),
            "cities": self.cities,
            "programmes": self.programmes,
            "events": self.events,
            "posts": self.posts,
            "participation": self.participation,
            "lessons": self.lessons,
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def make_org(key: tuple[str, ...], lang: str) -> Org:
    """Name the organisation ``key`` in ``lang``: a local agency, a city government or a national body."""
    if key[0] == "gov":
        city = key[1]
        if city == "Jakarta":
            return Org(*(("Pemerintah Provinsi DKI Jakarta", "Pemprov DKI") if lang == "id"
                         else ("Jakarta Provincial Government", "")), head="", kind="gov")
        return Org(*((f"Pemerintah Kota {city}", f"Pemkot {city}") if lang == "id"
                     else (f"{city} City Government", "")), head="", kind="gov")
    if key[0] == "agency":
        acr, id_name, en_name, id_head, en_head = AGENCY_TYPES[int(key[2])]
        city = key[1]
        if lang == "id":
            where = "Provinsi DKI Jakarta" if city == "Jakarta" else f"Kota {city}"
            return Org(f"{id_name} {where}", acr, id_head, "agency")
        where = "DKI Jakarta" if city == "Jakarta" else f"{city} City"
        return Org(f"{en_name} of {where}", acr, en_head, "agency", f"{en_name} ({acr}) of {where}")
    id_name, en_name, acr, kind = BODIES[int(key[1])]
    return Org(id_name if lang == "id" else en_name, acr, "", kind)


def make_pool(rng: random.Random, size: int) -> list[Person]:
    """Invent ``size`` distinct persons, each with a fixed organisation and post."""
    pool: list[Person] = []
    seen: set[str] = set()
    while len(pool) < size:
        person = make_person(rng, len(pool))
        if person.name not in seen:
            seen.add(person.name)
            pool.append(person)
    return pool


def make_person(rng: random.Random, index: int) -> Person:
    """Invent one person: an Indonesian official or NGO worker, now and then an expatriate expert."""
    if rng.random() < 0.12:
        body = rng.choice([i for i, b in enumerate(BODIES) if b[3] == "intl"])
        return Person(rng.choice(EN_GIVEN), rng.choice(EN_SURNAME), "", ("body", str(body)),
                      rng.choice(BODY_ROLES["intl"]), "", rng.choice(("",) * 3 + EN_DEGREES))
    given = rng.choice(ID_GIVEN)
    if rng.random() < 0.3:
        given = f"{given} {rng.choice(ID_MIDDLE)}"
    title = rng.choice(("",) * 4 + ID_TITLES)
    degree = rng.choice(("",) * 3 + ID_DEGREES)
    home = HOME_CITIES[index % len(HOME_CITIES)]
    roll = rng.random()
    if roll < 0.15:
        top = GOV_TOP["Jakarta" if home == "Jakarta" else "city"]
        return Person(given, rng.choice(ID_SURNAME), home, ("gov", home), rng.choice(top), title, degree)
    if roll < 0.75:
        agency = rng.randrange(len(AGENCY_TYPES))
        return Person(given, rng.choice(ID_SURNAME), home, ("agency", home, str(agency)),
                      agency_role(rng, agency), title, degree)
    body = rng.choice([i for i, b in enumerate(BODIES) if b[3] != "intl"])
    return Person(given, rng.choice(ID_SURNAME), "", ("body", str(body)), rng.choice(BODY_ROLES[BODIES[body][3]]),
                  title, degree)


def agency_role(rng: random.Random, agency: int) -> tuple[str, str]:
    """A post in a local agency: its head, a division head, a section head or staff."""
    roll = rng.random()
    if roll < 0.2:
        return AGENCY_TYPES[agency][3], AGENCY_TYPES[agency][4]
    field_id, field_en = rng.choice(FIELDS)
    if roll < 0.5:
        return f"Kepala Bidang {field_id}", f"Head of {field_en} Division"
    if roll < 0.7:
        return f"Kepala Seksi {field_id}", f"Head of {field_en} Section"
    return "Staf", "Staff"


@dataclass(frozen=True)
class Event:
    """An event as the text names it: its kind, name, dates and city."""

    kind: str
    name: str
    start: tuple[int, int, int]
    end: tuple[int, int, int]
    city: str


def make_event(rng: random.Random, lang: str, home: str) -> Event:
    """Draw a learning visit away from ``home``, or a workshop or public discussion at home."""
    year, month = rng.randrange(2016, 2024), rng.randrange(1, 13)
    day = rng.randrange(1, 22)
    kind = rng.choice(("visit", "visit", "workshop", "discussion"))
    if kind == "visit":
        city = rng.choice([c for c in HOSTS if c != home])
        length = rng.randrange(2, 6)
        name = rng.choice((f"Kunjungan Belajar ke {city}", f"Studi Banding ke {city}") if lang == "id"
                          else (f"Learning Visit to {city}", f"Cross Learning Visit to {city}"))
        return Event(kind, name, (year, month, day), (year, month, day + length - 1), city)
    topic = rng.choice(TOPICS)[0 if lang == "id" else 1]
    if kind == "workshop":
        name = f"Lokakarya {topic}" if lang == "id" else f"Workshop on {topic}"
        length = rng.randrange(1, 3)
    else:
        name = f"Diskusi Publik {topic}" if lang == "id" else f"Public Discussion on {topic}"
        length = 1
    return Event(kind, name, (year, month, day), (year, month, day + length - 1), home)


def govern(role: str, city: str, lang: str) -> str:
    """A post of a city or provincial government, named by its locality (``Wali Kota Semarang``)."""
    if lang == "en":
        return f"{role} of {'DKI Jakarta' if city == 'Jakarta' else city}"
    where = "Provinsi DKI Jakarta" if city == "Jakarta" else f"Kota {city}"
    head, _, rest = role.partition(" bidang ")
    return f"{head} {where} bidang {rest}" if rest else f"{head} {where}"


def iso(date: tuple[int, int, int]) -> str:
    return f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d}"


def weekday(date: tuple[int, int, int]) -> int:
    """Monday is 0 (Zeller's congruence, so no datetime object per date)."""
    year, month, day = date
    if month < 3:
        month, year = month + 12, year - 1
    h = (day + 13 * (month + 1) // 5 + year + year // 4 - year // 100 + year // 400) % 7
    return (h + 5) % 7


def say_range(rng: random.Random, lang: str, event: Event) -> str:
    """The event's dates as a writer would give them."""
    (year, month, day), end_day = event.start, event.end[2]
    name = MONTHS[lang][month - 1]
    if day == end_day:
        if lang == "id":
            return f"{WEEKDAYS['id'][weekday(event.start)]} ({day}/{month}/{year})" if rng.random() < 0.5 \
                else f"{day} {name} {year}"
        return rng.choice((f"{day} {name} {year}", f"{name} {day}, {year}"))
    if lang == "id":
        return rng.choice((f"{day}-{end_day} {name} {year}", f"{day} hingga {end_day} {name} {year}"))
    return rng.choice((f"{day}-{end_day} {name} {year}", f"{name} {day}-{end_day}, {year}",
                       f"{day} to {end_day} {name} {year}"))


class Writer:
    """Writes one document and its gold: every mention goes through a method that records it."""

    def __init__(self, rng: random.Random, lang: str, gold: Gold) -> None:
        self.rng, self.lang, self.gold = rng, lang, gold
        self.introduced: set[str] = set()

    def org(self, org: Org, bare: bool = True) -> str:
        """Name an organisation: its full name (with the acronym in brackets) first, the acronym after."""
        entry = self.gold.organisations.get(org.name)
        if entry is None:
            self.gold.organisations[org.name] = {"name": org.name, "acronym": org.acronym or None, "aliases": []}
            return org.intro or (f"{org.name} ({org.acronym})" if org.acronym else org.name)
        return org.acronym if bare and org.acronym else org.name

    def person(self, person: Person) -> str:
        """Name a person: in full (titles, degrees) the first time, by surname after."""
        if person.name in self.introduced:
            alias = person.surname
            aliases = self.gold.persons[person.name]
            if alias not in aliases:
                aliases.append(alias)
            return alias
        self.introduced.add(person.name)
        full = " ".join(p for p in (person.title, person.name) if p)
        if person.degree:
            full = f"{full}, {person.degree}"
        self.gold.persons[person.name] = [full] if full != person.name else []
        return full

    def post(self, person: Person, org: Org) -> str:
        """The person's post with its organisation, recorded as a post fact."""
        role = person.role[0 if self.lang == "id" else 1]
        self.gold.posts.append({"person": person.name, "role": role, "organisation": org.name, "when": None})
        if person.org_key[0] == "gov":
            return govern(role, person.org_key[1], self.lang)
        name = self.org(org)
        if self.lang == "id":
            return f"{role} {name}" if person.org_key[0] != "body" else f"{role} di {name}"
        return f"{role} of the {name}" if person.org_key[0] != "body" else f"{role} at {name}"

    def attend(self, agent: str, event: Event) -> None:
        item = {"agent": agent, "event": event.name}
        if item not in self.gold.participation:
            self.gold.participation.append(item)

    def programme(self, name: str) -> str:
        if all(p["name"] != name for p in self.gold.programmes):
            self.gold.programmes.append({"name": name, "aliases": []})
        return name


@dataclass
class Story:
    """What one document is about: its event, home city, organiser, host and participants."""

    event: Event
    home: str
    organiser: Org
    partner: Org | None
    host: Org | None
    people: list[Person]
    lessons: list[int]


def make_story(rng: random.Random, lang: str, pool_by_home: dict[str, list[Person]]) -> Story:
    """Draw an event and the people who took part: officials of one city plus national and NGO staff."""
    home = rng.choice(HOME_CITIES)
    event = make_event(rng, lang, home)
    local = pool_by_home[home]
    others = pool_by_home[""]
    count = rng.randrange(3, 9)
    n_local = min(len(local), max(1, count - rng.randrange(0, 3)))
    people = rng.sample(local, n_local) + rng.sample(others, min(len(others), count - n_local))
    people = distinct_surnames(people)
    partner = make_org(("body", str(rng.choice([i for i, b in enumerate(BODIES) if b[3] in ("ngo", "intl")]))),
                       lang) if rng.random() < 0.6 else None
    host = None
    if event.kind == "visit":
        id_name, en_name, acr = HOSTS[event.city]
        host = Org(id_name if lang == "id" else en_name, acr, "", "gov")
    lessons = rng.sample(range(len(LESSONS)), rng.randrange(2, 6)) if event.kind == "visit" else []
    return Story(event, home, make_org(("gov", home), lang), partner, host, people, lessons)


def distinct_surnames(people: list[Person]) -> list[Person]:
    """Keep the first person of each surname, so a surname refers back to one person only."""
    seen: set[str] = set()
    kept = []
    for person in people:
        if person.surname not in seen:
            seen.add(person.surname)
            kept.append(person)
    return kept


def introduce(w: Writer, person: Person) -> str:
    """``Name, Post`` for a person's first appearance, recording the post."""
    name = w.person(person)
    org = make_org(person.org_key, w.lang)
    return f"{name}, {w.post(person, org)}"


def join(lang: str, items: list[str], sep: str = ", ") -> str:
    if len(items) == 1:
        return items[0]
    last = " dan " if lang == "id" else " and "
    return sep.join(items[:-1]) + ("," if sep == "; " and lang == "en" else "") + last + items[-1]


def write_lessons(w: Writer, story: Story, intro: str, style: str) -> list[str]:
    """A lesson list introduced by a lesson cue: title, description and an example programme."""
    lines = [intro, ""]
    event, city = story.event, story.event.city
    for number, index in enumerate(story.lessons, 1):
        id_title, en_title, id_desc, en_desc, concept = LESSONS[index]
        title, desc = (id_title, id_desc) if w.lang == "id" else (en_title, en_desc)
        programme = w.programme(f"{city} {concept}")
        example = (w.rng.choice((f"Contohnya adalah program {programme}.", f"Salah satu contohnya program {programme}."))
                   if w.lang == "id" else w.rng.choice((f"One example is the {programme} programme.",
                                                         f"An example is the {programme} programme.")))
        marker = {"number": f"{number}.", "dash": "-", "letter": f"({'abcdefgh'[number - 1]})"}[style]
        lines.append(f"{marker} {title}. {desc} {example}")
        w.gold.lessons.append({"title": title, "aliases": [], "learned_from": city, "event": event.name,
                               "examples": [programme]})
    lines.append("")
    return lines


def record_event(w: Writer, story: Story) -> None:
    event = story.event
    w.gold.events.append({"name": event.name, "aliases": [], "start": iso(event.start), "end": iso(event.end),
                          "location": event.city})
    w.gold.add_city(story.home)
    w.gold.add_city(event.city)


def quote(w: Writer, person: Person) -> str:
    """A quoted remark attributed by surname."""
    said = w.person(person)
    if w.lang == "id":
        text = w.rng.choice(("Yang kami pelajari bukan soal teknologi, melainkan cara pemerintah mendengar warga",
                             "Banyak hal yang bisa langsung kami terapkan di kantor masing-masing",
                             "Kuncinya adalah konsistensi dan kerja sama lintas instansi"))
        return f"\"{text},\" {w.rng.choice(('ujar', 'kata', 'tutur'))} {said}."
    text = w.rng.choice(("What we studied was not technology but the way the government listens",
                         "Much of this we can start doing in our own offices tomorrow",
                         "The key is consistency and working across agencies"))
    return f"\"{text},\" {said} said."


def lead_paragraph(w: Writer, story: Story) -> str:
    """Who organised the event, what it was, where and when."""
    event, rng = story.event, w.rng
    when = say_range(rng, w.lang, event)
    organiser = w.org(story.organiser)
    w.attend(story.organiser.name, event)
    partner = ""
    if story.partner:
        w.attend(story.partner.name, event)
        partner = (f" bersama {w.org(story.partner)}" if w.lang == "id" else f" together with {w.org(story.partner)}")
    if w.lang == "id":
        verb = f"mengirim delegasi dari {story.home} dalam" if event.kind == "visit" else "menggelar"
        where = "" if event.kind == "visit" else f" di {event.city}"
        text = f"{organiser}{partner} {verb} {event.name}{where} pada {when}."
    else:
        verb = f"sent a delegation from {story.home} to join the" if event.kind == "visit" else "held the"
        where = "" if event.kind == "visit" else f" in {event.city}"
        text = f"{organiser}{partner} {verb} {event.name}{where} on {when}."
    if story.host:
        w.attend(story.host.name, event)
        host = w.org(story.host)
        text += (f" Di {event.city}, rombongan diterima oleh {host}." if w.lang == "id"
                 else f" In {event.city}, the delegation was received by {host}.")
    return text


def people_paragraph(w: Writer, story: Story) -> str:
    """The leader and the other participants, each with their post."""
    event = story.event
    for person in story.people:
        w.attend(person.name, event)
    leader, rest = story.people[0], story.people[1:]
    noun = ("Rombongan" if event.kind == "visit" else "Kegiatan") if w.lang == "id" else \
        ("The delegation" if event.kind == "visit" else "The event")
    if w.lang == "id":
        verb = "dipimpin oleh" if event.kind == "visit" else "dibuka oleh"
        text = f"{noun} {verb} {introduce(w, leader)}."
        if rest:
            text += f" Peserta lainnya adalah {join('id', [introduce(w, p) for p in rest], '; ')}."
    else:
        verb = "was led by" if event.kind == "visit" else "was opened by"
        text = f"{noun} {verb} {introduce(w, leader)}."
        if rest:
            text += f" Other participants were {join('en', [introduce(w, p) for p in rest], '; ')}."
    return text


def lesson_intro(w: Writer, story: Story) -> str:
    city, count = story.event.city, len(story.lessons)
    if w.lang == "id":
        return w.rng.choice((f"Ada {count} pembelajaran yang dapat dipetik dari {city}:",
                             f"Pelajaran yang dapat diambil dari {city} antara lain:"))
    return w.rng.choice((f"The team brought home {count} lessons learned from {city}:",
                         f"Key lessons from {city}:"))


def write_article(w: Writer, story: Story, published: str) -> list[str]:
    """A news article: outlet, headline, dateline, lead, people, lessons, a quote, boilerplate."""
    event, lang = story.event, w.lang
    headline = (f"Belajar dari {event.city}: {event.name} Usai Digelar" if lang == "id"
                else f"{event.name} ends with lessons for {story.home}")
    if event.kind != "visit":
        headline = (f"{story.home} Gelar {event.name}" if lang == "id" else f"{story.home} hosts {event.name}")
    lines = [w.rng.choice(OUTLETS[lang]), "", headline, ""]
    lines += [f"{story.home.upper()}, {published} - {lead_paragraph(w, story)}", ""]
    lines += [people_paragraph(w, story), ""]
    if story.lessons:
        lines += write_lessons(w, story, lesson_intro(w, story), w.rng.choice(("number", "dash")))
    lines += [quote(w, story.people[0]), ""]
    for block in w.rng.sample(BOILERPLATE[lang], 2):
        lines += [*block, ""]
    return lines


def write_report(w: Writer, story: Story, published: str) -> list[str]:
    """An activity report: header, introduction, a numbered participant list, lessons."""
    event, lang = story.event, w.lang
    id_ = lang == "id"
    author = story.people[-1]
    lines = ["LAPORAN KEGIATAN" if id_ else "ACTIVITY REPORT", "",
             f"{'Tanggal' if id_ else 'Date'} : {published}", ""]
    lines += ["I. PENDAHULUAN" if id_ else "1. INTRODUCTION", "", lead_paragraph(w, story), ""]
    lines += ["II. PESERTA" if id_ else "2. PARTICIPANTS", ""]
    lines.append(f"Peserta kegiatan berjumlah {len(story.people)} orang, yaitu:" if id_
                 else f"The {len(story.people)} participants were:")
    lines.append("")
    for number, person in enumerate(story.people, 1):
        w.attend(person.name, event)
        lines.append(f"{number}. {introduce(w, person)}")
    lines.append("")
    if story.lessons:
        lines += ["III. PEMBELAJARAN" if id_ else "3. LESSONS LEARNED", ""]
        lines += write_lessons(w, story, lesson_intro(w, story), w.rng.choice(("number", "letter")))
    lines += [f"{'Disusun oleh' if id_ else 'Prepared by'} : {w.person(author)}", ""]
    return lines


def write_agenda(w: Writer, story: Story, published: str) -> list[str]:
    """An agenda: title, place and dates, organisers, sessions with speakers, the delegation list."""
    event, lang = story.event, w.lang
    id_ = lang == "id"
    lines = [event.name, f"{event.city}, {say_range(w.rng, lang, event)}", ""]
    organisers = [story.organiser] + ([story.partner] if story.partner else [])
    for org in organisers:
        w.attend(org.name, event)
    lines += [f"{'Diselenggarakan oleh' if id_ else 'Organised by'}: "
              f"{join(lang, [w.org(o) for o in organisers])}", ""]
    speaker = story.people[0]
    w.attend(speaker.name, event)
    lines += [f"{'HARI 1' if id_ else 'DAY 1'}", f"09:00-10:00  {'Pembukaan' if id_ else 'Opening remarks'}",
              f"             {'Narasumber' if id_ else 'Speaker'}: {introduce(w, speaker)}",
              f"10:00-12:00  {'Diskusi kelompok' if id_ else 'Group discussion'}", "",
              f"Peserta dari {story.home}:" if id_ else f"Participants from {story.home}:", ""]
    for number, person in enumerate(story.people[1:], 1):
        w.attend(person.name, event)
        lines.append(f"[{roman(number)}] {introduce(w, person)}")
    lines += ["", f"{'Versi' if id_ else 'Version'}: {published}", ""]
    return lines


def roman(number: int) -> str:
    return ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")[number - 1]


def published_on(lang: str, event: Event) -> str:
    year, month, day = event.end
    return f"{day + 2} {MONTHS[lang][month - 1]} {year}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48]


WRITERS = {"article": write_article, "report": write_report, "agenda": write_agenda}


def write_document(seed: int, index: int, pool_by_home: dict[str, list[Person]]) -> tuple[str, str, str]:
    """Compose document ``index``: its file name, its text and its gold JSON."""
    rng = random.Random(f"{seed}/{index}")
    lang = rng.choice(("id", "en"))
    genre = rng.choice(("article", "article", "report", "agenda"))
    story = make_story(rng, lang, pool_by_home)
    suffix = ".md" if genre == "article" and rng.random() < 0.2 else ".txt"
    name = f"{index:05d}-{slugify(story.event.name)}-{genre}-{lang}{suffix}"
    gold = Gold(name, lang)
    w = Writer(rng, lang, gold)
    record_event(w, story)
    lines = WRITERS[genre](w, story, published_on(lang, story.event))
    if suffix == ".md":
        lines[2] = f"# {lines[2]}"
    return name, "\n".join(lines), gold.to_json()


def generate(n: int, out: Path, seed: int = 0) -> None:
    """Write ``n`` documents to ``out/corpus`` and their gold annotations to ``out/gold``."""
    rng = random.Random(seed)
    pool = make_pool(rng, max(40, n // 3))
    pool_by_home: dict[str, list[Person]] = {home: [] for home in ("", *HOME_CITIES)}
    for person in pool:
        pool_by_home[person.home].append(person)
    (out / "corpus").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    for index in range(1, n + 1):
        name, text, gold = write_document(seed, index, pool_by_home)
        (out / "corpus" / name).write_text(text, encoding="utf-8")
        (out / "gold" / f"{Path(name).stem}.json").write_text(gold, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, required=True, help="number of documents")
    parser.add_argument("-o", "--output", type=Path, required=True, help="output folder (corpus/ and gold/)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    generate(args.n, args.output, args.seed)


if __name__ == "__main__":
    main()
