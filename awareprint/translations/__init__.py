"""Translations in the formats translators use.

The stage takes a language of the catalogue, or a translator's file (gettext PO) for one;
it gives the PO file to translate (the English, the translation, its review state, where
each string prints and the placeholders it keeps), and reads one back: every entry
checked, the language's own checks and the fit of every piece it prints on, and only then
the language file rewritten, string by string. A string a person changes on the web's
reviewer's page is checked the same way (edits.py).
"""
