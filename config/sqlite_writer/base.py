"""Django's SQLite backend with one writer at a time per process, queued on a Python lock.

SQLite lets one connection write at a time. Django runs each request's sync code on its own
thread, so under load several threads reach ``BEGIN IMMEDIATE`` together; SQLite's busy handler
then makes the losers sleep (1 ms, 2 ms, 5 ms, 10 ms …) and poll, leaving the lock free while
they doze. Here a write transaction first takes a process-wide lock, so waiting threads queue
and wake the moment the writer commits or rolls back. Other processes (the scheduled-jobs
runner) still meet SQLite's own busy timeout. Reads never wait. PostgreSQL is unaffected.
"""

import threading

from django.db.backends.sqlite3 import base

#: Held from ``BEGIN IMMEDIATE`` until ``COMMIT`` or ``ROLLBACK`` by the writing connection.
WRITER = threading.Lock()


class DatabaseWrapper(base.DatabaseWrapper):
    holds_writer = False

    def _start_transaction_under_autocommit(self):
        WRITER.acquire()
        self.holds_writer = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer()
            raise

    def _release_writer(self):
        if self.holds_writer:
            self.holds_writer = False
            WRITER.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writer()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer()
