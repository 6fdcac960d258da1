"""Simulate one person's calendar year of outpatient visits, before and after the reform.

The same function serves the CLI, the JSON API and the web pages. Visits are taken in
calendar order; a block of `count` identical visits is settled in a few closed-form
segments (inside the deductible, paying, at the cap) rather than visit by visit.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .family import FamilyColumn, settle as settle_family
from .messages import say
from .model import CreditRule
from .money import ZERO, to_fen
from .scenario import Scenario, ScenarioError, Visit, parse_scenario
from .steps import Notes


SUPPLIED = "@supplied"   # rendered as "本人提供" / "supplied by you"


class _Missing(Exception):
    pass


@dataclass
class Column:
    """One row of the Q&A table: what happened to the money in one year."""
    account_credit: Decimal = ZERO
    total_cost: Decimal = ZERO
    fund_paid: Decimal = ZERO
    account_paid: Decimal = ZERO
    cash_paid: Decimal = ZERO
    account_balance: Decimal = ZERO
    pooled_paid: Decimal = ZERO      # the part of fund_paid that general outpatient pooling paid
    other_paid: Decimal = ZERO       # the part that the 两病/特病/国谈药 schemes paid
    deductible_used: Decimal = ZERO
    cap: Decimal | None = None
    cap_reached: bool = False
    family: "FamilyColumn | None" = None   # the family's use of the account, when the scenario has any


@dataclass
class PoolingRules:
    """The after-reform figures this person's visits need, looked up once."""
    kind: str
    annual_deductible: Decimal = ZERO
    level_deductible: dict = field(default_factory=dict)
    visit_deductible: dict = field(default_factory=dict)
    ratio: dict = field(default_factory=dict)
    cap: Decimal = ZERO
    away_first: Decimal | None = None


class Figures:
    """Parameters with the person's overrides on top; records which unknown ones were needed."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.missing: dict[str, list] = {}

    def get(self, name: str):
        value = self.scenario.figure(name)
        if value is None:
            param = self.scenario.city.params[name]
            self.missing.setdefault(f"params.{name}", []).append(("figure_missing", {"why": param.cite()}))
        return value


# ---- account credit -----------------------------------------------------------

def _month_plan(sc: Scenario, year: int, regime: str) -> list[tuple[int, str, int]]:
    """(month, regime, age) for each month of the year; the reform's start month splits it."""
    start_month = sc.start_month
    plan = []
    for month in range(1, 13):
        in_force = regime == "after" and (year > sc.city.start_year or month >= start_month)
        age = sc.age + (1 if sc.birth_month and month >= sc.birth_month else 0)
        plan.append((month, "after" if in_force else "before", age))
    return plan


def _monthly_amount(sc, rule: CreditRule, age: int, figures: Figures, credit_before, problems, field_name):
    """What the rule credits for one month, or None when a figure is missing."""
    if rule.kind == "none":
        return ZERO
    if rule.kind == "same_as_before":
        return None if credit_before is None else credit_before / 12
    rate = figures.get(rule.band_param(age))
    if rule.kind == "fixed_monthly":
        return rate
    if rule.kind == "percent_of_base":
        if sc.monthly_base is None:
            problems.setdefault("monthly_base", [("need_base", {})])
            return None
        return None if rate is None else sc.monthly_base * rate
    if rule.kind == "percent_of_pension":
        if sc.monthly_pension is None:
            problems.setdefault("monthly_pension", [("need_pension", {})])
            return None
        return None if rate is None else sc.monthly_pension * rate
    # percent_of_param: a city-wide figure such as an average pension
    if rule.by_sector and sc.retiree_sector is None:
        problems.setdefault("retiree_sector", [("need_sector", {"city": sc.city.name(sc.lang)})])
        return None
    base = figures.get(rule.base_name(sc.retiree_sector))
    return None if rate is None or base is None else base * rate


