"""The command line, one front end: takes arguments, gives the library's files and, for a
mistake, one clear line on stderr and an exit code. It parses and calls; no logic of its own."""
