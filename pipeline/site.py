"""Running MkDocs on the generated pages."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from pipeline.errors import SiteBuildError


def build_site(config_file: Path, verbose: bool = False) -> None:
    """``mkdocs build --strict`` in-process, reproducible to the byte."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(_source_date(config_file.parent))
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch  # MkDocs reads the build date from it
    try:
        build(load_config(str(config_file), strict=True))
    except MkDocsException as e:
        raise SiteBuildError(f"the site was not built: {e}") from None
    finally:
        logger.removeHandler(handler)
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _source_date(root: Path) -> int:
    """The time stamped into the sitemap: the last commit's, so reruns agree."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0
