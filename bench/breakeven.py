"""Time the break-even (search and chart points) as a person's visit blocks grow; ratios in one run.

    python bench/breakeven.py                  # this tree's break_even
    python bench/breakeven.py --against REV    # also break_even as it was at git revision REV, same run

Each row is one person's year written as 1, 10, 50, 200 or 500 blocks of visits (the
form's limit is 500), in three cities whose deductibles work differently: Chongqing (one
yearly deductible), Zaozhuang (a deductible topped up by level, away visits paying 10%
first) and Henan's draft (a deductible per visit). Their blocks are all different. "page" is
the realistic result page's year: a Chongqing retiree with 10 primary and 3 secondary visits;
"spread" rows are that retiree's year as the web form writes many visits (bench/pages.py
blocks_url): two kinds of visit, one visit a block, alternating. That is the harder year
for a search over blocks: 250 identical visits move together as the total is scaled, so
one fen of the total moves pooling by up to 250 × the ratio, where random blocks move it
by a few fen (policies.breakeven settles such a year kind by kind).

Goal (issue 12): 500 blocks well under 5 ms, and the time growing no faster than the
blocks (the last column: µs per block should not rise). Times are per call within one
run; compare them with each other, not with another machine.
"""
import argparse
import importlib
import random
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policies import parse_scenario, run  # noqa: E402

BLOCKS = (1, 10, 50, 200, 500)
CITIES = {
    "chongqing": {"status": "retired", "age": 62, "account_credit_before": "2525"},
    "zaozhuang": {"status": "in_service", "age": 40, "monthly_base": "5000", "account_credit_before": "3000"},
    "henan-draft": {"status": "retired", "age": 65, "account_credit_before": "1000", "account_credit_after": "800"},
}
PAGE = {"city": "chongqing", "status": "retired", "age": 62, "account_credit_before": "2525",
        "visits": [{"level": "primary", "cost": "120", "count": 10}, {"level": "secondary", "cost": "450", "count": 3}]}


def spread(blocks: int) -> dict:
    """The realistic retiree's visits as the web form spreads them (bench/pages.py blocks_url):
    primary at 120 and secondary at 650 alternating, one visit a block."""
    kinds = ({"level": "primary", "cost": "120", "count": 1}, {"level": "secondary", "cost": "650", "count": 1})
    return dict(PAGE, visits=[dict(kinds[i % 2]) for i in range(blocks)])


def year(city_id: str, blocks: int, rng: random.Random) -> dict:
    """A year of `blocks` blocks: mixed levels, costs to the fen, some special-scheme and away visits."""
    from policies import load_cities
    city = load_cities()[city_id]
    visits = []
    for i in range(blocks):
        cost = rng.randint(2000, 80000)
        visit = {"level": rng.choice(city.levels), "cost": f"{cost / 100:.2f}", "count": rng.randint(1, 6)}
        if i % 5 == 4:
            visit["other_scheme_paid"] = f"{rng.randint(0, cost) / 100:.2f}"
        if i % 7 == 6 and city.params["away"].value != "not_in_source":
            visit["away"] = True
        visits.append(visit)
    return {"city": city_id, "visits": visits, **CITIES[city_id]}


def per_call(fn, arg, seconds: float) -> float:
    """Median CPU seconds per call over batches sized to take about a hundredth of `seconds` each.

    CPU time of this process, not wall time: the machine is shared, and time spent waiting
    for a core is not the code's."""
    clock = time.process_time
    start = clock()
    fn(arg)
    once = max(clock() - start, 1e-6)
    batch = max(1, int(seconds / 100 / once))
    samples, deadline = [], clock() + seconds
    while clock() < deadline or len(samples) < 5:
        start = clock()
        for _ in range(batch):
            fn(arg)
        samples.append((clock() - start) / batch)
    return statistics.median(samples)


def at_revision(rev: str):
    """policies/breakeven.py as it was at a git revision, loaded beside today's (same engine)."""
    source = subprocess.run(["git", "show", f"{rev}:policies/breakeven.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    name = f"policies._breakeven_{rev.replace('-', '_').replace('.', '_')}"
    module = types.ModuleType(name)
    module.__package__ = "policies"
    module.__file__ = f"{rev}:policies/breakeven.py"
    sys.modules[name] = module          # dataclasses look their module up while the class is made
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module.break_even


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", metavar="REV", help="also time break_even as it was at this git revision")
    parser.add_argument("--seconds", type=float, default=0.4, help="time spent on each measurement")
    args = parser.parse_args()
    versions = {"now": importlib.import_module("policies.breakeven").break_even}
    if args.against:
        versions = {args.against: at_revision(args.against), **versions}
    rng = random.Random(12)
    rows = [("page", "chongqing", run(parse_scenario(PAGE)))]
    rows += [(str(n), city_id, run(parse_scenario(year(city_id, n, rng)))) for city_id in CITIES for n in BLOCKS]
    rows += [(str(n), "spread", run(parse_scenario(spread(n)))) for n in BLOCKS]

    heads = "".join(f"{label:>14}" for label in versions)
    extra = f"{'then ÷ now':>11}" if len(versions) == 2 else ""
    print(f"break_even (search + chart points): µs per call, and µs per block for this tree\n")
    print(f"{'city':12} {'blocks':>6}{heads}{extra} {'µs/block':>9}")
    for blocks, city_id, est in rows:
        times = {label: per_call(fn, est, args.seconds) for label, fn in versions.items()}
        cells = "".join(f"{t * 1e6:14.0f}" for t in times.values())
        ratio = f"{times[args.against] / times['now']:10.1f}×" if len(versions) == 2 else ""
        per_block = times["now"] * 1e6 / len(est.scenario.visits)
        print(f"{city_id:12} {blocks:>6}{cells}{ratio} {per_block:9.1f}")


if __name__ == "__main__":
    main()
