"""Django's Redis cache backend with one redis-py client per connection pool instead of one per call.

Django's RedisCacheClient.get_client() builds a new ``redis.Redis`` for every cache operation, and redis-py's
constructor fills a table of about 170 response callbacks each time: a third of a millisecond of CPU per
``cache.get``, more than the round trip itself on loopback. A page-cache hit is one get, so this is most of
what a hit costs beyond the bare view. A Redis client is safe to share between threads (its connections come
from the pool), so each pool's client is built once and kept.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: str | None = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server: str, params: dict) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
