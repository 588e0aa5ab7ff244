"""Data in: takes content/, layouts/ and fonts/, checks them as a whole, and gives the
Catalogue of everything that can be made, and checked Jobs (what to make) for a request."""
