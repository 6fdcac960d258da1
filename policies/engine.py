"""Simulate one person's calendar year of outpatient visits, before and after the reform.

The same function serves the CLI, the JSON API (through policies.contract) and the web pages. Visits are taken in
calendar order; a block of `count` identical visits is settled in a few closed-form
segments (inside the deductible, paying, at the cap) rather than visit by visit.
Every figure is asked of policies.lookup at a date: the month of the credit, the year's
pooling date.
"""
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import attrgetter

from .family import FamilyColumn, settle as settle_family
from .lookup import (
    SUPPLIED, Figures, PoolingRules, base_name, civil_servant_name, pooling_day, pooling_rules_at, reform_start,
)
from .money import ZERO, to_fen
from .scenario import Scenario, ScenarioError, parse_scenario
from .steps import CreditRun, Notes
from .timeline import first_month_in_force
from .values import CityName, Cite, Joined, Level, Money, ParamLabel, Percent, Words

__all__ = ["Column", "Estimate", "PoolingRules", "SUPPLIED", "cap_reached", "pool_visits",
           "pooling_rules", "run", "simulate_year", "year_parts"]


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
    family: FamilyColumn | None = None   # the family's use of the account, when the scenario has any


# ---- account credit -----------------------------------------------------------

def _ages(sc: Scenario) -> list[int]:
    if not sc.birth_month:
        return [sc.age] * 12
    return [sc.age + (1 if month >= sc.birth_month else 0) for month in range(1, 13)]


def _person_base(sc: Scenario, unit_of_base: str, problems: dict):
    """The person's own base or pension a percentage applies to, or None (asked for)."""
    if unit_of_base == "base":
        if sc.monthly_base is None:
            problems.setdefault("monthly_base", [("need_base", {})])
        return sc.monthly_base
    if sc.monthly_pension is None:
        problems.setdefault("monthly_pension", [("need_pension", {})])
    return sc.monthly_pension


def _month_of_rule(sc, rule, age, day, figures: Figures, credit_before, problems, field_name):
    """(run key, CreditRun fields, monthly amount) for one month under `rule`, or None when a figure is missing."""
    if rule.kind == "none":
        return (rule,), {}, ZERO
    if rule.kind == "same_as_before":
        if credit_before is None:
            problems.setdefault(field_name, [("credit_missing", {"year": day.year, "why": Cite(rule), "alt": ""})])
            return None
        return (rule,), {"monthly": credit_before / 12}, credit_before / 12
    band = rule.band_param(age)
    rate, rate_source = figures.lookup(band, day)
    if rule.kind == "fixed_monthly":
        if rate is None:
            return None
        return (rule, band, rate_source), {"rate": rate, "rate_source": rate_source}, rate
    if rule.kind in ("percent_of_base", "percent_of_pension"):
        base = _person_base(sc, "base" if rule.kind == "percent_of_base" else "pension", problems)
        if base is None or rate is None:
            return None
        return ((rule, band, rate_source), {"rate": rate, "rate_source": rate_source, "base": base},
                base * rate)
    # percent_of_param: a city-wide figure such as an average pension
    sector = rule.fixed_sector(sc.enrolment) or sc.retiree_sector
    if rule.by_sector and sector is None:
        problems.setdefault("retiree_sector", [("need_sector", {"city": CityName(sc.city)})])
        return None
    name = base_name(rule, sector)
    base, base_source = figures.lookup(name, day)
    if rate is None or base is None:
        return None
    return ((rule, band, rate_source, base_source),
            {"rate": rate, "rate_source": rate_source, "base": base, "base_param": name, "base_source": base_source,
             "sector_fixed": sector if rule.fixed_sector(sc.enrolment) else None},
            base * rate)


def _supplement(sc, day, figures: Figures, problems) -> tuple | None:
    """枣庄 公务员医疗补助: a civil servant's extra monthly credit, if the rule is in force on `day`."""
    name = civil_servant_name(sc.status)
    if not figures.period(name, day):
        return None
    rate = figures.get(name, day)
    base = _person_base(sc, "base" if sc.status == "in_service" else "pension", problems)
    if rate is None or base is None:
        return None
    source = figures.source(name, day)
    return (("supplement", source), {"rate": rate, "rate_source": source, "base": base}, base * rate)


