"""The reviewer's pages: a translation's strings beside the English, filtered by state,
each with the pieces it prints on; a string's own page with the piece previewed in the
language and the string's slots outlined, where a reviewer edits it (checked as a PO
import is), marks it reviewed and comments, and staff approve it. Every change is kept in
the web's store and shown as the string's history; `render.py translations apply` writes
the signed ones into the language file.

A reviewer signs in on the staff's login page and sees only the languages of its account;
staff see every translation and approve, and only staff do.
"""

from __future__ import annotations

import base64
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..catalogue.content import Strings
from ..catalogue.jobs import Job
from ..catalogue.language_checks import (
    APPROVED,
    REVIEWED,
    STRING_STATES,
    fingerprint,
    source_language,
)
from ..catalogue.load import Catalogue, load_catalogue
from ..catalogue.user_text import tidy
from ..errors import ContentError
from ..translations.edits import edit_problems, item_problems
from ..translations.placements import TITLE, described, language_jobs, placements
from .previewer import Preview, Shown
from .review_store import APPROVE, COMMENT, EDIT, REVIEW, ReviewStore, Value
from .review_view import StringView, merged_places, string_views
from .security import cookie_value
from .site import STAFF_COOKIE, Site
from .site import handler as _handler
from .site import page as _page
from .site import posted as _posted

MAX_COMMENT = 500
MAX_TEXT = 2000       # one string's translation; the longest English is some 400 characters
ACTIONS = ("preview", "save", "review", "approve", "comment")
DONE = ("saved", "reviewed", "approved", "commented", "unchanged")


@dataclass(frozen=True)
class Account:
    name: str
    languages: tuple[str, ...] | None   # a reviewer's; None: staff (every translation)

    @property
    def staff(self) -> bool:
        return self.languages is None