def account_credit(sc: Scenario, year: int, regime: str, notes: Notes, credit_before=None):
    """The year's credit under one regime, to the fen, or raise _Missing with the fields to ask for."""
    field_name = f"account_credit_{regime}"
    supplied = sc.credit_before if regime == "before" else sc.credit_after
    if supplied is not None:
        notes.step(regime, "step_credit_supplied", SUPPLIED, amount=supplied)
        return supplied
    figures = Figures(sc)
    problems: dict[str, list] = {}
    total = Decimal(0)
    # Runs of months under the same rule, regime and age: each is worked out once.
    runs: list[list] = []
    by_month = {r: sc.city.credit_rules_by_month(r, sc.status, sc.enrolment, year) for r in ("before", regime)}
    for month, month_regime, age in _month_plan(sc, year, regime):
        rule = by_month[month_regime][month - 1]
        if runs and runs[-1][0] is rule and runs[-1][1] == month_regime and runs[-1][2] == age:
            runs[-1][4] += 1
        else:
            runs.append([rule, month_regime, age, month, 1])
    used: list[tuple[tuple, int, int]] = []       # (rule, band, regime), first month, months: for the steps
    for rule, month_regime, age, first_month, months in runs:
        if rule is None and month_regime == "before" and credit_before is not None:
            # The reform's first year, months still under the old rules, which no source gives:
            # the year before's credit, a twelfth a month (the person's figure or the old rule's).
            amount = credit_before / 12 * months
            total += amount
            notes.step(regime, "step_credit_old_months", sc.city.params["reform_start_month"].cite(),
                       months=months, amount=amount)
            continue
        if rule is None:
            problems.setdefault(field_name, [("credit_missing", {"year": year, "why": say("no_rule", sc.lang), "alt": ""})])
            continue
        before = credit_before if rule.kind == "same_as_before" else None
        amount = _monthly_amount(sc, rule, age, figures, before, problems, field_name)
        if amount is None:
            if rule.kind == "same_as_before" and credit_before is None:
                problems.setdefault(field_name, [("credit_missing", {"year": year, "why": rule.cite(), "alt": ""})])
            continue
        total += amount * months
        key = (rule, rule.band_param(age) if rule.bands else "", month_regime)
        if used and used[-1][0] == key:
            used[-1] = (key, used[-1][1], used[-1][2] + months)
        else:
            used.append((key, first_month, months))
    if figures.missing:
        names = ", ".join(figures.missing)
        problems.setdefault(field_name, []).append(
            ("credit_missing", {"year": year, "why": say("rule_unknown_value", sc.lang, name=names),
                                "alt": say("credit_alt", sc.lang, names=names)}))
    if problems:
        raise _Missing(problems)
    for (rule, band, _), first_month, months in used:
        notes.credit_rule(regime, rule, band, first_month, months, sc, credit_before)
    return to_fen(total)


# ---- general outpatient pooling -----------------------------------------------

def pooling_rules(sc: Scenario, year: int, notes: Notes) -> PoolingRules:
    figures = Figures(sc)
    status, city = sc.status, sc.city
    kind = city.params["deductible_kind"].value
    rules = PoolingRules(kind=kind)
    levels = {v.level for v in sc.visits if _in_force(sc, year, v)}
    if not levels:
        return rules            # no visit reaches pooling, so none of its figures are needed
    if kind == "annual":
        rules.annual_deductible = figures.get(f"deductible.{status}")
    elif kind == "level_topup":
        rules.level_deductible = {lv: figures.get(f"deductible.{lv}") for lv in levels}
    else:
        rules.visit_deductible = {lv: figures.get(f"deductible_per_visit.{lv}") for lv in levels}
    rules.ratio = {lv: figures.get(f"ratio.{status}.{lv}") for lv in levels}
    rules.cap = figures.get(city.cap_name(status, sc.enrolment))
    if year == city.start_year and "cap_share_in_start_year" in city.params and rules.cap is not None:
        rules.cap = to_fen(rules.cap * figures.get("cap_share_in_start_year"))
        notes.warn("warn_cap_halved", year=year)
    if any(v.away for v in sc.visits) and city.params["away"].value == "self_pay_first":
        rules.away_first = figures.get("away_self_pay_first")
    if figures.missing:
        raise _Missing(figures.missing)
    floor = city.params.get("ratio_floor")
    for lv, ratio in rules.ratio.items():
        if floor and ratio < floor.value:
            notes.warn("warn_ratio_floor", level=city.level_name(lv, sc.lang),
                       ratio=ratio * 100, floor=floor.value * 100)
    return rules


@dataclass
class _State:
    deductible_used: Decimal = ZERO
    cap_left: Decimal = ZERO
    cap_reached: bool = False


