"""Adding a target language is one registry entry, its glossary sections and
its mkdocs.yml language: French, built into a four-language site.

The fixture registers French for one test (pipeline/languages.py is not
edited); the project copy gets `fr` sections in glossary.yaml and `fr` in
mkdocs.yml, and a copy-model Argos package (tests/modelkit.py) translates into
French, so what comes out is what the glossary enforcement put in.
"""

from __future__ import annotations

import ast
import csv
import datetime
import io
import re
from collections.abc import Iterator
from pathlib import Path

import babel.dates
import material  # type: ignore[import-untyped]
import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline import languages
from pipeline.glossary.load import dump_document, load_document
from pipeline.glossary.morphology import MORPHOLOGIES
from pipeline.languages import REGISTRY, Labels, Language
from tests.conftest import ROOT, SAMPLE_SLUG, Cli, copy_project, sample_corpus, snapshot
from tests.modelkit import PackageSpec, build_package, train_sentencepiece
from tests.test_cli_hostile import HOSTILE, check, fresh, invoke

FRENCH = Language(
    code="fr",
    locale="fr_FR",
    alphabet="aàâæbcçdeéèêëfghiîïjklmnoôœpqrstuùûüvwxyÿz",
    labels=Labels(
        name="Français",
        home="Accueil",
        interviews="Entretiens",
        source="Source",
        reviewed_title="Traduction relue",
        reviewed_body="Traduction de l'original russe relue par un traducteur.",
        machine_title="Traduction automatique",
        machine_body="Traduction automatique pas encore relue : {count} phrases sur {total}.",
        missing_title="Traduction incomplète",
        missing_body="Pas encore traduit, affiché en russe : {count} phrases sur {total}.",
        original_link="Lire l'original en russe",
        untranslated="pas encore traduit",
        interviewed_by="Propos recueillis par {name}",
        glossary_title="Glossaire",
        glossary_intro="Termes et sigles rendus de la même façon dans tous les entretiens.",
        note="Note",
        not_found=("Page introuvable", "Cette page n'existe pas.", "Aller à l'accueil"),
    ),
    names={"ru": "Французский", "kk": "Французша", "en": "French"},
    transliterate_names=True,
    search_stemmer="fr",  # lunr-languages' French, which Material ships
)
# The house terms in French: (name, abbreviation, use).
RENDERINGS = {
    "eaeu": ("Union économique eurasiatique", "UEEA", "first-expanded"),
    "eec": ("Commission économique eurasiatique", "CEE", "first-expanded"),
    "sco": ("Organisation de coopération de Shanghai", "OCS", "first-expanded"),
    "trans-altai-dialogue": ("Dialogue transaltaïque", None, "name"),
    "cis": ("Communauté des États indépendants", "CEI", "first-expanded"),
    "csto": ("Organisation du traité de sécurité collective", "OTSC", "first-expanded"),
    "kazakhstan": ("Kazakhstan", None, "name"),
    "russia": ("Russie", None, "name"),
    "rossiyskaya-gazeta": ("Rossiyskaya Gazeta", None, "name"),
    "tenge": ("tenge", None, "name"),
    "ruble": ("rouble", None, "name"),
}


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> Iterator[Language]:
    """French in the registry for one test: the only change to the pipeline."""
    monkeypatch.setitem(REGISTRY, "fr", FRENCH)
    yield FRENCH


