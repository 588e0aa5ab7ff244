"""The changes reviewers and staff make to translated strings, kept in the web's store:
every edit, review, approval and comment, with who, when, the value before and after, the
English it was read against and the text the page showed. The language file stays the
source of truth: a change is shown over it until `render.py translations apply` writes it
there (`applied`), or until the file's text is no longer the one the change was made on
(a PO import, a commit): `apply` then drops it (`dropped`), kept in the history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .store import Store, now

# What a change does to its string.
EDIT, REVIEW, APPROVE, COMMENT = "edit", "review", "approve", "comment"

Value = str | list[str]


@dataclass(frozen=True)
class StringChange:
    id: int
    language: str
    key: str
    author: str
    made: str               # when, ISO 8601 in UTC
    kind: str               # EDIT, REVIEW, APPROVE or COMMENT
    before: Value | str     # the text (EDIT) or the state (REVIEW, APPROVE) before
    after: Value | str      # and after
    against: str            # the fingerprint of the English it was made against
    seen: Value             # the string's text the page showed when it was made
    comment: str | None
    applied: str | None     # when it was written into the language file
    dropped: str | None     # when it was dropped: the file's text had changed under it


class ReviewStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, language: str, key: str, author: str, kind: str, before: Value,
            after: Value, against: str, seen: Value, comment: str | None = None) -> int:
        with self.store._db() as db:
            cursor = db.execute(
                "INSERT INTO string_changes (language, key, author, made, kind, before, "
                "after, against, seen, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (language, key, author, now(), kind, _json(before), _json(after), against,
                 _json(seen), comment))
            return int(cursor.lastrowid or 0)

    def changes(self, language: str, key: str | None = None,
                pending: bool = False) -> list[StringChange]:
        """The changes of a language (of one key), oldest first; `pending`: only those not
        yet written into the language file."""
        query = "SELECT * FROM string_changes WHERE language = ?"
        values: list[str] = [language]
        if key is not None:
            query += " AND key = ?"
            values.append(key)
        if pending:
            query += " AND applied IS NULL AND dropped IS NULL"
        with self.store._db() as db:
            rows = db.execute(query + " ORDER BY id", values).fetchall()
        return [_change(dict(row)) for row in rows]

    def pending_languages(self) -> list[str]:
        with self.store._db() as db:
            rows = db.execute("SELECT DISTINCT language FROM string_changes "
                              "WHERE applied IS NULL AND dropped IS NULL "
                              "ORDER BY language").fetchall()
        return [row[0] for row in rows]

    def mark_applied(self, ids: list[int]) -> None:
        self._mark("applied", ids)

    def mark_dropped(self, ids: list[int]) -> None:
        self._mark("dropped", ids)

    def _mark(self, column: str, ids: list[int]) -> None:
        with self.store._db() as db:
            db.executemany(f"UPDATE string_changes SET {column} = ? WHERE id = ?",
                           [(now(), number) for number in ids])


def _json(value: Value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _change(row: dict[str, Any]) -> StringChange:
    for name in ("before", "after", "seen"):
        row[name] = json.loads(row[name])
    return StringChange(**row)
