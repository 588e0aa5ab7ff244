"""Finish: takes the engine's PDF, gives the file as it is written, finished with pikepdf
by standard: metadata for every file (metadata.py), the page boxes (boxes.py) and PDF/X
for press (pdfx.py), PDF/UA for a tagged file read on screen (pdfua.py, with the notes
the engine took while it wrote), saved reproducibly (finish.py)."""
