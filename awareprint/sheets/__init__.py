"""Sheets: takes a SheetJob, gives many rendered pieces on label or press sheets (one Form
XObject per side, crop marks, duplex backs), read back and written whole."""
