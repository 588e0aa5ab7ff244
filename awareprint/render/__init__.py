"""Render: takes a Job and a read-back (a callable the caller passes in), gives its finished
PDF: composed, laid out by the engine, fitted (measure), finished and read back before it
is written whole. Orchestration only: what each step does lives in its own stage."""
