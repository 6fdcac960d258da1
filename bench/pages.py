"""Where a page's time goes, in process: each page through Django's WSGI handler, no network.

    python bench/pages.py              # every page of bench/load.py, with and without gzip, and the splits
    python bench/pages.py --against main --rounds 5   # this tree and the tree at main, taking turns: medians

Complements bench/load.py: the load test gives the ratios under gunicorn and wrk; this
shows, for the same URLs, the time per request without the server. Each page is measured
twice: as the benches used to ask (no Accept-Encoding) and as browsers ask (gzip). For
the result pages it also shows the engine's and the break-even search's share, and the
page without the break-even search (the template and view's share: issue 12 asks for it
separately, since the search is being rewritten on its own). Then the realistic result
page with more and more visit blocks. Times are per request within one run; compare them
with each other, not with another machine.

With --against, each tree runs in its own process, and the two take turns (a round is one
pass of every measurement in each): others share this machine, so only measurements taken
side by side compare. Times are then the CPU time of the process (time.process_time), and the
median of the rounds is reported.
"""
import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
# --root TREE (one tree's turn under --against): that tree's code is measured, with this bench.
ROOT = Path(sys.argv[sys.argv.index("--root") + 1]) if "--root" in sys.argv else HERE.parents[1]
os.chdir(ROOT)
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estimator.settings")
for name in [k for k in os.environ if k.startswith("DJANGO_") and k != "DJANGO_SETTINGS_MODULE"]:
    del os.environ[name]                      # embedded defaults, as bench/load.py runs them

from django.core.wsgi import get_wsgi_application  # noqa: E402

from load import SCENARIO, TARGETS  # noqa: E402

APP = get_wsgi_application()
BODY = json.dumps(SCENARIO).encode()
GOALS_US = {"result13": 800, "question": 500, "500 blocks": 5000}     # issue 12, in process
BLOCKS = (1, 10, 50, 200, 500)
CLOCK = time.perf_counter        # time.process_time under --against (see above)


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
    start = CLOCK()
    for _ in range(count):
        request(method, url, gzip)
    return (CLOCK() - start) / count


