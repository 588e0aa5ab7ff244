"""Digital output, read on screen: links and text alternatives, and the filters templates
write them with.

A digital PDF is tagged (PDF/UA-1): the layout engine turns an `<a href>` into a link
annotation held by a Link structure element, an SVG's `<title>` and an image's `alt`
into a figure's alternative text, and finishing turns `aria-hidden="true"` content into
an artifact. Printed output keeps no annotations: there `link` gives its content back
unchanged. None of these changes how a piece looks.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

DIGITAL = "digital"           # the context variable that says the piece is digital
WEB_SCHEMES = ("https", "http")
# An <a> takes nothing from the page's look: no link colour, no underline; a figure's
# link is a block, so that its box (the annotation's rectangle) is the figure's.
INLINE_LINK = "color:inherit;text-decoration:none"
BLOCK_LINK = f"display:block;{INLINE_LINK}"


@pass_context
def link(context: Context, content: object, url: str | None, block: bool = False) -> Markup:
    """`content` (text, or an inline SVG with `block=True`) leading to `url` in digital
    output; as it is in printed output, or where there is no URL."""
    if not context.get(DIGITAL) or not url:
        return Markup(escape(content))
    return Markup('<a href="{}" style="{}">{}</a>').format(
        url, Markup(BLOCK_LINK if block else INLINE_LINK), content)


def web_url(address: object) -> str:
    """A web address as printed ("example.org/help") as a URL a reader can open, or ""
    when it is not one: a host name with a dot, a path, no other scheme than the web's."""
    text = str(address).strip()
    parts = urlsplit(text if "://" in text else f"{WEB_SCHEMES[0]}://{text}")
    host = parts.hostname or ""
    if (parts.scheme not in WEB_SCHEMES or "." not in host or " " in text
            or parts.username is not None or parts.password is not None):
        return ""
    return parts.geturl()


def figure(svg: object, alternative: object, url: str) -> Markup:
    """An inline SVG as a digital piece shows it: with its text alternative, and leading
    to `url` (a link whose box is the figure's)."""
    return Markup('<a href="{}" style="{}">{}</a>').format(
        url, Markup(BLOCK_LINK), described(svg, alternative))


def described(svg: object, text: object) -> Markup:
    """An inline SVG with its text alternative, an SVG `<title>` (the figure's /Alt in a
    tagged PDF). `text` is read as plain text: markup from typesetting is dropped."""
    source = str(svg)
    end = source.index(">", source.index("<svg")) + 1
    plain = (text if isinstance(text, Markup) else escape(text)).striptags()
    return Markup(source[:end]) + Markup("<title>{}</title>").format(plain) + Markup(
        source[end:])


def decorative(svg: object) -> Markup:
    """An inline SVG marked as decoration (`aria-hidden`): an artifact in a tagged PDF,
    never read out."""
    return Markup(str(svg).replace("<svg", '<svg aria-hidden="true"', 1))
