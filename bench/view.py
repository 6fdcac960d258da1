"""The views' own Python work around the template, per request, in process; ratios in one run.

    python bench/view.py                  # this tree
    python bench/view.py --against REV    # also the tree as it was at git revision REV, same run

What the engineers of issue 12 split the result page into, without the template render and
without the engine (policies.run and parse_scenario) or the break-even search, which are timed
and taken out:

  journey   Journey + checking the earlier steps' forms, up to the estimate
  context   result_context + check_rows
  question  the question page /person?city=chongqing: the view's work before render (reading the
            request's query included)

journey and context for the realistic result page (a Chongqing retiree, 10 primary + 3 secondary
visits) and for the same person's year in 500 visit blocks (bench/pages.py blocks_url). For
scale, "plain Django forms": as many plain Django forms and fields (CharFields, declared on the
class) as the realistic page checks, bound to the same answers and checked: what Django's form
machinery alone costs, whatever the project's own code does.

Times are CPU time of this process, median of batches; compare them within one run only. With
--against, each tree runs in its own process, taking turns, so both are measured side by side.
"""
import argparse
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
REALISTIC = ("/result?age=62&c_primary=120&c_secondary=650&city=chongqing&credit_before=2525"
             "&n_primary=10&n_secondary=3&status=retired")
QUESTION = "/person?city=chongqing"
GOALS_US = {"journey": 150, "context": 150, "question": 100}


# bench/pages.py has the same URL and a stopwatch of its own, but importing it sets Django up
# from whatever tree comes first on the path; each tree here runs alone in its own process.
def blocks_url(blocks: int) -> str:
    """The same realistic retiree as bench/pages.py, in `blocks` visit blocks."""
    primary, secondary = (blocks + 1) // 2, blocks // 2
    query = f"age=62&c_primary=120&city=chongqing&credit_before=2525&n_primary={primary}&status=retired"
    if secondary:
        query += f"&c_secondary=650&n_secondary={secondary}"
    return "/result?" + query


class Stopwatch:
    """Adds up the time spent in one function, in every module of `modules` that imported it."""

    def __init__(self, name: str, owner, modules):
        self.spent = 0.0
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent += time.process_time() - start
        self.places = [m for m in modules if getattr(m, name, None) is inner]
        for m in self.places:
            setattr(m, name, timed)


def measure(root: Path, seconds: float) -> dict:
    """µs per request of each part, in the tree at `root` (run in its own process)."""
    sys.path.insert(0, str(root))
    os.chdir(root)
    os.environ["DJANGO_SETTINGS_MODULE"] = "estimator.settings"
    for name in [k for k in os.environ if k.startswith("DJANGO_") and k != "DJANGO_SETTINGS_MODULE"]:
        del os.environ[name]
    import django
    django.setup()
    from django.test import RequestFactory
    from django.utils import translation

    import policies
    import policies.breakeven
    from estimator import journey as journey_module
    from estimator import presenters, views

    modules = [m for k, m in sys.modules.items() if k.startswith("estimator") and m is not None]
    engine = [Stopwatch("run", policies, modules), Stopwatch("parse_scenario", policies, modules)]
    search = [Stopwatch("break_even", policies.breakeven, modules)]
    views.page = lambda request, template, context: context      # the render is not this bench's
    translation.activate("zh-hans")
    factory = RequestFactory()

    def parts(url: str):
        request = factory.get(url)
        request.htmx = False
        absolute = request.build_absolute_uri()

        def journey():
            j = journey_module.Journey(request.GET, "zh")
            assert views.unfinished(j, "result") is None
            j.estimate
            return j

        def context(j):
            c = presenters.result_context(j, absolute)
            c["answers"] = presenters.check_rows(j)
        return journey, context

    def request_for_question():
        request = factory.get(QUESTION)        # the request, as the handler gives it (its query not yet read)
        request.htmx = False
        return request

    def question(request):
        views.question(request, "person")

    def per_call(fn, taken_out, made=None) -> float:
        """CPU µs per call of fn (given a fresh made() each call, made untimed), less the time taken out."""
        args = (lambda n: [(made(),) for _ in range(n)]) if made else (lambda n: [()] * n)
        fn(*args(1)[0])
        clock = time.process_time
        start = clock()
        fn(*args(1)[0])
        batch = max(1, int(seconds / 50 / max(clock() - start, 1e-6)))
        samples, deadline = [], clock() + seconds
        while clock() < deadline or len(samples) < 5:
            given = args(batch)
            for w in taken_out:
                w.spent = 0.0
            start = clock()
            for a in given:
                fn(*a)
            samples.append((clock() - start - sum(w.spent for w in taken_out)) / batch)
        return statistics.median(samples) * 1e6

    out = {}
    for label, url in (("", REALISTIC), ("500 blocks ", blocks_url(500))):
        journey, context = parts(url)
        out[f"{label}journey"] = per_call(journey, engine)
        out[f"{label}context"] = per_call(context, engine + search, made=journey)
    out["question"] = per_call(question, [], made=request_for_question)
    out["plain Django forms"] = per_call(plain_forms(url=REALISTIC), [])
    return out


