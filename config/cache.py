"""The file cache Ladder uses when there is no Redis: shared by every process on one machine."""

import itertools
import os
import tempfile

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


class LadderFileCache(FileBasedCache):
    """Django's file cache, but it counts its files (to cull old ones) once every ``CULL_EVERY`` writes
    instead of on every write, which lists the whole directory each time; and ``add`` is atomic
    between processes, as the rate limits' locks need (Django's checks, then writes)."""

    CULL_EVERY = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = itertools.count(1)

    def _cull(self):
        if next(self._writes) % self.CULL_EVERY == 0:
            super()._cull()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store ``value`` only if ``key`` holds nothing fresh: the file is linked into place, which fails if it exists."""
        if self.has_key(key, version):  # also deletes an expired entry
            return False
        self._createdir()
        fname = self._key_to_file(key, version)
        self._cull()
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, value)
            os.link(tmp_path, fname)
        except FileExistsError:
            return False
        finally:
            os.remove(tmp_path)
        return True
