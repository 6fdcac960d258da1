"""The deployment of deploy/ under attack and failure, on loopback (issue 14).

    python bench/proxy.py                      # the full run, about 3½ minutes
    python bench/proxy.py --slow 10 --bodies 10 --direct 5 --loss 4 --rounds 2 --worst 5   # a short one

Starts Debian's nginx with deploy/nginx/ (the upstream, log format and every proxy
setting; only the ports, the listening address and the log paths are the bench's own)
in front of two gunicorn instances (gunicorn.conf.py, deployed settings), and measures
in one run:

1. slow clients: /healthz checked 4 times a second through the proxy during `--slow`
   seconds of 50 connections sending their headers a line a second, then during
   `--bodies` seconds of 50 POSTs sending their bodies a few bytes a second (goal: every
   check answered, p99 under 100 ms); and, for comparison, the same slow headers sent
   straight to one gunicorn instance for `--direct` seconds;
2. instance loss: 8 clients ask for the result page through the proxy; one instance is
   killed (SIGKILL, master and workers), then started again: requests lost in the first
   second (before the proxy has noticed) and after, and while the instance comes back;
3. throughput: the result page with wrk straight to one instance and through the proxy
   (over both instances), in turns, as a ratio;
4. the slowest page a person can ask for (500 visit entries, the engine's limit): its
   time alone, and /healthz while 16 of them are asked at once, straight and through the proxy.

Every connection is to 127.0.0.1; every phase is bounded in time and in connections.
"""
import argparse
import asyncio
import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "nginx"
INSTALLED = "/opt/estimator/"               # where README: Deploying puts the code
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
RESULT = "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired"
# The most visit entries the engine takes (policies.scenario.MAX_ENTRIES): two kinds of
# visit, 250 each, spread over the year alternate, so each is its own entry.
WORST = ("/result?age=62&c_primary=30&c_secondary=80&city=chongqing&credit_before=2525"
         "&n_primary=250&n_secondary=250&status=retired")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str = "/healthz", seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing answers on 127.0.0.1:{port}{path}")
        time.sleep(0.05)


def collect_static() -> None:
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT,
                       env=app_env(), check=True, timeout=120)


def app_env(**extra) -> dict:
    """Deployed settings, as behind the proxy (no HTTPS redirect on loopback, no compression in the app)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(DJANGO_SECRET_KEY="bench-" + "x" * 50, DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
               DJANGO_HTTPS="0", **extra)
    return env


class Instance:
    """One gunicorn instance (gunicorn.conf.py) on a loopback port, its logs in `logs`."""

    def __init__(self, logs: Path, port: int, workers: int, extra=()):
        self.logs, self.port, self.workers, self.extra = Path(logs), port, workers, list(extra)
        self.logs.mkdir(parents=True, exist_ok=True)
        self.process = None

    def start(self) -> None:
        command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}",
                   "--workers", str(self.workers), *self.extra, "estimator.wsgi"]
        with open(self.logs / "stdout", "ab") as out, open(self.logs / "stderr", "ab") as err:
            # Its own process group, so that a kill takes the master and its workers at once.
            self.process = subprocess.Popen(command, cwd=ROOT, env=app_env(), stdout=out, stderr=err,
                                            start_new_session=True)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@contextlib.contextmanager
def gunicorn_instance(logs: Path, workers: int = 2, extra=()):
    """Yields the port of a started gunicorn instance; stops it afterwards (its logs then complete)."""
    collect_static()
    instance = Instance(logs, free_port(), workers, extra)
    instance.start()
    try:
        wait_for(instance.port)
        yield instance.port
    finally:
        instance.stop()


def nginx_config(directory: Path, listen: int, upstream_ports) -> str:
    """deploy/nginx/estimator.conf's http part (upstream, map, log format) with the given
    instance ports, and a server on loopback that includes deploy/nginx/estimator-proxy.conf (written
    beside the config, its /opt/estimator/ files read from this checkout)."""
    site = (DEPLOY / "estimator.conf").read_text()
    http_part = site[:site.index("\nserver {")]
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+ (.*);$", http_part, re.M)
    if len(servers) < 2:
        raise RuntimeError("deploy/nginx/estimator.conf: the upstream should list two or more instances")
    http_part = re.sub(r"^\s*server 127\.0\.0\.1:\d+ .*;\n", "", http_part, flags=re.M)
    upstream = "".join(f"    server 127.0.0.1:{port} {servers[0]};\n" for port in upstream_ports)
    http_part = http_part.replace("upstream estimator {\n", "upstream estimator {\n" + upstream)
    temp = "\n".join(f"    {kind}_temp_path {directory / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                                 "uwsgi", "scgi"))
    # The proxy snippet as deployed, its files read from this checkout instead of /opt/estimator.
    proxy = (DEPLOY / "estimator-proxy.conf").read_text().replace(INSTALLED, f"{ROOT}/")
    (directory / "estimator-proxy.conf").write_text(proxy)
    return f"""# written by bench/proxy.py from deploy/nginx/
