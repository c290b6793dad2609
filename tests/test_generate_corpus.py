"""The synthetic corpus generator (issue 8): deterministic, with a well-formed gold file per document."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "generate_corpus.py"


def _generate(out: Path, n: int = 20, seed: int = 3) -> dict[str, bytes]:
    subprocess.run([sys.executable, str(SCRIPT), "-n", str(n), "-o", str(out), "--seed", str(seed)],
                   check=True, timeout=60)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_generate_corpus_same_seed_same_bytes(tmp_path):
    first = _generate(tmp_path / "a")
    assert first == _generate(tmp_path / "b")
    assert first != _generate(tmp_path / "c", seed=4)


def test_generate_corpus_gold_names_its_document(tmp_path):
    _generate(tmp_path)
    documents = sorted(p.name for p in (tmp_path / "corpus").iterdir())
    golds = sorted((tmp_path / "gold").iterdir())
    assert len(documents) == len(golds) == 20
    for path, document in zip(golds, documents, strict=True):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["document"] == document
        assert Path(document).stem == path.stem
        assert gold["persons"] and gold["events"] and gold["cities"]
        text = (tmp_path / "corpus" / document).read_text(encoding="utf-8")
        assert all(p["name"] in text or p["aliases"] for p in gold["persons"])
