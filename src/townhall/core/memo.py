"""Something kept in this process until a page cache tag it depends on changes.

For what every page needs and hardly ever changes (the sections' owners and menus, the site
and its home page): read once per process, then checked on each use against the tags'
versions in the shared cache (one read), so a change made in any process shows on the next
use in every process. While the shared cache cannot be reached, nothing is trusted and the
value is built on every use (see pagecache.current_versions)."""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from townhall.core import pagecache

T = TypeVar("T")


class Remembered(Generic[T]):
    def __init__(self, depends_on: tuple[str, ...], build: Callable[[], T]) -> None:
        self.depends_on = depends_on
        self.build = build
        self._held: tuple[dict, T] | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        versions = pagecache.current_versions(self.depends_on)
        held = self._held
        if held is not None and held[0] == versions:
            return held[1]
        with self._lock:  # one thread builds; the others wait for it rather than query too
            held = self._held
            if held is not None and held[0] == versions:
                return held[1]
            value = self.build()
            self._held = (versions, value)
        return value
