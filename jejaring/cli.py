"""The ``jejaring`` command line: a thin layer over the Python API.

Results go to standard output; progress and notes go to standard error and stop with ``--quiet``.
Every :class:`~jejaring.errors.JejaringError` is caught once, in :class:`JejaringGroup`, and shown
as one ``Error: ...`` line with its exit code (0 done, 1 problems found, 2 input unusable).
"""

from __future__ import annotations

import errno
import json
import sys

import click

from jejaring import __version__
from jejaring.errors import JejaringError
from jejaring.graph.views.names import VIEWS

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
        except KeyboardInterrupt:
            click.echo("Interrupted: every document already in the graph is whole; run the command again to "
                       "finish.", err=True)
            ctx.exit(130)


@click.group(cls=JejaringGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="jejaring")
def cli() -> None:
    """Documents about cities, agencies, officials, learning visits and lessons into an RDF
    knowledge graph; query it, validate it, export it.

    \b
    Example:
        jejaring ingest examples/corpus examples/curated -g graph/
        jejaring validate -g graph/
        jejaring stats -g graph/
    """


def graph_option(fn):
    """The ``-g/--graph`` option shared by every command that reads or writes a graph."""
    return click.option(
        "-g", "--graph", "graph", required=True, envvar="JEJARING_GRAPH", metavar="GRAPH",
        help="The knowledge graph: a directory (embedded store), a .trig/.nq file, or the URL of a SPARQL 1.1 "
             "server (see README, Remote store). Env: JEJARING_GRAPH.",
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
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(min=1),
              help="Read and extract documents in this many worker processes (one process writes).")
