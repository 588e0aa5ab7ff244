"""One string of a translation changed by a person (on the reviewer's page), checked as a
translator's PO file is on import: each item for placeholders, phone numbers and
invisible characters, then the language file with it for the language's own checks, then
the fit of every piece it prints on. Nothing is written here."""

from __future__ import annotations

from ..catalogue.content import language_files
from ..catalogue.language_checks import fingerprint, source_language
from ..catalogue.load import Catalogue
from ..errors import ContentError
from .fit import trial_unfit
from .importing import text_problem
from .language_file import rewrite
from .placements import placements

Value = str | list[str]


def edit_problems(catalogue: Catalogue, code: str, key: str, value: Value,
                  workers: int | None = None) -> list[str]:
    """Why the translation of `key` cannot be `value` (an empty list: it can), each
    problem a sentence ending in its fix; a list's items named by their number."""
    problems = item_problems(catalogue, key, value)
    if problems:
        return problems
    english = source_language(catalogue.languages).strings[key]
    language = catalogue.languages[code]
    file = language_files(catalogue.content_dir)[code]
    new_text = rewrite(file.read_text(encoding="utf-8"), {key: value},
                       {key: fingerprint(english)},
                       {key} if key in language.review else set())
    layouts = {layout for name, places in placements(catalogue, code).items()
               if name.split(".")[0] == key for layout in places}
    try:
        unfit, _ = trial_unfit(catalogue, code, file.name, new_text, layouts, workers)
    except ContentError as error:
        return [problem.split(": ", 1)[-1] if file.name in problem else problem
                for problem in error.problems]
    return [f"{piece.problem}; shorten the translation" if piece.slot else
            f"{piece.problem}; reword the translation" for piece in unfit]


def item_problems(catalogue: Catalogue, key: str, value: Value) -> list[str]:
    """The checks of the text alone (no piece set): quick, made before the others."""
    english = source_language(catalogue.languages).strings[key]
    if isinstance(english, list) != isinstance(value, list) or (
            isinstance(value, list) and len(value) != len(english)):
        return [f"{key} has {len(english) if isinstance(english, list) else 1} item(s) in "
                "the English; give the same number"]
    pairs = (list(zip(value, english, strict=True)) if isinstance(value, list)
             else [(value, english)])
    problems = []
    for number, (text, source) in enumerate(pairs, start=1):
        problem = text_problem(text.strip(), str(source), catalogue)
        if problem:
            problems.append(f"item {number}: {problem}" if len(pairs) > 1 else problem)
    return problems
