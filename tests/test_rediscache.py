"""The Redis cache backend builds one redis-py client per connection pool, against the real Redis on loopback."""

import os
import uuid

import pytest
import redis

from portal.rediscache import ReusingRedisCache

LOCATION = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache():
    backend = ReusingRedisCache(LOCATION, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield backend
    backend.clear()  # only db 15, the tests' own


def test_one_client_serves_every_call(redis_cache, monkeypatch):
    built = []
    original = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    redis_cache.set("greeting", "你好", timeout=30)
    for _ in range(5):
        assert redis_cache.get("greeting") == "你好"
    redis_cache.set_many({"a": 1, "b": 2}, timeout=30)

    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert redis_cache.incr("a") == 2
    assert len(built) == 1  # Django's own backend builds one per call: nine here


def test_the_cache_still_expires_and_deletes(redis_cache):
    redis_cache.set("kept", 1, timeout=30)
    redis_cache.set("gone", 1, timeout=0)

    assert redis_cache.add("kept", 2) is False and redis_cache.get("kept") == 1
    assert redis_cache.get("gone") is None
    assert redis_cache.delete("kept") is True and redis_cache.get("kept") is None