def _pay_steady(rules: PoolingRules, st: _State, level: str, eligible: Decimal, n: int) -> Decimal:
    """n visits that each have `eligible` above the deductible: the fund pays its ratio up to the cap."""
    if n <= 0 or eligible <= 0:
        return ZERO
    each = to_fen(eligible * rules.ratio[level])
    if each <= 0:
        return ZERO
    if st.cap_left <= 0:
        st.cap_reached = True
        return ZERO
    full = min(n, int(st.cap_left // each))
    paid = each * full
    st.cap_left -= paid
    if full < n:
        paid += st.cap_left
        st.cap_left = ZERO
        st.cap_reached = True
    return paid


def _pooled_block(rules: PoolingRules, st: _State, level: str, seen: Decimal, n: int) -> Decimal:
    """What general pooling pays for n identical visits that each bring `seen` yuan to it."""
    if rules.kind == "per_visit":
        deductible = min(seen, rules.visit_deductible[level])
        st.deductible_used += deductible * n
        return _pay_steady(rules, st, level, seen - deductible, n)
    if rules.kind == "annual":
        owed = rules.annual_deductible - st.deductible_used
    else:  # level_topup: the higher level's deductible, less what has already been paid towards one
        owed = rules.level_deductible[level] - st.deductible_used
    paid = ZERO
    if owed > 0 and seen > 0:
        inside = int(owed // seen)            # visits swallowed whole by the deductible
        if inside >= n:
            st.deductible_used += seen * n
            return ZERO
        st.deductible_used += seen * inside
        owed -= seen * inside
        n -= inside
        if owed > 0:                          # the visit that crosses the deductible
            st.deductible_used += owed
            paid += _pay_steady(rules, st, level, seen - owed, 1)
            n -= 1
    return paid + _pay_steady(rules, st, level, seen, n)


def _in_force(sc: Scenario, year: int, visit: Visit) -> bool:
    if year > sc.city.start_year:
        return True
    return (visit.month or 12) >= sc.start_month


def pool_visits(sc: Scenario, year: int, rules: PoolingRules | None, notes: Notes,
                costs: list[tuple[Decimal, Decimal]] | None = None) -> tuple[list[Decimal], _State]:
    """What general pooling pays for each block of visits, in the year's order.

    costs: each block's (cost, paid by other schemes) for one visit, if not the visits'
    own: policies.breakeven passes them scaled, to trace the year at other totals.
    """
    st = _State(cap_left=rules.cap if rules else ZERO)
    if rules is None:
        return [ZERO] * len(sc.visits), st
    paid = []
    away_first_total = ZERO
    for i, v in enumerate(sc.visits):
        pooled = ZERO
        if _in_force(sc, year, v):
            cost, other = (v.cost, v.other_paid) if costs is None else costs[i]
            seen = cost - other
            first = ZERO
            if v.away and rules.away_first is not None:
                first = to_fen(seen * rules.away_first)
                away_first_total += first * v.count
            pooled = _pooled_block(rules, st, v.level, seen - first, v.count)
            notes.level_used(v.level, v.where, v.away)
        paid.append(pooled)
    if away_first_total:
        notes.step("after", "step_away_first", sc.city.params["away_self_pay_first"].cite(), amount=away_first_total)
    return paid, st


def cap_reached(rules: PoolingRules | None, st: _State) -> bool:
    # Reached means the fund has paid its whole yearly limit, whether or not a payment was cut short.
    return st.cap_reached or (rules is not None and bool(rules.ratio) and st.cap_left <= 0)


def simulate_year(sc: Scenario, year: int, regime: str, credit: Decimal, notes: Notes,
                  rules: PoolingRules | None) -> Column:
    """One column of the table. General pooling pays first; then the account, while it lasts; then cash."""
    if regime != "after":
        rules = None                # no general outpatient pooling before the reform
    pooled_each, st = pool_visits(sc, year, rules, notes)
    col = Column(account_credit=credit)
    balance = sc.opening_balance + credit
    own_paid = None
    if sc.family:   # the account pays the person and the family in calendar order (policies.family)
        own_paid, col.family = settle_family(sc, year, regime, rules, pooled_each, balance, notes, pool_visits)
        balance -= col.family.account_paid
    for i, (v, pooled) in enumerate(zip(sc.visits, pooled_each)):
        cost_total = v.cost * v.count
        other_total = v.other_paid * v.count
        share = cost_total - other_total - pooled
        from_account = min(share, balance) if own_paid is None else own_paid[i]
        balance -= from_account
        col.total_cost += cost_total
        col.other_paid += other_total
        col.pooled_paid += pooled
        col.account_paid += from_account
        col.cash_paid += share - from_account
    col.fund_paid = col.other_paid + col.pooled_paid
    col.account_balance = balance
    col.deductible_used = st.deductible_used
    col.cap = rules.cap if rules else None
    col.cap_reached = cap_reached(rules, st)
    return col


# ---- the whole estimate ---------------------------------------------------------

@dataclass
class Estimate:
    scenario: Scenario
    year_before: int
    year_after: int
    before: Column
    after: Column
    notes: Notes
    rules: PoolingRules | None = None        # the after-reform pooling figures the person's visits used


def run(sc: Scenario) -> Estimate:
    """Both columns for a checked scenario. Raises ScenarioError if a needed figure is unknown."""
    city = sc.city
    year_before, year_after = city.start_year - 1, sc.year
    notes = Notes(sc)
    problems: dict[str, list] = {}
    credit_before = credit_after = rules = None
    try:
        credit_before = account_credit(sc, year_before, "before", notes)
    except _Missing as missing:
        problems.update(missing.args[0])
    try:
        credit_after = account_credit(sc, year_after, "after", notes, credit_before)
    except _Missing as missing:
        for k, v in missing.args[0].items():
            problems.setdefault(k, v)
    try:
        rules = pooling_rules(sc, year_after, notes)
    except _Missing as missing:
        for k, v in missing.args[0].items():
            problems.setdefault(k, v)
    if problems:
        raise ScenarioError(problems)
    before = simulate_year(sc, year_before, "before", credit_before, notes, None)
    after = simulate_year(sc, year_after, "after", credit_after, notes, rules)
    notes.finish(before, after, rules, year_after)
    return Estimate(sc, year_before, year_after, before, after, notes, rules)


def estimate(data: dict) -> dict:
    """The contract: scenario dict in, result dict out (money as two-place strings).

    With `"years": true` in the scenario the result also has `years`: every year from the
    last before the reform to the steady state (policies.years).
    """
    from .result import to_contract
    sc = parse_scenario(data)
    est = run(sc)
    result = to_contract(est)
    if sc.years:
        from .years import year_by_year, years_json   # it builds on run(), above
        result["years"] = years_json(year_by_year(sc, est), result)
    return result
