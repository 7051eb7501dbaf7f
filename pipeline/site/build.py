"""Running MkDocs on the generated pages."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import stat
import subprocess
from pathlib import Path

from pipeline.errors import SiteBuildError
from pipeline.fileio import replace_folder
from pipeline.site import fresh, incremental
from pipeline.site.search_index import write_search_index


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
    staging = None
    try:
        config = load_config(str(config_file), strict=True)
        target = served(Path(config.site_dir))
        recover(target)
        environment = fresh.environment_hash(config, config_file, epoch)
        inputs = fresh.inputs_hash(config, environment)
        if fresh.is_current(config_file.parent, inputs, target):
            logger.info("the site is up to date: nothing to build")
            return
        # MkDocs writes site_dir in place, so a run killed mid-build would leave
        # it half-written: build beside it and switch over when complete.
        staging = target.with_name(f".{target.name}.new-{os.getpid()}")
        config.site_dir = str(staging)
        with incremental.reusing(config, config_file.parent, environment):
            build(config)
        # MkDocs' pages and the search plugins' entries (hundreds of megabytes at
        # a thousand interviews) go before the search index is read back.
        del config
        gc.collect()
        write_search_index(staging)
        _switch(staging, target)
        fresh.record(config_file.parent, inputs, target)
    except MkDocsException as e:
        raise SiteBuildError(f"the site was not built: {e}") from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        logger.removeHandler(handler)
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def served(site_dir: Path) -> Path:
    """The folder that ``site_dir`` serves: itself, or where a symlink points.

    Deploy set-ups make site/ a link to the web root: the build replaces the
    web root's content (beside it, swapped in the same way) and the link stays.
    """
    if not site_dir.is_symlink():
        return site_dir
    target = Path(os.path.realpath(site_dir))
    if target.exists() and not target.is_dir():
        raise SiteBuildError(f"{site_dir} links to {target}, which is not a folder")
    return target


def recover(target: Path) -> None:
    """Clear what a killed build left beside ``target`` (call under the project lock).

    A build folder (``.site.new-PID``) may be incomplete: removed. A previous
    build (``.site.old-PID``) is complete: it becomes ``site/`` again if a run
    was killed between the two renames of the fallback switch, else removed.
    """
    for path in sorted(target.parent.glob(f".{target.name}.new-*")):
        shutil.rmtree(path, ignore_errors=True)
    for path in sorted(target.parent.glob(f".{target.name}.old-*")):
        if not target.exists():
            os.rename(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _switch(staging: Path, target: Path) -> None:
    """Put the complete build ``staging`` at ``target``; the old build goes.

    The two folders swap in one atomic step where the system allows it
    (``fileio.replace_folder``), so ``target`` is always a complete build, and
    the plain directory keeps ``mkdocs serve``, ``rm -rf site`` and deploy
    tools working as before (a symlink swap would make site/ a link).
    Elsewhere two renames: a kill between them leaves no ``target`` and a
    complete ``.site.old-PID``, which the next run's recover() renames back.
    The new build gets the old one's permissions: a web root that others
    (the web server) may read stays readable.
    """
    if target.is_dir():
        os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
    try:
        replace_folder(staging, target, target.with_name(f".{target.name}.old-{os.getpid()}"))
    except OSError as e:
        # A mount point (a web root as a volume), a folder that is not ours.
        raise SiteBuildError(
            f"{target}: the new build cannot take its place ({e.strerror}); what is served"
            " there is unchanged"
        ) from None


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
