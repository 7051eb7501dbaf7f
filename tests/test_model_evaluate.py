"""`models evaluate`: routes scored against the reviewed translations.

Copy models (tests/modelkit.py) make the expected scores exact: a model that
copies its input, against a memory whose reviewed text is the source itself,
scores 100; a model that changes one word loses exactly on the sentences with
that word. The memory is only read: its files keep their bytes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, SAMPLE_SLUG, Cli, sample_corpus, snapshot
from tests.modelkit import PackageSpec, build_package, train_sentencepiece

SYMBOLS = ["ЕАЭС", "EAEU", "теңге", "рубль"]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tokenizer = train_sentencepiece(sample_corpus(), SYMBOLS)
    folder = tmp_path_factory.mktemp("evaluate-packages")
    specs = {
        "ru_kk": PackageSpec("ru", "kk"),
        "ru_en": PackageSpec("ru", "en"),
        "en_kk": PackageSpec("en", "kk"),
        # Changes one word: its sentences score below 100, the others do not.
        "ru_kk_eaeu": PackageSpec("ru", "kk", version="2.0", token_map={"ЕАЭС": "EAEU"}),
        # Writes the ruble for the tenge: the glossary is not followed.
        "ru_kk_ruble": PackageSpec("ru", "kk", version="3.0", token_map={"теңге": "рубль"}),
    }
    return {
        name: build_package(folder / f"{name}.argosmodel", spec, tokenizer)
        for name, spec in specs.items()
    }


def install(cli: Cli, *packages: Path) -> None:
    for package in packages:
        code, _, err = cli("models", "install", package)
        assert code == 0, err


def memory(root: Path, entries: list[tuple[str, str, str, bool]], name: str = "talk") -> Path:
    """translations/kk/NAME.po with (id, source, translation, fuzzy) entries."""
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Language": "kk", "Content-Type": "text/plain; charset=UTF-8"}
    for id_, source, translation, fuzzy in entries:
        flags = ["fuzzy"] if fuzzy else []
        po.append(polib.POEntry(msgctxt=id_, msgid=source, msgstr=translation, flags=flags))
    path = root / "translations" / "kk" / f"{name}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def sample_as_reviewed(root: Path) -> list[polib.POEntry]:
    """The sample interview's memory with every sentence "reviewed" as itself."""
    sample = polib.pofile(str(ROOT / "translations" / "kk" / f"{SAMPLE_SLUG}.po"))
    entries = [e for e in sample if not e.msgctxt.startswith("speaker")]
    memory(root, [(e.msgctxt, e.msgid, e.msgid, False) for e in entries], SAMPLE_SLUG)
    return entries


