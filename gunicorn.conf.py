"""Gunicorn settings for `make run` and for the instances behind the proxy of deploy/.

Nothing personal in the logs: result URLs carry the figures a person typed, so no log
line holds a query string (estimator.gunicorn_logging, for the access and the error log).
Sync workers must not face slow clients directly: in a deployment nginx buffers every
request and answer (deploy/nginx/), see README: Deploying.
"""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
threads = 1
# The slowest page a person can ask for takes about 0.1 s (README: Deploying); a worker
# busy for 30 s is stuck, and is restarted.
timeout = 30
graceful_timeout = 20
max_requests = 0                   # no periodic restarts: the app holds no growing state
# A result link carries every answer, so it can be long. nginx (deploy/nginx/) takes a request line of up to
# 8 KB (one large_client_header_buffers buffer) and answers a longer one with the site's own page; gunicorn's
# default (4094) would answer a link between 4 and 8 KB with its own bare 414 instead. 8190, gunicorn's
# largest, takes every line nginx passes on ("GET " + the link + " HTTP/1.0").
limit_request_line = 8190
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# %(U)s is the path without the query string; no referrer (it could carry one).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "warning"
logger_class = "estimator.gunicorn_logging.PrivateLogger"
# Workers' heartbeat files in memory, not on a disk that may stall (containers' /tmp).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"


def post_worker_init(worker):
    """Once a worker has loaded the app, what it loaded (Django, the engine, the cities' rules) lives as long as
    the worker: gc.freeze() moves it out of the garbage collector's sight, so that each collection scans only
    what requests made (the standard library's own answer for long-lived, preloaded objects)."""
    import gc

    from policies import load_cities
    load_cities()            # the rules every request reads, loaded before the freeze rather than on first use
    gc.freeze()
