"""Documents about the pieces rather than pieces: takes jobs of the catalogue (or a filter
of it) and gives the proof, every piece small and labelled on contact sheets for a person
to review; takes a Ticket (an order told in the ticket's terms) and gives the job ticket
for the print shop. Their templates are set up as the pieces' are (compose/templates.py)."""
