"""Production-safe by default (issue 5): deploy checks, logs without personal figures."""
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=60)


def test_check_deploy_is_clean_when_configured():
    done = run_manage("check", "--deploy", DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
                      DJANGO_ALLOWED_HOSTS="estimator.example.gov.cn")
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_defaults_with_nothing_set_are_safe_for_local_use():
    done = run_manage("shell", "--no-imports", "-c", "from django.conf import settings as s; "
                      "print(s.DEBUG, s.ALLOWED_HOSTS, len(s.SECRET_KEY) > 40, getattr(s, 'SECURE_SSL_REDIRECT', False))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "False"
    assert "localhost" in done.stdout and "True" in done.stdout.split()[-2]


def test_debug_is_only_on_for_exactly_1():
    for value, expected in (("1", "True"), ("true", "False"), ("0", "False")):
        done = run_manage("shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DEBUG)", DJANGO_DEBUG=value)
        assert done.stdout.strip() == expected


def test_error_log_keeps_method_and_path_but_no_figures(client, caplog, settings):
    from estimator.logging import DropRequestDetails
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1,
                               "Internal Server Error: %s", ("/result?base=8000&age=40",), None)
    request = client.get("/healthz").wsgi_request
    request.path = "/result"
    request.META["QUERY_STRING"] = "base=8000&age=40"
    record.request = request
    DropRequestDetails().filter(record)
    text = record.getMessage()
    assert "/result" in text and "8000" not in text and "age" not in text
    assert record.request is None


def test_gunicorn_access_log_leaves_out_query_strings_and_referrers():
    namespace = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), namespace)
    fmt = namespace["access_log_format"]
    assert "%(U)s" in fmt                                  # path only
    for leaky in ("%(r)s", "%(q)s", "%(f)s", "%({", "%(a)s"):
        assert leaky not in fmt


def test_pages_are_compressed(client):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
