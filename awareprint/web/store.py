"""The web front end's orders, staff and sessions, kept in one SQLite file.

The schema is created and migrated by the program: each migration runs once, in order,
and PRAGMA user_version records how far the file has come. WAL mode lets the server read
while the order runner (another process) writes; each call opens its own connection, so
any thread may call.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATABASE = "awareprint.sqlite3"
BUSY_MS = 30_000
SESSION_HOURS = 12

# Order statuses, in the order an order goes through them.
QUEUED, RENDERING, READY, APPROVED, REJECTED, FAILED = (
    "queued", "rendering", "ready", "approved", "rejected", "failed")
DECIDED = (APPROVED, REJECTED)

MIGRATIONS = (
    """
    CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        folder TEXT NOT NULL UNIQUE,
        partner TEXT NOT NULL,
        created TEXT NOT NULL,
        status TEXT NOT NULL,
        files INTEGER NOT NULL,
        made INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        results TEXT NOT NULL DEFAULT '[]',
        warnings TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        decided_by TEXT,
        decided TEXT,
        reason TEXT
    );
    CREATE INDEX orders_status ON orders (status, id);
    CREATE TABLE staff (
        name TEXT PRIMARY KEY,
        password TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        staff TEXT NOT NULL REFERENCES staff (name) ON DELETE CASCADE,
        expires TEXT NOT NULL
    );
    """,
    """
    ALTER TABLE orders ADD COLUMN runs INTEGER NOT NULL DEFAULT 0;
    """,
    """
    ALTER TABLE orders ADD COLUMN progressed TEXT;
    """,
    # A reviewer is an account of the languages it names (space-separated); staff have
    # none. Every change a reviewer or staff member makes to a translated string is kept.
    """
    ALTER TABLE staff ADD COLUMN languages TEXT;
    CREATE TABLE string_changes (
        id INTEGER PRIMARY KEY,
        language TEXT NOT NULL,
        key TEXT NOT NULL,
        author TEXT NOT NULL,
        made TEXT NOT NULL,
        kind TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        against TEXT NOT NULL,
        seen TEXT NOT NULL,
        comment TEXT,
        applied TEXT,
        dropped TEXT
    );
    CREATE INDEX string_changes_key ON string_changes (language, key, id);
    """,
)


@dataclass(frozen=True)
class OrderRecord:
    id: int
    folder: str
    partner: str
    created: str
    status: str
    files: int
    made: int
    failed: int
    results: list[dict[str, Any]]
    warnings: list[str]
    error: str | None
    decided_by: str | None
    decided: str | None
    reason: str | None
    runs: int
    progressed: str | None     # when its rendering last made a file (or started)

    @property
    def done(self) -> bool:
        return self.status not in (QUEUED, RENDERING)


def token_hash(token: str) -> str:
    """What the database keeps of a secret link or session: its hash, never the secret."""
    return hashlib.sha256(token.encode()).hexdigest()


def now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, data: Path) -> None:
        self.data = data
        self.path = data / DATABASE

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            yield connection
        finally:
            connection.close()

    def migrate(self) -> int:
        """Create or bring the database up to date; the schema version it is at."""
        self.data.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("BEGIN IMMEDIATE")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                db.execute("ROLLBACK")
                raise RuntimeError(f"{self.path}: made by a newer awareprint (schema "
                                   f"{version}); upgrade awareprint")
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")
            db.execute("COMMIT")
            return len(MIGRATIONS)

    # Orders
    def add_order(self, folder: str, partner: str, files: int) -> tuple[int, str]:
        """A new order, queued, its files already in `folder`; its id and the secret of
        its link (shown once)."""
        token = secrets.token_urlsafe(24)
        with self._db() as db:
            cursor = db.execute(
                "INSERT INTO orders (token_hash, folder, partner, created, status, files) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (token_hash(token), folder, partner, now(), QUEUED, files))
            return int(cursor.lastrowid or 0), token

    def order(self, order_id: int) -> OrderRecord | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        return _record(row) if row else None

    def order_by_token(self, token: str) -> OrderRecord | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM orders WHERE token_hash = ?",
                             (token_hash(token),)).fetchone()
        return _record(row) if row else None

    def orders(self, limit: int = 500, before: int | None = None) -> list[OrderRecord]:
        """The newest orders (older than order `before`, if given), newest first."""
        with self._db() as db:
            rows = db.execute("SELECT * FROM orders WHERE id < ? ORDER BY id DESC LIMIT ?",
                              (before if before is not None else 2**63 - 1, limit)
                              ).fetchall()
        return [_record(row) for row in rows]

    def waiting(self) -> int:
        """Orders queued or rendering."""
        with self._db() as db:
            return db.execute("SELECT COUNT(*) FROM orders WHERE status IN (?, ?)",
                              (QUEUED, RENDERING)).fetchone()[0]

    def claim_next(self) -> int | None:
        """The oldest queued order, marked as rendering; None when none waits."""
        with self._db() as db:
            row = db.execute(
                "UPDATE orders SET status = ?, runs = runs + 1, made = 0, failed = 0, "
                "progressed = ? "
                "WHERE id = (SELECT id FROM orders WHERE status = ? ORDER BY id LIMIT 1) "
                "RETURNING id", (RENDERING, now(), QUEUED)).fetchone()
        return int(row[0]) if row else None

    def requeue_unfinished(self) -> int:
        """Orders a stopped runner left rendering go back in the queue."""
        with self._db() as db:
            return db.execute("UPDATE orders SET status = ? WHERE status = ?",
                              (QUEUED, RENDERING)).rowcount

    def progress(self, order_id: int, made: int, failed: int) -> None:
        with self._db() as db:
            db.execute("UPDATE orders SET made = ?, failed = ?, progressed = ? WHERE id = ?",
                       (made, failed, now(), order_id))

    def stalled(self, seconds: float) -> bool:
        """Whether an order has been rendering without making a file for `seconds`."""
        cutoff = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=seconds)
        with self._db() as db:
            return db.execute("SELECT 1 FROM orders WHERE status = ? AND progressed < ?",
                              (RENDERING, cutoff.isoformat(timespec="seconds"))
                              ).fetchone() is not None

    def finish(self, order_id: int, results: list[dict[str, Any]], warnings: list[str],
               error: str | None) -> None:
        made = sum(result["file"] is not None for result in results)
        status = READY if made else FAILED
        with self._db() as db:
            db.execute(
                "UPDATE orders SET status = ?, made = ?, failed = ?, results = ?, "
                "warnings = ?, error = ? WHERE id = ? AND status = ?",
                (status, made, len(results) - made, json.dumps(results), json.dumps(warnings),
                 error, order_id, RENDERING))

    def new_link(self, order_id: int) -> str | None:
        """A new secret link for an order (the old one stops working); None if no order."""
        token = secrets.token_urlsafe(24)
        with self._db() as db:
            changed = db.execute("UPDATE orders SET token_hash = ? WHERE id = ?",
                                 (token_hash(token), order_id)).rowcount
        return token if changed else None

    def decide(self, order_id: int, status: str, staff: str, reason: str | None) -> bool:
        """Approve or reject a rendered order; False when it is not waiting for that."""
        with self._db() as db:
            return db.execute(
                "UPDATE orders SET status = ?, decided_by = ?, decided = ?, reason = ? "
                "WHERE id = ? AND status IN (?, ?, ?)",
                (status, staff, now(), reason, order_id, READY, *DECIDED)).rowcount == 1

    def rerun(self, order_id: int) -> bool:
        """Queue a finished order to be rendered again (its decision is cleared)."""
        with self._db() as db:
            return db.execute(
                "UPDATE orders SET status = ?, decided_by = NULL, decided = NULL, "
                "reason = NULL, runs = 0 WHERE id = ? AND status NOT IN (?, ?)",
                (QUEUED, order_id, QUEUED, RENDERING)).rowcount == 1

    # Staff and their sessions
    def add_staff(self, name: str, password_hash: str,
                  languages: tuple[str, ...] = ()) -> None:
        """A staff account, or (`languages` given) a reviewer of those languages only."""
        with self._db() as db:
            db.execute("INSERT INTO staff (name, password, created, languages) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                       "password = excluded.password, languages = excluded.languages",
                       (name, password_hash, now(), " ".join(languages) or None))

    def staff_password(self, name: str) -> str | None:
        """The password hash of a staff account (not a reviewer's)."""
        with self._db() as db:
            row = db.execute("SELECT password FROM staff WHERE name = ? AND languages IS NULL",
                             (name,)).fetchone()
        return row[0] if row else None

    def start_session(self, staff: str) -> str:
        token = secrets.token_urlsafe(32)
        expires = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=SESSION_HOURS)
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE expires < ?", (now(),))
            db.execute("INSERT INTO sessions (token_hash, staff, expires) VALUES (?, ?, ?)",
                       (token_hash(token), staff, expires.isoformat(timespec="seconds")))
        return token

    def session_staff(self, token: str) -> str | None:
        """The staff member signed in with this session (None for a reviewer's)."""
        account = self.session_account(token)
        return account[0] if account and account[1] is None else None

    def session_account(self, token: str) -> tuple[str, tuple[str, ...] | None] | None:
        """The account signed in with this session: its name and, for a reviewer, the
        languages it reviews (None: staff)."""
        with self._db() as db:
            row = db.execute("SELECT staff.name, staff.languages FROM sessions JOIN staff "
                             "ON staff.name = sessions.staff WHERE token_hash = ? "
                             "AND expires > ?", (token_hash(token), now())).fetchone()
        if row is None:
            return None
        return row[0], tuple(row[1].split()) if row[1] is not None else None

    def account_languages(self, name: str) -> tuple[str, ...] | None:
        """The languages a reviewer's account reviews: () for staff, None for no account."""
        with self._db() as db:
            row = db.execute("SELECT languages FROM staff WHERE name = ?", (name,)).fetchone()
        return None if row is None else tuple((row[0] or "").split())

    def account_password(self, name: str) -> str | None:
        """The password hash of any account, staff or reviewer."""
        with self._db() as db:
            row = db.execute("SELECT password FROM staff WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def end_session(self, token: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash(token),))


def _record(row: sqlite3.Row) -> OrderRecord:
    values = dict(row)
    values.pop("token_hash")
    values["results"] = json.loads(values["results"])
    values["warnings"] = json.loads(values["warnings"])
    return OrderRecord(**values)
