"""The fonts the site serves, read from its stylesheet and the font files.

docs/assets/stylesheets/fonts.css declares each face (family, weight, style)
and the file it is drawn from; the file's own PostScript name is what Chromium
reports for the text it draws with that face.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from tests.conftest import ROOT

FONTS_CSS = ROOT / "docs" / "assets" / "stylesheets" / "fonts.css"
FONTS_DIR = ROOT / "docs" / "assets" / "fonts"
TEXT_FAMILY = "Noto Sans"
CODE_FAMILY = "Roboto Mono"

_FACE_RULE = re.compile(r"@font-face\s*\{([^}]*)\}")
_DECLARATION = re.compile(r"([\w-]+)\s*:\s*([^;]+);")


@dataclass(frozen=True)
class ServedFace:
    family: str
    weight: str  # as getComputedStyle says it: "300", "400", "700"
    style: str  # "normal" or "italic"
    file: Path
    display: str
    postscript_name: str


def served_faces(css: Path = FONTS_CSS) -> dict[tuple[str, str, str], ServedFace]:
    """(family, weight, style) → the face fonts.css serves for it."""
    faces = {}
    for body in _FACE_RULE.findall(css.read_text(encoding="utf-8")):
        rule = dict(_DECLARATION.findall(body))
        url = re.fullmatch(r'url\("\.\./fonts/([^"]+)"\) format\("woff2"\)', rule["src"].strip())
        assert url, f"{css}: {rule['src']}: expected one local woff2 file"
        file = FONTS_DIR / url[1]
        family = rule["font-family"].strip().strip('"')
        key = (family, rule["font-weight"].strip(), rule["font-style"].strip())
        assert key not in faces, f"{css}: {key} declared twice"
        name = TTFont(file)["name"].getDebugName(6)
        assert name, f"{file}: no PostScript name"
        faces[key] = ServedFace(*key, file, rule.get("font-display", "").strip(), name)
    return faces
