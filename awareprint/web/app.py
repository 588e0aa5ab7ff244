"""The web front end's pages: the order form with its live preview, an order's own page
behind its secret link, and the staff's list with approve, reject and run again.

Every page is HTML made on the server and every form works without JavaScript;
static/order.js only makes the preview live and uploads the logo as it is chosen.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..catalogue.load import Catalogue, load_catalogue
from ..catalogue.unreviewed import load_unreviewed_text, shown_time
from ..catalogue.user_text import tidy
from ..errors import InputError
from ..orders.order_file import LoadedOrder, OrderProblems, check_order
from .draft_decision import CONFIRM_FIELD, record_approval, unreviewed_notes
from .logos import LogoProblem, keep_logo, kept_logo, logos_folder
from .order_files import archive_path, file_path, shown_files, write_order
from .order_form import (
    OrderForm,
    blank_form,
    field_messages,
    form_choices,
    order_data,
    read_form,
    with_items,
    without_item,
)
from .passwords import password_matches
from .previewer import Preview
from .security import Guard, cookie_value
from .security import set_cookie as cookie_header
from .site import STAFF_COOKIE, Previewer, Site
from .site import handler as _handler
from .site import page as _page
from .site import posted as _posted
from .site import staff as _staff
from .store import APPROVED, REJECTED, SESSION_HOURS, OrderRecord, Store
from .throttle import LoginThrottle

HERE = Path(__file__).resolve().parent
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
MAX_REASON = 500
ACTION = re.compile(r"(preview|remove):(\d{1,2})")
DONE = {"approve": "approved", "reject": "rejected", "rerun": "run again"}
STAFF_PAGE = 100    # orders a page of the staff's list shows
MAX_WAITING = 200   # orders queued at once; beyond, new ones are asked to wait
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def make_app(data: Path, previewer: Previewer, hosts: Sequence[str] = LOCAL_HOSTS,
             public_origin: str | None = None, catalogue: Catalogue | None = None
             ) -> Starlette:
    """The web application over the data folder `data` (its database migrated here),
    answering requests for `hosts` only (a page of another site that makes its name
    point here, DNS rebinding, is refused); `public_origin` is the scheme and host a
    proxy serves it at (https: cookies only over HTTPS); `catalogue` the one loaded from
    the project's folders unless given (a test's copy)."""
    from .review_pages import review_routes

    secure_cookies = public_origin is not None and public_origin.startswith("https:")
    store = Store(data)
    store.migrate()
    pages = Environment(loader=FileSystemLoader(HERE / "templates"),
                        autoescape=select_autoescape(default=True), trim_blocks=True,
                        lstrip_blocks=True)
    catalogue = catalogue or load_catalogue()
    site = Site(data, store, catalogue, previewer, pages, secure_cookies,
                form_choices(catalogue), LoginThrottle())
    routes = [
        Route("/", _handler(site, order_page_form), methods=["GET"]),
        Route("/", _handler(site, place_order), methods=["POST"]),
        Route("/preview", _handler(site, live_preview), methods=["POST"]),
        Route("/logo", _handler(site, upload_logo), methods=["POST"]),
        Route("/orders/{token}", _handler(site, partner_order), methods=["GET"]),
        Route("/orders/{token}/files/{name}", _handler(site, partner_file), methods=["GET"]),
        Route("/orders/{token}/files.zip", _handler(site, partner_zip), methods=["GET"]),
        Route("/staff/login", _handler(site, login_page), methods=["GET"]),
        Route("/staff/login", _handler(site, log_in), methods=["POST"]),
        Route("/staff/logout", _handler(site, log_out), methods=["POST"]),
        Route("/staff", _handler(site, staff_orders), methods=["GET"]),
        Route("/staff/orders/{number:int}", _handler(site, staff_order), methods=["GET"]),
        Route("/staff/orders/{number:int}/files/{name}", _handler(site, staff_file),
              methods=["GET"]),
        Route("/staff/orders/{number:int}/files.zip", _handler(site, staff_zip),
              methods=["GET"]),
        Route("/staff/orders/{number:int}/{decision}", _handler(site, staff_decide),
              methods=["POST"]),
        *review_routes(site),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _error_page(site)})
    app.add_middleware(Guard, public_origin=public_origin)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts), www_redirect=False)
    return app


def _error_page(site: Site) -> Any:
    async def handle(request: Request, error: Exception) -> Response:
        status = getattr(error, "status_code", 500)
        detail = getattr(error, "detail", "") or "Something went wrong."
        return _page(site, request, "message.html", status, title=f"Error {status}",
                     message=detail)

    return handle


# The order form

async def order_page_form(site: Site, request: Request) -> Response:
    return _form_page(site, request, blank_form())


def _form_page(site: Site, request: Request, form: OrderForm, status: int = 200,
               errors: dict[str, list[str]] | None = None, preview: Preview | None = None,
               previewed: int | None = None) -> HTMLResponse:
    return _page(site, request, "order_form.html", status, form=form,
                 choices=site.choices, errors=errors or {},
                 preview=preview, previewed=previewed, image=_data_uri(preview))


async def _form_with_logo(site: Site, request: Request
                          ) -> tuple[FormData, OrderForm, dict[str, list[str]]]:
    """The posted form, with a logo chosen in it kept (or why it cannot be)."""
    posted = await _posted(request)
    form = read_form(posted)
    errors: dict[str, list[str]] = {}
    upload = posted.get("partner.logo")
    if isinstance(upload, UploadFile) and upload.filename:
        try:
            form.logo_id, form.logo_name = await keep_logo(upload, site.data)
        except LogoProblem as problem:
            errors["partner.logo"] = [str(problem)]
    if posted.get("remove_logo"):
        form.logo_id = form.logo_name = None
    if form.logo_id and kept_logo(site.data, form.logo_id) is None:
        errors["partner.logo"] = ["the logo chosen earlier is no longer kept here (uploads "
                                  "are kept for a day); choose the file again"]
        form.logo_id = form.logo_name = None
    return posted, form, errors


async def place_order(site: Site, request: Request) -> Response:
    posted, form, errors = await _form_with_logo(site, request)
    action = str(posted.get("action") or "submit")
    if action == "add":
        return _form_page(site, request, with_items(form, form.items + 1), errors=errors)
    chosen = ACTION.fullmatch(action)
    if chosen and chosen.group(1) == "remove":
        return _form_page(site, request, without_item(form, int(chosen.group(2))),
                          errors=errors)
    if chosen and chosen.group(1) == "preview":
        row = min(int(chosen.group(2)), form.items - 1)
        preview, messages = await _preview(site, form, row, 0)
        return _form_page(site, request, form, 200, {**messages, **errors}, preview, row)
    logo = kept_logo(site.data, form.logo_id)
    if errors:  # with every other field's problems too, not one round at a time
        _, messages = await _checked(site, order_data(form, logo.name if logo else None))
        return _form_page(site, request, form, 400, {**messages, **errors})
    if site.store.waiting() >= MAX_WAITING:
        return _form_page(site, request, form, 503, {"": [
            f"{MAX_WAITING} orders are waiting to be rendered; please place yours again in "
            "a few minutes (what you filled in is kept on this page)."]})
    try:
        folder, loaded = await run_in_threadpool(
            write_order, site.data, order_data(form, None), logo, site.catalogue)
    except OrderProblems as problems:
        return _form_page(site, request, form, 400, field_messages(problems.fields))
    except InputError as error:
        return _form_page(site, request, form, 400, {"": [str(error)]})
    _, token = site.store.add_order(folder, loaded.order.partner.name, len(loaded.items))
    return RedirectResponse(f"/orders/{token}", status_code=303)


async def live_preview(site: Site, request: Request) -> Response:
    posted, form, errors = await _form_with_logo(site, request)
    row = _small_number(posted.get("preview_item"), form.items - 1)
    page = _small_number(posted.get("preview_page"), 9)
    preview, messages = await _preview(site, form, row, page)
    return JSONResponse({"image": _data_uri(preview), "pages": preview.pages if preview else 0,
                         "error": preview.error if preview else None,
                         "label": preview.label if preview else None,
                         "errors": {**messages, **errors}, "item": row,
                         "logo_id": form.logo_id, "logo_name": form.logo_name})


async def _checked(site: Site, data: dict[str, Any], only_item: int | None = None
                   ) -> tuple[LoadedOrder | None, dict[str, list[str]]]:
    """The order checked as the batch engine checks it (off the event loop: a logo is
    decoded), or its problems by form field. A logo resolves among the kept ones."""
    place = logos_folder(site.data) / "order.yaml"
    try:
        return await run_in_threadpool(check_order, data, place, site.catalogue), {}
    except OrderProblems as problems:
        return None, field_messages(problems.fields, only_item=only_item)


async def _preview(site: Site, form: OrderForm, row: int, page: int
                   ) -> tuple[Preview | None, dict[str, list[str]]]:
    """The preview of one row of the form (its first size and language), or the
    problems that stop it, by field."""
    logo = kept_logo(site.data, form.logo_id)
    loaded, messages = await _checked(
        site, order_data(form, logo.name if logo else None, only_item=row), row)
    if loaded is None:
        return None, messages
    job = loaded.items[0].job
    preview = await run_in_threadpool(site.previewer.preview, job, page)
    return replace(preview, label=job.label), {}


async def upload_logo(site: Site, request: Request) -> Response:
    _, form, errors = await _form_with_logo(site, request)
    if errors:
        return JSONResponse({"errors": errors}, status_code=400)
    return JSONResponse({"logo_id": form.logo_id, "logo_name": form.logo_name})


def _data_uri(preview: Preview | None) -> str | None:
    if preview is None or preview.png is None:
        return None
    return "data:image/png;base64," + base64.b64encode(preview.png).decode()


def _small_number(value: Any, most: int) -> int:
    text = value if isinstance(value, str) else ""
    return min(int(text), most) if text.isdigit() and len(text) <= 3 else 0


# An order's own page, behind its secret link

def _order_by_token(site: Site, request: Request) -> tuple[str, OrderRecord]:
    token = request.path_params["token"]
    record = site.store.order_by_token(token) if TOKEN.fullmatch(token) else None
    if record is None:
        raise HTTPException(404, "There is no order at this address. Check the link you "
                            "were given.")
    return token, record


async def partner_order(site: Site, request: Request) -> Response:
    token, record = _order_by_token(site, request)
    return _order_page(site, request, record, f"/orders/{token}", staff_view=False)


def _order_page(site: Site, request: Request, record: OrderRecord, base: str,
                staff_view: bool, new_link: str | None = None) -> HTMLResponse:
    released = staff_view or record.status == APPROVED
    files = shown_files(record, released)
    zipped = released and record.made > 0 and archive_path(site.data, record).is_file()
    return _page(site, request, "order.html", record=record, base=base, files=files,
                 released=released, zipped=zipped, staff_view=staff_view,
                 new_link=new_link, unreviewed=unreviewed_notes(site.catalogue, record),
                 unreviewed_text=load_unreviewed_text(site.catalogue.content_dir).web,
                 shown_time=shown_time,
                 confirm_field=CONFIRM_FIELD,
                 languages={code: file.language.name
                            for code, file in site.catalogue.languages.items()})


async def partner_file(site: Site, request: Request) -> Response:
    _, record = _order_by_token(site, request)
    return _file(site, record, request.path_params["name"], record.status == APPROVED)


async def partner_zip(site: Site, request: Request) -> Response:
    _, record = _order_by_token(site, request)
    return _zip(site, record, record.status == APPROVED)


def _file(site: Site, record: OrderRecord, name: str, released: bool) -> Response:
    kind = shown_files(record, released).get(name)
    path = file_path(site.data, record, name) if kind else None
    if path is None or not path.is_file():
        raise HTTPException(404, "No such file in this order (print files are released "
                            "once the order is approved).")
    disposition = "inline" if kind == "image/png" else "attachment"
    return FileResponse(path, media_type=kind, filename=name,
                        content_disposition_type=disposition)


def _zip(site: Site, record: OrderRecord, released: bool) -> Response:
    path = archive_path(site.data, record)
    if not released or not path.is_file():
        raise HTTPException(404, "The zip of this order's files is released once the order "
                            "is approved.")
    return FileResponse(path, media_type="application/zip",
                        filename=f"awareprint-order-{record.id}.zip")


# Staff

def _staff_or_login(site: Site, request: Request) -> str:
    staff = _staff(site, request)
    if staff is None:
        raise HTTPException(401, "Staff pages need you to log in: go to /staff/login.")
    return staff


async def login_page(site: Site, request: Request) -> Response:
    return _page(site, request, "login.html", name="", problem=None)


async def log_in(site: Site, request: Request) -> Response:
    posted = await _posted(request)
    name = str(posted.get("name") or "")[:80].strip()
    password = str(posted.get("password") or "")
    address = request.client.host if request.client else ""
    wait = site.logins.wait_seconds(address, name)
    if wait:
        return _page(site, request, "login.html", 429, name=name, problem=(
            f"Too many failed logins for this name; try again in {wait // 60 + 1} minutes."))
    stored = await run_in_threadpool(site.store.account_password, name)
    if not await run_in_threadpool(password_matches, password, stored):
        site.logins.failed(address, name)
        return _page(site, request, "login.html", 401, name=name,
                     problem="That name and password do not match an account.")
    site.logins.succeeded(address, name)
    token = site.store.start_session(name)
    reviewer = site.store.staff_password(name) is None  # a reviewer's pages are its own
    response = RedirectResponse("/review" if reviewer else "/staff", status_code=303)
    response.headers.append("set-cookie", cookie_header(STAFF_COOKIE, token, site.secure,
                                                        SESSION_HOURS * 3600))
    return response


async def log_out(site: Site, request: Request) -> Response:
    await _posted(request)
    token = cookie_value(request.scope, STAFF_COOKIE)
    if token:
        site.store.end_session(token)
    response = RedirectResponse("/staff/login", status_code=303)
    response.headers.append("set-cookie", cookie_header(STAFF_COOKIE, "", site.secure, 0))
    return response


async def staff_orders(site: Site, request: Request) -> Response:
    if _staff(site, request) is None:
        return RedirectResponse("/staff/login", status_code=303)
    before = request.query_params.get("before", "")
    orders = site.store.orders(STAFF_PAGE + 1, int(before) if before.isdigit()
                               and len(before) < 18 else None)
    return _page(site, request, "staff.html", orders=orders[:STAFF_PAGE],
                 older=orders[STAFF_PAGE - 1].id if len(orders) > STAFF_PAGE else None)


def _numbered(site: Site, request: Request) -> OrderRecord:
    record = site.store.order(request.path_params["number"])
    if record is None:
        raise HTTPException(404, "No such order.")
    return record


async def staff_order(site: Site, request: Request) -> Response:
    if _staff(site, request) is None:
        return RedirectResponse("/staff/login", status_code=303)
    record = _numbered(site, request)
    return _order_page(site, request, record, f"/staff/orders/{record.id}", staff_view=True)


async def staff_file(site: Site, request: Request) -> Response:
    _staff_or_login(site, request)
    return _file(site, _numbered(site, request), request.path_params["name"], True)


async def staff_zip(site: Site, request: Request) -> Response:
    _staff_or_login(site, request)
    return _zip(site, _numbered(site, request), True)


async def staff_decide(site: Site, request: Request) -> Response:
    staff = _staff_or_login(site, request)
    posted = await _posted(request)
    record = _numbered(site, request)
    decision = request.path_params["decision"]
    if decision == "link":
        token = site.store.new_link(record.id)
        return _order_page(site, request, record, f"/staff/orders/{record.id}",
                           staff_view=True, new_link=f"/orders/{token}")
    if decision == "rerun":
        done = site.store.rerun(record.id)
    elif decision in ("approve", "reject"):
        reason = tidy(str(posted.get("reason") or ""))[:MAX_REASON] or None
        if decision == "reject" and reason is None:
            raise HTTPException(400, "Say why the order is rejected: the partner reads it. "
                                "Go back and give a reason.")
        confirmed = posted.get(CONFIRM_FIELD) or not unreviewed_notes(site.catalogue, record)
        if decision == "approve" and not confirmed:
            raise HTTPException(400, load_unreviewed_text(
                site.catalogue.content_dir).web.confirm_needed)
        done = site.store.decide(record.id, APPROVED if decision == "approve" else REJECTED,
                                 staff, reason)
        if done and decision == "approve":  # the decision into the manifest and ticket
            await run_in_threadpool(record_approval, site.data, site.store.order(record.id),
                                    site.catalogue)
    else:
        raise HTTPException(404, "No such action.")
    if not done:
        raise HTTPException(409, f"Order {record.id} is {record.status}; it cannot be "
                            f"{DONE[decision]} now.")
    return RedirectResponse(f"/staff/orders/{record.id}", status_code=303)
