"""The reform year by year: the same person's Q&A columns in every year its rules differ.

From the last year before the reform to the first year in which nothing changes any
more (policies.timeline.steady_year), each year worked out by the engine's own run()
with that year's rules. The person, the visits, the family's spending and the opening
balance are the same in every year (like the main table, the years are not chained);
the year the person asked about is the main estimate's own column.

In the reform's first year, when it starts mid-year, visits need a month (the scenario
check asks for them when that is the main year). Here, visits without one are spread
evenly over the year (policies.timeline.spread_month) and the row says so.

A year that cannot be worked out (a figure no source gives) gets `problems` naming the
field to give (account_credit_by_year.<year> or params.<name>), not an error for the
whole result.
"""
from dataclasses import dataclass, field, replace

from .engine import Column, Estimate, run
from .family import family_json
from .messages import say
from .money import as_text, grouped
from .scenario import ScenarioError
from .steps import Notes
from .timeline import months_of_visits, table_years


@dataclass
class YearRow:
    year: int
    regime: str                      # "before" or "after"
    column: Column | None = None
    notes: Notes | None = None
    problems: dict = field(default_factory=dict)     # field -> [(message key, args)]
    from_month: int | None = None    # the reform's first year, when it starts after January
    spread_new: int | None = None    # visits spread over the year: how many fell after the start
    steady: bool = False


def _with_months(sc, year: int):
    """The scenario with every visit dated, spread evenly where the person gave no month."""
    visits, new = [], 0
    for v, parts in zip(sc.visits, months_of_visits(sc.visits)):
        for month, n in parts:
            visits.append(replace(v, count=n, month=month))
            if month >= sc.start_month:
                new += n
    return replace(sc, year=year, visits=visits), new


def year_by_year(sc, est: Estimate) -> list[YearRow]:
    """Every year of the table for a checked scenario whose main estimate `est` is already worked out."""
    city = sc.city
    years = table_years(city)
    rows = [YearRow(years[0], "before", est.before, est.notes)]
    for year in years[1:]:
        row = YearRow(year, "after")
        rows.append(row)
        if year == city.start_year and sc.start_month > 1:
            row.from_month = sc.start_month
        if year == sc.year:
            row.column, row.notes = est.after, est.notes
            continue
        if year == city.start_year and sc.params.get("reform_start_month", city.start_month) is None:
            row.problems = {"params.reform_start_month": [("year_start_unknown", {
                "city": city.name(sc.lang), "start": year, "next": year + 1})]}
            continue
        this = replace(sc, year=year, credit_after=sc.credit_by_year.get(year))
        if row.from_month and any(v.month is None for v in sc.visits):
            this, row.spread_new = _with_months(this, year)
        try:
            other = run(this)
        except ScenarioError as error:
            row.problems = {("account_credit_by_year." + str(year) if f == "account_credit_after" else f): items
                            for f, items in error.problems.items()}
            continue
        row.column, row.notes = other.after, other.notes
    rows[-1].steady = True
    return rows


# ---- the JSON shape ----------------------------------------------------------------------

def _changes(sc, rows: list[YearRow], i: int) -> list[dict]:
    """What changes in row i compared with the row before it, each with its source."""
    lang, city, row = sc.lang, sc.city, rows[i]
    params = city.params
    out = []

    def add(key, source="", **args):
        out.append({"text": say(key, lang, **args), "source": source})

    start = params["reform_start_year"].cite()
    if row.year == city.start_year:
        if row.from_month:
            add("year_reform_starts", start, year=row.year, month=row.from_month)
        else:
            add("year_reform_starts_jan", start, year=row.year)
    elif i >= 2 and rows[i - 1].from_month:
        add("year_full_year", start, year=row.year)
    prev = rows[i - 1].column if i else None
    col = row.column
    if prev is not None and col is not None:
        if col.account_credit != prev.account_credit:
            add("year_credit_changes", _credit_sources(sc, row.year), before=grouped(prev.account_credit),
                after=grouped(col.account_credit))
        if col.cap is not None and prev.cap is not None and col.cap != prev.cap:
            cap = params[city.cap_name(sc.status, sc.enrolment)].cite()
            share = params.get("cap_share_in_start_year")
            add("year_cap_changes", cap + ("；" + share.cite() if share else ""), before=grouped(prev.cap),
                after=grouped(col.cap))
        if not out and all(getattr(col, k) == getattr(prev, k) for k in
                           ("account_credit", "fund_paid", "account_paid", "cash_paid", "account_balance")):
            add("year_same")
    if row.spread_new is not None:
        add("year_months_spread", params["reform_start_month"].cite(), year=row.year, month=row.from_month,
            new=row.spread_new)
    if row.steady and row.regime == "after":
        add("year_steady", year=row.year)
    return out


def _credit_sources(sc, year: int) -> str:
    if year in sc.credit_by_year or (year == sc.year and sc.credit_after is not None):
        return say("source_supplied", sc.lang)
    rules = sc.city.credit_rules_by_month("after", sc.status, sc.enrolment, year)
    return "；".join(dict.fromkeys(r.cite() for r in rules if r is not None))


def years_json(rows: list[YearRow], main: dict | None = None) -> list[dict]:
    """The optional `years` field of the result: one entry per year, oldest first.

    Each entry: year, regime, from_month, steady, columns (the Q&A's six, or null),
    details, family (when the scenario has family spending), changes [{text, source}],
    steps (that year's own), warnings (those the main result does not already give),
    problems ({field: [message]}, when the year cannot be worked out).
    """
    from .result import COLUMNS
    sc = rows[0].notes.sc
    out = []
    for i, row in enumerate(rows):
        entry = {"year": row.year, "regime": row.regime, "from_month": row.from_month, "steady": row.steady,
                 "columns": None, "details": None, "changes": _changes(sc, rows, i), "steps": [], "warnings": [],
                 "problems": {}}
        out.append(entry)
        if row.column is None:
            entry["problems"] = {f: [say(k, sc.lang, **a) for k, a in items] for f, items in row.problems.items()}
            continue
        col = row.column
        entry["columns"] = {name: as_text(getattr(col, name)) for name in COLUMNS}
        entry["details"] = {"pooled_paid": as_text(col.pooled_paid), "other_scheme_paid": as_text(col.other_paid),
                            "deductible_used": as_text(col.deductible_used), "cap": None if col.cap is None else as_text(col.cap), "cap_reached": col.cap_reached}
        if col.family is not None:
            entry["family"] = family_json(col.family, col.cash_paid)
        steps, warnings = row.notes.render(sc.lang)
        entry["steps"] = [s for s in steps if s["regime"] == row.regime]
        entry["warnings"] = [w for w in warnings if main is None or w not in main["warnings"]]
    return out
