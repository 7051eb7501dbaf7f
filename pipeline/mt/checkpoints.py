"""Where a checkpoint comes from (a local folder, offline; a hub name, where
there is a network) and what its model card says (licence, languages)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.errors import Location
from pipeline.mt.argos import ModelError, first_line

_HUB_NAME = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")
SETUP_HINT = "the converter is an optional extra: run 'make setup-convert'"


def card_excludes(listed: set[str], wanted: set[str]) -> bool:
    """A model card that names its languages but not both of ours."""
    aliases = {"kk": {"kk", "kaz"}, "ru": {"ru", "rus"}, "en": {"en", "eng"}}
    return bool(listed) and not all(aliases[c] & listed for c in wanted)


@contextmanager
def checkpoint(source: str) -> Iterator[tuple[Path, str]]:
    """The checkpoint's local folder and where it came from."""
    folder = Path(source)
    if folder.is_dir():
        # A local folder needs no network: nothing may try to reach the hub.
        saved = os.environ.get("HF_HUB_OFFLINE")
        os.environ["HF_HUB_OFFLINE"] = "1"
        try:
            yield folder, str(folder.resolve())
        finally:
            if saved is None:
                os.environ.pop("HF_HUB_OFFLINE", None)
            else:
                os.environ["HF_HUB_OFFLINE"] = saved
        return
    if folder.exists() or not _HUB_NAME.fullmatch(source):
        raise ModelError("no such checkpoint folder", Location(folder))
    yield _download(source)


def _download(name: str) -> tuple[Path, str]:
    try:
        import huggingface_hub
    except ImportError:
        raise ModelError(f"cannot convert {name}: {SETUP_HINT}") from None
    try:
        path = huggingface_hub.snapshot_download(
            name,
            allow_patterns=["*.json", "*.model", "*.spm", "*.safetensors", "*.bin", "*.md"],
        )
    except Exception as e:  # the hub client's many network and lookup errors
        raise ModelError(
            f"cannot download {name} from the Hugging Face Hub ({first_line(e)}); offline,"
            " copy the checkpoint folder here and give its path"
        ) from None
    folder = Path(path)
    return folder, f"https://huggingface.co/{name} (revision {folder.name})"


def licence(card: dict[str, Any]) -> str:
    licence = card.get("license")
    if isinstance(licence, str) and licence.strip():
        return licence.strip()
    return "unknown: the checkpoint's model card states none; check it before publishing"