worker_processes 1;
daemon off;
pid {directory / 'nginx.pid'};
error_log {directory / 'error.log'} crit;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
{temp}
{http_part}
server {{
    listen 127.0.0.1:{listen};
    access_log {directory / 'access.log'} estimator;
    error_log {directory / 'error.log'} crit;
    include {directory / 'estimator-proxy.conf'};
}}
}}
"""


@contextlib.contextmanager
def local_nginx(directory: Path, upstream_ports):
    """Yields the port of nginx running deploy/nginx/ in front of the given instances."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (directory / "nginx.conf").write_text(nginx_config(directory, port, upstream_ports))
    command = [NGINX, "-p", str(directory), "-e", str(directory / "error.log"), "-c", str(directory / "nginx.conf")]
    check = subprocess.run(command + ["-t", "-q"], capture_output=True, text=True, timeout=30)
    if check.returncode:
        raise RuntimeError(check.stderr)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("nginx did not start")
            time.sleep(0.05)
        yield port
    finally:
        process.terminate()          # nginx: fast shutdown
        process.wait(timeout=20)


# --- 1. slow clients -------------------------------------------------------------------

async def _slow_headers(port: int, stop: float) -> None:
    """One slowloris connection at a time: headers a line a second, reconnecting when dropped."""
    while time.monotonic() < stop:
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 2)
        except (OSError, asyncio.TimeoutError):
            await asyncio.sleep(0.5)
            continue
        try:
            writer.write(b"GET /?age=62 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            n = 0
            while time.monotonic() < stop and not reader.at_eof():
                await asyncio.sleep(1)
                n += 1
                writer.write(f"X-Slow-{n}: {n}\r\n".encode())
                await writer.drain()
        except OSError:
            pass
        finally:
            writer.close()


async def _slow_body(port: int, stop: float) -> None:
    """One POST at a time whose body comes a few bytes a second, reconnecting when dropped."""
    while time.monotonic() < stop:
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 2)
        except (OSError, asyncio.TimeoutError):
            await asyncio.sleep(0.5)
            continue
        try:
            writer.write(b"POST /api/estimate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 60000\r\n\r\n{\"city\": ")
            while time.monotonic() < stop and not reader.at_eof():
                await asyncio.sleep(1)
                writer.write(b"        ")
                await writer.drain()
        except OSError:
            pass
        finally:
            writer.close()


async def _checks(port: int, stop: float, every: float, results: list) -> None:
    """GET /healthz every `every` seconds, each on its own connection, 2 s at most each."""
    while time.monotonic() < stop:
        started = time.monotonic()
        ok = False
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 2)
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            line = await asyncio.wait_for(reader.readline(), 2 - (time.monotonic() - started))
            ok = line.startswith(b"HTTP/1.1 200")
            writer.close()
        except (OSError, asyncio.TimeoutError):
            pass
        results.append((ok, time.monotonic() - started))
        await asyncio.sleep(max(0.0, every - (time.monotonic() - started)))


def under_slow_clients(attack_port: int, check_port: int, seconds: float, kind: str, connections: int = 50) -> dict:
    async def run():
        stop = time.monotonic() + seconds
        results = []
        attacker = _slow_headers if kind == "headers" else _slow_body
        await asyncio.gather(*(attacker(attack_port, stop) for _ in range(connections)),
                             _checks(check_port, stop, 0.25, results))
        return results
    return summary(asyncio.run(run()))


def summary(results) -> dict:
    answered = [t for ok, t in results if ok]
    times = sorted(t for _, t in results)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else float("nan")
    return {"checks": len(results), "answered": len(answered), "p50": statistics.median(times) * 1000 if times else 0,
            "p99": p99 * 1000}


