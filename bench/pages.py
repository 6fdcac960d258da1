"""Where a page's time goes, in process: each page through Django's WSGI handler, no network.

    python bench/pages.py              # every page of bench/load.py, with and without gzip, and the splits

Complements bench/load.py: the load test gives the ratios under gunicorn and wrk; this
shows, for the same URLs, the time per request without the server. Each page is measured
twice: as the benches used to ask (no Accept-Encoding) and as browsers ask (gzip). For
the result pages it also shows the engine's and the break-even search's share, and the
page without the break-even search (the template and view's share: issue 12 asks for it
separately, since the search is being rewritten on its own). Then the realistic result
page with more and more visit blocks. Times are per request within one run; compare them
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
GOALS_US = {"result13": 800, "question": 500}     # issue 12, in process


def request(method: str, url: str, gzip: bool = False) -> bytes:
    path, _, query = url.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000", "SERVER_PROTOCOL": "HTTP/1.1",
               "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(BODY if method == "POST" else b"")}
    if gzip:
        environ["HTTP_ACCEPT_ENCODING"] = "gzip, deflate, br"
    if method == "POST":
        environ.update(CONTENT_TYPE="application/json", CONTENT_LENGTH=str(len(BODY)))
    statuses = []
    body = b"".join(APP(environ, lambda status, headers: statuses.append(status)))
    assert statuses[0].startswith("200"), (url, statuses[0])
    return body


def per_request(method: str, url: str, count: int, gzip: bool = False) -> float:
    for _ in range(count // 10):
        request(method, url, gzip)
    start = time.perf_counter()
    for _ in range(count):
        request(method, url, gzip)
    return (time.perf_counter() - start) / count


class Stopwatch:
    """Adds up the time spent in one function, wherever the project's modules imported it."""

    def __init__(self, module: str, name: str):
        self.spent, self.calls = 0.0, 0
        owner = sys.modules[module]
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent += time.perf_counter() - start
                self.calls += 1
        self.places = [m for key, m in list(sys.modules.items())
                       if (key == module or key.startswith("estimator")) and getattr(m, name, None) is inner]
        for m in self.places:
            setattr(m, name, timed)
        self._undo = lambda: [setattr(m, name, inner) for m in self.places]

    def reset(self):
        self.spent, self.calls = 0.0, 0

    def undo(self):
        self._undo()


def split(url: str, count: int) -> dict:
    """Time per request of one result page, and the engine's and break-even's shares."""
    import policies.breakeven  # noqa: F401  (loaded by the views; named here for the stopwatch)
    request("GET", url)           # every module the page uses is imported now
    engine, search = Stopwatch("policies", "run"), Stopwatch("policies.breakeven", "break_even")
    try:
        per_request("GET", url, count // 10)
        engine.reset(), search.reset()
        total = per_request("GET", url, count)
        n = count * 1.1                       # the warm-up's requests are timed too
        return {"total": total, "engine": engine.spent / n, "break_even": search.spent / n,
                "engine_calls": engine.calls / n, "break_even_calls": search.calls / n}
    finally:
        engine.undo(), search.undo()


def blocks_url(blocks: int) -> str:
    """The realistic retiree with visits alternating between two levels: `blocks` blocks in the year."""
    primary, secondary = (blocks + 1) // 2, blocks // 2
    query = f"age=62&c_primary=120&city=chongqing&credit_before=2525&n_primary={primary}&status=retired"
    if secondary:
        query += f"&c_secondary=650&n_secondary={secondary}"
    return "/result?" + query


def main():
    count = 2000
    print(f"in process, {count} requests each: µs per request (× /healthz), without and with gzip")
    times = {}
    for name, method, path in TARGETS:
        plain, zipped = per_request(method, path, count), per_request(method, path, count, gzip=True)
        times[name] = plain, zipped
    health = times["healthz"][0]
    for name, (plain, zipped) in times.items():
        goal = GOALS_US.get(name)
        note = f"   goal ≤ {goal} µs" if goal else ""
        print(f"  {name:10} {plain * 1e6:7.0f} µs ({plain / health:5.1f}×)   gzip {zipped * 1e6:7.0f} µs "
              f"({zipped / health:5.1f}×){note}")

    for name, method, path in TARGETS:
        if not name.startswith("result"):
            continue
        s = split(path, count)
        rest = s["total"] - s["break_even"]
        print(f"\n{name}: {s['total'] * 1e6:.0f} µs per request; engine {s['engine'] * 1e6:.0f} µs "
              f"({s['engine_calls']:.1f} runs a request), break-even {s['break_even'] * 1e6:.0f} µs "
              f"({s['break_even_calls']:.1f} a request)")
        print(f"  without the break-even search: {rest * 1e6:.0f} µs "
              f"(view, template and engine; the template and view alone {(rest - s['engine']) * 1e6:.0f} µs)")

    print("\nrealistic result page by visit blocks in the year (µs per request, and without the break-even search)")
    for blocks in (1, 10, 50, 200, 500):
        url = blocks_url(blocks)
        n = max(20, count // max(1, blocks // 5))
        s = split(url, n)
        print(f"  {blocks:4} blocks {s['total'] * 1e6:9.0f} µs   without break-even {(s['total'] - s['break_even']) * 1e6:7.0f} µs")


if __name__ == "__main__":
    main()
