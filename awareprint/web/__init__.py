"""The web front end: takes a partner's order from a form (with a live preview) and gives
its files, job ticket and zip on the order's own page once staff approve. A sibling of the
command line: it writes an order file and the batch engine renders it."""
