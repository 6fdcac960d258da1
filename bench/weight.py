"""Page weight of a first visit (issue 5): the result page and everything it loads, as
transferred with compression, against the 50 KB budget; and the static files' caching."""
import re
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import RESULT  # noqa: E402
from server import serve  # noqa: E402

BUDGET = 50 * 1024


def fetch(url: str):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        head = sum(len(k) + len(v) + 4 for k, v in response.getheaders()) + 20
        return body, head, response.headers


def main():
    with serve(1) as (base, _):
        html, head, headers = fetch(base + RESULT)
        rows = [(RESULT[:40] + "…", len(html), head, headers.get("Content-Encoding", "none"), "")]
        import gzip
        text = gzip.decompress(html).decode() if headers.get("Content-Encoding") == "gzip" else html.decode()
        for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', text):
            body, head, h = fetch(base + asset)
            rows.append((asset, len(body), head, h.get("Content-Encoding", "none"), h.get("Cache-Control", "")))
        total = sum(r[1] + r[2] for r in rows)
        print(f"{'resource':48} {'body B':>8} {'head B':>7} {'encoding':>9}  cache")
        for name, body, head, encoding, cache in rows:
            print(f"{name:48} {body:8d} {head:7d} {encoding:>9}  {cache}")
        print(f"\nfirst visit, everything included: {total / 1024:.1f} KB "
              f"(budget {BUDGET // 1024} KB: {'met' if total <= BUDGET else 'NOT met'})")


if __name__ == "__main__":
    main()
