"""What every request and response passes through: a bound on the body, the CSRF token's
cookie, and the security headers.

CSRF: each browser gets a random token in a SameSite=Lax cookie, and every form
carries the same token in a hidden field; a POST whose field does not match the cookie,
or whose Origin is another site's, is refused. A third-party page can make a browser
send the cookie, but cannot read it to put it in the form.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "awareprint_csrf"
CSRF_FIELD = "csrf"
MAX_BODY = 12 * 1024 * 1024     # a 10 MB logo and the form around it
HSTS = "max-age=31536000"        # behind an https public address: browsers keep to it
HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    # An order's secret link is never sent to another site; to this one it is, as the
    # Origin a form's POST carries (under no-referrer, browsers send "null").
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class TooLarge(Exception):
    pass


def csrf_token(scope: Scope) -> str:
    """The token of this browser (from its cookie) or a new one the response will set."""
    return scope["state"]["csrf"]


def csrf_matches(scope: Scope, sent: Any) -> bool:
    cookie = scope["state"].get("csrf_cookie")
    return (isinstance(sent, str) and cookie is not None
            and hmac.compare_digest(sent.encode(), cookie.encode()))


def same_origin(scope: Scope) -> bool:
    """False when the browser says the request comes from a page of another site: its
    Origin is neither this host nor the public address a proxy serves it at."""
    headers = dict(scope.get("headers") or [])
    origin = headers.get(b"origin")
    if origin is None:
        return True
    public = scope["state"].get("public_origin")
    return (origin.split(b"://", 1)[-1] == headers.get(b"host", b"")
            or (public is not None and origin.decode("latin-1") == public))


class Guard:
    """ASGI middleware: body limit, CSRF cookie, security headers."""

    def __init__(self, app: ASGIApp, public_origin: str | None = None) -> None:
        self.app = app
        self.public_origin = public_origin
        self.secure = public_origin is not None and public_origin.startswith("https:")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookie = cookie_value(scope, CSRF_COOKIE)
        state = scope.setdefault("state", {})
        state["csrf_cookie"] = cookie
        state["csrf"] = cookie or secrets.token_urlsafe(32)
        state["public_origin"] = self.public_origin
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await _too_large(scope, send)
            return
        received = 0
        started = False

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY:
                    raise TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("cache-control", "no-store")
                if self.secure:
                    headers.setdefault("strict-transport-security", HSTS)
                if cookie is None:
                    headers.append("set-cookie", set_cookie(CSRF_COOKIE, state["csrf"],
                                                             self.secure))
            await send(message)

        try:
            await self.app(scope, bounded_receive, guarded_send)
        except TooLarge:
            if not started:
                await _too_large(scope, send)


def set_cookie(name: str, value: str, secure: bool, max_age: int | None = None) -> str:
    # Lax, not Strict: a partner who follows a link here from an email keeps the token
    # their open form carries; a POST from another site still sends no cookie.
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def cookie_value(scope: Scope, name: str) -> str | None:
    """A cookie of ours (a token of 20 to 100 characters); others' cookies beside it,
    however malformed, do not hide it."""
    for key, value in scope.get("headers") or []:
        if key == b"cookie":
            found = cookie_parser(value.decode("latin-1")).get(name)
            if found and 20 <= len(found) <= 100:
                return found
    return None


async def _too_large(scope: Scope, send: Send) -> None:
    body = (f"The request is over {MAX_BODY // 2**20} MB; a logo may be at most 10 MB. "
            "Go back and choose a smaller file.\n").encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            *[(k.encode(), v.encode()) for k, v in HEADERS.items()]]})
    await send({"type": "http.response.body", "body": body})