def _old_month(sc, credit_before) -> tuple:
    """A month of the reform's first year before it began, which no dated rule covers (no source gives the
    old rule): credited as the before column is, a twelfth of the before year's credit."""
    source = reform_start(sc.city)
    return ("old_months", source), {"monthly": credit_before / 12, "rate_source": source}, credit_before / 12


def _still_covers(run, day: date) -> bool:
    # (a dated figure is a Period; the person's own is SUPPLIED, a string: compared as one)
    for s in (run.rate_source, run.base_source):
        if s is not None and not (s == SUPPLIED if type(s) is str else s.covers(day)):
            return False
    return True


def _covered_through(run, year: int) -> int:
    """The last month of `year` on whose first day the run's dated figures are still in force (0: none)."""
    through = 12
    for source in (run.rate_source, run.base_source):
        if source is None or type(source) is str:     # SUPPLIED: the person's own figure, for the whole year
            continue
        end = source.end
        if end.year < year:
            return 0
        if end.year == year:
            through = min(through, end.month)
    return through


def account_credit(sc: Scenario, year: int, regime: str, notes: Notes, credit_before=None):
    """The year's credit in one column, to the fen, or raise _Missing with the fields to ask for."""
    field_name = f"account_credit_{regime}"
    supplied = sc.credit_before if regime == "before" else sc.credit_after
    if supplied is not None:
        notes.step(regime, "step_credit_supplied", SUPPLIED, amount=Money(supplied))
        return supplied
    figures = Figures(sc)
    problems: dict[str, list] = {}
    by_month = sc.city.credit_rules_by_month(sc.status, sc.enrolment, year)
    ages = _ages(sc)
    lanes: tuple[list[CreditRun], list[CreditRun]] = ([], [])   # the rule's credit; the 公务员 supplement
    total = Decimal(0)
    supplement = regime == "after" and sc.civil_servant and sc.city.has("civil_servant")
    month = 0
    while month < 12:
        month += 1
        day = date(year, month, 1)
        rule = by_month[month - 1]
        # One rule for the old months: a month is credited by the rule in force on its first day; in the
        # reform's first year, a month before it began that no source gives a rule for takes the before
        # column's own figure.
        old_month = rule is None and regime == "after" and day < sc.city.start and credit_before is not None
        if rule is None and not old_month:
            problems.setdefault(field_name, [("credit_missing", {"year": year, "why": Words("no_rule"), "alt": ""})])
            continue
        last = lanes[0][-1] if lanes[0] and not supplement else None
        if (last is not None and rule is not None and last.rule is rule and last.age == ages[month - 1]
                and last.first_month + last.months == month and _still_covers(last, day)):
            # the same rule, age and dated figures as last month: no need to look them up again, for this
            # month and each after it that is the same
            through, age, end = _covered_through(last, year), last.age, month
            while end < through and by_month[end] is rule and ages[end] == age:
                end += 1
            months = end - month + 1
            more = last.each if months == 1 else last.each * months
            last.months += months
            last.amount += more
            total += more
            month = end
            continue
        if old_month:
            parts = (_old_month(sc, credit_before), None)
        else:
            parts = (_month_of_rule(sc, rule, ages[month - 1], day, figures, credit_before, problems, field_name),
                     _supplement(sc, day, figures, problems) if supplement else None)
        for runs, part in zip(lanes, parts):
            if part is None:
                continue
            key, fields, amount = part
            total += amount
            last = runs[-1] if runs else None   # months in a row under the same rule and figures: one step
            if last is not None and last.key == key and last.first_month + last.months == month:
                last.months += 1
                last.amount += amount
            else:
                runs.append(CreditRun(key=key, rule=rule if key[0] != "supplement" else None, first_month=month,
                                      months=1, amount=amount, each=amount, age=ages[month - 1], **fields))
    if figures.missing:
        # said in words ("the city's average basic pension"), never by the parameter's name
        needed = Joined(tuple((ParamLabel(sc.city, name[len("params."):]),) for name in figures.missing))
        key = "credit_figure_missing_draft" if sc.city.document_status == "draft" else "credit_figure_missing"
        problems.setdefault(field_name, []).append((key, {"year": year, "name": needed, "alt": ""}))
    if problems:
        raise _Missing(problems)
    notes.credit_runs(regime, lanes[0] + lanes[1], year)
    return to_fen(total)


