"""gunicorn's settings, from the environment (see README: Configuration)."""

import gc
import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Local-memory caches are per process: without Redis, one process keeps every page
# current after an edit; with Redis, the usual 2 × cores + 1.
_default_workers = multiprocessing.cpu_count() * 2 + 1 if os.environ.get("REDIS_URL") else 1
workers = int(os.environ.get("WEB_CONCURRENCY", _default_workers))
threads = int(os.environ.get("GUNICORN_THREADS", "4" if workers == 1 else "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# The app logs every request itself (with its id); gunicorn's own log goes to stderr.
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker) -> None:
    """What the worker made while loading the app lives as long as the worker: frozen out
    of the garbage collector's full collections, which otherwise walk every one of those
    objects again (about 190,000; 0.1–0.2 s each on the bench machine, one every few
    dozen API requests). Measured in docs/benchmarks.md, "Changes of 2026-11-26"."""
    gc.freeze()
