"""Compare the two learners tried for the trained recogniser: a CRF (the one shipped) and a blank spaCy `id` NER.

Both read the same training sentences (NERGrit + idner-news-2k, NERP re-cased, seeded Title Case copies), cut words
with the same tokeniser and read text sentence by sentence; both are scored on NERGrit's and idner-news-2k's test
splits (entity level, exact spans, per type), on the Detik development half (the PERSON and ORG spans of each article
written as a TriG and scored by ``../shared/eval/stakeholders.py``), for speed (words per CPU second in one process,
model loaded) and size. Run from the repository root::

    python benchmarks/compare_recognisers.py --work /tmp/recognisers

Each learner is trained into ``--work`` the first time and reused after: the CRF variants (``--crf-nerp``; the
NERP-dropped one is checked to equal the shipped model byte for byte) and spaCy (``pip install spacy``, not a
dependency of jejaring; ``--spacy-nerp``) for ``--spacy-minutes`` of CPU time, keeping its best epoch on the
validation splits. Article texts stay in ``--work``, outside the repository. Prints Markdown tables on stdout,
progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from jejaring.ingest.model import recognise, spans_from_tags
from jejaring.ingest.model.corpora import LABELS, MISSING, Sentence, load_split, load_training, titlecase_copies
from jejaring.ingest.model.tokens import sentences
from jejaring.ingest.model.train import SEED, TITLECASE_SHARE, train_crf, training_sentences

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "jejaring" / "ingest" / "model" / "ner.crfsuite"
TEST_SETS = {"NERGrit test": ("nergrit", "test"), "idner-news-2k test": ("idner-news-2k", "test")}
Recogniser = Callable[[str], list[tuple[int, int, str]]]


def note(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


# --- spaCy, trained here only for the comparison -------------------------------------------------------------------

def _biluo(tags: list[str]) -> list[str]:
    out = []
    for i, tag in enumerate(tags):
        if tag in ("O", MISSING):
            out.append(tag)
            continue
        kind = tag[2:]
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        cont = nxt == "I-" + kind
        if tag[0] == "B":
            out.append(("B-" if cont else "U-") + kind)
        else:
            out.append(("I-" if cont else "L-") + kind)
    return out


def train_spacy(sents: list[Sentence], valid: list[Sentence], out: Path, minutes: float, seed: int = SEED) -> dict:
    """Train a blank `id` NER (default efficiency model, CPU) for ``minutes`` of CPU time; keep the best epoch on
    ``valid`` in ``out``."""
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import compounding, minibatch

    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("id")
    ner = nlp.add_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    examples = [Example.from_dict(Doc(nlp.vocab, words=s.words), {"entities": _biluo(s.tags)}) for s in sents]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    started = time.process_time()
    best, epoch, history = -1.0, 0, []
    while time.process_time() - started < minutes * 60:
        epoch += 1
        rng.shuffle(examples)
        losses: dict = {}
        for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
            if time.process_time() - started > minutes * 60:
                break
        f = evaluate(spacy_recogniser(nlp), valid)["all"][2]
        history.append((epoch, round(losses.get("ner", 0.0)), round(f, 3)))
        note(f"spaCy epoch {epoch}: loss {losses.get('ner', 0):.0f}, valid F {f:.3f}, "
             f"{(time.process_time() - started) / 60:.1f} min CPU")
        if f > best:
            best = f
            nlp.to_disk(out)
    return {"epochs": epoch, "best_valid_f": best, "cpu_minutes": (time.process_time() - started) / 60,
            "history": history}


def spacy_recogniser(nlp) -> Recogniser:
    """Read text as the CRF does (same sentences and tokens), label with the spaCy pipeline."""
    from spacy.tokens import Doc

    def run(text: str) -> list[tuple[int, int, str]]:
        sents = sentences(text)
        docs = [Doc(nlp.vocab, words=[text[s:e] for s, e in sent]) for sent in sents]
        out = []
        for sent, doc in zip(sents, nlp.pipe(docs, batch_size=64), strict=True):
            out += [(sent[ent.start][0], sent[ent.end - 1][1], ent.label_) for ent in doc.ents]
        return out

    return run


def crf_recogniser(path: Path) -> Recogniser:
    return lambda text: recognise(text, model=str(path))


# --- measures ------------------------------------------------------------------------------------------------------

def as_text(s: Sentence) -> tuple[str, set[tuple[int, int, str]]]:
    """A corpus sentence as text (words joined by spaces) and its gold spans as character offsets."""
    offsets, pos = [], 0
    for w in s.words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    tags = ["O" if t == MISSING else t for t in s.tags]
    return " ".join(s.words), set(spans_from_tags(offsets, tags))


def evaluate(rec: Recogniser, sents: list[Sentence]) -> dict[str, tuple[float, float, float]]:
    """Entity-level precision, recall, F1 per label and over all (``"all"``): exact start, end and label."""
    counts = {k: [0, 0, 0] for k in (*LABELS, "all")}  # true positives, predicted, gold
    for s in sents:
        text, gold = as_text(s)
        pred = set(rec(text))
        for kind in LABELS:
            g = {x for x in gold if x[2] == kind}
            p = {x for x in pred if x[2] == kind}
            for k in (kind, "all"):
                counts[k][0] += len(g & p)
                counts[k][1] += len(p)
                counts[k][2] += len(g)
    out = {}
    for k, (tp, np_, ng) in counts.items():
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        out[k] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def _lit(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def write_trig(rec: Recogniser, news: Path, out: Path) -> None:
    """Each article's PERSON and ORG spans as persons and organisations in the article's named graph (one node per
    distinct name and kind in an article)."""
    lines = ["@prefix schema: <https://schema.org/> .", "@prefix org: <http://www.w3.org/ns/org#> ."]
    for path in sorted(news.glob("detik-*.txt")):
        text = path.read_text(encoding="utf-8")
        names = sorted({(label, " ".join(text[s:e].split())) for s, e, label in rec(text) if label in ("PERSON", "ORG")})
        lines.append(f"<https://w3id.org/jejaring/doc/{path.name}> {{")
        # The article itself, so that an article where nothing was found still counts.
        lines.append(f"  <https://w3id.org/jejaring/id/recognised/{path.stem}> a schema:NewsArticle .")
        for n, (label, name) in enumerate(names):
            node = f"<https://w3id.org/jejaring/id/recognised/{path.stem}/{n}>"
            kind = "schema:Person" if label == "PERSON" else "org:Organization"
            lines.append(f"  {node} a {kind} ; schema:name {_lit(name)} .")
        lines.append("}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def score_news(rec: Recogniser, news: Path, trig: Path, csv: Path, scorer: Path) -> dict:
    write_trig(rec, news, trig)
    done = subprocess.run([sys.executable, str(scorer), "score", str(csv), str(trig), "--split", "dev", "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def speed(rec: Recogniser, texts: list[str]) -> float:
    """Words (whitespace-separated) per CPU second over ``texts``, after one warm-up call."""
    rec(texts[0])
    words = sum(len(t.split()) for t in texts)
    started = time.process_time()
    for t in texts:
        rec(t)
    return words / (time.process_time() - started)


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


# --- the run -------------------------------------------------------------------------------------------------------

CRF_NERP = {"drop": "NERP unsure dropped", "recased": "NERP O kept", "none": "no NERP"}
SPACY_NERP = {"missing": "NERP unsure missing", "recased": "NERP O kept", "none": "no NERP"}


def crf_models(args) -> dict[str, tuple[Recogniser, Path, float | None]]:
    """Each CRF variant trained into ``--work`` (once; timed); the NERP-dropped one must equal the shipped model."""
    out = {}
    for nerp in args.crf_nerp:
        path = args.work / f"crf-{nerp}" / "ner.crfsuite"
        info = path.with_suffix(".json")
        if not path.exists():
            started = time.process_time()
            train_crf(training_sentences(args.data, nerp), path)
            info.write_text(json.dumps({"cpu_minutes": (time.process_time() - started) / 60}))
        minutes = json.loads(info.read_text())["cpu_minutes"]
        name = f"CRF, {CRF_NERP[nerp]}"
        if nerp == "drop" and SHIPPED.exists():
            same = path.read_bytes() == SHIPPED.read_bytes()
            note(f"CRF trained here {'equals' if same else 'DIFFERS FROM'} the shipped model")
            if same:
                name += " (shipped)"
        note(f"{name}: trained in {minutes:.1f} min CPU")
        out[name] = (crf_recogniser(path), path, minutes)
    return out


def spacy_models(args) -> dict[str, tuple[Recogniser, Path, float | None]]:
    """Each spaCy variant trained into ``--work`` for ``--spacy-minutes`` of CPU (once), best validation epoch kept."""
    import spacy

    out = {}
    valid = load_split(args.data, "nergrit", "valid") + load_split(args.data, "idner-news-2k", "valid")
    for nerp in args.spacy_nerp:
        folder = args.work / f"spacy-{nerp}"
        info = args.work / f"spacy-{nerp}.json"
        if not (folder / "meta.json").exists():
            sents = load_training(args.data, nerp)
            sents += titlecase_copies(sents, TITLECASE_SHARE, SEED)
            info.write_text(json.dumps(train_spacy(sents, valid, folder, args.spacy_minutes)))
        minutes = json.loads(info.read_text())["cpu_minutes"] if info.exists() else None
        out[f"spaCy {spacy.__version__}, {SPACY_NERP[nerp]}"] = (spacy_recogniser(spacy.load(folder)), folder, minutes)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ner")
    parser.add_argument("--news", type=Path, default=ROOT.parent / "shared" / "data" / "real-news-dev" / "data_berita_dev.csv")
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "stakeholders.py")
    parser.add_argument("--work", type=Path, required=True, help="folder for trained models, articles and TriG files")
    parser.add_argument("--spacy-minutes", type=float, default=12.0, help="CPU minutes of spaCy training")
    parser.add_argument("--crf-nerp", nargs="+", default=["drop"], choices=sorted(CRF_NERP), help="CRF variants")
    parser.add_argument("--spacy-nerp", nargs="*", default=["missing"], choices=sorted(SPACY_NERP),
                        help="spaCy variants (none: leave spaCy out)")
    parser.add_argument("--skip-news", action="store_true", help="no Detik scores (speed is then read on test text)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)

    learners = crf_models(args)
    if args.spacy_nerp:
        learners |= spacy_models(args)

    tests = {name: load_split(args.data, corpus, split) for name, (corpus, split) in TEST_SETS.items()}
    news = args.work / "news"
    if not args.skip_news and not any(news.glob("detik-*.txt")):
        subprocess.run([sys.executable, str(args.scorer), "prepare", str(args.news), str(news), "--split", "dev"],
                       check=True, stdout=subprocess.DEVNULL)
    texts = [] if args.skip_news else [p.read_text(encoding="utf-8") for p in sorted(news.glob("detik-*.txt"))]

    quality, other = [], []
    for n, (name, (rec, path, minutes)) in enumerate(learners.items()):
        for test, sents in tests.items():
            r = evaluate(rec, sents)
            cells = [f"{r[k][0]:.2f} / {r[k][1]:.2f} / {r[k][2]:.2f}" for k in LABELS]
            quality.append(f"| {name} | {test} | " + " | ".join(cells) + f" | {r['all'][2]:.2f} |")
            note(quality[-1])
        if texts:
            s = score_news(rec, news, args.work / f"learner-{n}.trig", args.news, args.scorer)
            detik = f"{s['recall_named']:.2f} | {s['extracted_unmatched_share']:.2f} | {s['extracted_per_document']:.1f}"
        else:
            detik = "n/a | n/a | n/a"
        wps = speed(rec, texts or [as_text(s)[0] for s in tests["idner-news-2k test"]])
        trained = f"{minutes:.1f}" if minutes is not None else "n/a"
        other.append(f"| {name} | {detik} | {wps:,.0f} | {size_mb(path):.1f} | {trained} |")
        note(other[-1])

    print("| learner | test set | PERSON P / R / F | ORG P / R / F | PLACE P / R / F | all F |")
    print("|---|---|---|---|---|---|")
    print("\n".join(quality))
    print()
    print("| learner | Detik dev: named stakeholders found | unmatched share | persons+orgs per article "
          "| words/s (CPU, one process) | model MB | training CPU min |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(other))
    return 0


if __name__ == "__main__":
    sys.exit(main())
