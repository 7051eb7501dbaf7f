import sys

from pipeline.cli import run

sys.exit(run(sys.argv[1:]))
