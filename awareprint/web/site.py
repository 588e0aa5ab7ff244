"""What every page of the web front end shares: the site (its store, catalogue, previewer
and templates), a page made from a template, a posted form checked for its origin and
CSRF token, and the staff member signed in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..catalogue.jobs import Job
from ..catalogue.load import Catalogue
from .order_form import FormChoices
from .previewer import Preview, Shown
from .security import CSRF_FIELD, cookie_value, csrf_matches, csrf_token, same_origin
from .store import Store
from .throttle import LoginThrottle

STAFF_COOKIE = "awareprint_staff"
MAX_FIELDS = 400


class Previewer(Protocol):
    def preview(self, job: Job, page: int = 0, shown: Shown | None = None) -> Preview: ...

    def close(self) -> None: ...


@dataclass
class Site:
    data: Path
    store: Store
    catalogue: Catalogue
    previewer: Previewer
    pages: Environment
    secure: bool
    choices: FormChoices
    logins: LoginThrottle


def handler(site: Site, function: Any) -> Any:
    async def endpoint(request: Request) -> Response:
        return await function(site, request)

    endpoint.__name__ = function.__name__
    return endpoint


def page(site: Site, request: Request, template: str, status: int = 200,
         **context: Any) -> HTMLResponse:
    html = site.pages.get_template(template).render(
        csrf=csrf_token(request.scope), csrf_field=CSRF_FIELD, staff=staff(site, request),
        **context)
    return HTMLResponse(html, status_code=status)


async def posted(request: Request) -> FormData:
    """The form of a POST, bounded in fields and size, from this site, with its token."""
    if not same_origin(request.scope):
        raise HTTPException(403, "This form was sent from another site and was refused.")
    form = await request.form(max_files=1, max_fields=MAX_FIELDS, max_part_size=64 * 1024)
    if not csrf_matches(request.scope, form.get(CSRF_FIELD)):
        raise HTTPException(403, "This form has expired or did not come from this site. "
                            "Go back, reload the page and send it again.")
    return form


def staff(site: Site, request: Request) -> str | None:
    """The staff member signed in (None for a reviewer, or nobody)."""
    token = cookie_value(request.scope, STAFF_COOKIE)
    return site.store.session_staff(token) if token else None
