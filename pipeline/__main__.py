import sys

try:
    from pipeline.cli import run
    from pipeline.errors import terminate_gracefully
except KeyboardInterrupt:  # Ctrl-C while the modules load: nothing was written yet
    print("interrupted: nothing was written", file=sys.stderr)
    sys.exit(130)

terminate_gracefully()
sys.exit(run(sys.argv[1:]))
