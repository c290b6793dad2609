"""The ``memberships`` component: posts read from the title after a name, earlier posts ("saat ... masih
menjabat sebagai ..."), bodies a person is "of", the group a listed person is under, and the government a
locality implies (rules ``post-title``, ``post-earlier``, ``membership-affiliation``, ``membership-group``,
``org-implied``)."""

from __future__ import annotations

from datetime import date

import pytest

EARLIER_ID = ("Rina Marlina, Kepala Bappeda Kota Semarang, yang saat Kunjungan Belajar ke Surabaya pada 3 Maret 2019 "
              "masih menjabat sebagai Sekretaris Dinas Perikanan Kota Kendari, memimpin rapat.")
EARLIER_EN = ("Rina Marlina, Head of Bappeda Kota Semarang, who when the Study Visit to Surabaya took place on "
              "3 March 2019 was Secretary of Dinas Perikanan Kota Kendari, chaired the meeting.")
GROUP_ID = "Yayasan Sungai Lestari:\n- Rina Marlina\n- Budi Santosa"


def posts(ex) -> list[tuple[str, str | None, str | None, str | None, list[tuple[str, str]]]]:
    return [(m.person, m.organisation, m.role, m.role_label, [(s.exact, s.rule) for s in m.spans])
            for m in ex.memberships]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Rina Marlina, Kepala Seksi Drainase pada Dinas Pekerjaan Umum Kota Kendari, meninjau tanggul.", "id",
     [("person:rina-marlina", "organisation:dinas-pekerjaan-umum-kota-kendari", "head-of-section",
       "Kepala Seksi Drainase", [("Kepala Seksi Drainase pada Dinas Pekerjaan Umum Kota Kendari", "post-title")])]),
    ("Acara dibuka Budi Santosa (Kepala Bappeda Kota Semarang).", "id",
     [("person:budi-santosa", "organisation:bappeda-kota-semarang", "head", "Kepala",
       [("Kepala Bappeda Kota Semarang", "post-title")])]),
    ("Rina Marlina, Director of Yayasan Sungai Lestari, opened the forum.", "en",
     [("person:rina-marlina", "organisation:yayasan-sungai-lestari", "director", "Director",
       [("Director of Yayasan Sungai Lestari", "post-title")])]),
])
def test_memberships_title_after_a_name_is_a_post(extract, text, language, expected):
    assert posts(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language", "label"), [
    ("Sejak Februari 2019, Rina Marlina, Kepala Bappeda Kota Semarang, memimpin rapat itu.", "id", "Kepala"),
    ("Since February 2019, Rina Marlina, Head of Bappeda Kota Semarang, has chaired the board.", "en", "Head"),
])
def test_memberships_post_held_since_a_date(extract, text, language, label):
    [ms] = extract(text, language).memberships
    assert (ms.role_label, ms.start, ms.end, ms.at) == (label, date(2019, 2, 1), None, None)


@pytest.mark.parametrize(("text", "language", "label"), [
    ("Hingga Desember 2018, Rina Marlina, Kepala Bappeda Kota Semarang, memimpin rapat itu.", "id", "Kepala"),
    ("Until December 2018, Rina Marlina, Head of Bappeda Kota Semarang, chaired the board.", "en", "Head"),
])
def test_memberships_post_held_until_a_date(extract, text, language, label):
    [ms] = extract(text, language).memberships
    assert (ms.role_label, ms.start, ms.end, ms.at) == (label, None, date(2018, 12, 31), None)


@pytest.mark.parametrize(("text", "language", "label"), [
    (EARLIER_ID, "id", "Sekretaris Dinas Perikanan Kota Kendari"),
    (EARLIER_EN, "en", "Secretary of Dinas Perikanan Kota Kendari"),
])
def test_memberships_earlier_post_at_the_event_it_names(extract, text, language, label):
    ex = extract(text, language)
    earlier = [m for m in ex.memberships if m.spans[0].rule == "post-earlier"]
    assert [(m.person, m.organisation, m.role, m.at, m.spans[0].exact) for m in earlier] == [
        ("person:rina-marlina", "organisation:dinas-perikanan-kota-kendari", "secretary", date(2019, 3, 3), label)]


@pytest.mark.parametrize(("text", "language", "orgs"), [
    ("Rina Marlina dari Yayasan Sungai Lestari ikut meninjau.", "id", ["organisation:yayasan-sungai-lestari"]),
    ("Rina Marlina of the Faculty of Engineering, Universitas Diponegoro joined.", "en",
     ["organisation:faculty-of-engineering", "organisation:undip"]),
])
def test_memberships_affiliation_without_a_post(extract, text, language, orgs):
    ex = extract(text, language)
    assert [(m.person, m.organisation, m.role) for m in ex.memberships] == [
        ("person:rina-marlina", org, None) for org in orgs]
    assert {s.rule for m in ex.memberships for s in m.spans} == {"membership-affiliation"}


def test_memberships_listed_under_a_heading_belong_to_its_body(extract):
    assert posts(extract(GROUP_ID)) == [
        ("person:rina-marlina", "organisation:yayasan-sungai-lestari", None, None, [("Rina Marlina", "membership-group")]),
        ("person:budi-santosa", "organisation:yayasan-sungai-lestari", None, None, [("Budi Santosa", "membership-group")]),
    ]


@pytest.mark.parametrize(("text", "language", "org", "org_name", "label"), [
    ("Rina Marlina, Sekretaris Daerah Provinsi Jawa Tengah, membuka acara.", "id", "organisation:pemprov-jawa-tengah",
     "Pemerintah Provinsi Jawa Tengah", "Sekretaris Daerah Provinsi Jawa Tengah"),
    ("Rina Marlina, Bupati Kabupaten Kendal, membuka acara.", "id", "organisation:pemerintah-kabupaten-kendal",
     "Pemerintah Kabupaten Kendal", "Bupati Kabupaten Kendal"),
    ("Rina Marlina, Regent of Kabupaten Kendal, opened the forum.", "en", "organisation:pemerintah-kabupaten-kendal",
     "Pemerintah Kabupaten Kendal", "Regent of Kabupaten Kendal"),
])
def test_memberships_locality_implies_its_government(extract, text, language, org, org_name, label):
    ex = extract(text, language)
    assert (ex.entities[org].name, [(s.exact, s.rule) for s in ex.entities[org].spans]) == (
        org_name, [(label, "org-implied")])
    assert [(m.person, m.organisation) for m in ex.memberships] == [("person:rina-marlina", org)]


@pytest.mark.parametrize(("rule", "text", "language", "left"), [
    ("post-title", "Rina Marlina, Director of Yayasan Sungai Lestari, opened the forum.", "en", []),
    ("post-title", "Acara dibuka Budi Santosa (Kepala Bappeda Kota Semarang).", "id", []),
    ("post-earlier", EARLIER_ID, "id", [("organisation:bappeda-kota-semarang", "head")]),
    ("membership-affiliation", "Rina Marlina dari Yayasan Sungai Lestari ikut meninjau.", "id", []),
    ("membership-group", GROUP_ID, "id", []),
    # the post is still held, in no body
    ("org-implied", "Rina Marlina, Bupati Kabupaten Kendal, membuka acara.", "id", [(None, "regent")]),
])
def test_memberships_switched_off_rule_leaves_its_facts_out(extract, rule, text, language, left):
    ex = extract(text, language, disabled_rules=[rule])
    assert [(m.organisation, m.role) for m in ex.memberships] == left
    assert rule not in {s.rule for m in ex.memberships for s in m.spans}
    assert rule not in {s.rule for e in ex.entities.values() for s in e.spans}
