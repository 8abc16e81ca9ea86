"""The clinic handout: a printable PDF (`pdf.export`) and an accessible, self-contained
HTML page (`html.export`), saying the same words in the same order (`content`)."""
