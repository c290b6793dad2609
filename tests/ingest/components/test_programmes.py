"""The ``programmes`` component: programmes after (or before) a programme cue, examples inside a lesson, examples
after "misalnya"/"such as", and the sites of a visit (rules ``programme-cue``, ``programme-cue-after``,
``programme-example``, ``programme-example-cue``, ``programme-site``).

``programme-secretariat`` is registered but no extractor gives it (see the rule ablation).
"""

from __future__ import annotations

import pytest

CASES = [
    ("programme-cue", "Pemerintah Kota Surabaya menjalankan Program Kampung Hijau Lestari sejak 2019.", "id",
     "Program Kampung Hijau Lestari"),
    ("programme-cue", "Warga mendukung program Sungai Bersih Mandiri sejak 2020.", "id", "Sungai Bersih Mandiri"),
    ("programme-cue", "The city expanded its Programme for Clean Rivers in 2021.", "en", "Programme for Clean Rivers"),
    ("programme-cue-after", "Residents joined the Clean River Pledge campaign.", "en", "Clean River Pledge"),
    ("programme-example",
     "Beberapa pembelajaran dari kunjungan ini, yaitu:\n1. Tata kelola air: warga Semarang merawat Embung Sumber "
     "Rejeki setiap pekan.", "id", "Embung Sumber Rejeki"),
    ("programme-example", "Lessons learned:\n1. Water storage: the city built the Benthem Water Plaza near the station.",
     "en", "Benthem Water Plaza"),
    ("programme-example-cue", "Salah satu inisiatif warga, misalnya Bank Sampah Bersinar, berkembang pesat.", "id",
     "Bank Sampah Bersinar"),
    ("programme-example-cue", "Good practices such as Rain Harvest Gardens spread quickly.", "en",
     "Rain Harvest Gardens"),
    ("programme-site", "Peserta melakukan kunjungan lapangan ke Taman Harmoni Keputih.", "id", "Taman Harmoni Keputih"),
    ("programme-site", "Site visit: Green Roof Pavilion", "en", "Green Roof Pavilion"),
]


def programmes(ex) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(e.name, [(s.exact, s.rule) for s in e.spans]) for e in ex.entities.values() if e.kind == "programme"]


@pytest.mark.parametrize(("rule", "text", "language", "name"), CASES)
def test_programmes_rule_names_the_programme(extract, rule, text, language, name):
    assert programmes(extract(text, language)) == [(name, [(name, rule)])]


@pytest.mark.parametrize(("rule", "text", "language", "name"), CASES)
def test_programmes_switched_off_rule_leaves_the_programme_out(extract, rule, text, language, name):
    assert programmes(extract(text, language, disabled_rules=[rule])) == []


def test_programmes_lowercase_cue_name_is_title_cased(extract):
    ex = extract("Kota itu melanjutkan restorasi sungai Cisadane tahun ini.")
    assert programmes(ex) == [("Restorasi Sungai Cisadane", [("restorasi sungai Cisadane", "programme-cue")])]


def test_programmes_cue_inside_a_post_is_no_programme(extract):
    assert programmes(extract("Rina Marlina, Manajer Program Kota Tangguh, hadir.")) == []
