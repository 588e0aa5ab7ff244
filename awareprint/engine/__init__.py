"""Engine: the one place that knows WeasyPrint's internals. It takes HTML (and the folders
it may read), gives the laid-out document, its PDF (tagged, with notes for finishing,
for digital output) and one typed view of its laid-out boxes (boxes.py) for every check
after layout. The patches WeasyPrint needs (font subsetting, tagging notes, block
alignment) are here too, so an upgrade of WeasyPrint touches this folder only."""
