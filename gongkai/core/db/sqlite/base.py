"""SQLite with WAL, a busy timeout and foreign keys on every connection.

Also: `flush` (the deliberate wipe used by tests and `gongkai flush`) lifts the audit guard for
its own statements, since the append-only trigger would otherwise refuse it (ADR 0003).
"""

from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if "core_auditevent" not in tables:
            return statements
        return [
            "UPDATE gongkai_audit_guard SET locked = 0",
            *statements,
            "UPDATE gongkai_audit_guard SET locked = 1",
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_new_connection(self, conn_params):
        conn = super().get_new_connection(conn_params)
        if self.settings_dict["NAME"] not in ("", ":memory:") and "mode=memory" not in str(
            self.settings_dict["NAME"]
        ):
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=20000")
        return conn
