"""Entry point of the ``lingbi`` command and of ``python -m lingbi_cli``: ``main``.

Before anything else is imported, the cyclic garbage collector is told to wait for 100,000 new
objects instead of 700 between its young-generation passes. Starting up makes a few hundred
thousand objects that live as long as the process — modules, Typer's commands, pydantic's
validators — and the default threshold walks them again and again: some 100 passes, a tenth of
a ``lingbi log``. Garbage without cycles is freed at once whatever the threshold; bulk loading
turns the collector off anyway (``store.load``).
"""

import gc


def main() -> None:
    """Console-script entry point (``lingbi``)."""
    gc.set_threshold(100_000, 10, 10)
    from lingbi_cli.cli import main as run

    run()


if __name__ == "__main__":
    main()
