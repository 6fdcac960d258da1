"""Where a page's time goes, in process: each page through Django's WSGI handler, no network.

    python bench/pages.py              # every page of bench/load.py, and the result page's split

Complements bench/load.py: the load test gives the ratios under gunicorn and wrk; this
shows, for the same URLs, the time per request without the server and, for the result
page, how it divides between the engine, the break-even search, the chart, the markup
built in Python, the rest of the page's data and the template (estimator.shells). Times are per request within one run; compare them
with each other, not with another machine.
"""
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estimator.settings")
for name in [k for k in os.environ if k.startswith("DJANGO_") and k != "DJANGO_SETTINGS_MODULE"]:
    del os.environ[name]                      # embedded defaults, as bench/load.py runs them

from django.core.wsgi import get_wsgi_application  # noqa: E402

from load import SCENARIO, TARGETS  # noqa: E402

APP = get_wsgi_application()
BODY = json.dumps(SCENARIO).encode()


def request(method: str, url: str) -> bytes:
    path, _, query = url.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000", "SERVER_PROTOCOL": "HTTP/1.1",
               "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(BODY if method == "POST" else b"")}
    if method == "POST":
        environ.update(CONTENT_TYPE="application/json", CONTENT_LENGTH=str(len(BODY)))
    statuses = []
    body = b"".join(APP(environ, lambda status, headers: statuses.append(status)))
    assert statuses[0].startswith("200"), (url, statuses[0])
    return body


def per_request(method: str, url: str, count: int) -> float:
    for _ in range(count // 10):
        request(method, url)
    start = time.perf_counter()
    for _ in range(count):
        request(method, url)
    return (time.perf_counter() - start) / count


class Stopwatch:
    """Wraps module functions to add up the time spent in them during the requests."""

    def __init__(self):
        self.spent: dict[str, float] = {}

    def wrap(self, module, name: str, label: str):
        inner = getattr(module, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + time.perf_counter() - start
        setattr(module, name, timed)


def main():
    count = 2000
    times = {name: per_request(method, path, count) for name, method, path in TARGETS}
    health = times["healthz"]
    print(f"in process, {count} requests each: µs per request, and × /healthz")
    for name, seconds in times.items():
        print(f"  {name:10} {seconds * 1e6:8.0f} µs  {seconds / health:6.1f}×")

    from estimator import presenters, shells, views
    watch = Stopwatch()
    watch.wrap(views, "run", "engine, both years")
    watch.wrap(views, "result_context", "page data")
    watch.wrap(presenters, "break_even", "  of which break-even")
    watch.wrap(presenters, "chart", "  of which chart")
    watch.wrap(presenters.markup, "qa_table", "  of which tables, steps, SVG")
    watch.wrap(presenters.markup, "points_table", "  of which tables, steps, SVG")
    watch.wrap(presenters.markup, "steps_list", "  of which tables, steps, SVG")
    watch.wrap(presenters.markup, "chart_svg", "  of which tables, steps, SVG")
    watch.wrap(shells, "render", "template (shell filled in)")
    result = next(path for name, _, path in TARGETS if name == "result")
    total = per_request("GET", result, count)
    spent = {label: seconds / (count * 1.1) for label, seconds in watch.spent.items()}   # warm-up included
    spent["the rest: Django, answers, links"] = total - sum(v for k, v in spent.items() if not k.startswith(" "))
    print(f"\nresult page, {total * 1e6:.0f} µs per request:")
    for label in ("engine, both years", "page data", "  of which break-even", "  of which chart",
                  "  of which tables, steps, SVG", "template (shell filled in)", "the rest: Django, answers, links"):
        print(f"  {label:34} {spent[label] * 1e6:6.0f} µs  {spent[label] / total:4.0%}")


if __name__ == "__main__":
    main()