# ---- general outpatient pooling -----------------------------------------------

def pooling_rules(sc: Scenario, year: int, notes: Notes) -> PoolingRules:
    """The after-reform pooling rules for this person in `year`, read at the year's pooling date."""
    city = sc.city
    start_month = first_month_in_force(sc, year)
    if len(sc.visits) < 16:
        levels = {v.level for v in sc.visits if (v.month or 12) >= start_month}
        away = any(map(_AWAY, sc.visits))
    else:                                   # a year spread over many blocks: each kind of block once
        alike = _alike(sc)
        levels = {level for month, level, *_ in alike if (month or 12) >= start_month}
        away = any(key[4] for key in alike)     # (_ALIKE: month, level, cost, other_paid, away, ...)
    # In the city's order of levels, so that figures missing are named in the same order every time.
    levels = tuple(level for level in city.levels if level in levels)
    if sc.overrides:                        # the person's own figures: read for them alone
        rules, warnings = _read_pooling_rules(sc, year, levels)
    else:
        # Only the sources' figures: the same for everyone of this city, status and enrolment with visits at
        # these levels (and away or not) in this year, so read once and shared. Nothing changes a
        # PoolingRules once read (each estimate only reads it).
        key = (city, sc.status, sc.enrolment, year, levels, away)
        found = _SOURCES_RULES.get(key)
        if found is None:
            found = _read_pooling_rules(sc, year, levels)
            if len(_SOURCES_RULES) >= 4096:      # bounded, whatever years and levels are asked for
                _SOURCES_RULES.clear()
            _SOURCES_RULES[key] = found
        rules, warnings = found
    for key, args in warnings:
        notes.warn(key, **args)
    return rules


_SOURCES_RULES: dict[tuple, tuple[PoolingRules, tuple]] = {}
_AWAY = attrgetter("away")


def _read_pooling_rules(sc: Scenario, year: int, levels: tuple) -> tuple[PoolingRules, tuple]:
    """(the rules, the warnings they give) for visits at `levels`; raises _Missing for figures no one gave."""
    figures = Figures(sc)
    city = sc.city
    rules = pooling_rules_at(sc, pooling_day(city, year), levels, figures)
    if figures.missing:
        raise _Missing(figures.missing)
    warnings = []
    if not levels:
        return rules, ()
    if rules.cap_share is not None and rules.cap is not None:
        rules.full_cap = rules.cap
        rules.cap = to_fen(rules.cap * rules.cap_share)
        warnings.append(("warn_cap_share", {"year": year, "share": Percent(rules.cap_share),
                                            "full": Money(rules.full_cap), "cap": Money(rules.cap)}))
    if rules.floor is not None:
        for lv, ratio in rules.ratio.items():
            if ratio < rules.floor:
                warnings.append(("warn_ratio_floor", {"level": Level(city, lv), "ratio": Percent(ratio),
                                                      "floor": Percent(rules.floor)}))
    return rules, tuple(warnings)


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


class _Kind:
    """The visits of a year that are alike (level, cost, other schemes' part, away, where): what one of them
    brings to pooling, its payment once past its deductible, and the sums the steps report, added up."""
    __slots__ = ("level", "where", "away", "brought", "first", "steady_at", "each", "per_visit_deductible",
                 "count", "deducted", "paid")

    def __init__(self, rules: PoolingRules, level: str, cost: Decimal, other: Decimal, away: bool, where: str):
        self.level, self.where, self.away = level, where, away
        seen = cost - other
        self.first = to_fen(seen * rules.away_first) if away and rules.away_first is not None else ZERO
        self.brought = brought = seen - self.first
        # Past its deductible (the year's, its level's, or none before the visit's own), each visit of the
        # kind is paid the same: its ratio of what it brings above a per-visit deductible, to the fen.
        self.per_visit_deductible = None
        if rules.kind == "per_visit":
            self.per_visit_deductible = min(brought, rules.visit_deductible[level])
            eligible, self.steady_at = brought - self.per_visit_deductible, None
        else:
            eligible = brought
            self.steady_at = rules.annual_deductible if rules.kind == "annual" else rules.level_deductible[level]
        each = to_fen(eligible * rules.ratio[level]) if eligible > 0 else ZERO
        self.each = each if each > 0 else None          # None: the fund pays nothing for it, cap or not
        if brought <= 0:
            self.steady_at = None                        # it brings nothing to a deductible either
        self.count, self.deducted, self.paid = 0, Decimal(0), Decimal(0)


