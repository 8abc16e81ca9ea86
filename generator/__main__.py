"""`python -m generator`, and the `health-handouts` command (pyproject.toml)."""

import os
import sys
from typing import NoReturn


def entry() -> NoReturn:
    try:
        from generator.cli import run_and_exit
    except KeyboardInterrupt:  # Ctrl-C while Python is still starting: no traceback
        if sys.stderr is not None:
            print("interrupted: nothing was written", file=sys.stderr, flush=True)
        os._exit(130)  # not SystemExit: after a Ctrl-C inside exec() it can die by SIGINT
    run_and_exit()


if __name__ == "__main__":
    entry()
