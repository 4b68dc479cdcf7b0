"""The default cache without Redis (decision 8): Django's file cache, culled less often.

Django's FileBasedCache lists its whole folder on every write to decide whether to cull
(`_cull`): with a few thousand entries that listing was a tenth of a page's cold render.
Here a process lists it at most once a minute; between two culls the folder can exceed
MAX_ENTRIES by what is written in that minute, which a demo or a small site never notices."""

import threading
import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY_SECONDS = 60.0


class OccasionallyCulledFileCache(FileBasedCache):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._culled_at = 0.0
        self._cull_lock = threading.Lock()

    def _cull(self) -> None:
        now = time.monotonic()
        with self._cull_lock:
            if now - self._culled_at < CULL_EVERY_SECONDS:
                return
            self._culled_at = now
        super()._cull()
