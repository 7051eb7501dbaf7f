"""The static site: Markdown pages for each language, glossary pages, the MkDocs build."""