class Stopwatch:
    """Adds up the time spent in one function, wherever the project's modules imported it."""

    def __init__(self, module: str, name: str):
        self.spent, self.calls = 0.0, 0
        owner = sys.modules[module]
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            start = CLOCK()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent += CLOCK() - start
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
    # The earlier steps' forms and the one engine run: what issue 12's design asks of every result
    # page before it shows anything (views.unfinished checks each step with its form and runs the engine).
    checks = Stopwatch("estimator.views", "unfinished")
    try:
        per_request("GET", url, count // 10)
        engine.reset(), search.reset(), checks.reset()
        total = per_request("GET", url, count)
        n = count * 1.1                       # the warm-up's requests are timed too
        return {"total": total, "engine": engine.spent / n, "break_even": search.spent / n,
                "engine_calls": engine.calls / n, "break_even_calls": search.calls / n, "checks": checks.spent / n}
    finally:
        engine.undo(), search.undo(), checks.undo()


def blocks_url(blocks: int) -> str:
    """The realistic retiree with visits alternating between two levels: `blocks` blocks in the year."""
    primary, secondary = (blocks + 1) // 2, blocks // 2
    query = f"age=62&c_primary=120&city=chongqing&credit_before=2525&n_primary={primary}&status=retired"
    if secondary:
        query += f"&c_secondary=650&n_secondary={secondary}"
    return "/result?" + query


def measure(count: int) -> dict:
    """Every measurement of this bench, in seconds per request (or per call)."""
    out = {}
    for name, method, path in TARGETS:
        out[name] = per_request(method, path, count)
        out[name + " gzip"] = per_request(method, path, count, gzip=True)
    for name, method, path in TARGETS:
        if name.startswith("result"):
            s = split(path, count)
            out.update({f"{name} {k}": v for k, v in s.items()})
    for blocks in BLOCKS:
        s = split(blocks_url(blocks), max(20, count // max(1, blocks // 5)))
        out[f"{blocks} blocks"] = s["total"]
        out[f"{blocks} blocks break_even"] = s["break_even"]
    return out


def report(m: dict, health: float | None = None):
    print("µs per request (× /healthz), without and with gzip")
    health = m["healthz"]
    for name, _, _ in TARGETS:
        plain, zipped = m[name], m[name + " gzip"]
        goal = GOALS_US.get(name)
        note = f"   goal ≤ {goal} µs" if goal else ""
        print(f"  {name:10} {plain * 1e6:7.0f} µs ({plain / health:5.1f}×)   gzip {zipped * 1e6:7.0f} µs "
              f"({zipped / health:5.1f}×){note}")
    for name, _, _ in TARGETS:
        if not name.startswith("result"):
            continue
        total, engine, search = m[f"{name} total"], m[f"{name} engine"], m[f"{name} break_even"]
        rest = total - search
        print(f"\n{name}: {total * 1e6:.0f} µs per request; engine {engine * 1e6:.0f} µs "
              f"({m[f'{name} engine_calls']:.1f} runs a request), break-even {search * 1e6:.0f} µs "
              f"({m[f'{name} break_even_calls']:.1f} a request)")
        print(f"  without the break-even search: {rest * 1e6:.0f} µs "
              f"(view, template and engine; the template and view alone {(rest - engine) * 1e6:.0f} µs)")
        floor = m[f"{name} checks"] + health
        print(f"  the earlier steps' forms and the engine run: {m[f'{name} checks'] * 1e6:.0f} µs; with Django's "
              f"handling (/healthz) a page of this design cannot take less than {floor * 1e6:.0f} µs "
              f"({floor / total:.0%} of this page)")
    print("\nrealistic result page by visit blocks in the year (µs per request, and without the break-even search)")
    for blocks in BLOCKS:
        total = m[f"{blocks} blocks"]
        print(f"  {blocks:4} blocks {total * 1e6:9.0f} µs   without break-even "
              f"{(total - m[f'{blocks} blocks break_even']) * 1e6:7.0f} µs")


def checkout(rev: str) -> Path:
    """The tree at `rev` in a temporary directory, with this tree's compiled translations and static files."""
    where = Path(tempfile.mkdtemp(prefix="pages-bench-"))
    archive = subprocess.run(["git", "archive", rev], cwd=HERE.parents[1], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    for mo in HERE.parents[1].glob("locale/*/LC_MESSAGES/*.mo"):
        shutil.copy(mo, where / mo.relative_to(HERE.parents[1]))
    (where / "staticfiles").symlink_to(HERE.parents[1] / "staticfiles")
    return where


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000, help="requests per measurement")
    parser.add_argument("--against", metavar="REV", help="also the tree at this git revision, taking turns")
    parser.add_argument("--rounds", type=int, default=5, help="turns each tree takes (with --against)")
    parser.add_argument("--root", help=argparse.SUPPRESS)       # one tree's turn: its measurements as JSON
    args = parser.parse_args()
    if args.root:
        global CLOCK
        CLOCK = time.process_time
        print(json.dumps(measure(args.count)))
        return
    if not args.against:
        print(f"in process, {args.count} requests each")
        report(measure(args.count))
        return
    trees = {args.against: checkout(args.against), "now": HERE.parents[1]}
    rounds = {label: [] for label in trees}
    try:
        for _ in range(args.rounds):
            for label, root in trees.items():
                run = subprocess.run([sys.executable, str(HERE), "--root", str(root), "--count", str(args.count)],
                                     check=True, capture_output=True, text=True, cwd=root)
                rounds[label].append(json.loads(run.stdout))
    finally:
        shutil.rmtree(trees[args.against])
    medians = {label: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for label, runs in rounds.items()}
    for label, m in medians.items():
        print(f"\n== {label} (CPU time, median of {args.rounds} rounds taken in turns, {args.count} requests each)")
        report(m)
    print(f"\n{'measure':26}{args.against:>12}{'now':>12}{'now ÷ then':>12}")
    for key in [n for n, _, _ in TARGETS] + [f"{b} blocks" for b in BLOCKS] + [
            f"{b} blocks break_even" for b in BLOCKS]:
        then, now = medians[args.against][key], medians["now"][key]
        print(f"{key:26}{then * 1e6:12.0f}{now * 1e6:12.0f}{now / then:12.2f}")


if __name__ == "__main__":
    main()
