"""The site's own fonts: what the files cover, how the pages ask for them, and
that scripts/subset_fonts.py makes exactly the committed files.

How Chromium draws the pages with them: tests/browser/test_fonts.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont

from pipeline.cli import run
from tests.conftest import ROOT, copy_project
from tests.test_site import visible_text
from tests.webfonts import CODE_FAMILY, FONTS_CSS, FONTS_DIR, TEXT_FAMILY, served_faces

SCRIPT = ROOT / "scripts" / "subset_fonts.py"
FONT_PACKAGES = ROOT / ".venv" / "fonts-npm" / "node_modules"
KAZAKH = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
# Beyond the letters: what Russian, Kazakh and English news text is set with.
PUNCTUATION = "«»„“”‘’—–…№₸₽€$%§°·\u00a0\u0301"
PRELOADED = [(TEXT_FAMILY, weight, "normal") for weight in ("300", "400", "700")]


def characters(font: Path) -> set[str]:
    return {chr(c) for c in TTFont(font).getBestCmap()}


def test_fonts_css_serves_every_weight_and_style_the_theme_uses() -> None:
    faces = served_faces()
    text = {(w, s) for f, w, s in faces if f == TEXT_FAMILY}
    assert text == {(w, s) for w in ("300", "400", "700") for s in ("normal", "italic")}
    assert {(w, s) for f, w, s in faces if f == CODE_FAMILY} == {
        ("400", "normal"),
        ("700", "normal"),
    }
    for face in faces.values():
        assert face.display == "swap", face
        assert face.file.read_bytes()[:4] == b"wOF2", face.file
    css = FONTS_CSS.read_text(encoding="utf-8")
    assert f'--md-text-font: "{TEXT_FAMILY}";' in css
    assert f'--md-code-font: "{CODE_FAMILY}";' in css
    # Nothing committed that the site does not use.
    declared = {face.file.name for face in faces.values()}
    assert {p.name for p in FONTS_DIR.glob("*.woff2")} == declared


@pytest.mark.parametrize("face", sorted(served_faces()), ids=" ".join)
def test_each_face_has_every_letter_of_the_site(face: tuple[str, str, str]) -> None:
    served = served_faces()[face]
    has = characters(served.file)
    latin = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x180)}
    assert latin - has == set()
    assert set(KAZAKH + KAZAKH.lower()) - has == set()
    if face[0] == TEXT_FAMILY:
        # The whole Cyrillic block, as the issue measures it.
        assert {chr(c) for c in range(0x0400, 0x0500)} - has == set()
        assert set(PUNCTUATION) - has == set()
    else:  # Roboto Mono lacks a Church Slavonic mark (U+0487), ₸ and ₽
        assert {chr(c) for c in range(0x0400, 0x0500)} - has == {"\u0487"}
        assert set(PUNCTUATION) - has == {"₸", "₽"}


def test_each_family_has_its_licence_beside_it() -> None:
    for slug in ("noto-sans", "roboto-mono"):
        licence = (FONTS_DIR / f"{slug}-OFL.txt").read_text(encoding="utf-8")
        assert licence.startswith("Copyright ")
        assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_material_loads_no_font_of_its_own() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["font"] == "false"
    assert "assets/stylesheets/fonts.css" in config["extra_css"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("fonts-project"))
    assert run(["-C", str(root), "publish"]) == 0
    return root / "site"


def test_the_site_serves_the_fonts_and_their_licences(site: Path) -> None:
    for source in FONTS_DIR.iterdir():
        assert (site / "assets" / "fonts" / source.name).read_bytes() == source.read_bytes()
    assert (site / "assets" / "stylesheets" / "fonts.css").is_file()


def test_every_page_preloads_the_faces_of_its_first_screen(site: Path) -> None:
    served = served_faces()
    expected = [served[face].file.name for face in PRELOADED]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12  # home, interview, glossary and 404 in three languages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        links = re.findall(r"<link rel=\"preload\"[^>]*>", text)
        assert len(links) == len(expected), page
        for link, name in zip(links, expected, strict=True):
            href = re.search(r'href="([^"]+)"', link)
            assert href and href[1].endswith(f"assets/fonts/{name}"), (page, link)
            assert 'as="font"' in link and 'type="font/woff2"' in link and "crossorigin" in link
            target = (
                site / href[1].lstrip("/") if href[1].startswith("/") else page.parent / href[1]
            )
            assert target.resolve().is_file(), (page, href[1])


def test_every_letter_on_the_pages_is_in_the_text_font(site: Path) -> None:
    has = characters(served_faces()[(TEXT_FAMILY, "400", "normal")].file)
    missing = {}
    for page in site.rglob("*.html"):
        for text in visible_text(page.read_text(encoding="utf-8")):
            for char in set(text) - has - {"\n", "\t"}:
                missing.setdefault(char, str(page.relative_to(site)))
    assert missing == {}


def test_the_script_makes_exactly_the_committed_fonts(tmp_path: Path) -> None:
    assert FONT_PACKAGES.is_dir(), f"{FONT_PACKAGES} is missing: run 'make fonts'"
    done = subprocess.run(
        [sys.executable, SCRIPT, "--out", tmp_path], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    made = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert made == {p.name: p.read_bytes() for p in FONTS_DIR.iterdir()}


def test_the_script_names_missing_packages_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "fonts"
    done = subprocess.run(
        [sys.executable, SCRIPT, "--source", tmp_path / "none", "--out", out],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "make fonts" in done.stderr, done.stderr
    assert not out.exists()
