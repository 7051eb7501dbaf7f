"""An incremental site build: what MkDocs made for a page is kept by what it was made from.

MkDocs makes every page of every language on each build, so adding one
interview to a thousand cost a whole build. Most of that is per page and a
function of few inputs, which this module keeps under a hash of them in
``.cache/site-pages/`` (beside the pipeline's ``.cache/publish/``):

- a page's Markdown as HTML (its content, table of contents, title, anchors):
  a function of its Markdown after the plugins' ``page_markdown`` events, its
  address, the build's environment (``fresh.environment_hash``: configuration,
  theme, hooks, packages, build date) and the files its links resolve to, which
  are recorded with it and looked up again before it is reused;
- the search entries Material makes from that HTML;
- the page's HTML as the theme renders it: a function of the above, the page's
  title, metadata and neighbours, the navigation, the language's configuration
  (the language switcher's links to this page's translations included);
- Material's compiled templates (Jinja's bytecode cache), compiled once per
  environment instead of once per language per build; the theme's file list;
  each page's front matter (read by PyYAML in pure Python).

Everything else runs as in a full build (every file is written, the sitemap,
search index and pages that list interviews are made from all pages), so the
site is the same to the byte as a full build of the same inputs. A render that
logged anything is not kept: its messages come again on the next build.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.site import kept as keeping
from pipeline.site.kept import FOLDER, Listing, Logged, Recording, Store, digest, ident

_CONFIG_KEYS = (
    "site_name", "site_url", "site_description", "site_author", "copyright", "extra",
    "extra_css", "extra_javascript", "repo_url", "repo_name", "edit_uri", "use_directory_urls",
)  # fmt: skip


class Reuse(Store):
    """One build's view of the kept pages, installed into MkDocs as a plugin."""

    def __init__(self, folder: Path, environment: str) -> None:
        super().__init__(folder, environment)
        self.nav_digest: str | None = None
        self.pending: tuple[Any, str, str | None] | None = None  # page, key, its kept HTML
        self.found: dict[str, Any] = {}  # this build's files by the paths links name
        self.files: Any = None  # this build's files

    def lookup(self, files: Any, path: str) -> Any:
        if path not in self.found:
            self.found[path] = files.get_file_from_path(path)
        return self.found[path]

    # Page.render, in place of MkDocs' own during the build.
    def render(self, original: Any, page: Any, config: Any, files: Any) -> None:
        file = page.file
        key = digest(
            "render", self.environment, keeping.language(config), file.src_uri, file.dest_uri,
            file.url, file.inclusion.name, page.markdown,
        )  # fmt: skip
        kept = self.load(key)
        if kept is not None and all(
            ident(self.lookup(files, path)) == found for path, found in kept["links"]
        ):
            page.content, page.toc = kept["content"], kept["toc"]
            page._title_from_render = kept["title"]
            page.present_anchor_ids = kept["anchors"]
            if kept["links_to_anchors"] is not None:
                page.links_to_anchors = {
                    self.lookup(files, path): anchors
                    for path, anchors in kept["links_to_anchors"].items()
                }
            page.incremental_key = key
            return
        recording, logged = Recording(files, lambda path: self.lookup(files, path)), Logged()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(logged)
        try:
            original(page, config, recording)
        finally:
            logger.removeHandler(logged)
        if logged.records:
            return
        links = page.links_to_anchors
        self.store(
            key,
            {
                "content": page.content,
                "toc": page.toc,
                "title": page._title_from_render,
                "anchors": page.present_anchor_ids,
                "links": sorted(recording.looked_up.items()),
                "links_to_anchors": None
                if links is None
                else {target.src_uri: anchors for target, anchors in links.items()},
            },
        )
        page.incremental_key = key

    # Material's SearchIndex.add_entry_from_context, in place of its own.
    def search_entries(self, original: Any, index: Any, page: Any) -> None:
        content_key = getattr(page, "incremental_key", None)
        if content_key is None:
            original(index, page)
            return
        key = digest("search", content_key, page.url, page.title, page.meta)
        kept = self.load(key)
        if kept is not None:
            index.entries.extend(kept)
            return
        before = len(index.entries)
        original(index, page)
        self.store(key, index.entries[before:])

    # mkdocs.utils.meta.get_data, in place of its own: a page's front matter
    # (the pure-Python YAML parser, slow on the link previews' metadata).
    def front_matter(self, original: Any, source: str) -> tuple[str, dict[str, Any]]:
        from mkdocs.utils.meta import YAML_RE

        found = YAML_RE.match(source)
        if found is None:
            return original(source)  # type: ignore[no-any-return]
        key = digest("meta", self.environment, found.group(1))
        kept = self.load(key)
        if kept is None:
            body, data = original(source)
            self.store(key, (body != source, data))
            return body, data
        stripped, data = kept
        return (source[found.end() :].lstrip("\n") if stripped else source), data

    # Files.add_files_from_theme, in place of its own: the theme's files (some
    # thousands of icons walked and matched against patterns) listed once.
    def theme_files(self, original: Any, files: Any, env: Any, config: Any) -> None:
        key = digest("theme", self.environment, config.theme.dirs)
        listing = Listing(env, self.load(key))
        original(files, listing, config)
        if listing.listed is not None:
            self.store(key, listing.listed)

    # MkDocs events.
    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        self.found = {}  # each language's build has its files
        self.files = files
        return nav

    def on_post_build(self, config: Any) -> None:
        """This language's pages are written: their texts go before the i18n
        plugin builds the next language (this runs first) within this build."""
        for file in self.files.documentation_pages():
            if file.page is not None:
                file.page.content = file.page.markdown = None

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        import jinja2

        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.templates()))
        with contextlib.suppress(OSError):
            self.templates().mkdir(parents=True, exist_ok=True)
        env.template_class = _template_class(self)
        self.nav_digest = None
        return env

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        content_key = getattr(page, "incremental_key", None)
        self.pending = None
        if content_key is None:
            return context
        if self.nav_digest is None:  # once per build, when every page has its title
            self.nav_digest = digest(keeping.outline(nav.items))
        neighbours = [
            None if other is None else [other.url, other.title]
            for other in (page.previous_page, page.next_page)
        ]
        key = digest(
            "page", content_key, self.nav_digest, page.title, page.url, page.canonical_url,
            page.edit_url, page.is_homepage, page.meta, neighbours,
            [item.title for item in page.ancestors],
            {name: config.get(name) for name in _CONFIG_KEYS}, dict(config.theme.items()),
        )  # fmt: skip
        kept = self.load(key)
        self.pending = (page, key, kept if isinstance(kept, str) else None)
        return context


