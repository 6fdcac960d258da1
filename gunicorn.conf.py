"""Gunicorn settings for `make run` and for deployment behind a reverse proxy.

The access log leaves out query strings: result URLs carry the figures a person typed.
"""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
threads = 1
timeout = 30
graceful_timeout = 20
max_requests = 0                   # no periodic restarts: the app holds no growing state
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# %(U)s is the path without the query string; no referrer (it could carry one).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "warning"
