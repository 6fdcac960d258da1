"""Production-safe by default (issues 5 and 14): deploy checks, logs without personal figures,
no shared caching of answers, opt-in HSTS preload, only the site's own static files.
(tests/test_logs.py sends the known leaks to a real gunicorn and nginx.)"""
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


def test_gunicorn_uses_the_private_logger():
    namespace = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), namespace)
    assert namespace["logger_class"] == "estimator.gunicorn_logging.PrivateLogger"


def test_pages_are_compressed(client):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_a_deployment_leaves_compression_to_the_proxy_unless_told():
    show = "from django.conf import settings; print('gzip' in ' '.join(settings.MIDDLEWARE))"
    key = secrets.token_urlsafe(60)
    assert run_manage("shell", "--no-imports", "-c", show, DJANGO_SECRET_KEY=key).stdout.split() == ["False"]
    assert run_manage("shell", "--no-imports", "-c", show, DJANGO_SECRET_KEY=key,
                      DJANGO_GZIP="1").stdout.split() == ["True"]


def test_hsts_subdomains_and_preload_are_the_operators_choice():
    show = ("from django.conf import settings as s; "
            "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)")
    key = secrets.token_urlsafe(60)
    assert run_manage("shell", "--no-imports", "-c", show, DJANGO_SECRET_KEY=key).stdout.split() == \
        ["31536000", "False", "False"]
    assert run_manage("shell", "--no-imports", "-c", show, DJANGO_SECRET_KEY=key, DJANGO_HSTS_INCLUDE_SUBDOMAINS="1",
                      DJANGO_HSTS_PRELOAD="1").stdout.split() == ["31536000", "True", "True"]
    opted_in = run_manage("check", "--deploy", DJANGO_SECRET_KEY=key, DJANGO_ALLOWED_HOSTS="estimator.example.gov.cn",
                          DJANGO_HSTS_INCLUDE_SUBDOMAINS="1", DJANGO_HSTS_PRELOAD="1")
    assert "System check identified no issues (0 silenced)" in opted_in.stdout, opted_in.stdout + opted_in.stderr


def test_only_the_sites_own_static_files_are_published():
    from django.contrib.staticfiles import finders
    published = sorted(path for finder in finders.get_finders() for path, _ in finder.list([]))
    own = sorted(str(p.relative_to(ROOT / "static")) for p in (ROOT / "static").rglob("*") if p.is_file())
    assert published == own


# --- no shared cache keeps a person's figures -------------------------------------------

RESULT = "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired"


def test_answers_with_figures_are_never_stored(client):
    assert client.get(RESULT)["Cache-Control"] == "no-store"
    assert client.get("/en" + RESULT)["Cache-Control"] == "no-store"
    api = client.post("/api/estimate", {"city": "chongqing", "status": "retired", "age": 62,
                                        "account_credit_before": 2525, "visits": []}, content_type="application/json")
    assert api.status_code == 200 and api["Cache-Control"] == "no-store"
    refused = client.post("/api/estimate", "{", content_type="application/json")
    assert refused.status_code == 400 and refused["Cache-Control"] == "no-store"
    assert client.get("/healthz")["Cache-Control"] == "no-store"


def test_any_redirect_and_any_refusal_with_a_query_is_never_stored(rf):
    from django.http import HttpResponse, HttpResponseRedirect

    from estimator.middleware import NoStoreAnswersMiddleware
    redirect = NoStoreAnswersMiddleware(lambda request: HttpResponseRedirect("/check?age=62"))
    assert redirect(rf.get("/visits"))["Cache-Control"] == "no-store"
    page = NoStoreAnswersMiddleware(lambda request: HttpResponse("x", status=400))
    assert page(rf.get("/person?age=999"))["Cache-Control"] == "no-store"
    assert page(rf.post("/person", {"age": "62"}))["Cache-Control"] == "no-store"


