"""The default cache without Redis lists its folder to cull at most once a minute."""

from townhall.core import file_cache
from townhall.core.file_cache import OccasionallyCulledFileCache


def test_it_culls_once_and_then_not_again_within_the_minute(tmp_path, monkeypatch):
    cache = OccasionallyCulledFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 2}})
    listings = []
    original = OccasionallyCulledFileCache._list_cache_files
    monkeypatch.setattr(
        OccasionallyCulledFileCache,
        "_list_cache_files",
        lambda self: listings.append(1) or original(self),
    )
    clock = [1000.0]
    monkeypatch.setattr(file_cache.time, "monotonic", lambda: clock[0])
    for n in range(5):
        cache.set(f"key{n}", n)
    assert len(listings) == 1
    clock[0] += 61
    cache.set("later", 1)
    assert len(listings) == 2
    assert len(list(tmp_path.glob("*.djcache"))) == 5  # six written, one culled (a third)
