"""Train the recogniser's CRF from the public corpora and write ``ner.crfsuite``.

Usage (from the repository root; ``make model`` runs the first)::

    python -m jejaring.ingest.model.train [--data ../shared/data/ner] [--out DIR] [--nerp drop|recased|none]

Deterministic: the corpora are read in a fixed order, the Title Case copies are drawn with a fixed seed and L-BFGS
has no randomness, so the same data gives the same model file. About one CPU minute (one core).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from jejaring.ingest.model import COMMON_WORDS_FILE, MODEL_FILE
from jejaring.ingest.model.corpora import CORPORA, MISSING, Sentence, load_split, load_training, titlecase_copies
from jejaring.ingest.model.features import sentence_features

__all__ = ["PARAMS", "common_words", "train_crf", "training_sentences"]

# Chosen on NERGrit's and idner-news-2k's validation splits (benchmarks/compare_recognisers.py).
PARAMS = {"c1": 0.2, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}
TITLECASE_SHARE = 0.1
SEED = 0


def training_sentences(data: str | Path, nerp: str = "drop", split: str = "train") -> list[Sentence]:
    """The CRF's training sentences: the cased corpora, NERP as asked, and seeded Title Case copies.

    ``nerp``: ``"drop"`` keeps NERP's re-cased sentences whose every capitalised word is tagged (a CRF cannot leave a
    tag unknown, and NERP's O on "KPK" or a party would teach "not an organisation"); ``"recased"`` keeps all of them,
    its O as O; ``"none"`` leaves NERP out.
    """
    if nerp == "drop":
        sents = [s for s in load_training(data, "missing", split) if MISSING not in s.tags]
    else:
        sents = load_training(data, nerp, split)
    return sents + titlecase_copies(sents, TITLECASE_SHARE, SEED)


def train_crf(sents: list[Sentence], out: str | Path, params: dict | None = None) -> Path:
    """Train a CRF on ``sents`` and write it to the file ``out``; returns its path."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for s in sents:
        trainer.append(sentence_features(s.words), s.tags)
    trainer.set_params(PARAMS | (params or {}))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)
    return out


def common_words(data: str | Path, min_count: int = 3) -> list[str]:
    """Words the corpora use at least ``min_count`` times and never as part of a person's name, in lower case,
    sorted: a lone capitalised one of them at the start of a sentence ("Misalnya, ...") is no name."""
    seen: Counter = Counter()
    in_names: set[str] = set()
    for corpus in CORPORA:
        for s in load_split(data, corpus, "train"):
            for word, tag in zip(s.words, s.tags, strict=True):
                seen[word.lower()] += 1
                if tag.endswith("PERSON"):
                    in_names.add(word.lower())
    return sorted(w for w, n in seen.items() if n >= min_count and w.isalpha() and w not in in_names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jejaring.ingest.model.train", description=__doc__.split("\n")[0])
    parser.add_argument("--data", default="../shared/data/ner", help="folder of the corpora (default: %(default)s)")
    parser.add_argument("--out", default=str(Path(__file__).parent), help="folder to write ner.crfsuite into")
    parser.add_argument("--nerp", choices=("drop", "recased", "none"), default="drop", help="how to use NERP")
    args = parser.parse_args(argv)
    if not (Path(args.data) / "nergrit").is_dir():
        parser.error(f"no corpora under {args.data}: give --data, the folder holding nergrit/, nerp/, idner-news-2k/")
    started = time.process_time()
    sents = training_sentences(args.data, args.nerp)
    path = train_crf(sents, Path(args.out) / MODEL_FILE)
    words = common_words(args.data)
    (Path(args.out) / COMMON_WORDS_FILE).write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{path}: {len(sents)} sentences, {path.stat().st_size / 1e6:.1f} MB, "
          f"{time.process_time() - started:.0f} s CPU", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
