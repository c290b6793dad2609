from jejaring.cli import cli

cli()
