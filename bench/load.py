"""Load test on loopback: gunicorn with the project's config, wrk as the client (issue 5).

    python bench/load.py                  # 10 s per endpoint in 5 rounds, then a 60 s soak on the result page
    python bench/load.py --seconds 5 --soak 20
    python bench/load.py --only api --soak 0     # /healthz and the API alone (/healthz is always measured)
    python bench/load.py --against main          # also the tree at git revision main, taking turns

Measures, in one run and with the same workers: GET /healthz, POST /api/estimate, the
start page, a question page, and the full result page opened from a reproduce link.
Prints requests per second, p50 and p99 for each, and each one's ratio to /healthz. The
endpoints take turns (rounds), so each ratio compares measurements taken a few seconds apart.
Then 50 concurrent connections on the result page: errors and worker restarts.
Every request goes to 127.0.0.1; every run is bounded in time.
"""
import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import serve  # noqa: E402

SCENARIO = {"city": "chongqing", "status": "retired", "age": 62, "account_credit_before": 2525,
            "visits": [{"level": "secondary", "cost": 2800}]}
RESULT = "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired"
# A realistic year (issue 12): a Chongqing retiree with 10 primary and 3 secondary visits.
REALISTIC = ("/result?age=62&c_primary=120&c_secondary=650&city=chongqing&credit_before=2525"
             "&n_primary=10&n_secondary=3&status=retired")
TARGETS = [("healthz", "GET", "/healthz"), ("api", "POST", "/api/estimate"), ("start", "GET", "/"),
           ("question", "GET", "/person?city=chongqing"), ("result", "GET", RESULT),
           ("result13", "GET", REALISTIC)]
GOALS = {"api": 0.7, "question": 0.4, "result": 0.4, "result13": 0.30}


