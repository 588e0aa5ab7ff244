"""Documents about the pieces rather than pieces: takes the catalogue (or a filter of it),
gives the proof, every piece small and labelled on contact sheets for a person to review.
Its template is set up as the pieces' are (compose/templates.py)."""