def _pool(sc: Scenario, year: int, rules: PoolingRules | None, notes: Notes,
          costs: list[tuple[Decimal, Decimal]] | None) -> tuple[list[Decimal], _State, Decimal]:
    """pool_visits, and the year's total that pooling paid.

    Visits are settled in the year's order, block by block as _pooled_block does. A visit
    of a kind already past its deductible is paid what each one of its kind is, while the
    cap lasts (no arithmetic on the deductible or a new payment per block); the sums the
    steps report are kept per kind and written down once."""
    st = _State(cap_left=rules.cap if rules else ZERO)
    if rules is None:
        return [ZERO] * len(sc.visits), st, ZERO
    start_month = first_month_in_force(sc, year)
    per_visit = rules.kind == "per_visit"
    kinds: dict[tuple, _Kind] = {}
    paid = []
    for i, v in enumerate(sc.visits):
        if (v.month or 12) < start_month:          # before the reform began
            paid.append(ZERO)
            continue
        cost, other = (v.cost, v.other_paid) if costs is None else costs[i]
        key = (v.level, cost, other, v.away, v.where)
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = _Kind(rules, v.level, cost, other, v.away, v.where)
        n = v.count
        kind.count += n
        if kind.steady_at is None or per_visit or st.deductible_used >= kind.steady_at:
            each = kind.each
            if each is None:
                pooled = ZERO
            elif st.cap_left <= 0:                      # the cap is spent (as _pay_steady says it)
                st.cap_reached = True
                pooled = ZERO
            else:
                amount = each if n == 1 else each * n
                if amount <= st.cap_left:
                    st.cap_left -= amount
                    pooled = amount
                else:
                    pooled = _pay_steady(rules, st, v.level, kind.brought - (kind.per_visit_deductible or 0), n)
        else:                                           # the visit that meets the deductible, or one inside it
            deductible_before = st.deductible_used
            pooled = _pooled_block(rules, st, v.level, kind.brought, n)
            kind.deducted += st.deductible_used - deductible_before
        if pooled:
            kind.paid += pooled
        paid.append(pooled)
        if st.cap_left <= 0 and costs is None and (
                per_visit or (rules.kind == "annual" and st.deductible_used >= rules.annual_deductible)):
            # The cap is spent and no deductible is left to meet (the year's, or one per visit, which
            # is added up by kind below): every visit after this one is paid nothing.
            _after_cap(_alike(sc) - count_alike(sc.visits[:i + 1], _ALIKE), start_month, rules, st, kinds)
            paid += [ZERO] * (len(sc.visits) - i - 1)
            break
    away_first_total = ZERO
    total = ZERO
    for kind in kinds.values():
        if per_visit:
            deducted = kind.per_visit_deductible * kind.count
            st.deductible_used += deducted
            kind.deducted += deducted
        notes.level_used(kind.level, kind.where, kind.away)
        # For the step a person can check: (cost − deductible) × ratio at each level.
        notes.pooled_block(kind.level, kind.brought * kind.count, kind.deducted, kind.paid, kind.where)
        away_first_total += kind.first * kind.count
        total += kind.paid
    if away_first_total:
        notes.step("after", "step_away_first", rules.away_first_source, share=Percent(rules.away_first),
                   amount=Money(away_first_total))
    return paid, st, total


_ALIKE = attrgetter("month", "level", "cost", "other_paid", "away", "where", "count")


