"""Where a language's strings print, found by composing every piece with markers: for every
script, Chinese included (its typesetter keeps a paragraph's last characters together in
an element of their own, which once cut the marker in two and hid the string)."""

from __future__ import annotations

import pytest

from awareprint.catalogue.load import load_catalogue
from awareprint.translations.placements import placements


@pytest.mark.parametrize("code", ["es", "ar", "zh-Hans", "zh-Hant", "ko", "th"])
def test_every_script_s_strings_are_found_in_the_slots_that_print_them(code):
    catalogue = load_catalogue()
    where = placements(catalogue, code)
    english = placements(catalogue, "es")
    assert where["headline"]["poster"] >= {"headline"}
    assert where["get_help"]["poster"] >= {"call_to_action"}
    assert where["discreet_headline"] == {"discreet-card": {"greeting"}}
    # Every string the Spanish pieces print, this language's print too (but the state
    # notices' own lines: only some languages have a state's notice).
    def printed(found):
        return {name for name in found if not name.startswith("notice_")}

    assert printed(where) == printed(english), printed(english) ^ printed(where)
