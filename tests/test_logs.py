"""No personal figure in any log line, whatever the request (issue 14).

A real gunicorn, with the project's gunicorn.conf.py and settings, gets the requests that
used to leak: a result link, a malformed request line, a bad HTTP version, a bad header,
a path with %3F, a worker killed by the timeout in the middle of a request, too many
fields, a bad Host, a JSON body (plain and chunked). Each carries figures nobody else
sends; afterwards every log stream (gunicorn's access and error logs, Django's log) is
searched for them. Control characters in a path must come out escaped, one line per
request. When Debian's nginx is installed (make install-test installs it), the same
requests also go through the proxy configuration of deploy/, and nginx's logs are searched.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from proxy import NGINX, gunicorn_instance, local_nginx, wait_for  # noqa: E402

# Figures nobody else sends: each must never appear in a log.
FIGURES = ["731946", "4827.15", "913357", "662081", "58214", "390627", "27718", "845529"]
RESULT = ("/result?age=62&c_secondary=731946&city=chongqing&credit_before=4827.15&n_secondary=1&status=retired")


def exchange(port: int, raw: bytes, pause_after: float = 0.0, rest: bytes = b"") -> bytes:
    """Send raw bytes on a fresh connection and read the answer (bounded)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(raw)
        if pause_after:
            time.sleep(pause_after)
            try:
                s.sendall(rest)
            except OSError:
                pass
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except OSError:
            pass
        return b"".join(chunks)


def get(path: str, host: str = "127.0.0.1", headers: str = "") -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n".encode("latin-1")