@dataclass
class Desk:
    """What the reviewer's pages keep: the catalogue as the language files say now (read
    again when one changes, `translations apply` or a commit), and where strings print."""

    site: Site
    reviews: ReviewStore
    catalogue: Catalogue
    stamp: tuple[int, ...] = ()
    places: dict[str, dict[str, dict[str, set[str]]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.stamp = self._stamp()

    def _stamp(self) -> tuple[int, ...]:
        content = self.catalogue.content_dir
        return tuple(path.stat().st_mtime_ns for path in sorted(content.glob("*.yaml")))

    def current(self) -> Catalogue:
        with self.lock:
            stamp = self._stamp()
            if stamp != self.stamp:
                try:  # not load_catalogue's cached answer: the files changed
                    self.catalogue = load_catalogue.__wrapped__(*self.catalogue.data_dirs)
                except ContentError as error:
                    raise HTTPException(503, "The content does not load now ("
                                        f"{error.problems[0]}); fix it and reload this "
                                        "page.") from None
                self.stamp, self.places = stamp, {}
            return self.catalogue

    def placements(self, code: str) -> dict[str, dict[str, set[str]]]:
        catalogue = self.current()
        if code not in self.places:
            self.places[code] = placements(catalogue, code)
        return self.places[code]


def review_routes(site: Site) -> list[Route]:
    desk = Desk(site, ReviewStore(site.store), site.catalogue)

    def route(path: str, function: Any, method: str) -> Route:
        async def bound(site: Site, request: Request) -> Response:
            return await function(desk, request)

        bound.__name__ = function.__name__
        return Route(path, _handler(site, bound), methods=[method])

    return [route("/review", languages_page, "GET"),
            route("/review/{code}", strings_page, "GET"),
            route("/review/{code}/strings/{key}", string_page, "GET"),
            route("/review/{code}/strings/{key}", change_string, "POST"),
            route("/review/{code}/strings/{key}/preview", live_preview, "POST")]


def _account(desk: Desk, request: Request) -> Account:
    token = cookie_value(request.scope, STAFF_COOKIE)
    found = desk.site.store.session_account(token) if token else None
    if found is None:
        raise HTTPException(401, "The reviewer's pages need you to log in: go to "
                            "/staff/login.")
    return Account(*found)


def _translations(desk: Desk, account: Account) -> list[str]:
    catalogue = desk.current()
    source = source_language(catalogue.languages).language.code
    codes = [code for code in catalogue.languages if code != source]
    return codes if account.staff else [code for code in codes
                                        if code in (account.languages or ())]


def _language(desk: Desk, request: Request, account: Account) -> str:
    code = request.path_params["code"]
    if code not in _translations(desk, account):
        raise HTTPException(404, f"No translation '{code[:20]}' here for your account: "
                            "a reviewer sees the languages of its account only.")
    return code


def _render(desk: Desk, request: Request, account: Account, template: str,
            status: int = 200, **context: Any) -> Response:
    return _page(desk.site, request, template, status, reviewer=account.name, **context)


async def languages_page(desk: Desk, request: Request) -> Response:
    account = _account(desk, request)
    codes = _translations(desk, account)
    if len(codes) == 1:
        return RedirectResponse(f"/review/{codes[0]}", status_code=303)
    catalogue = desk.current()
    return _render(desk, request, account, "review_languages.html",
                   languages=[catalogue.languages[code].language for code in codes])


async def strings_page(desk: Desk, request: Request) -> Response:
    account = _account(desk, request)
    code = _language(desk, request, account)
    state = request.query_params.get("state", "")
    state = state if state in STRING_STATES else ""
    catalogue = desk.current()
    views = string_views(catalogue, code, desk.reviews.changes(code, pending=True))
    counts = {name: sum(view.state == name for view in views.values())
              for name in STRING_STATES}
    where = await run_in_threadpool(desk.placements, code)
    shown = [view for view in views.values() if not state or view.state == state]
    ready = [view.key for view in views.values()
             if view.pending and view.state in (REVIEWED, APPROVED)]
    return _render(desk, request, account, "review_strings.html",
                   language=catalogue.languages[code].language, views=shown, state=state,
                   states=STRING_STATES, counts=counts, ready=ready,
                   prints_on={view.key: described(merged_places(where, view.key))
                              for view in shown})


# A string's page

async def string_page(desk: Desk, request: Request) -> Response:
    account = _account(desk, request)
    code = _language(desk, request, account)
    view = _view(desk, code, request.path_params["key"])
    done = request.query_params.get("done")
    return await _string_page(desk, request, account, code, view,
                              request.query_params.get("piece"), view.text,
                              done=done if done in DONE else None)


def _view(desk: Desk, code: str, key: str) -> StringView:
    views = string_views(desk.current(), code, desk.reviews.changes(code, key, pending=True))
    if key not in views:
        raise HTTPException(404, "No such string; go back to the list of strings.")
    return views[key]


async def _string_page(desk: Desk, request: Request, account: Account, code: str,
                       view: StringView, piece: str | None, text: Value, status: int = 200,
                       problems: list[str] | None = None, done: str | None = None
                       ) -> Response:
    catalogue = desk.current()
    where = merged_places(await run_in_threadpool(desk.placements, code), view.key)
    layouts, chosen, preview = await _piece_preview(desk, code, view, piece, text)
    history = desk.reviews.changes(code, view.key)
    return _render(desk, request, account, "review_string.html", status,
                   language=catalogue.languages[code].language, view=view,
                   items=text if isinstance(text, list) else [text],
                   is_list=isinstance(view.english, list), layouts=layouts, chosen=chosen,
                   prints_on=described(where), preview=preview,
                   image=_data_uri(preview), history=history, problems=problems or [],
                   done=done, can_approve=account.staff and view.state == REVIEWED,
                   can_edit=not account.staff)


async def _piece_preview(desk: Desk, code: str, view: StringView, piece: str | None,
                         text: Value) -> tuple[list[str], str | None, Preview | None]:
    """The layouts that show the string (not only in the file's title), the one previewed
    (`piece`, else the first) and its preview with `text` in the string's place."""
    where = merged_places(await run_in_threadpool(desk.placements, code), view.key)
    seen = {layout: slots - {TITLE} for layout, slots in where.items() if slots - {TITLE}}
    layouts = sorted(seen)
    chosen = piece if piece in seen else (layouts[0] if layouts else None)
    if chosen is None:
        return layouts, None, None
    strings = _with_text(desk.current().languages[code].strings, view.key, text)
    preview = await run_in_threadpool(_preview, desk, code, chosen, seen[chosen], strings)
    return layouts, chosen, preview


async def live_preview(desk: Desk, request: Request) -> Response:
    """The preview of the text being typed (static/review.js), as JSON; nothing saved."""
    account = _account(desk, request)
    code = _language(desk, request, account)
    posted = await _posted(request)
    view = _view(desk, code, request.path_params["key"])
    _, chosen, preview = await _piece_preview(desk, code, view,
                                              str(posted.get("piece") or "") or None,
                                              _posted_text(posted, view))
    return JSONResponse({"image": _data_uri(preview), "piece": chosen,
                         "label": preview.label if preview else None,
                         "error": preview.error if preview else None,
                         "outlined": preview.outlined if preview else 0})


def _with_text(strings: Strings, key: str, text: Value) -> Strings:
    return {**strings, key: text}


def _preview(desk: Desk, code: str, layout: str, slots: set[str],
             strings: Strings) -> Preview:
    """The piece of `layout` in the language (alone where it prints the string there,
    else beside the English), at its usual size, on the first page that shows the
    string's slots, outlined."""
    catalogue = desk.current()
    jobs = [job for job in language_jobs(catalogue, code) if job.layout == layout]
    usual = catalogue.layouts[layout].default_size
    jobs.sort(key=lambda job: (len(job.languages), job.size != usual))
    shown = Shown(code, strings, frozenset(slots))
    preview = None
    for job in _alone_then_pair(jobs):
        page = 0
        while True:
            preview = desk.site.previewer.preview(job, page, shown)
            if preview.outlined or preview.png is None or page + 1 >= preview.pages:
                break
            page += 1
        if preview.outlined or preview.png is None:
            return _labelled(preview, job, page)
    return _labelled(preview, jobs[0], 0) if preview else Preview(None, 0, "no piece")


def _alone_then_pair(jobs: list[Job]) -> list[Job]:
    firsts: dict[int, Job] = {}
    for job in jobs:
        firsts.setdefault(len(job.languages), job)
    return list(firsts.values())


def _labelled(preview: Preview, job: Job, page: int) -> Preview:
    return replace(preview, label=f"{job.label}, page {page + 1} of {preview.pages}"
                   if preview.pages > 1 else job.label)


def _data_uri(preview: Preview | None) -> str | None:
    if preview is None or preview.png is None:
        return None
    return "data:image/png;base64," + base64.b64encode(preview.png).decode()


# Changes

async def change_string(desk: Desk, request: Request) -> Response:
    account = _account(desk, request)
    code = _language(desk, request, account)
    posted = await _posted(request)
    view = _view(desk, code, request.path_params["key"])
    action = str(posted.get("action") or "")
    if action not in ACTIONS:
        raise HTTPException(400, "No such action on a string.")
    text = _posted_text(posted, view)
    comment = tidy(str(posted.get("comment") or ""))[:MAX_COMMENT] or None
    piece = str(posted.get("piece") or "")
    piece = piece if piece in desk.current().layouts else None
    if action == "preview":
        return await _string_page(desk, request, account, code, view, piece, text)
    if action == "approve":
        if not account.staff:
            raise HTTPException(403, "Only staff approve a translation; a reviewer marks "
                                "it reviewed.")
        if view.state != REVIEWED:
            raise HTTPException(409, f"This string is {view.state}: a person who reads the "
                                "language reviews it before staff approve it.")
        _record(desk, code, view, account, APPROVE, view.state, "approved", comment)
        return _back(code, view.key, piece, "approved")
    if action == "comment":
        if comment is None:
            return await _string_page(desk, request, account, code, view, piece, text, 400,
                                      ["write the comment first"])
        _record(desk, code, view, account, COMMENT, view.comment or "", comment, comment)
        return _back(code, view.key, piece, "commented")
    if account.staff:
        raise HTTPException(403, "Staff approve; the language's reviewer edits and marks a "
                            "string reviewed.")
    changed = text != view.text
    if changed:
        catalogue = desk.current()
        problems = item_problems(catalogue, view.key, text) or await run_in_threadpool(
            _checked_apart, catalogue.data_dirs, code, view.key, text)
        if problems:
            return await _string_page(desk, request, account, code, view, piece, text, 400,
                                      problems)
        _record(desk, code, view, account, EDIT, view.text, text, None)
    if action == "review":
        _record(desk, code, view, account, REVIEW, "edited" if changed else view.state,
                "reviewed", comment)
    return _back(code, view.key, piece, "reviewed" if action == "review" else
                 "saved" if changed else "unchanged")


def _checked_apart(folders: tuple[Path, ...], code: str, key: str, text: Value
                   ) -> list[str]:
    """The edit's checks, the fit of its pieces included, in a process of its own: the
    pieces are rendered from a trial copy of the content that this server should not keep
    (nor fork its threads for)."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as checker:
        return checker.submit(_check_edit, folders, code, key, text).result()


def _check_edit(folders: tuple[Path, ...], code: str, key: str, text: Value) -> list[str]:
    return edit_problems(load_catalogue(*folders), code, key, text)


def _posted_text(posted: FormData, view: StringView) -> Value:
    if isinstance(view.english, list):
        return [tidy(str(item))[:MAX_TEXT] for item in posted.getlist("item")]
    return tidy(str(posted.get("text") or ""))[:MAX_TEXT]


def _record(desk: Desk, code: str, view: StringView, account: Account, kind: str,
            before: Value, after: Value, comment: str | None) -> None:
    desk.reviews.add(code, view.key, account.name, kind, before, after,
                     fingerprint(view.english), view.text, comment)


def _back(code: str, key: str, piece: str | None, done: str) -> Response:
    query = f"?done={done}" + (f"&piece={piece}" if piece else "")
    return RedirectResponse(f"/review/{code}/strings/{key}{query}", status_code=303)