def test_pages_without_figures_and_static_files_keep_their_caching(rf):
    from django.http import HttpResponse

    from estimator.middleware import NoStoreAnswersMiddleware

    def immutable(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "max-age=31536000, public, immutable"
        return response
    assert NoStoreAnswersMiddleware(immutable)(rf.get("/static/css/site.0123456789ab.css?v=1"))["Cache-Control"] \
        == "max-age=31536000, public, immutable"
    assert "Cache-Control" not in NoStoreAnswersMiddleware(lambda request: HttpResponse("x"))(rf.get("/"))


# --- the API and the health check skip the language middleware ------------------------

def test_the_api_and_healthz_speak_no_language_and_pages_do(client):
    for response in (client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en"),
                     client.post("/api/estimate", "{}", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")):
        assert "Content-Language" not in response and "Accept-Language" not in response.get("Vary", "")
    assert client.get("/en/")["Content-Language"] == "en"
    assert client.get("/")["Content-Language"] == "zh-hans"


def test_the_api_answers_in_the_same_words_after_an_english_page(client):
    body = {"city": "chongqing", "status": "retired", "age": 200, "visits": []}
    first = client.post("/api/estimate", body, content_type="application/json").json()
    client.get("/en/")
    assert client.post("/api/estimate", body, content_type="application/json").json() == first


# --- log lines ----------------------------------------------------------------------------

def test_a_logged_line_has_no_query_and_no_control_character():
    from estimator.logging import logged_path, private_line
    assert private_line("Invalid Request Line 'GET /result?base=8000 junk HTTP/1.1'") == \
        "Invalid Request Line 'GET /result?…"
    assert private_line("Perhaps out of memory?") == "Perhaps out of memory?"
    assert private_line("GET /x\nINFO forged\x1b[31m\u202e") == "GET /x\\x0aINFO forged\\x1b[31m\\u202e"
    assert logged_path("/result?base=8000") == "/result…"
    assert logged_path("/x\r\n") == "/x\\x0d\\x0a"


def test_a_record_whose_arguments_do_not_fit_is_still_written_privately():
    from estimator.logging import PrivateRecords
    record = logging.LogRecord("gunicorn.error", logging.ERROR, __file__, 1, "GET /result?base=8000 %s %s",
                               ("x",), None)
    assert PrivateRecords().filter(record) and record.getMessage() == "GET /result?…"


def test_a_client_error_is_one_warning_line_without_traceback():
    from estimator.logging import ClientErrorsAsWarnings
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("django.security.DisallowedHost", logging.ERROR, __file__, 1,
                                   "Invalid HTTP_HOST header: 'x'", (), sys.exc_info())
    ClientErrorsAsWarnings().filter(record)
    assert record.levelname == "WARNING" and record.exc_info is None
    assert logging.Formatter().format(record) == "Invalid HTTP_HOST header: 'x'"


def test_gunicorns_access_log_drops_figures_whatever_its_format_asks_for(tmp_path):
    import datetime

    from gunicorn.config import Config

    from estimator.gunicorn_logging import PrivateLogger
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("access_log_format", '%(r)s %(U)s %(q)s %(f)s %(a)s %({referer}i)s %({x-figures}e)s %(s)s')

    class Response:
        status, sent, headers = "200 OK", 10, [("Location", "/result?base=8000")]

    class Request:
        headers = [("REFERER", "https://x/result?base=8000"), ("USER-AGENT", "base=8000")]
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/result?base=8000",
               "PATH_INFO": "/result\n?base=8000",  # decoded from %0a%3F
               "QUERY_STRING": "base=8000", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": "https://x/result?base=8000", "X-FIGURES": "8000"}
    PrivateLogger(cfg).access(Response, Request, environ, datetime.timedelta(microseconds=10))
    line = (tmp_path / "access.log").read_text()
    assert line == "GET /result\\x0a… HTTP/1.1 /result\\x0a… - - - - - 200\n"
