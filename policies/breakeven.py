"""Where the reform starts to pay off for one person, and the curve either side of it.

Net position = year-end account balance − cash paid (the account is the person's own
money). Before the reform it falls one yuan per yuan of cost; after, it falls more slowly
once the fund pays, and one-for-one again past the cap. The person's own mix of visits
is scaled up and down to trace the curve; other schemes' payments scale with it and
cancel out, since they are the same before and after.
"""
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal
from typing import NamedTuple

from .engine import Estimate, cap_reached, pool_visits, pooling_rules
from .money import FEN, ZERO, to_fen
from .scenario import Scenario, Visit
from .steps import Notes

BIG = Decimal("1000000")      # a year's outpatient cost far past every city's cap
DEFAULT_VISITS = 10           # when the person expects no visits: ten at the middle level


class Point(NamedTuple):          # a tuple: made a dozen times a page, and a frozen dataclass is slow to make
    cost: Decimal
    net_before: Decimal
    net_after: Decimal
    pooled: Decimal


@dataclass(frozen=True)
class BreakEven:
    cut: Decimal                 # credit before − credit after
    cost: Decimal | None         # the smallest yearly cost at which after ≥ before; None if never
    max_pooled: Decimal          # the most general pooling can pay this person (its cap, in effect)
    cap_cost: Decimal | None     # the yearly cost at which the cap is reached
    person_cost: Decimal
    assumed_mix: bool            # True when the person gave no visits and a default mix was used
    points: tuple[Point, ...]
    x_max: Decimal
    key_points: tuple[Point, ...] = ()   # the points the sentence and the table speak of: 0, the marks, x_max

    @property
    def never(self) -> bool:
        return self.cost is None


def _baseline(sc: Scenario) -> tuple[list[Visit], bool]:
    if sc.visits and sum(v.cost * v.count for v in sc.visits) > 0:
        return sc.visits, False
    levels = sc.city.levels
    level = "secondary" if "secondary" in levels else levels[0]
    return [Visit(0, level, Decimal(100), DEFAULT_VISITS)], True


class _Year(NamedTuple):
    """The after-reform year at one total: what the searches and the chart need of it."""
    total_cost: Decimal
    pooled_paid: Decimal
    net: Decimal                 # year-end balance − cash paid
    cap_reached: bool


class _Curve:
    """The after-reform year with the person's visits scaled to a given yearly total.

    Credits and pooling rules do not depend on the cost, so they are worked out once;
    each point then settles only general pooling (the engine's pool_visits): the net
    position follows from it, as the account and cash only share out the rest.
    """

    def __init__(self, est: Estimate):
        self.visits, self.assumed = _baseline(est.scenario)
        self.sc = replace(est.scenario, visits=self.visits) if self.assumed else est.scenario
        self.base_total = sum(v.cost * v.count for v in self.visits)
        # Credits do not depend on the visits: the person's own estimate has them.
        self.credit_before, self.credit_after = est.before.account_credit, est.after.account_credit
        self.notes = Notes(self.sc)
        # The pooling figures depend on the levels visited: the person's own, unless the mix is assumed.
        self.rules = pooling_rules(self.sc, self.sc.year, self.notes) if self.assumed else est.rules
        self.seen: dict[Decimal, _Year] = {}
        self.capped_from: Decimal | None = None       # set by cap_total()
        # The person's own year is the curve at their own total (the curve leaves the family's use out).
        if not self.assumed and not est.scenario.family:
            after = est.after
            self.seen[self.base_total] = _Year(after.total_cost, after.pooled_paid,
                                               after.account_balance - after.cash_paid, after.cap_reached)

    def at(self, total: Decimal) -> _Year:
        # The searches and the chart share totals (0, 1000, the marks): each is simulated once.
        try:
            return self.seen[total]
        except KeyError:
            year = self.seen[total] = self._simulate(total)
            return year

    def _simulate(self, total: Decimal) -> _Year:
        k = total / self.base_total
        costs, total_cost, share = [], ZERO, ZERO
        for v in self.visits:
            cost = to_fen(v.cost * k)
            other = min(to_fen(v.other_paid * k), cost) if v.other_paid else v.other_paid
            costs.append((cost, other))
            total_cost += cost * v.count
            share += (cost - other) * v.count
        if self.capped_from is not None and total >= self.capped_from:
            pooled, reached = self.rules.cap, True      # pooling has paid its whole cap: no need to settle it
        else:
            paid, st = pool_visits(self.sc, self.sc.year, self.rules, self.notes, costs)
            pooled, reached = sum(paid), cap_reached(self.rules, st)
        # balance − cash = opening + credit − (cost − other schemes − pooling), however the account was used.
        net = self.sc.opening_balance + self.credit_after - (share - pooled)
        return _Year(total_cost, pooled, net, reached)

    def cap_total(self) -> Decimal | None:
        """The smallest total, to the fen, at which general pooling pays its whole yearly cap; None if never.

        More cost never lowers what pooling pays, so from there on it pays just the cap,
        and the chart's points past it skip settling the visits."""
        if not (self.rules.cap and self.at(BIG).cap_reached):
            return None
        self.capped_from = _smallest(self, _pooled, self.rules.cap, BIG)
        return self.capped_from

    def point(self, total: Decimal) -> Point:
        after = self.at(total)
        opening = self.sc.opening_balance
        return Point(after.total_cost, opening + self.credit_before - after.total_cost, after.net, after.pooled_paid)


