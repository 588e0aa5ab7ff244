"""Stylesheets parsed once per process: the house's fonts and palette, house.css and a
layout's style.css are the same for every layout of every piece that uses them, and a
piece is laid out several times while it is fitted. WeasyPrint applies them as the user's
stylesheets, in their order, before the document's own; a piece's HTML carries none of
its own, so the cascade is the one the same sheets would give inside the document."""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

StyleSource = str | Path  # CSS text, or a stylesheet file
KEPT = 256  # distinct sheets kept (a piece's fonts differ by its languages)


@dataclass(frozen=True)
class _Parsed:
    sheet: weasyprint.CSS
    warnings: tuple[str, ...]  # what parsing it logged: told again each time it is used


class ParsedStylesheets:
    """`parsed(source, ...)`: the source as WeasyPrint's parsed stylesheet, with what
    parsing it warned of added to `warnings` on every use (a sheet WeasyPrint partly
    ignored is refused every time, not only the first)."""

    def __init__(self, font_config: FontConfiguration) -> None:
        self._font_config = font_config
        self._kept: OrderedDict[tuple[object, ...], _Parsed] = OrderedDict()

    def parsed(self, source: StyleSource, base_url: str, readable: tuple[Path, ...],
               fetcher: URLFetcher, warnings: list[str]) -> weasyprint.CSS:
        key = _key(source, base_url, readable)
        if key in self._kept:  # parsed before: its warnings told again
            self._kept.move_to_end(key)
            warnings.extend(self._kept[key].warnings)
        else:  # parsed now: its warnings reach the caller's own handler as they are logged
            self._kept[key] = self._parse(source, base_url, fetcher)
            if len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return self._kept[key].sheet

    def _parse(self, source: StyleSource, base_url: str, fetcher: URLFetcher) -> _Parsed:
        logged = Collected()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(logged)
        try:
            if isinstance(source, Path):
                sheet = weasyprint.CSS(url=source.as_uri(), url_fetcher=fetcher,
                                       font_config=self._font_config)
            else:
                sheet = weasyprint.CSS(string=source, base_url=base_url, url_fetcher=fetcher,
                                       font_config=self._font_config)
        finally:
            logger.removeHandler(logged)
        return _Parsed(sheet, tuple(logged.messages))


def _key(source: StyleSource, base_url: str, readable: tuple[Path, ...]) -> tuple[object, ...]:
    if isinstance(source, Path):  # a file edited while a server runs is read anew
        return ("file", str(source), source.stat().st_mtime_ns, readable)
    return ("text", hashlib.sha256(source.encode()).digest(), base_url, readable)


class Collected(logging.Handler):
    """WeasyPrint's warnings, as they are logged."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
