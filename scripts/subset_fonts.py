"""Make the site's web fonts (docs/assets/fonts/) from kept npm packages.

    make fonts

installs the pinned packages below into .venv/fonts-npm/ (npm, once) and runs
this script, which subsets each face to the scripts the site is written in
(Latin and Cyrillic with every Kazakh letter), compresses it as WOFF2 and
copies each family's licence beside its faces. The output is committed:
`make publish` copies it into the site and needs neither npm nor fontTools.
The same packages and the same fontTools give byte-identical files
(tests/test_fonts.py checks that the committed ones are what this script makes).

Noto Sans is the text font: unlike Roboto, it has every letter of U+0400-U+04FF
and the tenge sign. Roboto Mono (Material's code font; no page shows code yet)
has every Kazakh letter, but not ₸ or ₽.

    python scripts/subset_fonts.py [--source DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / ".venv" / "fonts-npm" / "node_modules"
OUT = ROOT / "docs" / "assets" / "fonts"

# npm package → version; the Makefile's FONT_PACKAGES installs the same.
PACKAGES = {
    "@expo-google-fonts/noto-sans": "0.4.2",
    "@expo-google-fonts/roboto-mono": "0.4.2",
}
WEIGHT_NAMES = {300: "Light", 400: "Regular", 700: "Bold"}

# What the site's text is written in. Latin: ASCII, Latin-1 and Latin
# Extended-A (names: Turkish, Polish, Czech, the Kazakh Latin alphabet),
# Romanian ș ț, the combining accents (Russian stress marks are U+0301).
# Cyrillic: the whole block, the nine Kazakh letters Ә Ғ Қ Ң Ө Ұ Ү Һ І among
# them. Then punctuation, currency signs (₸ ₽ €), № and arrows.
UNICODES = (
    "U+0000-017F,U+0218-021B,U+02BB-02BC,U+02C6,U+02DA,U+02DC,"
    "U+0300-0301,U+0304,U+0306,U+0308,U+0329,"
    "U+0400-04FF,"
    "U+2000-206F,U+20A0-20C0,U+2116,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD"
)


@dataclass(frozen=True)
class Face:
    package: str  # npm package
    family: str  # its file name prefix (NotoSans, RobotoMono)
    slug: str  # our file name prefix
    weight: int
    italic: bool

    @property
    def source(self) -> str:
        style = f"{self.weight}{WEIGHT_NAMES[self.weight]}" + ("_Italic" if self.italic else "")
        return f"{self.package}/{style}/{self.family}_{style}.ttf"

    @property
    def file_name(self) -> str:
        return f"{self.slug}-{self.weight}{'-italic' if self.italic else ''}.woff2"


# Every weight and style the theme uses: Material sets 300 (h1, h2), 400 and
# 700, and italics; code in 400 and 700.
FACES = [
    *(
        Face("@expo-google-fonts/noto-sans", "NotoSans", "noto-sans", weight, italic)
        for weight in (300, 400, 700)
        for italic in (False, True)
    ),
    *(
        Face("@expo-google-fonts/roboto-mono", "RobotoMono", "roboto-mono", weight, False)
        for weight in (400, 700)
    ),
]
# package → the licence file the site serves beside the faces
LICENCES = {
    "@expo-google-fonts/noto-sans": "noto-sans-OFL.txt",
    "@expo-google-fonts/roboto-mono": "roboto-mono-OFL.txt",
}


def check_packages(source: Path) -> str | None:
    """Why the pinned packages cannot be read from ``source``, or None."""
    for package, version in PACKAGES.items():
        manifest = source / package / "package.json"
        if not manifest.is_file():
            return f"{manifest}: missing; run 'make fonts' (installs {package}@{version})"
        found = json.loads(manifest.read_text(encoding="utf-8")).get("version")
        if found != version:
            return f"{manifest}: version {found}, expected {version}; run 'make fonts'"
    return None


def subset_face(face: Face, source: Path, target: Path) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # browsers rasterise unhinted outlines well; smaller
    font = subset.load_font(str(source / face.source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def make(source: Path, out: Path) -> list[Path]:
    """Write every face and licence into ``out``; each file appears whole."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(dir=out, prefix=".fonts-") as tmp:
        for face in FACES:
            part = Path(tmp) / face.file_name
            subset_face(face, source, part)
            os.replace(part, out / face.file_name)
            written.append(out / face.file_name)
        for package, name in LICENCES.items():
            part = Path(tmp) / name
            shutil.copyfile(source / package / "LICENSE_FONT", part)
            os.replace(part, out / name)
            written.append(out / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="npm's node_modules")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    problem = check_packages(args.source)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    for path in make(args.source, args.out):
        print(f"{path.stat().st_size:>8} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
