"""Compose: takes a Job and the Catalogue, gives the HTML of the piece (Jinja2 template,
house CSS, geometry in points, QR code, printer's marks) for the layout engine."""