def post(path: str, body: bytes, chunked: bool = False) -> bytes:
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
    if chunked:
        middle = len(body) // 2
        parts = [body[:middle], body[middle:]]
        return (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + b"".join(
            f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in parts) + b"0\r\n\r\n"
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


SCENARIO = json.dumps({"city": "chongqing", "status": "retired", "age": 62, "account_credit_before": "662081",
                       "visits": [{"level": "secondary", "cost": "58214"}]}).encode()
TOO_MANY = "/result?" + "a=1&" * 420 + "base=390627"     # more than DATA_UPLOAD_MAX_NUMBER_FIELDS
CASES = {
    "result link": get(RESULT),
    "result link with its query encoded into the path": get("/result%3Fbase%3D913357%26age%3D40"),
    "malformed request line": b"GET /result?base=913357&age=62 junk HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "bad HTTP version": b"GET /result?pension=27718 HTTP/9.x\r\nHost: 127.0.0.1\r\n\r\n",
    "bad header": get("/result?age=1", headers="Referer: https://x.example/result?base=845529\x01\r\n"),
    "control characters in the path": get("/x%0aINFO%20forged%20line%1b[31m"),
    "too many fields": get(TOO_MANY),
    "bad Host": get("/result?base=27718", host="evil.example"),
    "API": post("/api/estimate?opening=845529", SCENARIO),
    "API, chunked body": post("/api/estimate", SCENARIO, chunked=True),
    "API, chunked body too large": post("/api/estimate", b'{"age": "913357", "x": "' + b" " * 70000 + b'"}',
                                        chunked=True),
}


def assert_private(logs: str, where: str):
    for figure in FIGURES:
        assert figure not in logs, f"{figure} in {where}:\n{logs}"
    assert "\x1b" not in logs and "\x01" not in logs, where
    assert not re.search(r"^INFO forged line", logs, re.M), where


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """One instance, one worker, a 2 s timeout (for the killed request), its logs in files."""
    logs = tmp_path_factory.mktemp("gunicorn")
    with gunicorn_instance(logs, workers=1, extra=["--timeout", "2"]) as port:
        answers = {name: exchange(port, raw) for name, raw in CASES.items()}
        page = answers["result link"].decode("utf-8", "replace")
        answers["static"] = {url: exchange(port, get(url)) for url in set(re.findall(r'"(/static/[^"?]+)"', page))}
        # A worker killed by the timeout while it reads a body that never comes.
        raw = post("/api/estimate?base=731946", SCENARIO)
        answers["killed by the timeout"] = exchange(port, raw[:-10], pause_after=5, rest=raw[-10:])
        wait_for(port)
    yield answers, logs         # gunicorn has stopped: its logs are complete


def test_no_log_line_holds_a_figure(gunicorn):
    answers, logs = gunicorn
    text = (logs / "stdout").read_text(errors="replace") + (logs / "stderr").read_text(errors="replace")
    assert_private(text, "gunicorn's and Django's logs")
    # the cases did reach the logs: their lines are there, without the figures
    assert '"GET /result HTTP/1.1" 200' in text
    assert '"GET /result… HTTP/1.1" 404' in text          # the query encoded into the path: cut too
    assert "Invalid request from ip=127.0.0.1" in text and "?…" in text
    assert "WORKER TIMEOUT" in text and "Error handling request POST /api/estimate?…" in text


def test_control_characters_come_out_escaped_on_one_line(gunicorn):
    _, logs = gunicorn
    access = (logs / "stdout").read_text()
    line = next(line for line in access.splitlines() if "forged" in line)
    assert "/x\\x0aINFO forged line\\x1b[31m" in line and " 404 " in line


def test_client_errors_answer_400_with_one_warning_line_and_no_traceback(gunicorn):
    answers, logs = gunicorn
    django_log = (logs / "stderr").read_text()
    for name, logger in (("too many fields", "TooManyFieldsSent"), ("bad Host", "DisallowedHost")):
        assert answers[name].startswith(b"HTTP/1.1 400"), (name, answers[name][:200])
        lines = [line for line in django_log.splitlines() if f"django.security.{logger}" in line]
        assert len(lines) == 1 and lines[0].startswith("WARNING "), lines
    assert "Traceback" not in django_log.split("WORKER TIMEOUT")[0]   # only the killed worker has one


def test_answers_carry_no_store_and_no_server_version(gunicorn):
    answers, _ = gunicorn
    for name in ("result link", "API", "API, chunked body"):
        head = answers[name].split(b"\r\n\r\n")[0].decode().lower()
        assert "cache-control: no-store" in head, name
        server = re.search(r"^server: (.*)$", head, re.M)
        assert server is None or not re.search(r"\d", server.group(1)), head


def test_a_chunked_json_body_is_read_and_still_bounded(gunicorn):
    answers, _ = gunicorn
    plain, chunked = answers["API"], answers["API, chunked body"]
    assert chunked.startswith(b"HTTP/1.1 200"), chunked[:300]
    assert json.loads(chunked.split(b"\r\n\r\n", 1)[1]) == json.loads(plain.split(b"\r\n\r\n", 1)[1])
    assert answers["API, chunked body too large"].startswith(b"HTTP/1.1 413")


def test_the_pages_static_files_load_and_keep_their_immutable_caching(gunicorn):
    answers, _ = gunicorn
    static = answers["static"]
    assert any(url.endswith(".css") for url in static) and any(url.endswith(".js") for url in static)
    for url, answer in static.items():
        head = answer.split(b"\r\n\r\n")[0].decode().lower()
        assert head.startswith("http/1.1 200") and "immutable" in head and "no-store" not in head, (url, head)


@pytest.mark.skipif(not shutil.which(NGINX) and not os.path.exists(NGINX), reason="nginx is not installed")
def test_through_the_proxy_no_log_line_holds_a_figure(tmp_path):
    with gunicorn_instance(tmp_path / "app", workers=1) as app_port, \
            local_nginx(tmp_path / "nginx", [app_port, app_port]) as proxy_port:
        answers = {name: exchange(proxy_port, raw) for name, raw in CASES.items()}
        assert answers["result link"].startswith(b"HTTP/1.1 200")
        assert answers["API, chunked body"].startswith(b"HTTP/1.1 200")
        assert b"\r\nServer: nginx\r\n" in answers["result link"]
    logs = "".join(p.read_text(errors="replace") for p in (tmp_path / "nginx").glob("*.log"))
    logs += "".join(p.read_text(errors="replace") for p in (tmp_path / "app").iterdir() if p.is_file())
    assert_private(logs, "nginx's and the app's logs")
    assert '"GET /result HTTP/1.1" 200' in (tmp_path / "nginx" / "access.log").read_text()