@click.option("--time-limit", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              metavar="SECONDS", help="Skip (and report) a document whose extraction takes longer than this.")
@quiet_option
def ingest_command(paths: tuple[str, ...], graph: str, lexicons: tuple[str, ...], follow_symlinks: bool,
                   max_size: float, jobs: int, time_limit: float, quiet: bool) -> None:
    """Ingest documents (.txt, .md, .html, .pdf) and curated facts (.yaml, .csv) into the graph.

    Folders are read recursively. Each file becomes its own named graph; a file whose content
    did not change is skipped, a changed one replaces its graph. Exit code 1 when some files
    failed (the others are still ingested), 2 when none could be read.

    \b
    Example:
        jejaring ingest examples/corpus examples/curated -g graph/
        jejaring ingest examples/corpus/03-post-change-id.txt -g corpus.trig --lexicon examples/lexicon/agencies.tsv
        jejaring ingest examples/corpus -g graph/ --jobs 2
    """
    from pathlib import Path

    from jejaring.ingest.lexicon import load_lexicon
    from jejaring.service import ingest_paths

    lexicon = load_lexicon([Path(p) for p in lexicons])
    with _open(graph, create=True) as kg:
        bar = _ProgressBar(hidden=quiet)
        try:
            report = ingest_paths(kg, paths, lexicon=lexicon, follow_symlinks=follow_symlinks,
                                  max_bytes=int(max_size * 1_000_000), jobs=jobs, time_limit=time_limit,
                                  progress=bar)
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
    """Click progress bars on standard error, one per stage of an ingest ("extract", then "write"), each
    sized by the first call of its stage."""

    def __init__(self, hidden: bool) -> None:
        self.hidden, self.bar, self.stage = hidden, None, None

    def __call__(self, stage: str, label: str, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.bar = click.progressbar(length=total, label=stage, file=sys.stderr, hidden=self.hidden,
                                         item_show_func=lambda item: item)
            self.bar.__enter__()
            self.stage = stage
        self.bar.update(1, label[-40:])

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@cli.command(name="validate", context_settings=CONTEXT_SETTINGS)
@graph_option
@quiet_option
def validate_command(graph: str, quiet: bool) -> None:
    """Validate the graph against jejaring's SHACL shapes.

    Prints one line per violation: shape | node | message | source document.
    Exit code 0 when the graph conforms, 1 when it does not.

    \b
    Example:
        jejaring validate -g graph/
    """
    from jejaring.graph.views.validate import validate_graph
    from jejaring.ontology.validate import format_violation

    with _open(graph) as kg:
        bar = _ProgressBar(hidden=quiet)
        try:
            report = validate_graph(kg, progress=bar)
        finally:
            bar.close()
    for v in report.violations:
        click.echo(format_violation(v))
    if report.conforms:
        _note(quiet, "valid: the graph conforms to the shapes")
        return
    _note(quiet, f"invalid: {len(report.violations)} violation(s)")
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
    from jejaring.graph.views.stats import graph_stats

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


def _export_choices() -> list[str]:
    """The export formats (keys of ``jejaring.graph.views.export.WRITERS``), without loading any exporter."""
    from jejaring.graph.views.export import WRITERS

    return list(WRITERS)


def pseudonymise_options(fn):
    """The ``--pseudonymise`` and ``--pseudonym-key`` options of the commands that write for sharing."""
    fn = click.option("--pseudonym-key", envvar="JEJARING_PSEUDONYM_KEY", default="", metavar="KEY",
                      help="A secret keying the pseudonyms, so a guessed name cannot be checked against them; "
                           "better set in the environment. Env: JEJARING_PSEUDONYM_KEY.")(fn)
    return click.option("--pseudonymise", is_flag=True,
                        help="Replace the names of persons who hold no public post (staff, participants ...) "
                             "by stable pseudonyms (see README, Privacy).")(fn)


RAW_CSV_HELP = ("Write CSV cells as they are. By default a cell a spreadsheet would read as a formula (=, +, -, @, "
                "tab or carriage return first) starts with an apostrophe (see README, Export formats).")


@cli.command(name="export", context_settings=CONTEXT_SETTINGS)
@graph_option
@click.option("-f", "--format", "fmt", type=click.Choice(_export_choices()), default="trig", show_default=True,
              help="trig and nq keep the named graphs; ttl, nt, xml and jsonld (compacted) hold the union; graphml, "
                   "gexf, csv, kumu, cytoscape and neo4j write a network view (see README, Export formats).")
@click.option("--view", type=click.Choice(VIEWS), default="stakeholders", show_default=True,
              help="For network formats: which network view to export.")
@click.option("-o", "--output", type=click.Path(path_type=str), default=None,
              help="Output file (written atomically); standard output when omitted. A folder for csv and neo4j.")
@pseudonymise_options
@click.option("--raw-csv", is_flag=True, help=RAW_CSV_HELP)
def export_command(graph: str, fmt: str, view: str, output: str | None, pseudonymise: bool,
                   pseudonym_key: str, raw_csv: bool) -> None:
    """Write the graph out in an RDF format, or a network view for Gephi, Cytoscape, Kumu, Neo4j or a
    spreadsheet. Ids are stable: the same across exports and re-ingestion.

    \b
    Example:
        jejaring export -g graph/ -f trig -o corpus.trig
        jejaring export -g graph/ -f ttl | head
        jejaring export -g graph/ -f gexf -o stakeholders.gexf
        jejaring export -g graph/ -f csv --view participation -o participation/
        jejaring export -g graph/ -f neo4j -o neo4j-import/
        jejaring export -g graph/ -f trig -o shared.trig --pseudonymise
    """
    from jejaring.graph.views.export import export_graph

    with _open(graph) as kg:
        export_graph(kg, fmt, output, view=view, pseudonymise=pseudonymise, pseudonym_key=pseudonym_key,
                     raw_csv=raw_csv)


@cli.command(name="show", context_settings=CONTEXT_SETTINGS)
@click.argument("entity")
@graph_option
def show_command(entity: str, graph: str) -> None:
    """Show what the graph knows about ENTITY (an IRI or a label), with each piece of evidence
    quoted in its sentence (the quoted words marked »like this«).

    \b
    Example:
        jejaring show "Kurniawati Sembiring" -g graph/
        jejaring show "BPBD DKI" -g graph/
    """
    from jejaring.graph.views.describe import describe_entity, find_entity

    with _open(graph) as kg:
        d = describe_entity(kg, find_entity(kg, entity))
    click.echo(f"{d.label}  <{d.iri}>")
    click.echo(f"  types: {', '.join(d.types)}")
    for p, o in d.facts:
        click.echo(f"  {p}: {o}")
    if d.posts:
        click.echo("posts:")
    for post in d.posts:
        click.echo(f"  {post}")
    if d.evidence:
        click.echo("evidence:")
    for e in d.evidence:
        where = f"{e.document}[{e.start}:{e.end}]" if e.start is not None else e.document
        click.echo(f"  {where} ({e.rule}, {e.about})" + (f": {e.sentence}" if e.sentence else ", no quote"))


@cli.command(name="eval", context_settings=CONTEXT_SETTINGS)
@graph_option
@click.option("--gold", "golds", multiple=True, type=click.Path(exists=True),
              help="Gold annotations (JSON, ../shared/gold/FORMAT.md): files, or a folder standing for the gold "
                   "annotations in it. Takes several (--gold a.json b.json, or gold/*.json); repeatable.")
@click.argument("more_golds", nargs=-1, metavar="[GOLD]...", type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--min-f1", type=float, default=None, help="Exit 1 when the entity F1 is below this.")
def eval_command(graph: str, golds: tuple[str, ...], more_golds: tuple[str, ...], fmt: str,
                 min_f1: float | None) -> None:
    """Score the graph against gold annotations: precision, recall and F1 per kind, and the
    recall of posts, participation and lesson links. Each gold file is scored against the
    document of the same name.

    \b
    Example:
        jejaring eval -g graph/ --gold examples/gold/01-seoul-visit-en.json
        jejaring eval -g graph/ --gold examples/gold/0*.json --min-f1 0.9
        jejaring eval -g graph/ --gold examples/gold/ --format json
    """
    from jejaring.evaluate import evaluate_stored, render, summarise

    reports = evaluate_stored(graph, [*golds, *more_golds])
    click.echo(render(reports, fmt == "json"))
    sys.exit(1 if min_f1 is not None and summarise(reports)["entities"]["f1"] < min_f1 else 0)


#: Choices of the network commands, kept in step with jejaring.graph (checked by a test) without importing
#: networkx when the command line starts.
CENTRALITY_CHOICES = ("betweenness", "degree", "eigenvector", "pagerank")
ANALYSIS_FORMAT_CHOICES = ("table", "csv", "json")
COLOR_BY_CHOICES = ("kind", "community", "sector")
SIZE_BY_CHOICES = ("degree", "betweenness")
VIZ_FORMAT_CHOICES = ("html", "svg", "png")


def view_options(fn):
    """The ``--view``, ``--since`` and ``--until`` options of the network commands."""
    fn = click.option("--until", metavar="DATE", default=None,
                      help="Keep only what was valid up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")(fn)
    fn = click.option("--since", metavar="DATE", default=None,
                      help="Keep only what was valid from this date (YYYY, YYYY-MM or YYYY-MM-DD).")(fn)
    return click.option("--view", type=click.Choice(VIEWS), default="stakeholders", show_default=True,
                        help="Which network: persons and organisations, agents and events, lessons, or all.")(fn)


@cli.command(name="analyse", context_settings=CONTEXT_SETTINGS)
@graph_option
@view_options
@click.option("--centrality", type=click.Choice(CENTRALITY_CHOICES), default="betweenness", show_default=True,
              help="The centrality to compute (betweenness is estimated from a seeded sample of pivots above 500 nodes).")
@click.option("--format", "fmt", type=click.Choice(ANALYSIS_FORMAT_CHOICES), default="table", show_default=True)
@click.option("--top", type=click.IntRange(min=0), default=0, show_default=True,
              help="Only the N most central nodes (0: all).")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of Louvain and of sampling.")
@click.option("--raw-csv", is_flag=True, help=RAW_CSV_HELP)
def analyse_command(graph: str, view: str, since: str | None, until: str | None, centrality: str, fmt: str,
                    top: int, seed: int, raw_csv: bool) -> None:
    """Analyse a network view: degree, a centrality, Louvain communities, brokers between sectors
    and between communities, and connected components.

    \b
    Example:
        jejaring analyse -g graph/
        jejaring analyse -g graph/ --view participation --centrality pagerank --format csv
        jejaring analyse -g graph/ --since 2019 --format json --top 10
    """
    from jejaring.graph.views.analysis import ANALYSIS_FORMATS, analyse
    from jejaring.graph.views.project import project

    with _open(graph) as kg:
        G = project(kg, view, since=since, until=until)
    options = {"raw": raw_csv} if fmt == "csv" else {}
    text = ANALYSIS_FORMATS[fmt](analyse(G, centrality=centrality, seed=seed), top=top, **options)
    click.echo(text, nl=not text.endswith("\n"))


@cli.command(name="viz", context_settings=CONTEXT_SETTINGS)
@graph_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="The file to write (atomically): an HTML page, or an SVG or PNG picture.")
@view_options
@click.option("--focus", metavar="ENTITY", default=None,
              help="Show only the network around this entity (IRI or label), it and its direct ties highlighted.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many steps from the entity, along the lines drawn.")
@click.option("--all-edges", is_flag=True,
              help="Draw every co-attendance tie, not only each agent's strongest (the backbone).")
@click.option("--color-by", type=click.Choice(COLOR_BY_CHOICES), default=None,
              help="By default community from 80 nodes on, else kind (shapes always show the kind).")
@click.option("--size-by", type=click.Choice(SIZE_BY_CHOICES), default="degree", show_default=True)
@click.option("--format", "fmt", type=click.Choice(VIZ_FORMAT_CHOICES), default=None,
              help="html, svg or png; by default from the output's suffix, else html.")
@click.option("--title", default=None, help="The page or picture title.")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of the layout and of communities.")
@pseudonymise_options
@quiet_option
def viz_command(graph: str, output: str, view: str, since: str | None, until: str | None, focus: str | None,
                depth: int, all_edges: bool, color_by: str | None, size_by: str, fmt: str | None, title: str | None,
                seed: int, pseudonymise: bool, pseudonym_key: str, quiet: bool) -> None:
    """Draw a network view: an interactive HTML page that works offline (search, focus on a node,
    filters by kind, sector and tie strength, tooltips with posts, organisations and quoted sources),
    or an SVG/PNG picture. A stakeholders view draws every membership and each agent's strongest
    co-attendance tie, unless --all-edges.

    \b
    Example:
        jejaring viz -g graph/ -o network.html
        jejaring viz -g graph/ -o kurniawati.html --focus "Kurniawati Sembiring" --depth 2 --color-by sector
        jejaring viz -g graph/ -o everything.html --all-edges
        jejaring viz -g graph/ -o lessons.svg --view lessons
        jejaring viz -g graph/ -o shared.html --pseudonymise
    """
    from pathlib import Path

    from jejaring.graph.views.describe import find_entity
    from jejaring.graph.views.project import project
    from jejaring.graph.views.visualise import drawn_edge_count, shown_network, to_image, write_html

    suffix = Path(output).suffix.lower().lstrip(".")
    fmt = fmt or (suffix if suffix in VIZ_FORMAT_CHOICES else "html")
    with _open(graph) as kg:
        G = project(kg, view, since=since, until=until)
        center = find_entity(kg, focus) if focus is not None else None
        if pseudonymise:
            from jejaring.graph.views.pseudonymise import pseudonymise_network, read_pseudonyms

            pseudonyms = read_pseudonyms(kg, key=pseudonym_key)
            G, center = pseudonymise_network(G, pseudonyms), center and pseudonyms.iri(center)
    shown = shown_network(G, all_edges=all_edges, focus=center, depth=depth)
    options = {"title": title, "color_by": color_by, "size_by": size_by, "focus": center, "depth": depth,
               "all_edges": all_edges, "seed": seed}
    if fmt == "html":
        write_html(G, output, **options)
    else:
        to_image(G, output, fmt, **options)
    _note(quiet, f"wrote {output} ({fmt}): the {view} network" + (f" around {focus} (depth {depth})" if focus else "")
          + f", {shown.number_of_nodes()} nodes, {drawn_edge_count(shown)} edges")


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = text
    return params


@cli.command(name="query", context_settings=CONTEXT_SETTINGS)
@click.argument("name", required=False)
@graph_option
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query, bound as a typed RDF term (never pasted into the text). Repeatable.")
@click.option("--file", "query_file", type=click.Path(dir_okay=False), default=None,
              help="Run the query in this .rq file (a header may declare parameters, as in the library).")
@click.option("-e", "--expression", default=None, metavar="SPARQL", help="Run this SPARQL query.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "md"]),
              default="table", show_default=True,
              help="Result format: json, xml, csv and tsv are the SPARQL 1.1 results formats. "
                   "CONSTRUCT and DESCRIBE results are Turtle.")
@click.option("--timeout", type=float, default=None, metavar="SECONDS",
              help="Stop the query after this many seconds (it runs in a worker process that is killed).")
@click.option("--max-rows", type=int, default=None, metavar="N", help="Keep at most N rows (or triples).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="HOST",
              help="Let SERVICE in a query call this host; repeatable. Without it a query reaches no other host.")
@quiet_option
def query_command(name: str | None, graph: str, params: tuple[str, ...], query_file: str | None,
                  expression: str | None, fmt: str, timeout: float | None, max_rows: int | None,
                  allow_service: tuple[str, ...], quiet: bool) -> None:
    """Run a SPARQL query: a question from the library by NAME (see 'jejaring queries'), a .rq file,
    or a query given with -e. Queries see the union of every graph.

    \b
    Example:
        jejaring query visit-attendees -g graph/
        jejaring query career-trail -g graph/ --param person="Siti Rahmawati Hasibuan" --format csv
        jejaring query -g graph/ -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --timeout 10
        jejaring query -g graph/ --file jejaring/queries/lookup.rq --param label=bpbd --format json
    """
    from jejaring.graph.sparql.formats import format_result
    from jejaring.graph.sparql.run import run_query
    from jejaring.graph.sparql.text import schema_org_hint
    from jejaring.queries import bind_params, load_query, parse_query_text, read_query_file

    given = [x for x in (name, query_file, expression) if x is not None]
    if len(given) != 1:
        raise click.UsageError("give exactly one of NAME, --file or -e")
    if name is not None:
        query = load_query(name)
    elif query_file is not None:
        query = read_query_file(query_file)
    else:
        query = parse_query_text(expression, "expression")
    bindings = bind_params(query, _parse_params(params))
    hint = schema_org_hint(query.text)
    if hint:
        click.echo(f"Warning: {hint}", err=True)
    with _open(graph) as kg:
        result = run_query(kg, query.text, bindings, timeout=timeout, max_rows=max_rows, allow_service=allow_service)
    sys.stdout.buffer.write(format_result(result, fmt))
    sys.stdout.buffer.flush()
    what = {"select": "rows", "graph": "triples"}.get(result.kind)
    if what:
        _note(quiet, f"{result.count} {what}")
    if result.truncated:
        click.echo(f"Warning: only the first {max_rows} {what} are shown (--max-rows)", err=True)


@cli.command(name="queries", context_settings=CONTEXT_SETTINGS)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
def queries_command(fmt: str) -> None:
    """List the library of questions: name, parameters and what each answers.

    \b
    Example:
        jejaring queries
        jejaring queries --format md
    """
    from jejaring.queries import list_queries

    queries = list_queries()
    if fmt == "json":
        click.echo(json.dumps([
            {"name": q.name, "description": q.description,
             "params": [{"name": p.name, "type": p.type, "default": p.default, "required": p.required,
                         "description": p.description} for p in q.params]}
            for q in queries], indent=2, ensure_ascii=False))
        return

    def params(q, md: bool) -> str:
        tick = "`" if md else ""
        return ", ".join(f"{tick}{p.name}{tick}" + (" (required)" if p.required else "") for p in q.params)

    if fmt == "md":
        click.echo("| name | question | parameters |\n|---|---|---|")
        for q in queries:
            click.echo(f"| `{q.name}` | {q.description} | {params(q, True) or '-'} |")
        return
    for q in queries:
        click.echo(f"{q.name}" + (f"  [{params(q, False)}]" if q.params else ""))
        click.echo(f"    {q.description}")


@cli.command(name="serve", context_settings=CONTEXT_SETTINGS)
@graph_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, type=int, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--timeout", default=30.0, type=float, show_default=True, metavar="SECONDS",
              help="Stop a query after this many seconds; the server keeps serving.")
