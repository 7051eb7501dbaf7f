"""A publish in which nothing that makes the site changed does not build it again;
any change to what MkDocs reads, or to the site itself, builds it."""

from __future__ import annotations

from pathlib import Path

import mkdocs.commands.build
import pytest

from pipeline.site.build import build_site
from tests.conftest import SAMPLE_SLUG, Cli, snapshot


def test_the_site_is_built_again_only_when_something_changed(
    project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("-C", project, "publish")[0] == 0
    site = project / "site"
    built = snapshot(site)
    builds: list[object] = []
    original = mkdocs.commands.build.build

    def counted(config: object, **kw: object) -> None:
        builds.append(config)
        original(config, **kw)

    monkeypatch.setattr(mkdocs.commands.build, "build", counted)
    assert cli("-C", project, "publish")[0] == 0
    assert builds == [] and snapshot(site) == built

    page = site / "kk" / "interviews" / SAMPLE_SLUG / "index.html"
    page.unlink()  # the served site lost a file
    build_site(project / "mkdocs.yml")
    assert len(builds) == 1 and snapshot(site) == built

    css = project / "docs" / "assets" / "stylesheets" / "interview.css"
    css.write_text(css.read_text() + "\n.answer { margin: 0 }\n")
    build_site(project / "mkdocs.yml")
    assert len(builds) == 2
    assert (site / "assets" / "stylesheets" / "interview.css").read_text() == css.read_text()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # another build date
    build_site(project / "mkdocs.yml")
    assert len(builds) == 3
    build_site(project / "mkdocs.yml")
    assert len(builds) == 3
