"""An .odt transcript's footnotes are not part of the interview."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli
from tests.test_layout import BOLD_INTERVIEW, _odt

NOTE = (
    '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
    "<text:note-body><text:p>Сноска редактора о барсах.</text:p></text:note-body></text:note>"
)


def test_footnotes_of_an_odt_are_left_out(tmp_path: Path, cli: Cli) -> None:
    bold = {1, 3, 6}
    plain = cli("convert", _odt(tmp_path / "plain.odt", BOLD_INTERVIEW, bold))
    noted = [*BOLD_INTERVIEW]
    noted[2] += NOTE
    with_note = cli("convert", _odt(tmp_path / "noted.odt", noted, bold))
    assert plain[0] == 0, plain
    assert with_note == plain
    assert "Сноска" not in with_note[1]
