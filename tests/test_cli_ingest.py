"""The ingest, validate, stats, show and eval commands from the command line, happy paths and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from jejaring.cli import cli

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Kunjungan Belajar ke Seoul\n\nJakarta, 13 Juni 2019. Bapak Budi Santoso, Kepala Dinas Sosial, hadir.\n"


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=not ok)
    return result


def _minimal_pdf_without_text(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a drawing, no text: a scanned page looks like this to pypdf
    pdf.output(str(path))
    return path


BAD = {
    "empty.txt": (lambda p: p.write_text(""), "empty"),
    "binary.txt": (lambda p: p.write_bytes(b"\x00\x01\x02PK\x03\x04" * 200), "binary"),
    "notes.docx": (lambda p: p.write_bytes(b"PK\x03\x04"), "unsupported"),
    "scan.pdf": (_minimal_pdf_without_text, "OCR"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_ingest_bad_file_is_one_line_and_the_batch_goes_on(tmp_path, name):
    make, word = BAD[name]
    bad = tmp_path / "docs" / name
    bad.parent.mkdir()
    make(bad)
    good = tmp_path / "docs" / "good.txt"
    good.write_text(GOOD)
    result = run("ingest", str(bad), str(good), "-g", str(tmp_path / "g.trig"), "-q")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and name in errors[0] and word.lower() in errors[0].lower()
    stats = json.loads(run("stats", "-g", str(tmp_path / "g.trig"), "--format", "json").stdout)
    assert stats["documents"] == 1 and stats["entities"]["persons"] == 1


def test_cli_ingest_exits_2_when_no_document_could_be_read(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n")
    result = run("ingest", str(bad), "-g", str(tmp_path / "g.trig"), "-q")
    assert result.exit_code == 2
    assert not (tmp_path / "g.trig").exists()


def test_cli_ingest_undecodable_bytes_warn_and_are_ingested(tmp_path):
    doc = tmp_path / "latin.txt"
    doc.write_bytes(GOOD.replace("Budi", "B\xe9di").encode("cp1252"))
    result = run("ingest", str(doc), "-g", str(tmp_path / "g.trig"))
    assert result.exit_code == 0
    assert "Warning:" in result.stderr and "cp1252" in result.stderr


def test_cli_ingest_large_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("w") as fh:
        line = "Pemerintah Provinsi DKI Jakarta menggelar rapat koordinasi. " * 20 + "\n"
        while fh.tell() < 50_000_000:
            fh.write(line)
    result = run("ingest", str(big), "-g", str(tmp_path / "g.trig"), "-q")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "big.txt" in line and "MB" in line


def test_cli_ingest_corpus_then_validate_stats_show_eval(tmp_path):
    graph = str(tmp_path / "graph")
    result = run("ingest", str(ROOT / "examples" / "corpus"), str(ROOT / "examples" / "curated"), "-g", graph)
    assert result.exit_code == 0, result.stderr
    assert "10 written" in result.stderr
    assert [line for line in result.stderr.splitlines() if line in ("extract", "write")] == ["extract", "write"]
    again = run("ingest", str(ROOT / "examples" / "corpus"), "-g", graph)
    assert "0 written, 8 unchanged" in again.stderr
    assert "write" not in again.stderr.splitlines()  # nothing to write: no second bar
    validate = run("validate", "-g", graph)
    assert validate.exit_code == 0, validate.stdout
    stats = json.loads(run("stats", "-g", graph, "--format", "json").stdout)
    # nine lessons, each one node however many documents and languages state it
    assert stats["documents"] == 10 and stats["entities"]["lessons"] >= 9
    show = run("show", "Blessmiyanda", "-g", graph)
    assert show.exit_code == 0
    assert "»Blessmiyanda«" in show.stdout and "03-post-change-id.txt" in show.stdout
    gold = ROOT / "examples" / "gold" / "03-post-change-id.json"
    evaluation = run("eval", "-g", graph, "--gold", str(gold), "--format", "json", "--min-f1", "0.9")
    assert evaluation.exit_code == 0, evaluation.stdout
    assert json.loads(evaluation.stdout)["summary"]["entities"]["f1"] >= 0.9


def test_cli_ingest_user_lexicon_adds_an_agency(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("Rapat Koordinasi\n\nJakarta, 2 Mei 2019. Perwakilan ZXQA hadir dalam rapat koordinasi.\n")
    lexicon = tmp_path / "agencies.tsv"
    lexicon.write_text("id\tname\tlang\tacronym\tkind\tsector\tparent\taliases\twikidata\n"
                       "zxqa\tBadan Zona Xeno Quasi Air\tid\tZXQA\tbadan\tgovernment\t\t\t\n")
    plain = run("ingest", str(doc), "-g", str(tmp_path / "a.trig"), "-q")
    with_lexicon = run("ingest", str(doc), "-g", str(tmp_path / "b.trig"), "--lexicon", str(lexicon), "-q")
    assert plain.exit_code == with_lexicon.exit_code == 0
    counts = [json.loads(run("stats", "-g", str(tmp_path / g), "--format", "json").stdout)["entities"]["organisations"]
              for g in ("a.trig", "b.trig")]
    assert counts == [0, 1]


def test_cli_show_unknown_entity_is_one_line(tmp_path):
    run("ingest", str(ROOT / "examples" / "curated"), "-g", str(tmp_path / "g.trig"), "-q")
    result = run("show", "Nobody Atall", "-g", str(tmp_path / "g.trig"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: no entity is called 'Nobody Atall'; try 'jejaring entities --search TEXT' or an IRI"


# -- paths (issue 9): links out of a folder, loops, and outputs never named by document content ------------------
def _documents(graph: str) -> int:
    return json.loads(run("stats", "-g", graph, "--format", "json").stdout)["documents"]


@pytest.fixture
def linked_folder(tmp_path) -> Path:
    """docs/ with a document, a link to a file and one to a folder outside it, a link to itself and one back up."""
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / "sub").mkdir(parents=True)
    (outside / "dir").mkdir(parents=True)
    (docs / "good.txt").write_text(GOOD)
    (outside / "secret.txt").write_text(GOOD.replace("Budi Santoso", "Dewo Prasetyo"))
    (outside / "dir" / "other.txt").write_text(GOOD.replace("Budi Santoso", "Hadi Nugraha"))
    (docs / "secret.txt").symlink_to(outside / "secret.txt")
    (docs / "outdir").symlink_to(outside / "dir", target_is_directory=True)
    (docs / "loop").symlink_to(docs / "loop")
    (docs / "sub" / "back").symlink_to(docs, target_is_directory=True)
    return docs


def test_cli_ingest_does_not_follow_links_out_of_a_folder_and_says_so(tmp_path, linked_folder):
    graph = str(tmp_path / "g.trig")
    result = run("ingest", str(linked_folder), "-g", graph)
    assert result.exit_code == 0, result.stderr
    assert _documents(graph) == 1
    warnings = sorted(line for line in result.stderr.splitlines() if line.startswith("Warning:"))
    assert [w.split(":")[1].strip().rsplit("/", 1)[-1] for w in warnings] == ["loop", "outdir", "secret.txt"]
    assert all("not followed (--follow-symlinks follows it)" in w for w in warnings if "loop" not in w)
    assert "loops or leads nowhere" in next(w for w in warnings if "loop" in w)
    assert "1 written" in result.stderr and "3 warnings" in result.stderr


def test_cli_ingest_follows_links_when_asked_and_loops_end(tmp_path, linked_folder):
    graph = str(tmp_path / "g.trig")
    result = run("ingest", str(linked_folder), "-g", graph, "--follow-symlinks")
    assert result.exit_code == 0, result.stderr
    assert _documents(graph) == 3  # good.txt, secret.txt and outdir/other.txt; sub/back walks docs/ no second time
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "loop" in warnings[0]


ODD_NAMES = ("$(touch pwned).txt", "a;b|c`d`.txt", " spaced .txt", "a..%2F..%2Fescape.txt", "back\\..\\slash.txt",
             "ünï cödé.md")


def test_cli_outputs_are_never_named_by_document_content(tmp_path, monkeypatch):
    work = tmp_path / "work"
    docs = work / "docs"
    docs.mkdir(parents=True)
    monkeypatch.chdir(work)
    for i, name in enumerate(ODD_NAMES):
        (docs / name).write_text(f"../../etc/x{i}\n\n{GOOD}Lihat ../../../tmp/pwned dan /etc/passwd.\n")
    before = set(tmp_path.parent.iterdir())
    store = "store"
    assert run("ingest", "docs", "-g", store, "-q").exit_code == 0
    assert [r.identity for r in _records(store)] == sorted(ODD_NAMES)
    outputs = ["out.trig", "net.gexf", "net.html", "csv", "neo4j"]
    for args in (["export", "-g", store, "-f", "trig", "-o", "out.trig"],
                 ["export", "-g", store, "-f", "gexf", "-o", "net.gexf"],
                 ["export", "-g", store, "-f", "csv", "-o", "csv"],
                 ["export", "-g", store, "-f", "neo4j", "-o", "neo4j"],
                 ["viz", "-g", store, "-o", "net.html", "-q"]):
        assert run(*args).exit_code == 0
    assert sorted(p.name for p in work.iterdir()) == sorted(["docs", store, *outputs])
    assert sorted(p.name for p in docs.iterdir()) == sorted(ODD_NAMES)
    assert {p.name for p in (work / "csv").iterdir()} == {"nodes.csv", "edges.csv"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"] and set(tmp_path.parent.iterdir()) == before
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(("pwned", "x", "passwd", "escape"))]


def _records(graph: str):
    from jejaring.graph.store import open_graph

    with open_graph(graph, create=False) as kg:
        return kg.documents()


def test_cli_ingest_file_name_that_is_not_utf8_is_ingested(tmp_path):
    """Issue 20, item 10: the bytes of the name that are not UTF-8 are written %XX in the identity."""
    folder = tmp_path / "docs"
    folder.mkdir()
    name = os.fsdecode(b"\xff\xfebad.txt")
    (folder / name).write_text("Kunjungan belajar ke Surabaya berlangsung pada 3 Mei 2019.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "-g", str(tmp_path / "g.trig")], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "1 written, 0 unchanged, 0 failed" in result.stderr
    exported = CliRunner().invoke(cli, ["export", "-g", str(tmp_path / "g.trig"), "-f", "nq"], catch_exceptions=False)
    assert "<https://w3id.org/jejaring/doc/%25FF%25FEbad.txt>" in exported.stdout


# -- input that yields nothing is said (issue 22) ----------------------------------------------------------------
def test_cli_ingest_an_empty_folder_is_no_documents_found(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("ingest", str(tmp_path / "empty"), "-g", str(tmp_path / "g.trig"))
    assert result.exit_code == 2
    assert f"Error: no documents found in {tmp_path / 'empty'}" in result.stderr.splitlines()


def test_cli_ingest_names_every_unsupported_file_of_a_folder_on_one_warning_line(tmp_path):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    for name in ("a.docx", "sub/b.xlsx"):
        (docs / name).write_bytes(b"PK\x03\x04")
    only_unsupported = run("ingest", str(docs), "-g", str(tmp_path / "a.trig"))
    assert only_unsupported.exit_code == 1  # nothing was ingested
    [warning] = [line for line in only_unsupported.stderr.splitlines() if line.startswith("Warning:")]
    assert "a.docx" in warning and "sub/b.xlsx" in warning and ".txt" in warning
    (docs / "good.txt").write_text(GOOD)
    beside_text = run("ingest", str(docs), "-g", str(tmp_path / "b.trig"))
    assert beside_text.exit_code == 0 and "1 written" in beside_text.stderr
    assert [line for line in beside_text.stderr.splitlines() if line.startswith("Warning:")] == [warning]


@pytest.mark.parametrize("name", ["out.ttl", "out.jsonld", "graph.txt"])
def test_cli_graph_with_an_extension_that_is_not_a_store_format_is_an_error_naming_the_formats(tmp_path, name):
    (tmp_path / "doc.txt").write_text(GOOD)
    result = run("ingest", str(tmp_path / "doc.txt"), "-g", str(tmp_path / name))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error:") and ".trig" in line and ".nq" in line and "directory" in line
    assert not (tmp_path / name).exists()


def test_cli_graph_directory_with_any_other_ending_is_a_store(tmp_path):
    # the team's scoring script writes each document's graph to NAME.store
    (tmp_path / "doc.txt").write_text(GOOD)
    result = run("ingest", str(tmp_path / "doc.txt"), "-g", str(tmp_path / "doc.store"))
    assert result.exit_code == 0
    assert (tmp_path / "doc.store").is_dir()


# -- show (issue 22): posts as "role, organisation (period)", quotes in their sentences, did you mean ---------------
def test_cli_show_prints_posts_as_role_organisation_period_and_never_a_membership_id(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "staff.csv").write_text("person,organisation,role,start,end,event,event_start,source\n"
                                        "Sekar Arumdalu,Dinas Sosial,Kepala Seksi,2019-02-01,,,,https://example.org/staff\n")
    assert run("ingest", str(tmp_path / "good.txt"), str(tmp_path / "staff.csv"), "-g", str(tmp_path / "g.trig"),
               "-q").exit_code == 0
    extracted = run("show", "Budi Santoso", "-g", str(tmp_path / "g.trig")).stdout
    assert "posts:\n  Kepala, Dinas Sosial (2019-06-13)\n" in extracted
    assert "(post-title, Kepala, Dinas Sosial (2019-06-13)): Bapak Budi Santoso, »Kepala Dinas Sosial«, hadir." in extracted
    curated = run("show", "Sekar Arumdalu", "-g", str(tmp_path / "g.trig")).stdout
    assert "posts:\n  Kepala Seksi, Dinas Sosial (2019-02-01 – …)\n" in curated
    assert "membership/" not in extracted + curated
    evidence = curated.split("evidence:\n", 1)[1].splitlines()
    assert evidence and all(line.endswith(", no quote") for line in evidence)  # a curated fact quotes nothing


def test_cli_show_a_name_that_matches_nothing_gets_the_closest_labels(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    run("ingest", str(tmp_path / "good.txt"), "-g", str(tmp_path / "g.trig"), "-q")
    for name in ("Budi", "budi santosa"):
        result = run("show", name, "-g", str(tmp_path / "g.trig"))
        assert result.exit_code == 2
        assert result.stderr == f"Error: no entity is called '{name}'; did you mean 'Budi Santoso'?\n"
