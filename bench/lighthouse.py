"""Lighthouse (mobile) on the start page, a question page and the result page (issue 5).

Needs Node.js and the lighthouse npm package (not a project dependency; not run in CI):

    npm install --prefix /tmp/lh lighthouse@12
    python bench/lighthouse.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse

Uses Debian's chromium; goals: performance ≥ 0.98, accessibility 1.00, best practices 1.00.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import RESULT  # noqa: E402
from server import serve  # noqa: E402

PAGES = {"start": "/", "question": "/person?city=chongqing", "result": RESULT}
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " \
        "--disable-component-update --disable-sync"
GOALS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lighthouse", default="lighthouse")
    args = parser.parse_args()
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    with serve(2) as (base, _), tempfile.TemporaryDirectory() as scratch:
        print(f"{'page':10} {'perf':>6} {'a11y':>6} {'best':>6}  LCP ms  CLS   TBT ms")
        for name, path in PAGES.items():
            out = Path(scratch) / f"{name}.json"
            subprocess.run([args.lighthouse, base + path, "--quiet", "--output=json", f"--output-path={out}",
                            "--only-categories=performance,accessibility,best-practices",
                            f"--chrome-flags={FLAGS}"], env=env, check=True, timeout=180)
            report = json.loads(out.read_text())
            score = {k: report["categories"][k]["score"] for k in GOALS}
            audits = report["audits"]
            print(f"{name:10} {score['performance']:6.2f} {score['accessibility']:6.2f} {score['best-practices']:6.2f}"
                  f"  {audits['largest-contentful-paint']['numericValue']:6.0f}"
                  f"  {audits['cumulative-layout-shift']['numericValue']:.3f}"
                  f"  {audits['total-blocking-time']['numericValue']:6.0f}")
            failed = [a["title"] for a in audits.values()
                      if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
            if failed:
                print("   not passed:", "; ".join(failed[:6]))


if __name__ == "__main__":
    main()
