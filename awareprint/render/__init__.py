"""Render: takes a Job, gives its finished PDF — composed, laid out by WeasyPrint, fitted,
finished with pikepdf and read back before it is written whole — and PNG previews."""