def add_french(root: Path, site: bool = True, glossary: bool = True) -> None:
    """What a newsroom edits to add French: its glossary sections, its site language."""
    if glossary:
        path = root / "glossary.yaml"
        data = load_document(path)
        for entry in data["terms"]:
            name, abbreviation, use = RENDERINGS[entry["id"]]
            section = CommentedMap(name=name)
            if abbreviation:
                section["abbreviation"] = abbreviation
            section["use"] = use
            if entry["id"] == "eaeu":
                section["forbidden"] = CommentedSeq(["CEEA"])
            entry.insert(list(entry).index("kk") + 1, "fr", section)
        path.write_text(dump_document(data), encoding="utf-8")
    if site:
        config = root / "mkdocs.yml"
        data = load_document(config)  # a round trip: comments and order kept
        i18n = next(p["i18n"] for p in data["plugins"] if isinstance(p, dict) and "i18n" in p)
        i18n["languages"].append(
            CommentedMap(
                locale="fr",
                name="Français",
                build=True,
                site_name="Entretiens",
                site_description="Entretiens en russe, kazakh, anglais et français",
                nav_translations=CommentedMap(Interviews="Entretiens"),
            )
        )
        config.write_text(dump_document(data), encoding="utf-8")


@pytest.fixture(scope="module")
def french_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = [*sample_corpus(), " ".join(v[0] for v in RENDERINGS.values())]
    tokenizer = train_sentencepiece(corpus)
    folder = tmp_path_factory.mktemp("french-model")
    return build_package(folder / "ru_fr.argosmodel", PackageSpec("ru", "fr"), tokenizer)