@click.option("--max-rows", default=10_000, type=int, show_default=True, metavar="N",
              help="Keep at most N rows (or triples) per result; 0 for no limit.")
@click.option("--network", type=click.Path(dir_okay=False), default=None,
              help="An HTML network view (from 'jejaring viz') to serve at /network.")
@click.option("--workers", default=4, type=int, show_default=True, help="Queries evaluated at the same time.")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="Let pages from ORIGIN (https://example.org, or * for any) read the answers; repeatable. "
                   "Without it no CORS header is sent.")
@click.option("--max-request-size", default=1_000_000, type=click.IntRange(min=1), show_default=True,
              metavar="BYTES", help="Refuse longer request bodies (413) and request lines (414; 64 KiB at most).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="HOST",
              help="Let SERVICE in a query call this host; repeatable. Without it a query reaches no other host.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A name this server is reached by (behind a proxy, on a network), accepted in the Host header "
                   "besides 127.0.0.1, localhost, [::1] and --host; repeatable. Other names get 421.")
@click.option("--max-memory", default="1G", show_default=True, metavar="SIZE",
              help="Memory each query worker may allocate (512M, 2G ...; 0 for no limit). A query needing more is "
                   "stopped (503) and its worker replaced.")
@click.option("--per-client", type=click.IntRange(min=1), default=None, metavar="N",
              help="Queries one client address may run at once; more wait their turn. Default: half of --workers.")
