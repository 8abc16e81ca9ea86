import sys

try:
    from generator.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still starting: no traceback
    print("interrupted: nothing was written", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
