"""The command line, one front end: takes arguments, gives the library's files and, for a
mistake, one clear line on stderr and an exit code. Its commands (render, check, list,
stamp, proof, batch, preflight, serve) parse and call the stages below."""