@quiet_option
def serve_command(graph: str, host: str, port: int, timeout: float, max_rows: int, network: str | None,
                  workers: int, cors: tuple[str, ...], max_request_size: int, allow_service: tuple[str, ...],
                  allowed_hosts: tuple[str, ...], max_memory: str, per_client: int | None, quiet: bool) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql, with a query page and the
    library of questions at /. Updates are refused; queries past --timeout are stopped; malformed or
    oversized requests get a 4xx answer; a Host header that does not name this server gets 421 and a
    POST from another site's page 403 (see README, SPARQL).

    \b
    Example:
        jejaring serve -g graph/
        jejaring serve -g graph/ --port 8000 --timeout 10 --network network.html
        jejaring serve -g graph/ --cors https://example.org --max-request-size 100000
        jejaring serve -g graph/ --host 0.0.0.0 --allowed-host sparql.example.org
        jejaring serve -g graph/ --workers 8 --max-memory 2G --per-client 2
        curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=SELECT%20*%20WHERE%20%7B?s%20?p%20?o%7D%20LIMIT%205'
    """
    from jejaring.errors import InputError
    from jejaring.graph.sparql.endpoint import make_endpoint
    from jejaring.graph.sparql.workers import parse_size

    memory = parse_size(max_memory)
    with _open(graph) as kg:
        try:
            server = make_endpoint(kg, host, port, timeout=timeout, max_rows=max_rows or None, network=network,
                                   workers=workers, quiet=quiet, cors=cors, max_request_size=max_request_size,
                                   allow_service=allow_service, allowed_hosts=allowed_hosts, max_memory=memory,
                                   per_client=per_client)
        except OSError as e:
            hint = "; stop the other server or choose another --port" if e.errno == errno.EADDRINUSE else ""
            raise InputError(f"cannot listen on {host}:{port}: {e.strerror or e}{hint}") from None
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"Warning: listening on {host}: other machines can query this graph", err=True)
        _note(quiet, f"SPARQL endpoint at {server.url}/sparql, query page at {server.url}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


@cli.command(name="entities", context_settings=CONTEXT_SETTINGS)
@graph_option
@click.option("--kind", type=click.Choice(["person", "organisation", "event", "city", "programme", "lesson"]),
              default=None, help="Only entities of this kind.")
@click.option("--search", default=None, metavar="TEXT", help="Only entities a label of which contains TEXT.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def entities_command(graph: str, kind: str | None, search: str | None, fmt: str) -> None:
    """List entities with their labels, kind and number of documents.

    \b
    Example:
        jejaring entities -g graph/ --kind person
        jejaring entities -g graph/ --search bpbd
    """
    from jejaring.graph.views.describe import list_entities

    with _open(graph) as kg:
        rows = list_entities(kg, kind, search)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['kind']:<13} {row['documents']:>3}  {row['iri']}  {' | '.join(row['labels'])}")


def _decision_command(action: str, args: tuple[str, ...], graph: str) -> None:
    from jejaring.ingest.curation import curation_path
    from jejaring.service import decide

    with _open(graph) as kg:
        decide(kg, action, *args)
        where = curation_path(kg.location)
    click.echo(f"{action} recorded{f' in {where}' if where else ''} and applied", err=True)


@cli.command(name="merge", context_settings=CONTEXT_SETTINGS)
@click.argument("first")
@click.argument("second")
@graph_option
def merge_command(first: str, second: str, graph: str) -> None:
    """Record that FIRST and SECOND (IRIs or labels) are one entity; the corpus is resolved again.

    \b
    Example:
        jejaring merge "Suku Dinas LH Jakarta Utara" "Suku Dinas Lingkungan Hidup Kota Administrasi Jakarta Utara" -g graph/
    """
    _decision_command("merge", (first, second), graph)


@cli.command(name="distinct", context_settings=CONTEXT_SETTINGS)
@click.argument("first")
@click.argument("second")
@graph_option
def distinct_command(first: str, second: str, graph: str) -> None:
    """Record that FIRST and SECOND are two entities, whatever their names say.

    \b
    Example:
        jejaring distinct "Bappeda Jakarta" "Regional Development Planning Agency Semarang City" -g graph/
    """
    _decision_command("distinct", (first, second), graph)


@cli.command(name="alias", context_settings=CONTEXT_SETTINGS)
@click.argument("entity")
@click.argument("label")
@graph_option
def alias_command(entity: str, label: str, graph: str) -> None:
    """Give ENTITY another name, LABEL (also used to recognise it in other documents).

    \b
    Example:
        jejaring alias "Sekretariat Jakarta Berketahanan" "Resilient Jakarta Office" -g graph/
    """
    _decision_command("alias", (entity, label), graph)


@cli.command(name="reject", context_settings=CONTEXT_SETTINGS)
@click.argument("fact", nargs=-1, required=True)
@graph_option
def reject_command(fact: tuple[str, ...], graph: str) -> None:
    """Reject a wrongly extracted fact: a membership or statement by IRI, or one triple given as
    SUBJECT PREDICATE OBJECT (an attendance, a lesson link). It stays rejected at every ingest.

    \b
    Example:
        jejaring reject "Diskusi Publik: Pemuda dan Ketahanan Kelurahan" schema:attendee "Kurniawati Sembiring" -g graph/
    """
    _decision_command("reject", fact, graph)


@cli.command(name="review", context_settings=CONTEXT_SETTINGS)
@graph_option
def review_command(graph: str) -> None:
    """List candidate merges scored between the thresholds, with a quote of each, for a person to
    accept (jejaring merge) or reject (jejaring distinct).

    \b
    Example:
        jejaring review -g graph/
    """
    from jejaring.service import review

    with _open(graph) as kg:
        rows = review(kg)
    for c, quote_a, quote_b in rows:
        click.echo(f"{c.score:5.1f}  {c.first_name}  <{c.first}>\n       {quote_a}\n"
                   f"       {c.second_name}  <{c.second}>\n       {quote_b}")
    if not rows:
        click.echo("no candidate merges to review", err=True)


@cli.command(name="remove", context_settings=CONTEXT_SETTINGS)
@click.argument("documents", nargs=-1, required=True)
@graph_option
def remove_command(documents: tuple[str, ...], graph: str) -> None:
    """Remove documents (by identity, as `jejaring stats`/`show` name them): their facts go, and so does
    every label and merge that only they supported.

    \b
    Example:
        jejaring remove 03-post-change-id.txt -g graph/
    """
    from jejaring.service import remove_documents

    with _open(graph) as kg:
        removed = remove_documents(kg, documents)
    missing = sorted(set(documents) - set(removed))
    click.echo(f"{len(removed)} removed", err=True)
    if missing:
        raise click.ClickException(f"not in the graph: {', '.join(missing)}")