def plain_forms(url: str):
    """For scale: Django's own cost of the realistic result page's form checks, with nothing of ours.

    As many plain forms and fields as the page checks (a CharField for each of its questions),
    declared on the class as Django's documentation writes them, bound to the same answers."""
    from django import forms
    from django.test import RequestFactory

    from estimator.journey import Journey
    query = RequestFactory().get(url).GET
    journey = Journey(query, "zh")
    classes = [type(f"Plain{step.title()}Form", (forms.Form,),
                    {q.key: forms.CharField(required=False) for q in journey.questions(step)})
               for step in journey.steps if step != "city"]
    data = journey.answers.values
    return lambda: [cls(data).is_valid() for cls in classes]


def checkout(rev: str) -> Path:
    """The tree at `rev` in a temporary directory, with this tree's compiled translations and static files."""
    root = HERE.parents[1]
    where = Path(tempfile.mkdtemp(prefix="view-bench-"))
    archive = subprocess.run(["git", "archive", rev], cwd=root, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    for mo in root.glob("locale/*/LC_MESSAGES/*.mo"):
        shutil.copy(mo, where / mo.relative_to(root))
    if (root / "staticfiles").exists():
        (where / "staticfiles").symlink_to(root / "staticfiles")
    return where


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", metavar="REV", help="also time the tree as it was at this git revision")
    parser.add_argument("--seconds", type=float, default=0.5, help="time spent on each measurement")
    parser.add_argument("--rounds", type=int, default=3, help="turns each tree takes (with --against)")
    parser.add_argument("--root", help=argparse.SUPPRESS)           # one tree's measurement, as JSON
    args = parser.parse_args()
    if args.root:
        print(json.dumps(measure(Path(args.root), args.seconds)))
        return
    trees = {"now": HERE.parents[1]}
    if args.against:
        trees = {args.against: checkout(args.against), **trees}
    results = {label: [] for label in trees}
    try:
        for _ in range(args.rounds if args.against else 1):
            for label, root in trees.items():
                run = subprocess.run([sys.executable, str(HERE), "--root", str(root), "--seconds", str(args.seconds)],
                                     check=True, capture_output=True, text=True)
                results[label].append(json.loads(run.stdout))
    finally:
        for label, root in trees.items():
            if label != "now":
                shutil.rmtree(root)
    print("µs per request (CPU, median), the engine, break-even search and template render taken out\n")
    heads = "".join(f"{label:>14}" for label in trees)
    print(f"{'part':22}{heads}{'then ÷ now':>12}{'goal':>8}" if args.against else f"{'part':22}{heads}{'goal':>8}")
    for part in results["now"][0]:
        cells = {label: min(r[part] for r in rows) for label, rows in results.items()}
        text = "".join(f"{v:14.0f}" for v in cells.values())
        if args.against:
            text += f"{cells[args.against] / cells['now']:11.1f}×"
        goal = GOALS_US.get(part)
        print(f"{part:22}{text}{f'≤ {goal}' if goal else '':>8}")


if __name__ == "__main__":
    main()
