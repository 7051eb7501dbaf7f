"""The command line's commands other than publish itself (see pipeline/cli.py)."""
