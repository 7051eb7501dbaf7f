"""The command line's work beyond parsing (pipeline/cli.py): translate,
models, and the summary of a publish."""
