"""The file cache used without Redis still keeps itself small, culling every CULL_EVERY writes."""

from config.cache import LadderFileCache


def test_the_file_cache_culls_old_entries_without_listing_files_on_every_write(tmp_path, monkeypatch):
    monkeypatch.setattr(LadderFileCache, "CULL_EVERY", 10)
    cache = LadderFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2}})
    listings = []
    original = LadderFileCache._list_cache_files
    monkeypatch.setattr(LadderFileCache, "_list_cache_files", lambda self: listings.append(1) or original(self))
    for number in range(100):
        cache.set(f"key-{number}", number)
    assert len(listings) == 10  # once every 10 writes, not 100 times
    assert len(list(tmp_path.glob("*.djcache"))) <= 30
    assert cache.get("key-99") == 99
