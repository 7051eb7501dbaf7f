"""Transcript reading: files, encodings, layout, the document model, segments."""