# --- 2. instance loss ------------------------------------------------------------------

def clients(port: int, path: str, threads: int, stop: threading.Event, log: list) -> list:
    """Threads asking for `path` over kept-alive connections; each answer logged as (time, ok)."""
    def loop():
        connection = None
        while not stop.is_set():
            at = time.monotonic()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                ok = False
                connection = None
            log.append((at, ok))
    workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for w in workers:
        w.start()
    return workers


def instance_loss(proxy_port: int, victim: Instance, seconds: float) -> dict:
    log, stop = [], threading.Event()
    threads = clients(proxy_port, RESULT, 8, stop, log)
    time.sleep(seconds)
    killed = time.monotonic()
    victim.kill()
    time.sleep(seconds)
    restarted = time.monotonic()
    victim.start()
    wait_for(victim.port)
    back = time.monotonic()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(timeout=15)

    def count(start, end):
        window = [ok for at, ok in log if start <= at < end]
        return len(window), window.count(False)
    return {"before": count(0, killed), "first second": count(killed, killed + 1),
            "after": count(killed + 1, restarted), "coming back": count(restarted, back),
            "back": count(back, float("inf")), "restart seconds": back - restarted}


# --- 3. throughput, 4. the slowest page -----------------------------------------------

def wrk(url: str, seconds: float, connections: int, gzip: bool = False) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "5s"]
    if gzip:
        command += ["-H", "Accept-Encoding: gzip"]
    out = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 30).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "errors": (int(errors.group(1)) if errors else 0) + (sum(map(int, sockets.groups())) if sockets else 0)}


def throughput(direct_port: int, proxy_port: int, seconds: float, rounds: int) -> dict:
    ratios, direct, proxied = [], [], []
    for _ in range(rounds):
        d = wrk(f"http://127.0.0.1:{direct_port}{RESULT}", seconds, 16)
        p = wrk(f"http://127.0.0.1:{proxy_port}{RESULT}", seconds, 16)
        direct.append(d["rps"])
        proxied.append(p["rps"])
        ratios.append(p["rps"] / d["rps"])
    compressed = wrk(f"http://127.0.0.1:{proxy_port}{RESULT}", seconds, 16, gzip=True)
    return {"direct": statistics.median(direct), "proxy": statistics.median(proxied),
            "ratio": statistics.median(ratios), "low": min(ratios), "high": max(ratios),
            "proxy gzip": compressed["rps"]}


def page_time(port: int, path: str, count: int = 20) -> float:
    times = []
    for _ in range(count):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        started = time.monotonic()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        times.append(time.monotonic() - started)
    return statistics.median(times) * 1000


