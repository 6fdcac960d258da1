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
from .family import Citations, family_json
from .lookup import SUPPLIED, PoolingRules, reform_start, reform_start_year
from .messages import say
from .money import as_text
from .scenario import ScenarioError
from .steps import Notes, source_text
from .timeline import months_of_visits, table_years
from .values import CityName, Money, Month, show_args


@dataclass
class YearRow:
    year: int
    regime: str                      # "before" or "after"
    column: Column | None = None
    notes: Notes | None = None
    rules: PoolingRules | None = None     # the after-reform pooling figures the year used (what a change cites)
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
    start_unknown = city.start_month is None and sc.overrides.get("reform_start_month", {}).get(None) is None
    for year in years[1:]:
        row = YearRow(year, "after")
        rows.append(row)
        if year == city.start_year and sc.start_month > 1:
            row.from_month = sc.start_month
        if year == sc.year:
            row.column, row.notes, row.rules = est.after, est.notes, est.rules
            continue
        if year == city.start_year and start_unknown:
            row.problems = {"params.reform_start_month": [("year_start_unknown", {
                "city": CityName(city), "start": year, "next": year + 1})]}
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
        row.column, row.notes, row.rules = other.after, other.notes, other.rules
    rows[-1].steady = True
    return rows


# ---- the JSON shape ----------------------------------------------------------------------

def rule_changes(sc, rows: list[YearRow], i: int) -> list[tuple[str, object, dict]]:
    """What changes in row i compared with the row before it: (message key, what it cites, typed args)."""
    city, row = sc.city, rows[i]
    out = []

    def add(key, source="", **args):
        out.append((key, source, args))

    start = reform_start_year(city)
    start_unknown = "params.reform_start_month" in rows[1].problems if len(rows) > 1 else False
    if row.year == city.start_year:
        if start_unknown:           # the sources give the year, not the month: the row says it cannot be worked out
            add("year_reform_starts_month_unknown", start, year=row.year)
        elif row.from_month:
            add("year_reform_starts", start, year=row.year, month=Month(row.from_month))
        else:
            add("year_reform_starts_jan", start, year=row.year)
    elif i >= 2 and (rows[i - 1].from_month or (i == 2 and start_unknown)):
        add("year_full_year", start, year=row.year)
    prev = rows[i - 1].column if i else None
    col = row.column
    if prev is not None and col is not None:
        if col.account_credit != prev.account_credit:
            add("year_credit_changes", _credit_sources(sc, row.year), before=Money(prev.account_credit),
                after=Money(col.account_credit))
        if col.cap is not None and prev.cap is not None and col.cap != prev.cap:
            cited = [row.rules.cap_source] if row.rules else []
            if row.rules is not None and row.rules.cap_share_source is not None:
                cited.append(row.rules.cap_share_source)
            add("year_cap_changes", _cited(cited), before=Money(prev.cap), after=Money(col.cap))
        if not out and all(getattr(col, k) == getattr(prev, k) for k in
                           ("account_credit", "fund_paid", "account_paid", "cash_paid", "account_balance")):
            add("year_same")
    if row.spread_new is not None:
        add("year_months_spread", reform_start(city), year=row.year, month=Month(row.from_month), new=row.spread_new)
    if row.steady and row.regime == "after":
        add("year_steady", year=row.year)
    return out


def _cited(items: list):
    """One source for a sentence: the person's figure, or the dated values and rules it rests on."""
    if not items or any(i == SUPPLIED for i in items):
        return SUPPLIED if items else ""
    return Citations(tuple(items))


def _credit_sources(sc, year: int):
    if year in sc.credit_by_year or (year == sc.year and sc.credit_after is not None):
        return SUPPLIED
    rules = sc.city.credit_rules_by_month(sc.status, sc.enrolment, year)
    return _cited([r for r in dict.fromkeys(rules) if r is not None])


def years_json(rows: list[YearRow], main: dict | None = None) -> list[dict]:
    """The optional `years` field of the result: one entry per year, oldest first.

    Each entry: year, regime, from_month, steady, columns (the Q&A's six, or null),
    details, family (when the scenario has family spending), changes [{text, source}],
    steps (that year's own), warnings (those the main result does not already give),
    problems ({field: [message]}, when the year cannot be worked out).
    """
    from .result import COLUMNS
    sc = rows[0].notes.sc
    lang = sc.lang
    out = []
    for i, row in enumerate(rows):
        changes = [{"text": say(key, lang, **show_args(args, lang)), "source": source_text(source, lang)}
                   for key, source, args in rule_changes(sc, rows, i)]
        entry = {"year": row.year, "regime": row.regime, "from_month": row.from_month, "steady": row.steady,
                 "columns": None, "details": None, "changes": changes, "steps": [], "warnings": [],
                 "problems": {}}
        out.append(entry)
        if row.column is None:
            entry["problems"] = ScenarioError(row.problems).messages(lang)
            continue
        col = row.column
        entry["columns"] = {name: as_text(getattr(col, name)) for name in COLUMNS}
        entry["details"] = {"pooled_paid": as_text(col.pooled_paid), "other_scheme_paid": as_text(col.other_paid),
                            "deductible_used": as_text(col.deductible_used),
                            "cap": None if col.cap is None else as_text(col.cap), "cap_reached": col.cap_reached}
        if col.family is not None:
            entry["family"] = family_json(col.family, col.cash_paid)
        steps, warnings = row.notes.render(lang)
        entry["steps"] = [s for s in steps if s["regime"] == row.regime]
        entry["warnings"] = [w for w in warnings if main is None or w not in main["warnings"]]
    return out