# After every other plugin has set the context (the i18n plugin: this page's
# translations in config.extra.alternate).
Reuse.on_page_context.mkdocs_priority = -200  # type: ignore[attr-defined]


def _template_class(reuse: Reuse) -> type:
    """Jinja templates whose rendering of the page being built may be the kept one."""
    import jinja2

    class Kept(jinja2.Template):
        def render(self, *args: Any, **kwargs: Any) -> str:
            pending = reuse.pending
            page = args[0].get("page") if args and isinstance(args[0], dict) else None
            if pending is None or page is None or page is not pending[0]:
                return super().render(*args, **kwargs)
            reuse.pending = None
            if pending[2] is not None:
                return pending[2]
            html = super().render(*args, **kwargs)
            reuse.store(pending[1], html)
            return html

    return Kept


@contextlib.contextmanager
def reusing(config: Any, root: Path, environment: str) -> Iterator[Reuse]:
    """Build with ``config`` keeping and reusing pages; the store is pruned on success."""
    from material.plugins.search import plugin as search  # type: ignore[import-untyped]
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.utils import meta

    reuse = Reuse(root / FOLDER, environment)
    render, add_entry = Page.render, search.SearchIndex.add_entry_from_context
    add_theme_files, get_data = Files.add_files_from_theme, meta.get_data

    def page_render(page: Any, config: Any, files: Any) -> None:
        reuse.render(render, page, config, files)

    def search_entries(index: Any, page: Any) -> None:
        reuse.search_entries(add_entry, index, page)

    def theme_files(files: Any, env: Any, config: Any) -> None:
        reuse.theme_files(add_theme_files, files, env, config)

    def front_matter(doc: str) -> tuple[str, dict[str, Any]]:
        return reuse.front_matter(get_data, doc)

    config.plugins["incremental"] = reuse
    meta.get_data = front_matter
    Files.add_files_from_theme = theme_files  # type: ignore[method-assign,assignment]
    Page.render = page_render  # type: ignore[method-assign,assignment]
    search.SearchIndex.add_entry_from_context = search_entries
    try:
        yield reuse
    finally:
        Page.render = render  # type: ignore[method-assign]
        Files.add_files_from_theme = add_theme_files  # type: ignore[method-assign]
        meta.get_data = get_data
        search.SearchIndex.add_entry_from_context = add_entry
    reuse.finish()
