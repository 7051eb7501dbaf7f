"""The house glossary: load and validate, match Russian forms, Kazakh morphology, enforce."""
