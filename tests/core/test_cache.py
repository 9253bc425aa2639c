"""core.cache.RedisCache against a real Redis: one client per pool, same results."""

import threading

from core.cache import RedisCache
from tests.conftest import redis_test_url


def test_the_redis_cache_reuses_one_client_and_works_across_threads():
    cache = RedisCache(redis_test_url(), {"KEY_PREFIX": "hub-cache-test"})
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b", write=True) is client
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                cache.set(f"k{n}-{i}", {"n": n, "i": i}, 30)
                assert cache.get(f"k{n}-{i}") == {"n": n, "i": i}
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert cache.get_many(["k0-0", "k3-49"]) == {
        "k0-0": {"n": 0, "i": 0},
        "k3-49": {"n": 3, "i": 49},
    }
    cache.delete_many([f"k{n}-{i}" for n in range(4) for i in range(50)])
    assert cache.get("k0-0") is None