def _smallest(curve: _Curve, value, target: Decimal, limit: Decimal) -> Decimal:
    """The smallest yearly total, to the fen, at which value(after-column) ≥ target; it is at `limit`.

    General pooling pays a piecewise-linear share of the cost: nothing inside the
    deductible, a ratio above it, nothing more past the cap. So a straight line through
    two costs already tried (the last two below the target, else the bracket's ends)
    lands on the answer or within a fen or two of it, and the fens either side of each
    guess are tried at once. Where no line helps (a flat stretch), or a guess did not
    halve the bracket, the bracket is halved instead.
    """
    below = [(ZERO, value(curve.at(ZERO)))]            # costs tried whose value is short of the target
    if below[0][1] >= target:
        return ZERO
    high = Decimal(1000)                               # doubled until the target is reached
    while (reached := value(curve.at(high))) < target and high < limit:
        below.append((high, reached))
        high = min(high * 2, limit)
    above = (high, reached)
    halve = False
    while above[0] - below[-1][0] > FEN:
        low, width = below[-1][0], above[0] - below[-1][0]
        lines = () if halve else (_line(*below[-2], *below[-1], target) if len(below) > 1 else None,
                                  _line(*below[-1], *above, target))
        guess = next((g for g in lines if g is not None and low < g < above[0]), to_fen((low + above[0]) / 2))
        # A line's guess is rounded up, and fen rounding puts the answer there or a fen below:
        # the fen below is tried first, then the fen on the other side of it.
        first = guess - FEN if guess - FEN > low else guess
        reached = value(curve.at(first))
        if reached >= target:
            above = (first, reached)
            nearer = first - FEN
        else:
            below.append((first, reached))
            nearer = guess if guess > first else None
        if nearer is not None and below[-1][0] < nearer < above[0]:
            reached = value(curve.at(nearer))
            if reached < target:
                below.append((nearer, reached))
            else:
                above = (nearer, reached)
        halve = above[0] - below[-1][0] > width / 2
    return above[0]


def _pooled(year: _Year) -> Decimal:
    return year.pooled_paid


def _settled(curve: _Curve, total: Decimal) -> Decimal:
    """Scaled visits are settled to the fen, so the cost reported is the actual total of the visits."""
    return curve.at(total).total_cost


def _line(x0: Decimal, v0: Decimal, x1: Decimal, v1: Decimal, target: Decimal) -> Decimal | None:
    """Where the straight line through (x0, v0) and (x1, v1) reaches the target, rounded up to the fen."""
    if v1 <= v0:
        return None
    return (x1 + (target - v1) * (x1 - x0) / (v1 - v0)).quantize(FEN, ROUND_CEILING)


def _nice_ceiling(amount: Decimal) -> Decimal:
    """Round up to 1, 2 or 5 times a power of ten, for an axis end."""
    step = Decimal(1)
    while step * 10 <= amount:
        step *= 10
    for m in (1, 2, 5, 10):
        if amount <= step * m:
            return step * m
    return step * 10


def break_even(est: Estimate, samples: int = 10) -> BreakEven:
    """The break-even for the person of an estimate (policies.run), with the chart's points."""
    sc = est.scenario
    curve = _Curve(est)
    person = sum(v.cost * v.count for v in sc.visits)
    far = curve.at(BIG)
    cut = curve.credit_before - curve.credit_after
    max_pooled = far.pooled_paid
    capped = curve.cap_total()
    cap_cost = None if capped is None else _settled(curve, capped)
    found = None
    if cut <= 0:
        cost = ZERO
    elif max_pooled < cut:
        cost = None
    else:
        found = _smallest(curve, _pooled, cut, BIG)
        cost = _settled(curve, found)
    # Each mark with the total its point is taken at: the total searched for, whose year's
    # cost is the mark itself (scaling the mark again could move the cost by a fen).
    searched = {m: t for m, t in ((person, person), (cost, found), (cap_cost, capped)) if m and t is not None}
    x_max = _nice_ceiling(max([Decimal(1000)] + [m * Decimal("1.25") for m in searched]))
    keys = {ZERO, x_max} | set(searched.values())
    even = {to_fen(x_max * i / samples) for i in range(samples + 1)}
    if cap_cost is not None:    # past the cap the net position falls one-for-one: a straight line to x_max
        even = {t for t in even if t < cap_cost}
    totals = sorted(even | keys)
    points = tuple(curve.point(t) for t in totals)
    return BreakEven(cut=cut, cost=cost, max_pooled=max_pooled, cap_cost=cap_cost, person_cost=person,
                     assumed_mix=curve.assumed, points=points, x_max=x_max,
                     key_points=tuple(p for p, t in zip(points, totals) if t in keys))
