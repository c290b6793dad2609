"""The ``jejaring`` command line: a thin layer over the Python API.

Results go to standard output; progress and notes go to standard error and stop with ``--quiet``.
Every :class:`~jejaring.errors.JejaringError` is caught once, in :class:`JejaringGroup`, and shown
as one ``Error: ...`` line with its exit code (0 done, 1 problems found, 2 input unusable).
"""

from __future__ import annotations

import json
import sys

import click

from jejaring import __version__
from jejaring.errors import JejaringError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class JejaringGroup(click.Group):
    """A click group that turns jejaring's errors into one-line messages with their exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except JejaringError as e:
            exc = click.ClickException(str(e))
            exc.exit_code = e.exit_code
            raise exc from None


@click.group(cls=JejaringGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="jejaring")
def cli() -> None:
    """Documents about cities, agencies, officials, learning visits and lessons into an RDF
    knowledge graph; query it, validate it, export it.

    \b
    Example:
        jejaring ingest examples/curated/stakeholders.yaml -g graph/
        jejaring validate -g graph/
        jejaring stats -g graph/
    """


def graph_option(fn):
    """The ``-g/--graph`` option shared by every command that reads or writes a graph."""
    return click.option(
        "-g", "--graph", "graph", required=True, envvar="JEJARING_GRAPH", metavar="GRAPH",
        help="The knowledge graph: a directory (embedded store) or a .trig/.nq file. Env: JEJARING_GRAPH.",
    )(fn)


def quiet_option(fn):
    """The ``-q/--quiet`` option: no progress or notes on standard error."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar or notes on standard error.")(fn)


def _open(location: str, create: bool = False):
    from jejaring.graph.store import open_graph

    return open_graph(location, create=create)


def _note(quiet: bool, message: str) -> None:
    if not quiet:
        click.echo(message, err=True)


@cli.command(name="ingest", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@graph_option
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A TSV file of your own lexicon rows (its header names the table). Repeatable.")
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links that lead out of a folder.")
@click.option("--max-size", default=20.0, show_default=True, metavar="MB",
              help="Refuse documents larger than this many megabytes.")
@quiet_option
def ingest_command(paths: tuple[str, ...], graph: str, lexicons: tuple[str, ...], follow_symlinks: bool,
                   max_size: float, quiet: bool) -> None:
    """Ingest documents (.txt, .md, .html, .pdf) and curated facts (.yaml, .csv) into the graph.

    Folders are read recursively. Each file becomes its own named graph; a file whose content
    did not change is skipped, a changed one replaces its graph. Exit code 1 when some files
    failed (the others are still ingested), 2 when none could be read.

    \b
    Example:
        jejaring ingest examples/corpus examples/curated -g graph/
        jejaring ingest report.pdf notes.md -g corpus.trig --lexicon my-agencies.tsv
    """
    from pathlib import Path

    from jejaring.ingest.batch import ingest_paths
    from jejaring.ingest.lexicon import load_lexicon

    lexicon = load_lexicon([Path(p) for p in lexicons])
    with _open(graph, create=True) as kg:
        bar = _ProgressBar(hidden=quiet)
        try:
            report = ingest_paths(kg, paths, lexicon=lexicon, follow_symlinks=follow_symlinks,
                                  max_bytes=int(max_size * 1_000_000), progress=bar)
        finally:
            bar.close()
    for path, message in report.failed:
        click.echo(f"Error: {message}" if path in message else f"Error: {path}: {message}", err=True)
    for warning in report.warnings:
        _note(quiet, f"Warning: {warning}")
    _note(quiet, f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.failed)} failed; "
                 f"{report.entities} entities, {report.facts} facts, {len(report.warnings)} warnings")
    sys.exit(report.exit_code)