def checks_while(port: int, seconds: float, load=None) -> dict:
    """/healthz latency on `port` for `seconds`, while `load()` (started in a thread) runs."""
    worker = threading.Thread(target=load, daemon=True) if load else None
    if worker:
        worker.start()
        time.sleep(0.5)

    async def run():
        results = []
        await _checks(port, time.monotonic() + seconds, 0.25, results)
        return results
    result = summary(asyncio.run(run()))
    if worker:
        worker.join(timeout=seconds + 40)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--slow", type=float, default=60, help="seconds of 50 slow-header connections (proxy)")
    parser.add_argument("--bodies", type=float, default=30, help="seconds of 50 slow-body connections (proxy)")
    parser.add_argument("--direct", type=float, default=10, help="seconds of slow headers straight to gunicorn")
    parser.add_argument("--loss", type=float, default=5,
                        help="seconds before the kill, after it, and after the restart")
    parser.add_argument("--seconds", type=float, default=5, help="seconds per throughput turn")
    parser.add_argument("--rounds", type=int, default=3, help="throughput turns, direct and proxy in turn")
    parser.add_argument("--worst", type=float, default=10, help="seconds of 16 slowest pages at once")
    parser.add_argument("--workers", type=int, default=2, help="workers per instance")
    args = parser.parse_args()
    for tool in ("wrk", NGINX):
        if not shutil.which(tool) and not os.path.exists(tool):
            sys.exit(f"{tool} is missing: apt-get install nginx-light wrk")
    collect_static()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        a = Instance(scratch / "a", free_port(), args.workers)
        b = Instance(scratch / "b", free_port(), args.workers)
        try:
            for instance in (a, b):
                instance.start()
            for instance in (a, b):
                wait_for(instance.port)
            with local_nginx(scratch / "nginx", [a.port, b.port]) as proxy:
                print(f"nginx (deploy/nginx/) in front of 2 gunicorn instances × {args.workers} sync workers, "
                      f"loopback, {os.cpu_count()} cores\n")
                for path in (RESULT, WORST):
                    wait_for(proxy, path)
                print("1. slow clients: /healthz 4 times a second (2 s at most each), 50 slow connections")
                for label, attack, check, seconds, kind in (
                        ("headers, straight to one gunicorn", a.port, a.port, args.direct, "headers"),
                        ("headers, through nginx", proxy, proxy, args.slow, "headers"),
                        ("bodies (POST), through nginx", proxy, proxy, args.bodies, "bodies")):
                    if seconds <= 0:
                        continue
                    if attack == a.port:
                        wait_for(a.port)
                    s = under_slow_clients(attack, check, seconds, kind)
                    print(f"   {label:34} {seconds:4.0f} s: {s['answered']}/{s['checks']} answered, "
                          f"p50 {s['p50']:.1f} ms, p99 {s['p99']:.1f} ms")
                # The direct attack leaves workers stuck for up to gunicorn's timeout: start afresh.
                a.stop()
                a.start()
                wait_for(a.port)
                wait_for(proxy, RESULT)

                print("\n2. instance loss: 8 clients on the result page through nginx; "
                      "one instance killed, then started again")
                access = scratch / "nginx" / "access.log"
                start = access.stat().st_size
                loss = instance_loss(proxy, b, args.loss)
                with access.open() as log:
                    log.seek(start)
                    # "upstream=A, B/502, 200/…": nginx tried one instance, then the next
                    retried = sum(1 for line in log if re.search(r"upstream=\S+, ", line))
                for window in ("before", "first second", "after", "coming back", "back"):
                    total, lost = loss[window]
                    print(f"   {window:13} {total:6d} requests, {lost} lost")
                print(f"   (the instance took {loss['restart seconds']:.1f} s to answer again; "
                      f"{retried} requests were passed on to the other instance by nginx)")

                print("\n3. throughput of the result page, wrk 2 threads × 16 connections, turns of "
                      f"{args.seconds:.0f} s × {args.rounds}")
                t = throughput(a.port, proxy, args.seconds, args.rounds)
                print(f"   straight to one instance {t['direct']:7.0f} req/s; through nginx (both instances) "
                      f"{t['proxy']:7.0f} req/s; ratio {t['ratio']:.2f} ({t['low']:.2f}–{t['high']:.2f})")
                print(f"   through nginx with Accept-Encoding: gzip (nginx compresses): {t['proxy gzip']:.0f} req/s")

                if args.worst > 0:
                    print("\n4. the slowest page: a result with 500 visit entries (the engine's limit)")
                    print(f"   alone: {page_time(a.port, WORST):.0f} ms (median of 20), the usual result page "
                          f"{page_time(a.port, RESULT):.1f} ms")
                    for label, port in (("straight to one instance", a.port), ("through nginx", proxy)):
                        idle = checks_while(port, 3)
                        busy = checks_while(port, args.worst,
                                            lambda p=port: wrk(f"http://127.0.0.1:{p}{WORST}", args.worst, 16))
                        print(f"   /healthz {label:25}: idle p50 {idle['p50']:.1f} ms; with 16 slowest pages at once "
                              f"{busy['answered']}/{busy['checks']} answered, p50 {busy['p50']:.0f} ms, "
                              f"p99 {busy['p99']:.0f} ms")
        finally:
            a.stop()
            b.stop()
        # Every query string this bench sends holds "age=".
        app_logs = [instance.logs / name for instance in (a, b) for name in ("stdout", "stderr")]
        for label, files in (("nginx's logs", (scratch / "nginx").glob("*.log")),
                             ("gunicorn's and Django's logs", app_logs)):
            text = "".join(f.read_text(errors="replace") for f in files)
            print(f"{'' if 'gunicorn' in label else chr(10)}{label}: {text.count(chr(10))} lines, "
                  f"{len(re.findall(r'[?&]age=', text))} with a query string")


if __name__ == "__main__":
    main()
