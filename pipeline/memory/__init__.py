"""The PO translation memory: read, update, serialize; renamed transcripts; names."""
