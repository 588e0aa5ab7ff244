"""`render.py stamp LANG`: record that a translation matches the current English text.

Writes the `translated_from` block (English fingerprints, one per key) at the end of
content/LANG.yaml, replacing the old one; the rest of the file is kept as written.
"""

from __future__ import annotations

from ..catalogue.language_checks import fingerprint, source_language
from ..catalogue.load import Catalogue
from ..errors import InputError
from ..output import write_atomic

BLOCK = "translated_from:"
HEADER = ("# English text this translation was checked against (python render.py stamp {code}).\n"
          "# A string whose English changes since shows as stale until translated and stamped.\n")


def stamp(catalogue: Catalogue, code: str) -> int:
    """Stamp one translation; returns how many strings were stale before."""
    from ..catalogue.content import language_files
    from ..catalogue.language_checks import stale_keys

    language = catalogue.languages.get(code)
    if language is None:
        raise InputError(f"unknown language '{code}'; choose from: "
                         f"{', '.join(catalogue.languages)}")
    if language.language.status == "source":
        raise InputError(f"'{code}' is the source language; stamp a translation")
    source = source_language(catalogue.languages)
    stale = len(stale_keys(language, source))
    path = language_files(catalogue.content_dir)[code]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    cut = next((i for i, line in enumerate(lines) if line.startswith(BLOCK)), len(lines))
    ours = set(HEADER.format(code=code).splitlines(keepends=True))
    while cut > 0 and lines[cut - 1] in ours:
        cut -= 1
    kept = "".join(lines[:cut]).rstrip("\n") + "\n\n"
    block = HEADER.format(code=code) + BLOCK + "\n" + "".join(
        f"  {key}: {fingerprint(value)}\n" for key, value in source.strings.items())
    write_atomic(path, (kept + block).encode("utf-8"))
    return stale
