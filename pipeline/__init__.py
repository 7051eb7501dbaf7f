"""Publishing pipeline: Russian interview transcripts to a trilingual MkDocs site."""
