"""The quality benchmark (benchmarks/quality.py) on a tiny folder of its own: two invented documents with gold,
scored as ../shared/eval/score_folder.sh scores them. Never checks speed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import quality

ENGLISH = """Bandung Learns Composting from Surabaya

Bandung, 12 May 2021. Mayor of Bandung Ratna Widjajakusuma led the Bandung Learning Visit to Surabaya on 10-11 May 2021.
Ratna Widjajakusuma, Head of the Environment Agency of Bandung Hendra Saputro and Lestari Foundation joined the visit.
Lessons learned:
1. Neighbourhood composting houses (example: Kampung Hijau Programme)
"""

INDONESIAN = """Lokakarya Bank Sampah di Cimahi

Cimahi, 3 Juni 2021. Kepala Dinas Lingkungan Hidup Kota Cimahi Yusuf Kurniadi membuka Lokakarya Bank Sampah Cimahi
pada Kamis (3/6/2021). Lokakarya dihadiri oleh Yayasan Bumi Lestari dan Dewi Anggraini, Ketua Yayasan Bumi Lestari.
"""

GOLDS = {
    "bandung-visit-en": {
        "document": "bandung-visit-en.txt", "language": "en",
        "persons": [{"name": "Ratna Widjajakusuma", "aliases": []}, {"name": "Hendra Saputro", "aliases": []}],
        "organisations": [{"name": "Environment Agency of Bandung", "aliases": []},
                          {"name": "Lestari Foundation", "aliases": []}],
        "cities": ["Bandung", "Surabaya"],
        "programmes": [{"name": "Kampung Hijau Programme", "aliases": []}],
        "events": [{"name": "Bandung Learning Visit to Surabaya", "aliases": [], "start": "2021-05-10",
                    "end": "2021-05-11", "location": "Surabaya"}],
        "posts": [{"person": "Ratna Widjajakusuma", "role": "Mayor", "organisation": None, "when": None},
                  {"person": "Hendra Saputro", "role": "Head", "organisation": "Environment Agency of Bandung",
                   "when": None}],
        "participation": [{"agent": "Ratna Widjajakusuma", "event": "Bandung Learning Visit to Surabaya"},
                          {"agent": "Hendra Saputro", "event": "Bandung Learning Visit to Surabaya"},
                          {"agent": "Lestari Foundation", "event": "Bandung Learning Visit to Surabaya"}],
        "lessons": [{"title": "Neighbourhood composting houses", "aliases": [], "learned_from": "Surabaya",
                     "event": "Bandung Learning Visit to Surabaya", "examples": ["Kampung Hijau Programme"]}],
    },
    "lokakarya-cimahi-id": {
        "document": "lokakarya-cimahi-id.txt", "language": "id",
        "persons": [{"name": "Yusuf Kurniadi", "aliases": []}, {"name": "Dewi Anggraini", "aliases": []}],
        "organisations": [{"name": "Dinas Lingkungan Hidup Kota Cimahi", "aliases": []},
                          {"name": "Yayasan Bumi Lestari", "aliases": []}],
        "cities": ["Cimahi"],
        "programmes": [],
        "events": [{"name": "Lokakarya Bank Sampah Cimahi", "aliases": [], "start": "2021-06-03"}],
        "posts": [{"person": "Yusuf Kurniadi", "role": "Kepala Dinas",
                   "organisation": "Dinas Lingkungan Hidup Kota Cimahi", "when": None},
                  {"person": "Dewi Anggraini", "role": "Ketua", "organisation": "Yayasan Bumi Lestari", "when": None}],
        "participation": [{"agent": "Yusuf Kurniadi", "event": "Lokakarya Bank Sampah Cimahi"},
                          {"agent": "Yayasan Bumi Lestari", "event": "Lokakarya Bank Sampah Cimahi"},
                          {"agent": "Dewi Anggraini", "event": "Lokakarya Bank Sampah Cimahi"}],
        "lessons": [],
    },
}

SCORE_COLUMNS = [key for _, key, fmt in quality.COLUMNS if fmt == "{:.3f}"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """A corpus folder and a gold folder; the gold folder also holds a JSON that is no document's gold, and the
    corpus a document without gold: neither may be scored."""
    if not quality.SCORE.is_file():
        pytest.skip("../shared/eval/score.py is not beside the repository")
    root = tmp_path_factory.mktemp("tiny")
    (root / "corpus").mkdir()
    (root / "gold").mkdir()
    (root / "corpus" / "bandung-visit-en.txt").write_text(ENGLISH)
    (root / "corpus" / "lokakarya-cimahi-id.txt").write_text(INDONESIAN)
    (root / "corpus" / "notes.md").write_text("Catatan tanpa anotasi.\n")
    for name, gold in GOLDS.items():
        (root / "gold" / f"{name}.json").write_text(json.dumps(gold))
    (root / "gold" / "entities.json").write_text(json.dumps([{"name": "Ratna Widjajakusuma"}]))
    return root


@pytest.fixture(scope="module")
def rows(tiny) -> dict[str, dict]:
    """The benchmark's rows for the tiny folder: all of it, and its English document alone."""
    return quality.gold_set(tiny / "corpus", tiny / "gold", tiny / "work",
                            {"tiny-en": lambda name, gold: gold.get("language") == "en"})


