"""Long links: every answer travels in the link, so a result link can be long.

Before: gunicorn's default limit (a 4094-byte request line) answered a link of 4 to 8 KB with its own bare
"414 Request-URI Too Large" page, while nginx (deploy/nginx/) passed lines of up to 8 KB on to it; and a
link longer than nginx takes got nginx's own bare page. Now the app takes every line nginx passes on, and
nginx answers a longer one with the site's page, in both languages, with a way to the start.
"""
import base64
import hashlib
import os
import re
import runpy
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from proxy import NGINX, gunicorn_instance, local_nginx  # noqa: E402

from tests.test_logs import exchange, get  # noqa: E402

PAGE = ROOT / "deploy" / "nginx" / "pages" / "too-long.html"
PROXY = (ROOT / "deploy" / "nginx" / "estimator-proxy.conf").read_text()
RESULT = "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired"


def nginx_line_buffer() -> int:
    """The size of one of nginx's large header buffers, which a request line must fit (CRLF included)."""
    size = re.search(r"^large_client_header_buffers \d+ (\d+)k;", PROXY, re.M).group(1)
    return int(size) * 1024


def link_of(length: int) -> str:
    """A result link of exactly `length` characters (an extra key the site leaves out pads it)."""
    return RESULT + "&zz=" + "a" * (length - len(RESULT) - 4)


# The longest link nginx takes: "GET " + link + " HTTP/1.1\r\n" fills one buffer.
LONGEST = nginx_line_buffer() - len("GET  HTTP/1.1\r\n")


def test_gunicorn_takes_every_request_line_nginx_passes_on():
    from gunicorn.config import Config
    from gunicorn.http.message import MAX_REQUEST_LINE
    limit = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["limit_request_line"]
    config = Config()
    config.set("limit_request_line", limit)                      # a setting gunicorn knows, and a valid value
    # nginx passes "GET " + link + " HTTP/1.0" on (the line without its CRLF): the longest is limit long,
    # which is also the most gunicorn allows.
    assert len(f"GET {'a' * LONGEST} HTTP/1.0") == limit == config.limit_request_line == MAX_REQUEST_LINE == 8190


def test_the_too_long_page_is_the_site_s_in_both_languages_with_a_way_home():
    page = PAGE.read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S)))
    assert '<html lang="zh-Hans">' in page and 'lang="en"' in page
    for sentence in ("这个网址太长了", "网址太长，本站打不开。如果网址是粘贴的，请检查是否把别的文字也一起复制进来了。",
                     "This web address is too long",
                     "The address is longer than this site can open. If you pasted it, check that nothing else was "
                     "copied with it."):
        assert sentence in text
    assert '<a href="/">回到计算器首页</a>' in page and '<a href="/en/">Go to the start of the estimator</a>' in page
    # words for people: no status code, server or file names; nothing to fetch from anywhere
    for internal in ("414", "nginx", "gunicorn", "Request-URI", ".html", "_", "None"):
        assert internal not in text, internal
    assert "<script" not in page and "src=" not in page and "<link" not in page and "http" not in page


def test_the_page_s_one_style_is_what_its_content_security_policy_allows():
    page = PAGE.read_text(encoding="utf-8")
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(styles) == 1 and "style=" not in page
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    csp = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', PROXY).group(1)
    assert f"style-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert f"alias /opt/estimator/{PAGE.relative_to(ROOT)};" in PROXY


@pytest.mark.skipif(not shutil.which(NGINX) and not os.path.exists(NGINX), reason="nginx is not installed")
def test_long_links_reach_the_app_and_longer_ones_get_the_site_s_page(tmp_path):
    with gunicorn_instance(tmp_path / "app", workers=1) as app_port, \
            local_nginx(tmp_path / "nginx", [app_port, app_port]) as proxy_port:
        for length in (5 * 1024, LONGEST):
            for port in (proxy_port, app_port):                    # through nginx, and straight to gunicorn
                answer = exchange(port, get(link_of(length)))
                assert answer.startswith(b"HTTP/1.1 200"), (length, port, answer[:200])
                assert "您的结果".encode() in answer
        answer = exchange(proxy_port, get(link_of(LONGEST + 1)))
        too_long = exchange(proxy_port, get(link_of(9 * 1024)))
    for answer in (answer, too_long):
        head, body = answer.split(b"\r\n\r\n", 1)
        head = head.decode().lower()
        assert head.startswith("http/1.1 414"), head
        assert "content-type: text/html; charset=utf-8" in head and "cache-control: no-store" in head
        assert "content-security-policy: default-src 'none'; style-src 'sha256-" in head
        assert "x-content-type-options: nosniff" in head and "x-frame-options: deny" in head
        assert body.decode() == PAGE.read_text(encoding="utf-8")
