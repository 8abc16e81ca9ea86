import sys

try:
    from generator.cli import run_and_exit
except KeyboardInterrupt:  # Ctrl-C while Python is still starting: no traceback
    print("interrupted: nothing was written", file=sys.stderr)
    raise SystemExit(130) from None

run_and_exit()
