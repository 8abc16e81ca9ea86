"""`python -m generator`, and the `health-handouts` command (pyproject.toml)."""

import sys

from generator.errors import ExitCode


def entry() -> None:
    """Run the command line. Ctrl-C is handled here, and only here: whenever it comes,
    even while Python is still importing, one line and status 130."""
    try:
        from generator.cli import main

        code = main()
    except KeyboardInterrupt:
        if sys.stderr is not None:
            print(
                "interrupted: outputs already written are whole; nothing is half-written",
                file=sys.stderr,
            )
        code = ExitCode.INTERRUPTED
    sys.exit(code)


if __name__ == "__main__":
    entry()