class _ProgressBar:
    """A click progress bar on standard error, sized by the first call (the batch's file count)."""

    def __init__(self, hidden: bool) -> None:
        self.hidden, self.bar = hidden, None

    def __call__(self, label: str, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="ingest", file=sys.stderr, hidden=self.hidden,
                                         item_show_func=lambda item: item)
            self.bar.__enter__()
        self.bar.update(1, label[-40:])

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command(name="validate", context_settings=CONTEXT_SETTINGS)
@graph_option
def validate_command(graph: str) -> None:
    """Validate the graph against jejaring's SHACL shapes.

    Prints one line per violation: shape | node | message | source document.
    Exit code 0 when the graph conforms, 1 when it does not.

    \b
    Example:
        jejaring validate -g graph/
    """
    from jejaring.ontology.validate import format_violation, validate_dataset

    with _open(graph) as kg:
        report = validate_dataset(kg.dataset())
    for v in report.violations:
        click.echo(format_violation(v))
    if report.conforms:
        click.echo("valid: the graph conforms to the shapes", err=True)
        return
    click.echo(f"invalid: {len(report.violations)} violation(s)", err=True)
    sys.exit(1)


@cli.command(name="stats", context_settings=CONTEXT_SETTINGS)
@graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats_command(graph: str, fmt: str) -> None:
    """Show what the graph holds: triples, documents, entities per class, top organisations.

    \b
    Example:
        jejaring stats -g graph/
        jejaring stats -g graph/ --format json
    """
    from jejaring.graph.stats import graph_stats

    with _open(graph) as kg:
        stats = graph_stats(kg)
    if fmt == "json":
        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    click.echo(f"triples      {stats['triples']}")
    click.echo(f"quads        {stats['quads']}")
    click.echo(f"documents    {stats['documents']}")
    for name, n in stats["entities"].items():
        click.echo(f"{name:<12} {n}")
    if stats["top_organisations"]:
        click.echo("top organisations by members:")
        for label, n in stats["top_organisations"]:
            click.echo(f"  {n:>4}  {label}")


@cli.command(name="export", context_settings=CONTEXT_SETTINGS)
@graph_option
@click.option("-f", "--format", "fmt", type=click.Choice(["trig", "nq", "ttl", "nt", "jsonld", "xml"]),
              default="trig", show_default=True, help="Output format; ttl, nt, jsonld and xml hold the union.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Output file (written atomically); standard output when omitted.")
def export_command(graph: str, fmt: str, output: str | None) -> None:
    """Write the graph out in an RDF format.

    \b
    Example:
        jejaring export -g graph/ -f trig -o corpus.trig
        jejaring export -g graph/ -f ttl | head
    """
    from jejaring.graph.export import write_rdf

    with _open(graph) as kg:
        write_rdf(kg, fmt, output)


@cli.command(name="show", context_settings=CONTEXT_SETTINGS)
@click.argument("entity")
@graph_option
def show_command(entity: str, graph: str) -> None:
    """Show what the graph knows about ENTITY (an IRI or a label), with each piece of evidence
    quoted in its sentence (the quoted words marked »like this«).

    \b
    Example:
        jejaring show "Oswar Mungkasa" -g graph/
        jejaring show BPBD -g graph/
    """
    from jejaring.graph.describe import describe_entity, find_entity

    with _open(graph) as kg:
        d = describe_entity(kg, find_entity(kg, entity))
    click.echo(f"{d.label}  <{d.iri}>")
    click.echo(f"  types: {', '.join(d.types)}")
    for p, o in d.facts:
        click.echo(f"  {p}: {o}")
    if d.evidence:
        click.echo("evidence:")
    for e in d.evidence:
        where = f"{e.document}[{e.start}:{e.end}]" if e.start is not None else e.document
        click.echo(f"  {where} ({e.rule}, {e.about}): {e.sentence}")


@cli.command(name="eval", context_settings=CONTEXT_SETTINGS)
@graph_option
@click.option("--gold", "golds", multiple=True, required=True, type=click.Path(exists=True, dir_okay=False),
              help="A gold annotation (JSON, ../shared/gold/FORMAT.md). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--min-f1", type=float, default=None, help="Exit 1 when the entity F1 is below this.")
def eval_command(graph: str, golds: tuple[str, ...], fmt: str, min_f1: float | None) -> None:
    """Score the graph against gold annotations: precision, recall and F1 per kind, and the
    recall of posts, participation and lesson links. Each gold file is scored against the
    document of the same name.

    \b
    Example:
        jejaring eval -g graph/ --gold examples/gold/01-seoul-visit-en.json
        jejaring eval -g graph/ --gold examples/gold/0*.json --min-f1 0.9
    """
    from jejaring.evaluate import run_eval

    output, code = run_eval(graph, list(golds), fmt == "json", min_f1)
    click.echo(output)
    sys.exit(code)