def test_a_four_language_site_from_one_registry_entry(
    french: Language, french_model: Path, tmp_path: Path, cli: Cli
) -> None:
    project = copy_project(tmp_path / "project")
    shipped = snapshot(project)
    add_french(project)
    edited = {p.relative_to(project).as_posix() for p, b in snapshot(project).items()}
    assert edited == {p.relative_to(project).as_posix() for p in shipped}
    changed = {
        p.relative_to(project).as_posix() for p, b in snapshot(project).items() if shipped[p] != b
    }
    assert changed == {"glossary.yaml", "mkdocs.yml"}  # and the registry entry: nothing else

    assert cli("models", "install", french_model)[0] == 0
    code, _, err = cli("-C", project, "publish")
    assert code == 0, err
    assert "machine-translated 53 sentence(s) into fr" in err
    # Adding French sends no reviewed Kazakh or English sentence back to review.
    assert "kk: 53 reviewed, 0 machine, 0 need review" in err
    assert "en: 53 reviewed, 0 machine, 0 need review" in err
    site = project / "site"
    for page in ("index.html", f"interviews/{SAMPLE_SLUG}/index.html", "glossary/index.html"):
        html = (site / "fr" / page).read_text(encoding="utf-8")
        assert '<html lang="fr"' in html, page
    not_found = (site / "fr" / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page introuvable</h1>" in not_found
    assert "<strong>Page introuvable.</strong>" in (site / "404.html").read_text(encoding="utf-8")

    # French enforcement: renderings put in by the glossary, expanded at the
    # first mention, quoted as the source quotes them, no English articles.
    po = polib.pofile(str(project / "translations" / "fr" / f"{SAMPLE_SLUG}.po"))
    text = {e.msgctxt: e.msgstr for e in po}
    assert text["a5.p1.s3"] == (
        "Важно, чтобы экономические регуляторы обеих стран действовали согласованно в рамках"
        " Union économique eurasiatique (UEEA), создавая единое пространство доверия для бизнеса."
    )
    assert text["a5.p1.s4"] == "И здесь вновь необходимо подчеркнуть важность CEE."
    assert text["q4.p1.s3"] == (
        "Один из проектов, озвученных на саммите Organisation de coopération de Shanghai (OCS),"
        " — инициатива «Dialogue transaltaïque»."
    )
    assert all("review: " not in e.comment for e in po)
    code, out, _ = cli("-C", project, "glossary", "check", "--strict")
    assert code == 0, out
    assert "fr\teaeu\t1 in source\t0 reviewed\t1 machine\t0 violation(s)" in out

    # The French pages: the page strings, the glossary page in French order
    # naming the other languages (CLDR's names where the registry gives none).
    page = (site / "fr" / "interviews" / SAMPLE_SLUG / "index.html").read_text(encoding="utf-8")
    assert "Traduction automatique pas encore relue : 53 phrases sur 53." in page
    assert ">Lire l'original en russe</a>" in page
    assert '<abbr title="Union économique eurasiatique">UEEA</abbr>' in page
    glossary = (site / "fr" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="glossaire">Glossaire<' in glossary
    heads = re.findall(r'<h2 class="glossary-term" id="[^"]+">([^<]+)', glossary)
    assert heads[0] == "Commission économique eurasiatique (CEE)"
    assert heads[1] == "Communauté des États indépendants (CEI)"
    assert heads[-1] == "Union économique eurasiatique (UEEA)"
    assert "<li>Russe: Евразийский экономический союз (ЕАЭС)</li>" in glossary
    assert "<li>Kazakh: Еуразиялық экономикалық одақ (ЕАЭО)</li>" in glossary
    assert "<li>Anglais: Eurasian Economic Union (EAEU)</li>" in glossary
    russian = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "<li>Французский: Union économique eurasiatique (UEEA)</li>" in russian
    kazakh = (site / "kk" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "<li>Французша: Union économique eurasiatique (UEEA)</li>" in kazakh
    # Every page links its French translation.
    original = (site / "interviews" / SAMPLE_SLUG / "index.html").read_text(encoding="utf-8")
    assert re.search(r'hreflang="fr"', original)

    # The glossary's exports have French columns.
    code, out, _ = cli("-C", project, "glossary", "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    eaeu = next(r for r in rows if r["id"] == "eaeu")
    assert (eaeu["fr"], eaeu["fr_abbreviation"], eaeu["fr_forbidden"]) == (
        "Union économique eurasiatique",
        "UEEA",
        "CEEA",
    )
    assert list(rows[0])[4:13] == [
        *("en", "en_abbreviation", "fr", "fr_abbreviation", "kk", "kk_abbreviation"),
        *("en_forbidden", "fr_forbidden", "kk_forbidden"),
    ]
    code, out, _ = cli("-C", project, "glossary", "export", "--format", "tbx")
    assert '<langSet xml:lang="fr">' in out and "<term>UEEA</term>" in out


def test_a_registry_language_mkdocs_yml_lacks_stops_publish(
    french: Language, tmp_path: Path, cli: Cli
) -> None:
    project = copy_project(tmp_path / "project")
    add_french(project, site=False)
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 1
    line = next(
        n
        for n, text in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1)
        if text.strip() == "languages:"
    )
    assert err.splitlines() == [
        f"error: {project / 'mkdocs.yml'}:{line}: the i18n plugin's languages lack 'fr'"
        " (pipeline/languages.py has ru, kk, en, fr): add '- locale: fr' with its name"
    ]
    assert snapshot(project) == before


def test_a_site_language_the_registry_lacks_stops_publish(tmp_path: Path, cli: Cli) -> None:
    project = copy_project(tmp_path / "project")
    add_french(project, glossary=False)  # French in mkdocs.yml only
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish")
    assert code == 1
    assert err.startswith(f"error: {project / 'mkdocs.yml'}:")
    assert "builds 'fr', which pipeline/languages.py does not have" in err
    assert len(err.splitlines()) == 1
    assert snapshot(project) == before


@settings(HOSTILE, max_examples=12)  # each example publishes
@given(
    broken=st.dictionaries(
        st.sampled_from(sorted(RENDERINGS)),
        st.sampled_from([None, "fr: Union\n", "fr: {}\n", "fr: [a]\n", "fr: {name: ''}\n"]),
        min_size=1,
    ),
    args=st.sampled_from(
        [
            ["publish", "--no-site"],
            ["glossary", "check"],
            ["glossary", "export", "--format", "csv"],
            ["glossary", "match", f"transcripts/{SAMPLE_SLUG}.txt"],
        ]
    ),
)
def test_an_entry_without_its_french_section_is_one_line_naming_it(
    broken: dict[str, str | None],
    args: list[str],
    french: Language,
    french_project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every entry needs a section per target language: a missing or broken
    one is an error naming the file, the line and the entry, never a crash."""
    root = fresh(french_project, tmp_path)
    path = root / "glossary.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = {line.split(": ", 1)[1].strip(): n for n, line in enumerate(lines) if "- id: " in line}
    for term_id, replacement in sorted(broken.items(), key=lambda kv: -starts[kv[0]]):
        start = next(n for n in range(starts[term_id], len(lines)) if lines[n] == "    fr:\n")
        end = next(
            (n for n in range(start + 1, len(lines)) if not lines[n].startswith("      ")),
            len(lines),
        )
        lines[start:end] = [f"    {replacement}"] if replacement else []
    path.write_text("".join(lines), encoding="utf-8")
    before = snapshot(root)
    args = [a.replace("transcripts/", f"{root}/transcripts/") for a in args]
    code, err = invoke(capsys, root, *args)
    check(code, err, before, root)
    assert code == 1
    errors = err.splitlines()
    assert all(re.match(rf"error: {re.escape(str(path))}:\d+:\d+: ", e) for e in errors), err
    missing = {term_id for term_id, replacement in broken.items() if replacement is None}
    named = set(re.findall(r"term '([^']+)' has no 'fr' section", err))
    assert named == missing


@pytest.fixture(scope="module")
def french_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("french") / "project")
    add_french(root)
    return root


def test_every_registry_language_names_known_rules() -> None:
    for language in REGISTRY.values():
        assert language.morphology in MORPHOLOGIES, language.code
        assert language.alphabet == "".join(dict.fromkeys(language.alphabet)), language.code
    assert [c for c, lang in REGISTRY.items() if lang.source] == [languages.SOURCE]


@pytest.mark.parametrize("language", [*REGISTRY.values(), FRENCH], ids=lambda lang: lang.code)
def test_every_language_has_a_date_format_and_a_search_stemmer_script(language: Language) -> None:
    date = babel.dates.format_date(
        datetime.date(2025, 11, 11), language.date_format, language.locale
    )
    assert "2025" in date and "11" in date
    if language.search_stemmer not in ("", "en"):  # lunr's own English, or none
        script = f"lunr.{language.search_stemmer}.min.js"
        material_lunr = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min"
        ours = ROOT / "docs" / "assets" / "javascripts" / "lunr" / "min"
        assert (ours / script).is_file() or (material_lunr / script).is_file()


def test_languages_module_imports_nothing_of_the_pipeline() -> None:
    """The registry is a leaf: the rest of the pipeline builds on it."""
    tree = ast.parse((ROOT / "pipeline" / "languages.py").read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [name for name in imported if name and name.startswith("pipeline")]


@pytest.mark.parametrize(
    ("old", "new", "where", "word", "others"),
    [
        ("abbreviation: ЕАЭО", "abbreviation: EАЭО", ":28:7:", "EАЭО", "E"),  # Latin E
        (
            "name: Eurasian Economic Union",
            "name: Eurasiаn Economic Union",
            ":22:7:",
            "Eurasiаn",
            "а",
        ),
        ("abbreviation: ЕАЭС", "abbreviation: ЕАЭC", ":20:7:", "ЕАЭC", "C"),  # the Russian form
    ],
)
def test_a_look_alike_letter_from_another_script_is_a_warning(
    project: Path, cli: Cli, old: str, new: str, where: str, word: str, others: str
) -> None:
    """The registry's alphabets tell a word typed in the wrong keyboard layout."""
    path = project / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    code, _, err = cli("-C", project, "glossary", "export", "--format", "csv")
    assert code == 0
    assert err.startswith(f"{path}{where} warning: '{word}' mixes letters of the")
    assert f"with {others} (another script)" in err and len(err.splitlines()) == 1
