"""`render.py translations apply`: the strings reviewed or approved on the reviewer's page
written into their language files, which stay the source of truth. Only those strings'
lines change (translations/language_file.py keeps every comment and the file's layout);
the new file is loaded and the pieces an edited string prints on are fitted before it
replaces the old one, atomically. A string edited and not yet reviewed stays in the web's
store, a draft no person has read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogue.content import language_files
from ..catalogue.language_checks import APPROVED, REVIEWED
from ..catalogue.load import Catalogue, load_catalogue
from ..errors import ContentError, InputError
from ..output import write_atomic
from ..translations.fit import trial_unfit
from ..translations.language_file import Record, rewrite
from ..translations.placements import placements
from ..translations.po import translation_of
from .review_store import ReviewStore
from .review_view import merged_places, string_views
from .store import DATABASE, Store

SIGNED = (REVIEWED, APPROVED)


@dataclass(frozen=True)
class Applied:
    code: str
    file: Path
    written: tuple[str, ...]   # keys written into the file
    waiting: tuple[str, ...]   # keys whose changes stay in the store (not yet reviewed)
    pieces: int                # pieces fitted with the edited strings
    dropped: tuple[str, ...] = ()  # keys whose changes were made on a text the file
                                   # no longer has: dropped, to be reviewed again


def apply_changes(data: Path, catalogue: Catalogue, codes: list[str] | None = None,
                  workers: int | None = None) -> list[Applied]:
    """Write the reviewed and approved strings of the web store in `data` into their
    language files (of `codes`, or every language with changes), the files of
    `catalogue`'s folders read again."""
    if not (data / DATABASE).is_file():
        raise InputError(f"{data}: no web store here ({DATABASE}); give the data folder "
                         "the web server keeps", field="data")
    store = Store(data)
    store.migrate()
    reviews = ReviewStore(store)
    # The files as they are now (a server's catalogue was loaded when it started).
    catalogue = load_catalogue.__wrapped__(*catalogue.data_dirs)
    for code in codes or []:
        translation_of(catalogue, code)
    return [_apply(catalogue, reviews, code, workers)
            for code in codes or reviews.pending_languages()]


def _apply(catalogue: Catalogue, reviews: ReviewStore, code: str,
           workers: int | None) -> Applied:
    file = language_files(catalogue.content_dir)[code]
    pending = reviews.changes(code, pending=True)
    views = string_views(catalogue, code, pending)
    outdated = [view for view in views.values() if view.outdated]
    reviews.mark_dropped([number for view in outdated for number in view.outdated])
    dropped = tuple(view.key for view in outdated)
    changed = [key for key in dict.fromkeys(change.key for change in pending)
               if views[key].pending]
    keys = [key for key in changed if views[key].state in SIGNED]
    waiting = tuple(key for key in changed if key not in keys)
    if not keys:
        return Applied(code, file, (), waiting, 0, dropped)
    edited = [key for key in keys if views[key].text != views[key].filed]
    records: dict[str, Record] = {
        key: {"state": views[key].state, "by": views[key].by, "date": views[key].date,
              "against": views[key].against, "comment": views[key].comment}
        for key in keys}
    new_text = rewrite(file.read_text(encoding="utf-8"),
                       {key: views[key].text for key in edited},
                       {key: views[key].against or "" for key in edited}, set(), records)
    where = placements(catalogue, code)
    layouts = {layout for key in edited for layout in merged_places(where, key)}
    try:
        unfit, pieces = trial_unfit(catalogue, code, file.name, new_text, layouts, workers)
    except ContentError as error:
        raise ContentError([f"{file.name} with the page's changes: {problem}"
                            for problem in error.problems]) from None
    if unfit:
        raise ContentError([f"{file.name} with the page's changes: {piece.problem}; "
                            "edit the string on the reviewer's page" for piece in unfit])
    write_atomic(file, new_text.encode("utf-8"))
    reviews.mark_applied([change.id for change in pending if change.key in keys
                          and change.id not in views[change.key].outdated])
    return Applied(code, file, tuple(keys), waiting, pieces, dropped)
