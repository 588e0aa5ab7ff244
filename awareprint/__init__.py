"""awareprint: print-ready anti-trafficking awareness materials from one text and one hotline."""

__version__ = "0.1.0"
