"""The web front end: takes a partner's order from a form (with a live preview) and gives
its files, job ticket and zip on the order's own page once staff approve. A sibling of the
command line: it writes an order file and the batch engine renders it. It also takes a
reviewer's changes to a translation's strings (the reviewer's page) and gives them, once
reviewed or approved, to the language file (`translations apply`)."""
