"""Production web server settings; `gunicorn portal.wsgi` reads this file from the working directory."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Longer than a client's usual pause between requests: with gunicorn's 2 s default, a kept-alive connection was
# sometimes closed just as the next request went out (4 connection resets in 2 900 requests of
# tests/bench/bench_load.py; none at 5 s). Behind a load balancer that keeps connections open, set it above the
# balancer's idle timeout.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# The application is loaded, and warmed up (`when_ready`), once in the master; each worker forks from that state
# instead of importing views and compiling templates on its first requests (portal/core/warmup.py). A code change
# then needs a restart, not a HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes")
accesslog = "-"
# One JSON line per request. The path is logged without its query string, which can hold personal data.
access_log_format = (
    '{"logger": "gunicorn.access", "time": "%(t)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": "%(s)s", "bytes": "%(B)s", "duration_ms": "%(M)s", "request_id": "%({x-request-id}o)s"}'
)


def when_ready(server):
    if preload_app:
        _warm_up(server.log)


def post_worker_init(worker):
    if not preload_app:
        _warm_up(worker.log)


def _warm_up(log):
    from portal.core import warmup

    log.info("warmed up: %s", warmup.run("web"))


def child_exit(server, worker):
    """With PROMETHEUS_MULTIPROC_DIR set, /metrics adds up every worker's counters; a worker that ends is marked
    so its live gauges drop out."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
