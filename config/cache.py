"""The file cache Ladder uses when there is no Redis: shared by every process on one machine."""

import itertools

from django.core.cache.backends.filebased import FileBasedCache


class LadderFileCache(FileBasedCache):
    """Django's file cache, but it counts its files (to cull old ones) once every ``CULL_EVERY`` writes
    instead of on every write, which lists the whole directory each time."""

    CULL_EVERY = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = itertools.count(1)

    def _cull(self):
        if next(self._writes) % self.CULL_EVERY == 0:
            super()._cull()