def _alike(sc: Scenario) -> Counter:
    """The scenario's blocks of visits by what they are (month, level, cost, other schemes' part, away,
    where, count), with how many blocks of each: a year spread over many blocks is a few of them.
    Counted once per scenario."""
    cached = sc.__dict__.get("_alike")
    if cached is not None and cached[0] is sc.visits and cached[1] == len(sc.visits):
        return cached[2]
    counted = count_alike(sc.visits, _ALIKE)
    sc.__dict__["_alike"] = (sc.visits, len(sc.visits), counted)
    return counted


def count_alike(visits: list, key) -> Counter:
    """Counter(map(key, visits)), in the same order, keying each Visit object once: the blocks alike of
    a scenario are mostly one object (policies.scenario), and counting objects costs no Python step
    per block."""
    times = Counter(map(id, visits))
    if len(times) == len(visits):
        return Counter(map(key, visits))
    objects = dict(zip(map(id, visits), visits))
    counted = Counter()
    # In each object's first place in the year: each key comes first where its first block does.
    for ident, n in times.items():
        counted[key(objects[ident])] += n
    return counted


def _after_cap(blocks_after: Counter, start_month: int, rules: PoolingRules, st: _State, kinds: dict) -> None:
    """Visits after the cap is spent, with no deductible left to meet: pooling pays none of them. Only
    their numbers by kind are kept (the steps say what each level brought), and that the cap held
    back a payment, where pooling would have paid one."""
    for (month, level, cost, other, away, where, n), blocks in blocks_after.items():
        if (month or 12) < start_month:
            continue
        kind = kinds.get((level, cost, other, away, where))
        if kind is None:
            kind = kinds[level, cost, other, away, where] = _Kind(rules, level, cost, other, away, where)
        kind.count += n * blocks
        if kind.each is not None:
            st.cap_reached = True


def pool_visits(sc: Scenario, year: int, rules: PoolingRules | None, notes: Notes,
                costs: list[tuple[Decimal, Decimal]] | None = None) -> tuple[list[Decimal], _State]:
    """What general pooling pays for each block of visits, in the year's order.

    costs: each block's (cost, paid by other schemes) for one visit, if not the visits'
    own: to trace the year at other totals.
    """
    paid, st, _ = _pool(sc, year, rules, notes, costs)
    return paid, st


def cap_reached(rules: PoolingRules | None, st: _State) -> bool:
    # Reached means the fund has paid its whole yearly limit, whether or not a payment was cut short.
    return st.cap_reached or (rules is not None and bool(rules.ratio) and st.cap_left <= 0)




def _bills(sc: Scenario) -> tuple[Decimal, Decimal]:
    """(the year's cost, what other schemes paid of it): the same in both columns, added up once per scenario."""
    cached = sc.__dict__.get("_bills")
    if cached is not None and cached[0] is sc.visits and cached[1] == len(sc.visits):
        return cached[2]
    cost = other = ZERO
    if len(sc.visits) < 16:
        for v in sc.visits:
            cost += v.cost * v.count
            if v.other_paid:
                other += v.other_paid * v.count
    else:       # a year spread over many blocks: each cost once, with how many visits it has
        for (_, _, each, other_each, _, _, count), blocks in _alike(sc).items():
            cost += each * (count * blocks)
            if other_each:
                other += other_each * (count * blocks)
    sc.__dict__["_bills"] = (sc.visits, len(sc.visits), (cost, other))
    return cost, other


def _shares_never_negative(rules: PoolingRules | None) -> bool:
    """Whether pooling can never pay more than a visit brings (ratios and the away share within 0–100%):
    then the account pays min(the year's own share, the balance), as it would visit by visit."""
    if rules is None:
        return True
    return (all(0 <= r <= 1 for r in rules.ratio.values())
            and (rules.away_first is None or 0 <= rules.away_first <= 1))


