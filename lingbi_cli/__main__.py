"""Entry point for ``python -m lingbi_cli``."""

from lingbi_cli.cli import main

main()