@pytest.fixture(scope="module")
def score_folder(tiny) -> dict:
    """What ../shared/eval/score_folder.sh prints for the tiny folder, with the venv's jejaring and python."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", str(quality.SHARED / "eval" / "score_folder.sh"), str(tiny / "corpus"),
                           str(tiny / "gold")], capture_output=True, text=True, env=env, check=True, timeout=300)
    return json.loads(done.stdout)


def test_quality_pairs_documents_with_their_gold_only(tiny):
    pairs = quality.gold_pairs(tiny / "corpus", tiny / "gold")
    assert [(d.name, g.name) for d, g in pairs] == [("bandung-visit-en.txt", "bandung-visit-en.json"),
                                                    ("lokakarya-cimahi-id.txt", "lokakarya-cimahi-id.json")]


def test_quality_scores_equal_score_folder(rows, score_folder):
    assert rows[""]["score.py"]["summary"] == score_folder["summary"]
    summary, figures = score_folder["summary"], rows[""]["figures"]
    assert figures["entity_f1"] == summary["entities"]["f1"]
    assert figures["relations_recall"] == summary["relations_recall"]
    assert {k: figures[f"f1_{k}"] for k in quality.KINDS} == {k: v["f1"] for k, v in summary["per_kind"].items()}


def test_quality_relation_recalls_of_one_document_are_score_py_recalls(rows):
    (document,) = rows["tiny-en"]["score.py"]["documents"]
    for relation in quality.RELATIONS:
        assert rows["tiny-en"]["figures"][f"{relation}_recall"] == document["relations"][relation]["recall"]


def test_quality_subset_is_scored_on_its_own(rows):
    assert rows[""]["figures"]["documents"] == 2
    assert rows["tiny-en"]["figures"]["documents"] == 1
    assert [d["document"] for d in rows["tiny-en"]["score.py"]["documents"]] == ["bandung-visit-en.txt"]


def test_quality_figures_are_fractions(rows):
    for row in rows.values():
        scores = {k: v for k, v in row["figures"].items() if k in SCORE_COLUMNS}
        assert scores
        assert all(0.0 <= v <= 1.0 for v in scores.values()), scores
        assert row["figures"]["documents_per_second"] > 0
        assert row["figures"]["words_per_document"] > 0


def test_quality_table_has_a_row_per_set(rows):
    table = quality.format_table({"tiny": rows[""]["figures"], "detik-like": {"documents": 3, "named_recall": 0.5}})
    header, rule, tiny, other = table.splitlines()
    assert header.split()[:5] == ["set", "docs", "P", "R", "F1"]
    assert len(header) == len(rule) == len(tiny) == len(other)
    cells = tiny.split()
    assert cells[0] == "tiny"
    assert int(cells[1]) == 2
    assert [float(c) for c in cells[2:5]] == [rows[""]["figures"][f"entity_{k}"] for k in ("precision", "recall", "f1")]
    assert other.split()[:3] == ["detik-like", "3", "-"]
