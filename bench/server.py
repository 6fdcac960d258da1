"""Start the site under gunicorn on a free loopback port, for the benchmarks."""
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(workers: int = 2, root: Path = ROOT):
    """Yields (base URL, gunicorn process) with production settings and collected static files, serving
    the tree at `root` (this one unless given)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=root, env=env, check=True)
    port = free_port()
    env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS=str(workers))
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile",
                                   "/dev/null", "estimator.wsgi"], cwd=root, env=env, stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            yield base, server
        finally:
            server.terminate()
            server.wait(timeout=20)
