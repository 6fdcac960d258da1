"""The result's simple version (view=simple) against the full result, in process, for the same answers.

    python bench/simple.py                 # CPU time per request, median of 5 rounds, the two taking turns
    python bench/simple.py --count 500 --rounds 3

The simple version works out only what it shows (no break-even search, no steps' sentences, no year
table), so it should take a fraction of the full page's time. Each round measures every page once, the
full and the simple version one after the other, so the ratios compare measurements taken side by side
(others share this machine). Times are per request within one run; compare them with each other only.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402  (sets up Django for this tree, as bench/pages.py runs it)
from load import REALISTIC  # noqa: E402

CASES = {
    "realistic Chongqing retiree (issue 12)": REALISTIC,
    "Zaozhuang retiree with family, large text (the tester's)": (
        "/en/result?city=zaozhuang&status=retired&age=65&credit_before=2400&credit_after=1800&n_primary=12"
        "&c_primary=100&n_secondary=2&c_secondary=800&fam_med=800&size=large"),
    "Zhenjiang retiree, year table and serious illness": (
        "/result?city=zhenjiang&status=retired&age=70&pension=4000&n_tertiary=20&c_tertiary=1500"),
    "realistic page, 500 visit blocks": pages.blocks_url(500),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000, help="requests per measurement")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    clock = time.process_time
    pages.CLOCK = clock
    times = {(name, version): [] for name in CASES for version in ("full", "simple")}
    for _ in range(args.rounds):
        for name, url in CASES.items():
            for version, link in (("full", url), ("simple", url + "&view=simple")):
                count = args.count if "500" not in name else max(20, args.count // 20)
                times[name, version].append(pages.per_request("GET", link, count))
    print(f"CPU time per request, median of {args.rounds} rounds (full and simple taking turns)")
    print(f"{'page':58}{'full':>10}{'simple':>10}{'simple ÷ full':>15}")
    for name in CASES:
        full, simple = (statistics.median(times[name, v]) for v in ("full", "simple"))
        print(f"{name:58}{full * 1e6:8.0f}µs{simple * 1e6:8.0f}µs{simple / full:15.2f}")


if __name__ == "__main__":
    main()
