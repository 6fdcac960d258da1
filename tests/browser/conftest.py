"""A real server (gunicorn, production settings) and Debian's Chromium driven by Playwright."""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(autouse=True)
def _plain_static_storage():
    """Browser tests use the real server's static files, not the test client's."""
    yield


@pytest.fixture(scope="session")
def base_url():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="estimator.settings")
    env.pop("DJANGO_DEBUG", None)
    for command in (["compilemessages", "--ignore=.venv", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = _free_port()
    env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="2")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "estimator.wsgi"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the test server did not start: " + server.stderr.read().decode()[-2000:]) from None
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


SIZES = {"small": {"width": 360, "height": 740}, "phone": {"width": 390, "height": 844},
         "desktop": {"width": 1280, "height": 800}}


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(size="desktop", javascript=True):
        context = browser.new_context(viewport=SIZES[size], java_script_enabled=javascript, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        return page

    yield make
    for context in contexts:
        context.close()


def shot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    # caret="initial": hiding the caret means injecting a <style>, which our CSP rightly blocks.
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, caret="initial")


def reach_money_as_a_retiree(page, base_url):
    """The walk-through's first question answered (Chongqing, retired, 62) and sent: the money page is on screen.
    Boxes are found by their type: a page also carries earlier answers in hidden fields of the same name."""
    from playwright.sync_api import expect
    page.goto(base_url + "/person?city=chongqing")
    page.locator("input[type=radio][name=status][value=retired]").check()
    page.locator("input[type=text][name=age]").fill("62")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/money\?"))
