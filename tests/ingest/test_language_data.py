"""Language data is data: no word list left in the extractors' code, a new language is a folder of TSV files,
and a user's lexicon file extends the word lists (issue "Language data as data")."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

import jejaring.ingest
from jejaring.cli import cli
from jejaring.errors import LexiconError
from jejaring.ingest.document import Document
from jejaring.ingest.extract.dates import find_dates
from jejaring.ingest.findings import Findings
from jejaring.ingest.lexicon import WORD_LISTS, load_lexicon
from jejaring.ingest.pipeline import extract_document
from jejaring.ingest.read import detect_language, read_document
from jejaring.ingest.registry import COMPONENTS, rule_ids

_PACKAGE = Path(jejaring.ingest.__file__).parent
#: The modules whose rules must read their words from the lexicon.
MODULES = [
    *sorted((_PACKAGE / "extract").glob("*.py")),
    *sorted((_PACKAGE / "relate").glob("*.py")),
    *sorted((_PACKAGE / "read").glob("*.py")),
    _PACKAGE / "mentions.py",
    _PACKAGE / "findings.py",
    _PACKAGE / "pipeline.py",
]
#: Words that are syntax, not language: HTML and trafilatura XML element names, URL schemes, file name endings
#: (a literal or an alternation made only of these is allowed).
_SYNTAX = frozenset({
    "p", "div", "li", "tr", "section", "article", "blockquote", "pre", "br", "dd", "head", "quote", "code", "table",
    "list", "nav", "header", "footer", "aside", "form",
    "http", "https", "ftp",
    "pdf", "odt", "rtf", "indd",
})
#: Names in the code, not words of a language: the pipeline's components, their rule ids and the fields they set.
_IDENTIFIERS = frozenset({*COMPONENTS, *rule_ids(), *(f.name for f in fields(Findings))})
_GROUP_PREFIX = re.compile(r"\(\?(?:[:=!>]|<[=!]|P<\w+>|[aiLmsux-]+:)?")


def _is_word(value: str) -> bool:
    """A word or phrase of a language: letters (an apostrophe or a final full stop allowed), spaces between."""
    words = value.split()
    return bool(words) and all(w.replace("'", "").replace("’", "").rstrip(".").isalpha() for w in words)


def _alternatives(source: str) -> list[list[str]]:
    """The alternatives of every group (and of the whole) of a regular expression, as written."""
    groups: list[list[str]] = []
    stack: list[list[str]] = [[""]]
    i = 0
    while i < len(source):
        c = source[i]
        if c == "\\":  # an escape is no letter of a word
            stack[-1][-1] += "\x00"
            i += 2
        elif c == "[":  # a character class neither
            j = i + 1 + (source[i + 1:i + 2] == "^")
            j += source[j:j + 1] == "]"
            while j < len(source) and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            stack[-1][-1] += "\x00"
            i = j + 1
        elif c == "(":
            prefix = _GROUP_PREFIX.match(source, i)
            stack.append([""])
            i = prefix.end() if prefix else i + 1
        elif c == ")" and len(stack) > 1:
            groups.append(stack.pop())
            stack[-1][-1] += "\x00"
            i += 1
        elif c == "|":
            stack[-1].append("")
            i += 1
        else:
            stack[-1][-1] += c
            i += 1
    return groups + stack


def _word_lists(path: Path) -> list[str]:
    """Where ``path`` holds a word list in code: a literal of 3+ words, or a regex alternation of 3+ words."""
    found = []

    def report(node: ast.AST, what: str, words: list[str]) -> None:
        words = [w for w in words if _is_word(w)]
        if len(words) >= 3 and not set(words) <= _SYNTAX | _IDENTIFIERS:
            found.append(f"{path.name}:{node.lineno}: {what} of words {words[:5]}")

    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            report(node, "a literal", [e.value for e in node.elts if isinstance(e, ast.Constant)
                                       and isinstance(e.value, str)])
        elif isinstance(node, ast.Dict):  # a table of words: string keys with string values
            pairs = [(k.value, v.value) for k, v in zip(node.keys, node.values, strict=True)
                     if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
                     and isinstance(k.value, str) and isinstance(v.value, str)]
            report(node, "a dict", [k for k, _ in pairs])
            report(node, "a dict", [v for _, v in pairs])
        elif isinstance(node, ast.JoinedStr):  # an f-string: its pieces around the {...} read as one pattern
            source = "".join(v.value if isinstance(v, ast.Constant) else "\x00" for v in node.values)
            for alternatives in _alternatives(source):
                report(node, "a regex alternation", alternatives)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for alternatives in _alternatives(node.value):
                report(node, "a regex alternation", alternatives)
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_language_data_no_word_list_in_code(path):
    assert _word_lists(path) == [], "move these words to a lexicon word list (words.tsv)"


@pytest.mark.parametrize(("source", "caught"), [
    ('X = {"dan", "serta", "and"}', True),
    ('X = ("Kota ", "City of ", "Negara ")', True),
    ('X = {"urban village": "kelurahan", "village": "desa", "regency": "kabupaten"}', True),
    ('X = re.compile(r"\\b(?:saat|ketika|when)\\s+")', True),
    ('X = rf"(?:{a}|tahun|in|pada)"', True),
    ('X = {"kind": kind, "unit": unit, "aliases": aliases}', False),
    ('X = ("p", "div", "li", "tr")', False),
    ('X = re.compile(r"[A-Z]\\.|(?:dan|and)")', False),
    ('__all__ = ["find_dates", "DateMention", "Layout"]', False),
])
def test_language_data_check_catches_word_lists(tmp_path, source, caught):
    path = tmp_path / "module.py"
    path.write_text(source + "\n", encoding="utf-8")
    assert bool(_word_lists(path)) is caught


# -- a new language is a folder ------------------------------------------------------------------------------------
# "xx": a made-up language. Its words: "Grondel" is a post (head of a body), "Zul" an honorific, "velar" stands
# between a name and its post, "trovish" is a verb of saying, "Quintal" the fifth month.
XX_FILES = {
    "posts.tsv": "pattern\trole\tlabel_id\tlabel_en\ttakes_org\tpublic\nGrondel\thead\tKepala\tHead\tyes\tyes\n",
    "honorifics.tsv": "form\tkind\texpansion\nZul\thonorific\tZul\n",
    "stopwords.tsv": "word\nka\nvo\nmel\ntun\nru\n",
    "words.tsv": "list\tword\nbefore_post\tvelar\n",
    "speech_verbs.tsv": "verb\tstance\ntrovish\tneutral\n",
    "months.tsv": "name\tmonth\nquintal\t5\n",
}
XX_TEXT = "Zul Tamsin Orvalle, velar Grondel Bappeda Kota Semarang, trovish ka vo 12 Quintal 2021 tun mel ru."


@pytest.fixture(scope="module")
def xx_lexicon(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lexicon")
    (folder / "xx").mkdir()
    for name, text in XX_FILES.items():
        (folder / "xx" / name).write_text(text, encoding="utf-8")
    return load_lexicon([folder])


def test_language_data_a_folder_adds_a_language(xx_lexicon):
    assert xx_lexicon.languages == ("en", "id", "xx")
    assert load_lexicon().languages == ("en", "id")
    assert xx_lexicon.words("before_post", "xx") == {"velar"}


def test_language_data_new_language_is_detected_and_dated(xx_lexicon, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(XX_TEXT + "\n", encoding="utf-8")
    assert detect_language(XX_TEXT, xx_lexicon) == "xx"
    assert detect_language(XX_TEXT) == "id"  # the shipped lexicon knows no xx
    assert read_document(path, lexicon=xx_lexicon).language == "xx"
    assert [m.begin.isoformat() for m in find_dates(XX_TEXT, xx_lexicon)] == ["2021-05-12"]
    assert find_dates(XX_TEXT) == []


def test_language_data_new_language_post_is_attached_to_a_person(xx_lexicon):
    doc = Document("note.txt", XX_TEXT, language="xx")
    ex = extract_document(doc, xx_lexicon)
    assert [(m.person, m.organisation, m.role, m.role_label) for m in ex.memberships] == [
        ("person:tamsin-orvalle", "organisation:bappeda-kota-semarang", "head", "Grondel")]
    assert ex.entities["person:tamsin-orvalle"].name == "Tamsin Orvalle"  # the honorific is not part of the name
    assert [s.speaker for s in ex.statements] == ["person:tamsin-orvalle"]
    plain = extract_document(doc, load_lexicon())
    assert plain.memberships == [] and "person:tamsin-orvalle" not in plain.entities


# -- the user's lexicon extends a word list ---------------------------------------------------------------------
def _persons(graph: Path) -> int:
    result = CliRunner().invoke(cli, ["stats", "-g", str(graph), "--format", "json"], catch_exceptions=False)
    return json.loads(result.stdout)["entities"]["persons"]


def test_language_data_user_lexicon_extends_a_word_list(tmp_path):
    doc = tmp_path / "minutes.txt"
    doc.write_text("Riverside forum\n\nConvener: Tamsin Orvalle\n\nThe forum met on 4 May 2021.\n", encoding="utf-8")
    labels = tmp_path / "labels.tsv"
    labels.write_text("lang\tlist\tword\nen\tperson_labels\tConvener\n", encoding="utf-8")
    runner = CliRunner()
    for graph, extra in (("plain.trig", []), ("labels.trig", ["--lexicon", str(labels)])):
        result = runner.invoke(cli, ["ingest", str(doc), "-g", str(tmp_path / graph), "-q", *extra],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert [_persons(tmp_path / g) for g in ("plain.trig", "labels.trig")] == [0, 1]


# -- the loader checks the new tables ---------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "text", "message"), [
    ("en/words.tsv", "list\tword\nno_such_list\tfoo\n", ":2: list: unknown value 'no_such_list'"),
    ("en/months.tsv", "name\tmonth\nsmarch\t13\n", ":2: month: '13' is not a month number 1-12"),
    ("boilerplate.tsv", "pattern\twhere\n(?:share\tline\n", ":2: pattern: not a regular expression"),
    ("boilerplate.tsv", "pattern\twhere\nshare\tbottom\n", ":2: where: unknown value 'bottom'"),
    ("en/speech_verbs.tsv", "verb\tstance\tbefore_name\nopined\tneutral\tmaybe\n",
     ":2: before_name: 'maybe' is neither yes nor no"),
])
def test_language_data_malformed_rows_are_refused(tmp_path, name, text, message):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(f"{path}{message}")):
        load_lexicon([path])


def test_language_data_common_words_belong_to_every_language(tmp_path):
    path = tmp_path / "common" / "words.tsv"
    path.parent.mkdir()
    path.write_text("list\tword\nname_particles\tzu\n", encoding="utf-8")
    lex = load_lexicon([path])
    assert "zu" in lex.words("name_particles", "id") and "zu" in lex.words("name_particles", "en")
    assert "zu" not in load_lexicon().words("name_particles")


def test_language_data_word_lists_are_known_and_patterns_whole_words():
    lex = load_lexicon()
    assert {w.list for w in lex.word_entries} <= set(WORD_LISTS)
    with pytest.raises(KeyError, match="not a word list"):
        lex.words("no_such_list")
    assert lex.word_pattern("year_cues").findall("Pada tahun 2019; in 2020, not inside: tahunan") == [
        "Pada", "tahun", "in"]
    assert lex.alternation("ordinal_suffixes") == "(?:nd|rd|st|th)"
