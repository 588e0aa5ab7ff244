"""The changes reviewers and staff make to translated strings, kept in the web's store:
every edit, review, approval and comment, with who, when, the value before and after and
the English it was read against. The language file stays the source of truth: a change is
shown over it until `render.py translations apply` writes it there (`applied`)."""

from __future__ import annotations

import json
from dataclasses import dataclass

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
    comment: str | None
    applied: str | None     # when it was written into the language file


class ReviewStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, language: str, key: str, author: str, kind: str, before: Value,
            after: Value, against: str, comment: str | None = None) -> int:
        with self.store._db() as db:
            cursor = db.execute(
                "INSERT INTO string_changes (language, key, author, made, kind, before, "
                "after, against, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (language, key, author, now(), kind, json.dumps(before, ensure_ascii=False),
                 json.dumps(after, ensure_ascii=False), against, comment))
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
            query += " AND applied IS NULL"
        with self.store._db() as db:
            rows = db.execute(query + " ORDER BY id", values).fetchall()
        return [_change(dict(row)) for row in rows]

    def pending_languages(self) -> list[str]:
        with self.store._db() as db:
            rows = db.execute("SELECT DISTINCT language FROM string_changes "
                              "WHERE applied IS NULL ORDER BY language").fetchall()
        return [row[0] for row in rows]

    def mark_applied(self, ids: list[int]) -> None:
        with self.store._db() as db:
            db.executemany("UPDATE string_changes SET applied = ? WHERE id = ?",
                           [(now(), number) for number in ids])


def _change(row: dict) -> StringChange:
    row["before"] = json.loads(row["before"])
    row["after"] = json.loads(row["after"])
    return StringChange(**row)
