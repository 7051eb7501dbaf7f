"""The glossary in the publish cache (pipeline/cache.py): read, checked and
indexed once, then found again by glossary.yaml's bytes.

Reading a glossary of 5,000 terms with libyaml, checking it and indexing its
Russian forms for the matcher (pymorphy3 reads every word) take seconds; a
no-op publish should not pay them again when the file has not changed. The
glossary and its index are one stored value, under the file's bytes and path
and the code's version; a glossary with an error raises before anything is
stored, so its errors are read and reported again, each run, as they are
without a cache. The terms found in each sentence are kept with it. The
glossary pages, made of the glossary and the interviews that mention each
term, are kept as pages are: only their hash, the file under ``docs/`` is the
page when it matches.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pipeline import cache
from pipeline.glossary import load, match
from pipeline.glossary.index import PatternIndex
from pipeline.glossary.model import Glossary
from pipeline.site import glossary_pages


def load_glossary(
    path: Path,
    text: bytes | None = None,
    *,
    sentences: Literal["keep", "use", ""] = "keep",
    read: Callable[[], Glossary] | None = None,
) -> Glossary:
    """``load.load_glossary``, the matcher's index of its terms made with it.

    ``text``: the bytes an edit (glossary add/set) is about to write, checked,
    and kept for the next run. ``sentences``: the terms earlier runs found in
    each sentence, "keep" (a publish: use them, keep this run's), "use" (a
    command that matches an archive's sentences: glossary check) or "" (none).
    ``read``: how to read it when it is not kept (an edit reads its entry only).
    """
    session = cache.current()
    data = text
    try:
        if session is not None and data is None and path.is_file():
            data = path.read_bytes()
    except OSError:  # reported, as every problem with the file, by reading it
        data = None
    if session is None or data is None:
        return read() if read is not None else load.load_glossary(path, text)

    def made() -> tuple[Glossary, PatternIndex]:
        # The very bytes of the key.
        glossary = read() if read is not None else load.load_glossary(path, data)
        return glossary, PatternIndex(glossary)

    key = session.key("glossary", path, data)
    glossary, index = session.value(key, made)
    # The terms an earlier run found in each sentence, by its text (a pure
    # function of the text, the glossary and the code, all in the key): adding
    # an interview matches its sentences only. Kept are a publish's sentences.
    matches_key = session.key("glossary-matches", key)
    known: match.Matches = session.value(matches_key, dict) if sentences else {}
    seen = match.use_index(glossary, index, known)
    if sentences == "keep":
        session.at_end(matches_key, lambda: seen)
    # Its key names its content: a page made with it need not pickle 5,000 terms.
    session.glossary = (glossary, key.encode())
    return glossary


def replaced(path: Path, before: bytes, old: Glossary | None, after: bytes, new: Glossary) -> None:
    """An edit replaced glossary ``old`` (of the bytes ``before``) by ``new``:
    what is kept of the old one is of no use to any run (a publish would
    remove it; a translator may edit many times between two publishes), but
    the terms found in each sentence under it are kept for the new one when
    the edit left every Russian form as it was (match.carried)."""
    session = cache.current()
    if session is None:
        return
    key, new_key = session.key("glossary", path, before), session.key("glossary", path, after)
    indexes = (match.index_of(old), match.index_of(new)) if old is not None else (None, None)
    if indexes[0] is not None and indexes[1] is not None:
        known: match.Matches = session.value(session.key("glossary-matches", key), dict)
        found = match.carried(indexes[0], indexes[1], new, known) if known else {}
        if found:
            session.value(session.key("glossary-matches", new_key), lambda: found)
    for stale in (key, session.key("glossary-matches", key)):
        session.new.pop(stale, None)
        session.used.discard(stale)
        (session.folder / f"{stale}.pickle").unlink(missing_ok=True)


def render_glossary(
    glossary: Glossary, language: str, mentions: dict[str, list[str]], *, docs: Path
) -> str:
    """``glossary_pages.render_glossary``, the page under ``docs`` when it already holds it."""
    session = cache.current()
    known = session.glossary if session is not None else None
    if session is None or known is None or known[0] is not glossary or known[1] is None:
        return glossary_pages.render_glossary(glossary, language, mentions)
    path = glossary_pages.glossary_path(language)
    key = session.key("glossary-page", str(path), known[1], repr(sorted(mentions.items())))
    page = session.output(
        key,
        docs / path,
        lambda: glossary_pages.render_glossary(glossary, language, mentions).encode(),
    )
    return page.decode("utf-8")
