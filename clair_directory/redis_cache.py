"""Django's Redis cache backend, with one Redis client per connection pool.

Django's client makes a new `redis.Redis` for every cache call, and each fills a table of
some 170 reply handlers: about 50 µs, as much as half of a small GET on the same machine.
A page that reads ten kept fragments paid that ten times. A `redis.Redis` is safe to share
between threads (each command takes a connection from the pool), so one per pool is made
and kept for the life of the process.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