def simulate_year(sc: Scenario, year: int, regime: str, credit: Decimal, notes: Notes,
                  rules: PoolingRules | None) -> Column:
    """One column of the table. General pooling pays first; then the account, while it lasts; then cash."""
    if regime != "after":
        rules = None                # no general outpatient pooling before the reform
    pooled_each, st, pooled_total = _pool(sc, year, rules, notes, None)
    balance = sc.opening_balance + credit
    family = None
    if sc.family or not _shares_never_negative(rules):
        own_paid = None
        if sc.family:   # the account pays the person and the family in calendar order (policies.family)
            own_paid, family = settle_family(sc, year, regime, rules, pooled_each, balance, notes, pool_visits)
            balance -= family.account_paid
        total = other = pooled_sum = account = cash = ZERO
        for i, (v, pooled) in enumerate(zip(sc.visits, pooled_each)):
            cost_total = v.cost * v.count
            other_total = v.other_paid * v.count
            share = cost_total - other_total - pooled
            from_account = min(share, balance) if own_paid is None else own_paid[i]
            balance -= from_account
            total += cost_total
            other += other_total
            pooled_sum += pooled
            account += from_account
            cash += share - from_account
    else:
        # Visit by visit the account pays each share while it lasts; no share is negative, so in all
        # it pays the year's share up to the balance.
        cost_total, other_total = _bills(sc)
        share = cost_total - other_total - pooled_total
        from_account = min(share, balance)
        balance -= from_account
        total, other, pooled_sum = ZERO + cost_total, ZERO + other_total, ZERO + pooled_total
        account, cash = ZERO + from_account, ZERO + (share - from_account)
    return Column(account_credit=credit, total_cost=total, fund_paid=other + pooled_sum, account_paid=account,
                  cash_paid=cash, account_balance=balance, pooled_paid=pooled_sum, other_paid=other,
                  deductible_used=st.deductible_used, cap=rules.cap if rules else None,
                  cap_reached=cap_reached(rules, st), family=family)


# ---- 镇江 职工大病保险: a line of its own, outside the Q&A columns ---------------------------------

@dataclass
class SeriousIllness:
    refund: Decimal
    cash: Decimal
    deductible: Decimal
    band_top: Decimal
    low: Decimal
    high: Decimal
    bonus: Decimal
    source: object
    bonus_per_year: Decimal
    bonus_max: Decimal


def serious_illness(sc: Scenario, year: int, cash: Decimal) -> SeriousIllness | None:
    """The refund the serious-illness insurance makes on the year's cash (seed 004 三（二）、三（三）3)."""
    city = sc.city
    if not city.has("serious_illness"):
        return None
    day = pooling_day(city, year)
    figures = Figures(sc)
    if figures.period("serious_illness.deductible", day) is None:
        return None
    deductible = figures.get("serious_illness.deductible", day)
    top = figures.get("serious_illness.band_top", day)
    low = figures.get("serious_illness.ratio.low", day)
    high = figures.get("serious_illness.ratio.high", day)
    per_year = figures.get("serious_illness.retiree_bonus_per_year", day)
    most = figures.get("serious_illness.retiree_bonus_max", day)
    bonus = min(per_year * sc.extra_years, most) if sc.status == "retired" and sc.extra_years else ZERO
    refund = (max(min(cash, top) - deductible, ZERO) * (low + bonus)
              + max(cash - max(top, deductible), ZERO) * (high + bonus))
    return SeriousIllness(to_fen(refund), cash, deductible, top, low, high, bonus,
                          figures.period("serious_illness.deductible", day), per_year, most)


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
    serious_illness: SeriousIllness | None = None   # 镇江: refunded on top of the columns, said apart


def year_parts(sc: Scenario, notes: Notes) -> tuple:
    """(credit before, credit after, pooling rules, problems): each part that can be worked out, the
    others None, and the fields to ask for by name. run() needs them all; policies.partial shows
    what it can."""
    year_before, year_after = sc.city.year_before, sc.year
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
    return credit_before, credit_after, rules, problems


def run(sc: Scenario) -> Estimate:
    """Both columns for a checked scenario. Raises ScenarioError if a needed figure is unknown."""
    city = sc.city
    year_before, year_after = city.year_before, sc.year
    notes = Notes(sc)
    credit_before, credit_after, rules, problems = year_parts(sc, notes)
    if problems:
        raise ScenarioError(problems)
    before = simulate_year(sc, year_before, "before", credit_before, notes, None)
    after = simulate_year(sc, year_after, "after", credit_after, notes, rules)
    extra = serious_illness(sc, year_after, after.cash_paid)
    notes.finish(before, after, rules, year_after, extra)
    return Estimate(sc, year_before, year_after, before, after, notes, rules, extra)