def worker_pids(master: int) -> set[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


GZIP = False          # --gzip: send Accept-Encoding: gzip, as browsers do


def wrk(url: str, method: str, seconds: int, connections: int, script_dir: str) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if GZIP:
        command += ["-H", "Accept-Encoding: gzip"]
    if method == "POST":
        lua = Path(script_dir) / "post.lua"
        lua.write_text('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                       f"wrk.body = {json.dumps(json.dumps(SCENARIO))}\n")
        command += ["-s", str(lua)]
    out = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 30).stdout

    def latency(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": latency("50"),
            "p99": latency("99"), "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "errors": (int(errors.group(1)) if errors else 0)
                      + (sum(map(int, socket_errors.groups())) if socket_errors else 0)}


def interleaved(bases: dict, seconds: int, rounds: int, connections: int, scratch: str, targets=TARGETS) -> dict:
    """Each endpoint of each tree measured in `rounds` short turns, round-robin, `seconds` in all.

    This machine's speed drifts from one minute to the next (a shared virtual machine):
    measured one after another, the endpoints would each meet a different machine. In
    turns, each ratio is taken against the same tree's /healthz in the same round, and the
    median kept. With two trees (--against), only one server is under load at a time.
    """
    turns = {(label, name): [] for label in bases for name, _, _ in targets}
    for _ in range(rounds):
        for label, base in bases.items():
            for name, method, path in targets:
                turns[label, name].append(wrk(base + path, method, max(1, seconds // rounds), connections, scratch))
    rows = {label: {} for label in bases}
    for (label, name), runs in turns.items():
        ratios = sorted(r["rps"] / h["rps"] for r, h in zip(runs, turns[label, "healthz"]))
        rows[label][name] = {"rps": statistics.median(r["rps"] for r in runs),
                             "p50": statistics.median(r["p50"] for r in runs), "p99": max(r["p99"] for r in runs),
                             "errors": sum(r["errors"] for r in runs), "ratio": statistics.median(ratios),
                             "low": ratios[0], "high": ratios[-1]}
    return rows


def checkout(rev: str, where: Path) -> Path:
    """The tree at git revision `rev` in `where`, with this tree's compiled translations (static files are
    collected by serve(), as for this tree)."""
    root = Path(__file__).resolve().parents[1]
    archive = subprocess.run(["git", "archive", rev], cwd=root, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    for mo in root.glob("locale/*/LC_MESSAGES/*.mo"):
        shutil.copy(mo, where / mo.relative_to(root))
    return where


def print_rows(title: str, rows: dict):
    print(title)
    print(f"{'endpoint':10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'÷ healthz':>10} "
          f"{'(rounds)':>11} goal")
    for name, r in rows.items():
        goal = GOALS.get(name)
        verdict = "" if goal is None else f"≥ {goal}: {'met' if r['ratio'] >= goal else 'NOT met'}"
        spread = f"{r['low']:.2f}–{r['high']:.2f}"
        print(f"{name:10} {r['rps']:9.0f} {r['p50']:8.2f} {r['p99']:8.2f} {r['errors']:7d} {r['ratio']:10.2f} "
              f"{spread:>11} {verdict}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10, help="seconds per endpoint, in all")
    parser.add_argument("--rounds", type=int, default=5, help="turns each endpoint is measured in, round-robin")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--soak", type=int, default=60, help="seconds of 50 connections on the result page (0: skip)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--gzip", action="store_true", help="ask for gzip, as browsers do")
    parser.add_argument("--only", default="", metavar="NAMES",
                        help="comma-separated endpoints to measure (of: " + ", ".join(n for n, _, _ in TARGETS)
                             + "); /healthz is always measured, since every ratio is to it")
    parser.add_argument("--against", metavar="REV",
                        help="also serve the tree as it was at this git revision, the two taking turns in each round")
    args = parser.parse_args()
    only = {n for n in args.only.split(",") if n}
    unknown = only - {n for n, _, _ in TARGETS}
    if unknown:
        parser.error(f"unknown endpoint: {', '.join(sorted(unknown))}")
    targets = [t for t in TARGETS if not only or t[0] in only or t[0] == "healthz"]
    global GZIP
    GZIP = args.gzip
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    with contextlib.ExitStack() as stack:
        scratch = stack.enter_context(tempfile.TemporaryDirectory())
        trees = {"now": Path(__file__).resolve().parents[1]}
        if args.against:
            trees = {args.against: checkout(args.against, Path(stack.enter_context(tempfile.TemporaryDirectory()))),
                     **trees}
        servers = {label: stack.enter_context(serve(args.workers, root)) for label, root in trees.items()}
        bases = {label: base for label, (base, _) in servers.items()}
        for base in bases.values():
            for _, method, path in targets:          # warm every worker's caches first
                wrk(base + path, method, 1, 4, scratch)
        rows = interleaved(bases, args.seconds, args.rounds, args.connections, scratch, targets)
        print(f"gunicorn {args.workers} workers, wrk 2 threads × {args.connections} connections, "
              f"{args.seconds}s each in {args.rounds} rounds, loopback, {'gzip' if GZIP else 'no gzip'}")
        for label in trees:
            print_rows(f"\n{label}:" if args.against else "", rows[label])
        if args.against:
            print(f"\n{'endpoint':10} {'÷ healthz, ' + args.against:>24} {'now':>8}")
            for name, _, _ in targets:
                print(f"{name:10} {rows[args.against][name]['ratio']:24.2f} {rows['now'][name]['ratio']:8.2f}")
        if args.soak:
            base, server = servers["now"]
            before = worker_pids(server.pid)
            soak = wrk(base + RESULT, "GET", args.soak, 50, scratch)
            after = worker_pids(server.pid)
            restarts = len(before - after)
            print(f"\nsoak: result page, 50 connections, {args.soak}s: {soak['requests']} requests, "
                  f"{soak['rps']:.0f} req/s, p99 {soak['p99']:.1f} ms, errors {soak['errors']}, "
                  f"worker restarts {restarts}")
            if soak["errors"] or restarts:
                sys.exit(1)


if __name__ == "__main__":
    main()