def evaluate(cli: Cli, root: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = cli("-C", root, "models", "evaluate", "--json", *args)
    assert (code, err) == (0, ""), err
    scores: list[dict[str, object]] = json.loads(out)
    return scores


def test_a_copy_model_against_its_own_source_scores_100_on_every_route(
    cli: Cli, packages: dict[str, Path], tmp_path: Path
) -> None:
    install(cli, packages["ru_kk"], packages["ru_en"], packages["en_kk"])
    entries = sample_as_reviewed(tmp_path)
    before = snapshot(tmp_path / "translations")
    scores = evaluate(cli, tmp_path, "--to", "kk")
    assert [(s["language"], s["route"], s["label"]) for s in scores] == [
        ("kk", "direct", "argos ru→kk 1.0"),
        ("kk", "pivot", "argos ru→en 1.0 + argos en→kk 1.0 (pivot)"),
    ]
    for score in scores:
        assert score["sentences"] == len(entries)
        assert (score["chrf++"], score["bleu"]) == (100.0, 100.0)
        assert score["glossary"] == {"sentences_with_terms": 0, "compliant": 0, "share": None}
        assert float(score["sentences_per_second"]) > 0  # type: ignore[arg-type]
        worst = score["worst"]
        assert isinstance(worst, list) and len(worst) == 5
        assert all(w["chrf++"] == 100.0 and w["machine"] == w["reviewed"] for w in worst)
    assert snapshot(tmp_path / "translations") == before  # reviewed entries never change
    only_pivot = evaluate(cli, tmp_path, "--to", "kk", "--routes", "pivot")
    assert [s["route"] for s in only_pivot] == ["pivot"]


def test_only_reviewed_sentences_are_scored_and_the_worst_are_named(
    cli: Cli, packages: dict[str, Path], tmp_path: Path
) -> None:
    install(cli, packages["ru_kk_eaeu"])
    memory(
        tmp_path,
        [
            ("speaker1", "Имя Фамилия", "Имя Фамилия", False),  # a name: never sent to a model
            ("q1.p1.s1", "Страны ЕАЭС торгуют больше.", "Страны ЕАЭС торгуют больше.", False),
            ("a1.p1.s1", "Торговля растет.", "Торговля растет.", False),
            ("a1.p1.s2", "Это машинный перевод.", "Мұны машина аударды.", True),  # fuzzy
            ("a1.p2.s1", "Роль ЕАЭС важна.", "Роль ЕАЭС важна.", False),
            ("a1.p2.s2", "Без перевода.", "", False),  # not translated
        ],
    )
    # Without --to: every language that can be scored; English, with no model, is named.
    code, out, err = cli("-C", tmp_path, "models", "evaluate", "--json")
    assert code == 0
    assert err == (
        "en: not evaluated: no direct or pivot route into en is installed: convert or"
        " install a model first (python -m pipeline models convert|install)\n"
    )
    (score,) = json.loads(out)
    assert score["sentences"] == 3
    worst = score["worst"]
    # The worst first: one changed word weighs more in the shorter sentence.
    assert [(w["file"], w["id"], w["machine"]) for w in worst] == [
        ("translations/kk/talk.po", "a1.p2.s1", "Роль EAEU важна."),
        ("translations/kk/talk.po", "q1.p1.s1", "Страны EAEU торгуют больше."),
        ("translations/kk/talk.po", "a1.p1.s1", "Торговля растет."),
    ]
    assert worst[0]["chrf++"] < worst[1]["chrf++"] < worst[2]["chrf++"] == 100.0
    assert float(score["chrf++"]) < 100  # type: ignore[arg-type]


def test_glossary_compliance_is_the_share_of_sentences_whose_terms_follow_it(
    cli: Cli, packages: dict[str, Path], tmp_path: Path
) -> None:
    shutil.copy(ROOT / "glossary.yaml", tmp_path / "glossary.yaml")
    memory(
        tmp_path,
        [
            ("a1.p1.s1", "Курс тенге остался прежним.", "Теңге бағамы өзгерген жоқ.", False),
            ("a1.p1.s2", "Цены выросли.", "Бағалар өсті.", False),
        ],
    )
    install(cli, packages["ru_kk"])
    (copying,) = evaluate(cli, tmp_path, "--to", "kk")
    assert copying["glossary"] == {"sentences_with_terms": 1, "compliant": 1, "share": 1.0}
    install(cli, packages["ru_kk_ruble"])
    (breaking,) = evaluate(cli, tmp_path, "--to", "kk")
    assert breaking["label"] == "argos ru→kk 3.0"
    assert breaking["glossary"] == {"sentences_with_terms": 1, "compliant": 0, "share": 0.0}
    worst = breaking["worst"]
    assert isinstance(worst, list) and worst[0]["id"] == "a1.p1.s1"
    assert "missing теңге" in worst[0]["glossary"]


def test_the_table_shows_every_route_and_its_worst_segments(
    cli: Cli, packages: dict[str, Path], tmp_path: Path
) -> None:
    install(cli, packages["ru_kk"], packages["ru_en"], packages["en_kk"])
    sentence = "Торговля между странами растет быстро."  # BLEU needs four words
    memory(tmp_path, [("a1.p1.s1", sentence, sentence, False)])
    code, out, err = cli("-C", tmp_path, "models", "evaluate", "--to", "kk")
    assert (code, err) == (0, ""), err
    lines = out.splitlines()
    assert lines[0].split() == [
        "to",
        "route",
        "sentences",
        "chrF++",
        "BLEU",
        "glossary",
        "sent/s",
        "models",
    ]
    assert lines[1].split()[:6] == ["kk", "direct", "1", "100.0", "100.0", "no"]
    assert lines[1].endswith("argos ru→kk 1.0")
    assert lines[2].split()[:5] == ["kk", "pivot", "1", "100.0", "100.0"]
    assert "worst segments, kk direct (argos ru→kk 1.0):" in lines
    assert "  translations/kk/talk.po a1.p1.s1  chrF++ 100.0" in lines


@pytest.mark.parametrize(
    ("args", "installed", "code", "message"),
    [
        ([], False, 6, "error: no direct or pivot route into kk is installed"),
        (["--routes", "pivot"], True, 6, "error: no pivot route into kk is installed"),
        (["--routes", "sideways"], True, 2, "error: --routes takes direct, pivot"),
    ],
)
def test_evaluate_without_a_route_is_one_line(
    cli: Cli,
    packages: dict[str, Path],
    tmp_path: Path,
    args: list[str],
    installed: bool,
    code: int,
    message: str,
) -> None:
    if installed:
        install(cli, packages["ru_kk"])
    memory(tmp_path, [("a1.p1.s1", "Торговля растет.", "Торговля растет.", False)])
    result, out, err = cli("-C", tmp_path, "models", "evaluate", "--to", "kk", *args)
    assert (result, out) == (code, "")
    assert len(err.splitlines()) == 1 and err.startswith(message), err


def test_evaluate_without_reviewed_translations_is_one_line(
    cli: Cli, packages: dict[str, Path], tmp_path: Path
) -> None:
    install(cli, packages["ru_kk"])
    memory(tmp_path, [("a1.p1.s1", "Торговля растет.", "Сауда өсуде.", True)])
    code, out, err = cli("-C", tmp_path, "models", "evaluate", "--to", "kk")
    assert (code, out) == (1, "")
    assert err == "error: translations/kk/: no reviewed translation to compare with\n"
