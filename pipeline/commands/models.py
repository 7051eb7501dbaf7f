"""`python -m pipeline models install|list|remove`: Argos packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.commands import model_tools
from pipeline.errors import UsageError
from pipeline.mt import argos as models
from pipeline.mt import install as model_install


def run_models(args: argparse.Namespace) -> None:
    if args.action in model_tools.ACTIONS:
        model_tools.run(args)
    elif args.action == "list":
        found = models.installed()
        if not found:
            print(f"no models installed in {models.packages_dir()}", file=sys.stderr)
        for m in found:
            prefix = f"  target_prefix {m.target_prefix}" if m.target_prefix else ""
            if m.source_prefix:
                prefix += f"  source_prefix {m.source_prefix}"
            print(f"{m.from_code}\t{m.to_code}\t{m.version}\t{m.path}{prefix}")
    elif args.action == "remove":
        for m in models.remove(args.from_code, args.to_code):
            print(f"removed {m.label}", file=sys.stderr)
    elif len(args.what) == 1:
        _installed(*model_install.install_file(Path(args.what[0])))
    elif len(args.what) == 2:
        _installed(*model_install.install_from_index(*args.what))
    else:
        raise UsageError("models install takes FILE.argosmodel, or FROM TO (e.g. ru en)")


def _installed(model: models.InstalledModel, replaced: list[models.InstalledModel]) -> None:
    for old in replaced:
        print(f"replaced {old.label}", file=sys.stderr)
    print(f"installed {model.label} in {model.path.parent}", file=sys.stderr)
    if replaced:
        print(
            "Machine translations made by the old version stay until you run"
            " 'make publish RETRANSLATE=1'.",
            file=sys.stderr,
        )
