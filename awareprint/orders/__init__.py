"""Orders: takes a partner's order file (YAML or CSV), gives its files rendered in parallel,
reused when unchanged, with a manifest, a job ticket for the print shop and a zip."""
