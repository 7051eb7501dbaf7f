import sys

try:
    from pipeline.cli import run
except KeyboardInterrupt:  # Ctrl-C while the modules load: nothing was written yet
    print("interrupted: nothing was written", file=sys.stderr)
    sys.exit(130)

sys.exit(run(sys.argv[1:]))
