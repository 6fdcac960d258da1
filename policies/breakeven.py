"""Where the reform starts to pay off for one person, and the curve either side of it.

Net position = year-end account balance − cash paid (the account is the person's own
money). Both years count only the person's own share of each bill: what the 两病/特病/
国谈药 schemes pay is nobody's net position, before or after. Before the reform the net
position falls one yuan per yuan of that share; after, it falls more slowly once general
pooling pays, and one-for-one again past the cap. So at any yearly total

    after − before = pooled − cut        (cut = credit before − credit after)

and the break-even is where pooling has paid the cut.

The curve scales the person's own mix of visits to other yearly totals: at total T (in
fen) each visit costs cost × T / B and the person's share of it is share × T / B, each
rounded half up to the fen (B: the person's own total). The shares only ever grow with
T, so what pooling pays never falls as T grows (tests/policies/test_properties.py).

Speed comes from the shape of the rules: general pooling pays a piecewise-linear share
of the cost (nothing inside the deductible, a ratio above it, nothing past the cap), so
one integer pass over the visits at a total gives what pooling pays there, exactly, and
the slope of the straight piece it is on. Two or three Newton steps along it come within
the fen rounding of the break-even or the cap; one more pass (a _Window) keeps all that
does not change over the few dozen fen around it, and halving inside the window settles
only the few visits that do. About ten passes in all, whatever the number of visits: the
time grows with the visits and no faster (bench/breakeven.py). A year the web form spread
over many blocks is a few kinds of visit repeated (_Kinds): a pass then costs a few sums
per kind instead of one step per block, and settles every total to the same year.
"""
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import partial, reduce
from decimal import Decimal
from itertools import accumulate, compress, islice
from math import ceil
from operator import add, attrgetter, itemgetter, mul
from typing import NamedTuple

from .engine import Estimate, run
from .money import whole_yuan
from .scenario import Scenario, ScenarioError, Visit
from .summary import verdict

BIG = Decimal("1000000")      # a year's outpatient cost far past every city's cap
DEFAULT_VISITS = 10           # when the person expects no visits: ten at the middle level
NEWTON_STEPS = 8              # then halving: the searches make at most 8 + 27 passes each

# What a key point of the curve is (KeyPoint.kinds); one point can be several at once.
START = "start"               # no outpatient cost at all
PERSON = "person"             # the person's own year: the Q&A table's figures
BREAK_EVEN = "break_even"     # the smallest total at which after ≥ before (to the fen)
CAP = "cap"                   # the smallest total at which pooling has paid its whole yearly cap
AXIS_END = "axis_end"         # the right end of the chart's cost axis
KINDS = (START, PERSON, BREAK_EVEN, CAP, AXIS_END)


class Point(NamedTuple):          # a tuple: made a dozen times a page, and a frozen dataclass is slow to make
    cost: Decimal                 # the year's total cost, the visits scaled and settled to the fen
    net_before: Decimal           # year-end balance − cash paid, before the reform
    net_after: Decimal            # the same after the reform
    pooled: Decimal               # what general pooling paid after the reform
    scaled_to: Decimal            # the total the visits were scaled to (settled, they may cost a fen or two more)


class KeyPoint(NamedTuple):
    """A point the sentence and the table under the chart speak of, and what it is.

    cost, net_before, net_after and pooled are exact (fen). The *_yuan figures are what
    the table shows, in whole yuan, with after_yuan − before_yuan = difference_yuan: on
    the person's own row they are the Q&A table's (balance − cash, from its rounded rows),
    elsewhere the two nets' difference is rounded once and the after figure follows."""
    cost: Decimal
    net_before: Decimal
    net_after: Decimal
    pooled: Decimal
    scaled_to: Decimal
    kinds: tuple[str, ...]        # a subset of KINDS, in KINDS order
    before_yuan: int
    after_yuan: int
    difference_yuan: int

    @property
    def difference(self) -> Decimal:
        return self.net_after - self.net_before

    @property
    def point(self) -> Point:
        return Point(self.cost, self.net_before, self.net_after, self.pooled, self.scaled_to)


@dataclass(frozen=True)
class BreakEven:
    cut: Decimal                 # credit before − credit after
    cost: Decimal | None         # the smallest yearly cost at which after ≥ before; None if never (0 if the credit did not fall)
    max_pooled: Decimal          # the most general pooling can pay this person (its cap, in effect)
    cap_cost: Decimal | None     # the yearly cost at which the cap is reached
    person_cost: Decimal
    assumed_mix: bool            # True when the person gave no visits and a default mix was used
    points: tuple[Point, ...]    # the chart's lines, by cost: the key points and the bends between them
    x_max: Decimal
    key_points: tuple[KeyPoint, ...] = ()   # start, the marks, the axis end: for the sentence and the table
    # The city figures the curve needs and neither the sources nor the person give (parameter
    # names, as flow.missing_figures has them): then there is no curve at all (no points).
    # Only when the person expects no visits, and the default mix needs figures theirs did not.
    missing: tuple[str, ...] = ()

    @property
    def never(self) -> bool:
        return self.cost is None and not self.missing

    def key(self, kind: str) -> KeyPoint | None:
        """The key point of one kind (PERSON, BREAK_EVEN, CAP, ...), or None if the curve has none."""
        return next((k for k in self.key_points if kind in k.kinds), None)


def _baseline(sc: Scenario) -> tuple[list[Visit], bool]:
    if any(v.cost > 0 for v in sc.visits):
        return sc.visits, False
    levels = sc.city.levels
    level = "secondary" if "secondary" in levels else levels[0]
    return [Visit(level, Decimal(100), DEFAULT_VISITS)], True


def _fen(amount: Decimal) -> int:
    """An amount in whole fen. Money in a scenario or a city file has at most two places."""
    if type(amount) is int:
        return amount * 100
    fen = amount.scaleb(2)
    whole = int(fen)
    if whole != fen:
        raise ValueError(f"not a whole number of fen: {amount}")
    return whole


def _yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def _half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, both not negative: as money.to_fen does on the fen."""
    return (2 * numerator + denominator) // (2 * denominator)


def scale_visits(visits: list[Visit], total: Decimal) -> list[Visit]:
    """The visits scaled to a yearly total, as the curve takes them: each visit's cost and the
    person's share of it scaled and rounded half up to the fen, other schemes paying the rest."""
    base = sum(_fen(v.cost) * v.count for v in visits)
    t = _fen(total)
    scaled = []
    for v in visits:
        cost = _half_up(_fen(v.cost) * t, base)
        share = _half_up((_fen(v.cost) - _fen(v.other_paid)) * t, base)
        scaled.append(replace(v, cost=_yuan(cost), other_paid=_yuan(cost - share)))
    return scaled


class _Year(NamedTuple):
    """The after-reform year at one total (fen): what general pooling pays, before its cap, and the slope there."""
    total: int                   # the scaled total asked for, in fen (the visits, settled, may add to a fen or two more)
    uncapped: int                # what pooling pays, in fen, were there no yearly cap
    slope: float                 # d(uncapped)/d(total) of the straight piece of the rules this total is on
    share: int                   # the person's own share of the year's bills, in fen
    cost: int                    # the year's total cost, in fen: the visits scaled, each settled to the fen


class _Block(NamedTuple):
    """One block of identical visits, as the integer pass needs it (unpacked in the pass's loop)."""
    count: int
    share2: int                  # twice the person's share of one visit at their own total, in fen
    pays: bool                   # general pooling covers it (in force, and the rules have a ratio)
    away: bool                   # away from home where the city makes the person pay a share first
    p2: int                      # the level's ratio p/q as 2p, q, 2q: (x·2p + q) // 2q is x·p/q rounded half up
    q: int
    q2: int
    rate: float                  # the ratio, for slopes
    grows: float                 # how fast what one visit brings to pooling grows with the total (fen per fen)
    deductible: int              # the deductible this visit meets (yearly, the level's, or per visit), in fen
    weight: float                # count × rate × grows: the slope the block adds once its deductible is paid


_ALIKE = attrgetter("cost", "other_paid", "level", "away", "month", "count")   # what a block's figures depend on
_new_block = partial(tuple.__new__, _Block)      # a NamedTuple's own constructor is twice as slow


class _Curve:
    """The after-reform year as a function of the yearly total, one integer pass over the visits per total.

    The pass settles the visits in the year's order as the engine's pool_visits does
    (deductible by kind, the fen rounding of each visit's payment, away visits' own
    share first), in whole fen. Summed before the cap, the payments are a non-decreasing
    function of the total; with the cap, pooling pays min(cap, that sum)."""

    def __init__(self, est: Estimate):
        visits, self.assumed = _baseline(est.scenario)
        sc = replace(est.scenario, visits=visits) if self.assumed else est.scenario
        self.sc = sc
        self.visits = visits
        self.credit_before, self.credit_after = est.before.account_credit, est.after.account_credit
        # The default mix's pooling figures: the engine's own, for the same person with those visits
        # (ScenarioError if the city's sources lack them and the person gave none).
        rules = run(sc).rules if self.assumed else est.rules
        self.rules = rules
        self.has_ratio = bool(rules and rules.ratio)
        self.cap = _fen(rules.cap) if self.has_ratio else 0
        self.kind = rules.kind if rules else "annual"
        away = rules.away_first if rules else None
        self.away = None if away is None else tuple(2 * x for x in away.as_integer_ratio())
        away_rest = 1.0 if away is None else 1 - float(away)   # what an away visit brings after its own share
        # Each level's figures, once: the ratio as a fraction (2p, q, 2q) for rounding half up, and the deductible.
        self._by_level: dict[str, tuple] = {}
        self._all_year = sc.year > sc.city.start_year
        self._away_rest = away_rest
        kinds, of_block, visits_of, blocks_of = self._make_alike() if self._repeats(visits) else self._make_each()
        # The most fen one fen of a visit's share can move what pooling pays (a block of n visits: n).
        self.noise = max((b.count for b in self.distinct if b.pays), default=1)
        self.seen: dict[int, _Year] = {0: _Year(0, 0, 0.0, 0, 0)}
        self.kinds = _Kinds(self, kinds, of_block, visits_of, blocks_of) if _Kinds.serves(self, kinds) else None
        if self.kinds is not None:
            # Settled by kind, every visit of a kind has the same share: one fen of it moves what pooling
            # pays by up to the kind's visits, in whatever blocks they are.
            self.noise = max(self.noise, max(self.kinds.paying_visits, default=1))

    @staticmethod
    def _repeats(visits: list[Visit]) -> bool:
        """Whether the year is a few kinds of visit over many blocks (as the web form spreads them), judged
        from its first blocks: then each block alike is made once (_make_alike), else each block (_make_each)."""
        return len(visits) >= 16 and len(set(map(_ALIKE, visits[:64]))) <= min(len(visits), 64) // 4

    def _block(self, level: str, share: int, away_visit: bool, month: int | None, n: int) -> _Block:
        """One block of n visits at `level`, each with `share` fen of the person's own at their total."""
        sc, rules = self.sc, self.rules
        if not (self.has_ratio and (self._all_year or (month or 12) >= sc.start_month)):
            return _new_block((n, 2 * share, False, False, 0, 0, 0, 0.0, 0.0, 0, 0.0))
        try:
            p2, q, q2, rate, deductible = self._by_level[level]
        except KeyError:
            ratio = rules.ratio[level]
            p, q = ratio.as_integer_ratio()
            p2, q, q2, rate, deductible = self._by_level[level] = (
                2 * p, q, 2 * q, float(ratio), _fen(self._deductible(level)))
        away_here = away_visit and self.away is not None
        # How fast this visit's part above any deductible grows with the total (fen per fen).
        grows = share / self.base * (self._away_rest if away_here else 1.0)
        return _new_block((n, 2 * share, True, away_here, p2, q, q2, rate, grows, deductible, n * rate * grows))

    def _make_each(self):
        """The blocks, each made from its visit."""
        visits = self.visits
        # A scenario's amounts have at most two places (scenario.parse_scenario checks): whole fen.
        costs = [int(v.cost * 100) for v in visits]
        shares = [c - int(v.other_paid * 100) if v.other_paid else c for c, v in zip(costs, visits)]
        counts = [v.count for v in visits]
        self.base = sum(c * n for c, n in zip(costs, counts))
        # Visits other schemes pay part of: the year's cost is the person's share plus what they pay.
        self.others = [(n, 2 * c, 2 * s) for n, c, s in zip(counts, costs, shares) if c != s]
        block = self._block
        self.blocks = self.distinct = [block(v.level, share, v.away, v.month, n)
                                       for v, n, share in zip(visits, counts, shares)]
        return [], [], [], []              # (too many kinds to settle by kind)

    def _make_alike(self):
        """The blocks, each alike made once; and the kinds they fall in (_Kinds): (kinds, each block's kind,
        visits of each kind, blocks of each kind)."""
        # Blocks alike are mostly one Visit object (policies.scenario): each object is keyed once, and each
        # block found by its object's id. `alike` is Counter(map(_ALIKE, visits)), in the same order (each
        # key where its first block is).
        ids = list(map(id, self.visits))
        key_of = {ident: _ALIKE(visit) for ident, visit in dict(zip(ids, self.visits)).items()}
        alike = Counter()
        for ident, times in Counter(ids).items():
            alike[key_of[ident]] += times
        in_fen = {}
        for key in alike:
            cost, other = key[0], key[1]
            cost_fen = int(cost * 100)
            in_fen[key] = cost_fen, cost_fen - int(other * 100) if other else cost_fen
        self.base = sum(c * key[5] * alike[key] for key, (c, _) in in_fen.items())
        made: dict[tuple, _Block] = {}
        kind_of: dict[tuple, int] = {}                 # each block's kind: all but its count and weight
        kinds: dict[tuple, int] = {}
        others = {}
        for key, (cost, share) in in_fen.items():
            _, _, level, away_visit, month, n = key
            made[key] = block = self._block(level, share, away_visit, month, n)
            kind_of[key] = kinds.setdefault(block[1:10], len(kinds))
            if cost != share:
                others[key] = (n, 2 * cost, 2 * share)
        block_of = {ident: made[key] for ident, key in key_of.items()}
        self.blocks = list(map(block_of.__getitem__, ids))
        self.distinct = list(made.values())            # each block alike once
        if others:
            others_of = {ident: others[key] for ident, key in key_of.items() if key in others}
            self.others = [others_of[ident] for ident in ids if ident in others_of]
        else:
            self.others = []
        visits_of, blocks_of = [0] * len(kinds), [0] * len(kinds)
        for key, times in alike.items():
            visits_of[kind_of[key]] += key[5] * times
            blocks_of[kind_of[key]] += times
        kind_of_block = {ident: kind_of[key] for ident, key in key_of.items()}
        return list(kinds), list(map(kind_of_block.__getitem__, ids)), visits_of, blocks_of

    def _deductible(self, level: str) -> Decimal:
        rules = self.rules
        if rules.kind == "per_visit":
            return rules.visit_deductible[level]
        if rules.kind == "level_topup":
            return rules.level_deductible[level]
        return rules.annual_deductible

    def at(self, total: int) -> _Year:
        """The year at a total in fen; each total is settled once (the searches and the chart share them)."""
        try:
            return self.seen[total]
        except KeyError:
            year = self.seen[total] = self._settle(total)
            return year

    def _settle(self, t: int) -> _Year:
        if self.kinds is not None:
            year = self.kinds.settle(t)
            if year is not None:
                return year
        return self._settle_blocks(t)

    def _settle_blocks(self, t: int) -> _Year:
        """_settle, block by block: for any rules and any visits (and the reference the kinds are tested against)."""
        base, base2 = self.base, 2 * self.base
        share = paid = 0
        slope = 0.0
        if self.away:
            away2, away_q, away_q2 = self.away[0], self.away[1] // 2, self.away[1]
        if self.kind == "per_visit":
            for n, share2, pays, away, p2, q, q2, rate, grows, deductible, weight in self.blocks:
                seen = (share2 * t + base) // base2
                share += n * seen
                if not pays:
                    continue
                if away:
                    seen -= (seen * away2 + away_q) // away_q2
                above = seen - deductible
                if above > 0:
                    paid += n * ((above * p2 + q) // q2)
                    slope += weight
            return _Year(t, paid, slope, share, share + self.others_paid(t))
        used, used_grows = 0, 0.0                 # the deductible paid so far, and how fast it grows
        for n, share2, pays, away, p2, q, q2, rate, grows, deductible, weight in self.blocks:
            seen = (share2 * t + base) // base2
            share += n * seen
            if not pays:
                continue
            if away:
                seen -= (seen * away2 + away_q) // away_q2
            if seen <= 0:
                continue
            owed = deductible - used
            if owed <= 0:                          # the deductible is paid: the fund pays its share of all of it
                paid += n * ((seen * p2 + q) // q2)
                slope += weight
                continue
            inside = owed // seen                  # visits swallowed whole by the deductible
            if inside >= n:
                used += seen * n
                used_grows += n * grows
                continue
            owed -= seen * inside
            full = n - inside                      # visits that pay on all they bring
            if owed > 0:                           # the visit that crosses the deductible
                paid += ((seen - owed) * p2 + q) // q2
                slope += rate * (used_grows + (inside + 1) * grows)
                full -= 1
            used, used_grows = deductible, 0.0
            paid += full * ((seen * p2 + q) // q2)
            slope += full * rate * grows
        return _Year(t, paid, slope, share, share + self.others_paid(t))

    def pooled(self, year: _Year) -> int:
        return min(self.cap, year.uncapped) if self.has_ratio else 0

    def others_paid(self, t: int) -> int:
        """What other schemes pay at a scaled total, in fen: each visit's cost less the person's share."""
        base, base2 = self.base, 2 * self.base
        paid = 0
        for n, cost2, share2 in self.others:
            paid += n * ((cost2 * t + base) // base2 - (share2 * t + base) // base2)
        return paid

    def bills(self, t: int) -> _Year:
        """The year's cost and the person's share at a scaled total, without settling pooling
        (uncapped and slope are left at 0): for totals past the cap, where pooling pays the cap."""
        if self.kinds is not None:
            share = self.kinds.share(t)
            return _Year(t, 0, 0.0, share, share + self.kinds.others_paid(t))
        base, base2 = self.base, 2 * self.base
        share = 0
        for block in self.blocks:
            share += block.count * ((block.share2 * t + base) // base2)
        return _Year(t, 0, 0.0, share, share + self.others_paid(t))

    def straight(self) -> bool:
        """Whether, between where pooling starts to pay and its cap, it pays on one straight line
        (one ratio, one deductible for the whole year, no away visits): the chart needs no bends there."""
        paying = [b for b in self.distinct if b.pays]
        return (self.kind != "per_visit" and not any(b.away for b in paying)
                and len({b.rate for b in paying}) <= 1 and len({b.deductible for b in paying}) <= 1)

    def smallest(self, target: int) -> int:
        """The smallest total, to the fen, at which pooling (before its cap) pays `target`.

        A total that pays it must have been settled (BIG's, say). Each total tried is
        settled exactly, and [below, reached] kept around the answer:
        1. Newton steps along the rules' straight pieces, while they bring pooling
           nearer the target than the fen rounding can blur (one fen of a visit's share
           moves what a block of n visits is paid by up to n fen);
        2. a _Window around where the last step points, widened until it holds the
           answer: one pass for both its ends;
        3. halving inside the window, where a total costs only the visits that change.
        At most NEWTON_STEPS + 27 full passes (BIG is 10⁸ fen); usually three or four."""
        below = reached = None
        for year in self.seen.values():
            if year.uncapped < target:
                if below is None or year.total > below.total:
                    below = year
            elif reached is None or year.total < reached.total:
                reached = year
        last = below if target - below.uncapped < reached.uncapped - target else reached

        def keep(year: _Year) -> _Year:
            nonlocal below, reached
            year = self.seen.setdefault(year.total, year)
            if year.uncapped >= target:
                if year.total < reached.total:
                    reached = year
            elif year.total > below.total:
                below = year
            return year

        def newton(year: _Year) -> int:
            if year.slope > 0:
                guess = ceil(year.total + (target - year.uncapped) / year.slope)
            else:       # flat where we stand (inside the deductible): the line through the bracket's ends
                guess = below.total + ceil((target - below.uncapped) * (reached.total - below.total)
                                           / (reached.uncapped - below.uncapped))
            return min(max(guess, below.total + 1), reached.total - 1)

        sides = ""              # which end each step moved: once both have, the chord between them leads
        for _ in range(NEWTON_STEPS):
            if reached.total - below.total <= 1:
                return reached.total
            if abs(target - last.uncapped) <= 16 * self.noise and last.slope > 0:
                break
            guess = newton(last)
            if "b" in sides and "r" in sides:
                # The rules bend between the ends (the crossing visit changes level, the deductible
                # by level): the chord follows the bends, and weighing down an end that has stayed
                # twice (Illinois) keeps it from creeping.
                short, over = target - below.uncapped, reached.uncapped - target
                if sides.endswith("bb"):
                    over /= 2
                elif sides.endswith("rr"):
                    short /= 2
                guess = min(max(below.total + ceil(short * (reached.total - below.total) / (short + over)),
                                below.total + 1), reached.total - 1)
            last = keep(self._settle(guess))
            sides += "r" if last.uncapped >= target else "b"
        width = max(1, ceil(self.noise / last.slope)) if last.slope > 0 else 1
        centre = newton(last) if reached.total - below.total > 1 else last.total
        width += abs(centre - last.total) // 8       # the longer the step, the more rounding it crossed
        while reached.total - below.total > 1:
            low, high = max(below.total, centre - 2 * width), min(reached.total, centre + 2 * width)
            window = _Window(self, low, high) if self.kinds is None else _KindsWindow(self.kinds, low, high)
            low, high = keep(window.low), keep(window.high)
            if low.uncapped < target <= high.uncapped or (low is below and high is reached):
                break
            centre = low.total if low.uncapped >= target else high.total
            width *= 2
        while reached.total - below.total > 1:
            year = keep(window.at((below.total + reached.total) // 2))
            # Few visits change, or a few kinds (each kind's visits change together, however many blocks):
            # the year is flat over several fen.
            if window.moving_blocks <= 32 or self.kinds is not None:
                start, end = window.flat(year.total)  # the same year from start to end: stand at its edge
                keep(year._replace(total=start if year.uncapped >= target else end))
        return reached.total

    def first_paid_estimate(self) -> int | None:
        """About where pooling starts to pay (the after line bends), from the rules' straight pieces."""
        paying = [b for b in self.distinct if b.pays and b.grows > 0]
        if not paying:
            return None
        if self.kind == "per_visit":
            return min(ceil(b.deductible / b.grows) for b in paying)
        # How fast the year's visits grow all together: added up block by block, in the year's order
        # (a sum of floats depends on it), as the kinds have it already.
        grows = (self.kinds.grows_so_far[-1] if self.kinds is not None
                 else reduce(add, (b.count * b.grows for b in self.blocks if b.pays), 0.0))
        return ceil(min(b.deductible for b in paying) / grows)


def _sequential(used: int, n: int, seen: int, p2: int, q: int, q2: int, deductible: int) -> tuple[int, int]:
    """n visits that each bring `seen` fen to a deductible of which `used` is paid: (used after, paid).

    As engine._pooled_block, in whole fen, before the cap (what _Curve._settle does inline)."""
    if seen <= 0:
        return used, 0
    full, paid = n, 0
    owed = deductible - used
    if owed > 0:
        inside = owed // seen
        if inside >= n:
            return used + seen * n, 0
        owed -= seen * inside
        full = n - inside
        if owed > 0:
            paid = ((seen - owed) * p2 + q) // q2
            full -= 1
        used = deductible
    return used, paid + full * ((seen * p2 + q) // q2)


class _Window:
    """The after-reform year at every total from `low` to `high`, from one pass over the visits.

    Between two near totals most visits' shares do not change, and where each visit
    stands against the deductible does not either: a visit wholly inside it at `high`
    is inside at every total below, and one after it is paid at `low` is after it at
    every total above (what is paid of it never falls as the total grows). The pass
    keeps what those visits add up to; a total in the window then settles again only
    the visits whose share changes, in the year's order where the deductible needs it."""

    def __init__(self, curve: "_Curve", low: int, high: int):
        self.curve = curve
        base, base2 = curve.base, 2 * curve.base
        per_visit = curve.kind == "per_visit"
        if curve.away:
            away2, away_q, away_q2 = curve.away[0], curve.away[1] // 2, curve.away[1]
        self.fixed_share = self.fixed_paid = 0
        self.moving_share, self.moving_paid, self.steps = [], [], []
        pending = 0                                  # deductible paid by unchanging visits, not yet written down
        used_low = used_high = paid_low = paid_high = share_low = share_high = 0
        for block in curve.blocks:
            n, share2, pays, away, p2, q, q2, rate, grows, deductible, weight = block
            seen_low, seen_high = (share2 * low + base) // base2, (share2 * high + base) // base2
            moving = seen_low != seen_high
            if moving:
                self.moving_share.append((n, share2))
                share_low += n * seen_low
                share_high += n * seen_high
            else:
                self.fixed_share += n * seen_low
            if not pays:
                continue
            if away:
                seen_low -= (seen_low * away2 + away_q) // away_q2
                seen_high = seen_high - (seen_high * away2 + away_q) // away_q2 if moving else seen_low
            if per_visit or used_low >= deductible:   # paid on what it brings (above its own deductible, per visit)
                less = deductible if per_visit else 0
                each_low = ((seen_low - less) * p2 + q) // q2 if seen_low > less else 0
                if moving:
                    self.moving_paid.append(block)
                    paid_low += n * each_low
                    paid_high += n * (((seen_high - less) * p2 + q) // q2 if seen_high > less else 0)
                else:
                    self.fixed_paid += n * each_low
                continue
            if seen_high <= 0:
                continue
            if deductible - used_high > 0 and (deductible - used_high) // seen_high >= n:   # inside throughout
                used_low += n * seen_low
                used_high += n * seen_high
                if moving:
                    if pending:
                        self.steps.append((0, pending))
                        pending = 0
                    self.steps.append((1, block))
                else:
                    pending += n * seen_low
                continue
            if pending:                               # it crosses the deductible somewhere in the window
                self.steps.append((0, pending))
                pending = 0
            self.steps.append((2, block))
            used_low, paid = _sequential(used_low, n, seen_low, p2, q, q2, deductible)
            paid_low += paid
            used_high, paid = _sequential(used_high, n, seen_high, p2, q, q2, deductible)
            paid_high += paid
        while self.steps and self.steps[-1][0] != 2:  # deductible paid after the last crossing changes nothing
            self.steps.pop()
        share_low, share_high = share_low + self.fixed_share, share_high + self.fixed_share
        paid_low, paid_high = paid_low + self.fixed_paid, paid_high + self.fixed_paid
        self.slope = (paid_high - paid_low) / (high - low) if high > low else 0.0
        # What other schemes pay, for the year's cost: kept where it does not change either.
        self.fixed_others, self.moving_others = 0, []
        others_low = others_high = 0
        for n, cost2, share2 in curve.others:
            low_paid = (cost2 * low + base) // base2 - (share2 * low + base) // base2
            high_paid = (cost2 * high + base) // base2 - (share2 * high + base) // base2
            others_low += n * low_paid
            others_high += n * high_paid
            if low_paid == high_paid and (share2 * low + base) // base2 == (share2 * high + base) // base2:
                self.fixed_others += n * low_paid
            else:
                self.moving_others.append((n, cost2, share2))
        # Each moving amount (twice what one visit of it is at the person's own total), for flat().
        self.moving = [x2 for _, x2 in self.moving_share] + [x2 for _, x2, _ in self.moving_others]
        self.moving_blocks = len(self.moving)
        self.low = _Year(low, paid_low, self.slope, share_low, share_low + others_low)
        self.high = _Year(high, paid_high, self.slope, share_high, share_high + others_high)

    def flat(self, t: int) -> tuple[int, int]:
        """The totals around t, inside the window, over which no visit's share or cost changes:
        the year is the same over them (only the moving visits can change in the window)."""
        base, base2 = self.curve.base, 2 * self.curve.base
        start, end = self.low.total, self.high.total
        for x2 in self.moving:
            k = (x2 * t + base) // base2
            if k:
                first = -((base - base2 * k) // x2)           # ceil((2·base·k − base) / x2): where it became k
                if first > start:
                    start = first
            last = -((base - base2 * (k + 1)) // x2) - 1      # a fen before it becomes k + 1
            if last < end:
                end = last
        return start, end

    def at(self, t: int) -> _Year:
        curve = self.curve
        base, base2 = curve.base, 2 * curve.base
        less_deductible = curve.kind == "per_visit"
        if curve.away:
            away2, away_q, away_q2 = curve.away[0], curve.away[1] // 2, curve.away[1]
        share = self.fixed_share + sum(n * ((share2 * t + base) // base2) for n, share2 in self.moving_share)
        paid = self.fixed_paid
        for n, share2, pays, away, p2, q, q2, rate, grows, deductible, weight in self.moving_paid:
            seen = (share2 * t + base) // base2
            if away:
                seen -= (seen * away2 + away_q) // away_q2
            if less_deductible:
                seen -= deductible
            if seen > 0:
                paid += n * ((seen * p2 + q) // q2)
        used = 0
        for kind, step in self.steps:
            if kind == 0:
                used += step
                continue
            n, share2, pays, away, p2, q, q2, rate, grows, deductible, weight = step
            seen = (share2 * t + base) // base2
            if away:
                seen -= (seen * away2 + away_q) // away_q2
            if kind == 1:
                used += n * seen
            else:
                used, more = _sequential(used, n, seen, p2, q, q2, deductible)
                paid += more
        others = self.fixed_others
        for n, cost2, share2 in self.moving_others:
            others += n * ((cost2 * t + base) // base2 - (share2 * t + base) // base2)
        return _Year(t, paid, self.slope, share, share + others)


class _Kinds:
    """The year's blocks as a few kinds of visit, for a year the web form spread over many blocks
    (250 primary visits alternating with 250 secondary ones are 500 blocks of two kinds).

    Settling a total then costs a few sums per kind, not a pass over the blocks: each kind's
    share is the same in every block of it, so the deductible is met in the first block whose
    running sum passes it (found by halving over the running counts of each kind), and every
    block after it is paid what each visit of its kind is. The slope (a float, which the
    searches' steps depend on) is added up in the blocks' own order, as _Curve._settle_blocks
    adds it, so every total settles to the same _Year, bit for bit. Only for a yearly deductible
    or one per visit (a deductible topped up by level is met again and again: block by block),
    and a few kinds (with many, a pass over the blocks is as quick)."""

    MAX_KINDS = 12

    @classmethod
    def serves(cls, curve: "_Curve", kinds) -> bool:
        """Whether settling by kind is quicker than a pass over the blocks: a few kinds, many blocks of each."""
        return (curve.kind in ("annual", "per_visit") and 0 < len(kinds) <= cls.MAX_KINDS
                and 8 * len(kinds) <= len(curve.blocks))

    def __init__(self, curve: "_Curve", kinds: list[tuple], of_block: list[int], visits: list[int], blocks: list[int]):
        self.curve = curve
        self.base, self.base2 = curve.base, 2 * curve.base
        self.per_visit = curve.kind == "per_visit"
        self.kinds = kinds
        count = len(kinds)
        self.visits = visits                     # visits of each kind in the year
        self.blocks_of = blocks                  # blocks of each kind
        self.paying_kinds = [k for k in range(count) if kinds[k][1]]
        if all(block.pays for block in curve.distinct):
            paying, self.paying_of = curve.blocks, of_block
        else:
            pays = [block.pays for block in curve.blocks]
            paying, self.paying_of = list(compress(curve.blocks, pays)), list(compress(of_block, pays))
        self.weights = list(map(itemgetter(10), paying))                  # _Block.weight
        # Running sums over the paying blocks, in the year's order: visits of each kind so far, and
        # the deductible's growth so far (the float _settle_blocks adds, in the same order).
        self.counts = counts = list(map(itemgetter(0), paying))           # _Block.count
        # rows[j]: the visits of each paying kind among the first j paying blocks
        self.rows = list(zip(*(accumulate(map(mul, counts, map(k.__eq__, self.paying_of)), initial=0)
                               for k in self.paying_kinds)))
        self.paying_visits = [visits[k] for k in self.paying_kinds]
        self.grows_so_far = list(accumulate(map(mul, counts, map(itemgetter(8), paying)), initial=0.0))   # .grows
        self.slopes: dict[tuple, float] = {}     # per visit: the slope for each set of kinds paid
        if curve.away:
            away2, away_q2 = curve.away
            self.away = (away2, away_q2 // 2, away_q2)
        # What other schemes pay: each (cost, share) once, with its visits.
        others: dict[tuple, int] = {}
        for n, cost2, share2 in curve.others:
            others[(cost2, share2)] = others.get((cost2, share2), 0) + n
        self.others = [(n, cost2, share2) for (cost2, share2), n in others.items()]
        self.others_blocks: dict[tuple, int] = {}
        for _, cost2, share2 in curve.others:
            self.others_blocks[(cost2, share2)] = self.others_blocks.get((cost2, share2), 0) + 1

    def seen(self, t: int) -> list[int]:
        """What one visit of each kind is at total t: its share, in fen."""
        base, base2 = self.base, self.base2
        return [(kind[0] * t + base) // base2 for kind in self.kinds]

    def share(self, t: int) -> int:
        return sum(n * seen for n, seen in zip(self.visits, self.seen(t)))

    def others_paid(self, t: int) -> int:
        base, base2 = self.base, self.base2
        return sum(n * ((cost2 * t + base) // base2 - (share2 * t + base) // base2) for n, cost2, share2 in self.others)

    def brought(self, seen: list[int]) -> list[int]:
        """What one visit of each kind brings to pooling (after an away visit's own share first)."""
        brought = list(seen)
        for k, (share2, pays, away, *_) in enumerate(self.kinds):
            if away:
                away2, away_q, away_q2 = self.away
                brought[k] -= (seen[k] * away2 + away_q) // away_q2
        return brought

    def paid(self, t: int, with_slope: bool) -> tuple[int, float | None, int, list[int]] | None:
        """(what pooling pays before its cap, the slope or None, the share, each kind's share) at total t.

        None when the slope is asked for and a paying kind brings nothing at t (its blocks are
        skipped in the order's sum: block by block)."""
        kinds, seen = self.kinds, self.seen(t)
        brought = self.brought(seen)
        share = sum(n * s for n, s in zip(self.visits, seen))
        each = [0] * len(kinds)
        if self.per_visit:
            paid = 0
            for k in self.paying_kinds:
                share2, pays, away, p2, q, q2, rate, grows, deductible = kinds[k]
                above = brought[k] - deductible
                if above > 0:
                    each[k] = 1
                    paid += self.visits[k] * ((above * p2 + q) // q2)
            if not with_slope:
                return paid, None, share, seen
            paying = tuple(each)
            slope = self.slopes.get(paying)
            if slope is None:
                slope = self.slopes[paying] = reduce(add, (w for w, k in zip(self.weights, self.paying_of) if each[k]), 0.0)
            return paid, slope, share, seen
        if with_slope and any(brought[k] <= 0 for k in self.paying_kinds):
            return None
        for k in self.paying_kinds:
            share2, pays, away, p2, q, q2, rate, grows, deductible = kinds[k]
            if brought[k] > 0:
                each[k] = (brought[k] * p2 + q) // q2
        deductible = kinds[self.paying_kinds[0]][8] if self.paying_kinds else 0
        blocks = len(self.paying_of)
        if deductible <= 0:               # nothing to meet: every block is paid in full
            paid = sum(self.visits[k] * each[k] for k in self.paying_kinds)
            return paid, (reduce(add, self.weights, 0.0) if with_slope else None), share, seen
        paying = self.paying_kinds
        met = [brought[k] if brought[k] > 0 else 0 for k in paying]     # what each brings to the deductible
        pays = [each[k] for k in paying]
        rows = self.rows

        def used(row: tuple) -> int:      # the deductible met by the blocks so far, were it endless
            return sum(map(mul, row, met))

        # The first block that the deductible does not swallow whole: after it, used > the deductible.
        j = self._crossing(rows, deductible, used)
        if j == len(rows):                # the whole year inside the deductible
            return 0, (0.0 if with_slope else None), share, seen
        c = j - 1                         # that block, among the paying ones
        k = self.paying_of[c]
        share2, _, away, p2, q, q2, rate, grows, _ = kinds[k]
        n = self.counts[c]
        b = brought[k]
        owed = deductible - used(rows[c])
        paid = 0
        slope = 0.0
        if owed <= 0:                     # met exactly by the blocks before: this one is paid in full
            later = c
        else:
            inside = owed // b
            owed -= b * inside
            full = n - inside
            if owed > 0:                  # the visit that crosses the deductible
                paid += ((b - owed) * p2 + q) // q2
                if with_slope:
                    slope += rate * (self.grows_so_far[c] + (inside + 1) * grows)
                full -= 1
            paid += full * each[k]
            if with_slope:
                slope += full * rate * grows
            later = c + 1
        paid += sum(map(mul, self.paying_visits, pays)) - sum(map(mul, rows[later], pays))   # every block after it
        if with_slope:
            slope = reduce(add, islice(self.weights, later, None), slope)
        return paid, (slope if with_slope else None), share, seen

    @staticmethod
    def _crossing(rows: list[tuple], deductible: int, used) -> int:
        """The first j with used(rows[j]) > deductible (len(rows) if none): halving, between bounds found by
        galloping out from where the deductible would fall were the blocks alike (used grows about evenly)."""
        last = len(rows) - 1
        whole = used(rows[last])
        if whole <= deductible:
            return last + 1
        guess = min(max(deductible * last // whole, 1), last)     # used(rows[0]) is 0: never past the deductible
        step = 1
        if used(rows[guess]) <= deductible:                       # further on
            low, probe = guess + 1, guess + 1
            while probe < last and used(rows[probe]) <= deductible:
                low = probe + 1
                step *= 2
                probe = guess + step
            high = min(probe, last)
        else:                                                     # at or before the guess
            high, probe = guess, guess - 1
            while probe >= 1 and used(rows[probe]) > deductible:
                high = probe
                step *= 2
                probe = guess - step
            low = max(probe + 1, 1)
        return bisect_right(rows, deductible, low, high, key=used)

    def settle(self, t: int) -> "_Year | None":
        found = self.paid(t, True)
        if found is None:
            return None
        paid, slope, share, _ = found
        return _Year(t, paid, slope, share, share + self.others_paid(t))


class _KindsWindow(_Window):
    """_Window for a year of a few kinds of visit: both ends settled by kind, each total in it too."""

    def __init__(self, kinds: _Kinds, low: int, high: int):
        self.curve, self.kinds = kinds.curve, kinds
        paid_low, _, share_low, seen_low = kinds.paid(low, False)
        paid_high, _, share_high, seen_high = kinds.paid(high, False)
        self.slope = (paid_high - paid_low) / (high - low) if high > low else 0.0
        self.low = _Year(low, paid_low, self.slope, share_low, share_low + kinds.others_paid(low))
        self.high = _Year(high, paid_high, self.slope, share_high, share_high + kinds.others_paid(high))
        # The amounts that change in the window (for flat()), counted once for each block they change
        # in, as _Window counts them.
        base, base2 = kinds.base, kinds.base2
        moving = [(kind[0], kinds.blocks_of[k]) for k, kind in enumerate(kinds.kinds) if seen_low[k] != seen_high[k]]
        for (cost2, share2), blocks in kinds.others_blocks.items():
            low_paid = (cost2 * low + base) // base2 - (share2 * low + base) // base2
            high_paid = (cost2 * high + base) // base2 - (share2 * high + base) // base2
            if low_paid != high_paid or (share2 * low + base) // base2 != (share2 * high + base) // base2:
                moving.append((cost2, blocks))
        self.moving = sorted({x2 for x2, _ in moving})
        self.moving_blocks = sum(blocks for _, blocks in moving)

    def at(self, t: int) -> _Year:
        paid, _, share, _ = self.kinds.paid(t, False)
        return _Year(t, paid, self.slope, share, share + self.kinds.others_paid(t))


def _nice_ceiling(amount: Decimal) -> Decimal:
    """Round up to 1, 2 or 5 times a power of ten, for an axis end."""
    step = Decimal(1)
    while step * 10 <= amount:
        step *= 10
    for m in (1, 2, 5, 10):
        if amount <= step * m:
            return step * m
    return step * 10


def break_even(est: Estimate, samples: int = 2) -> BreakEven:
    """The break-even for the person of an estimate (policies.run), with the chart's points.

    samples: totals tried between where pooling starts to pay and the cap, so the after
    line follows the bends of a mix of levels."""
    sc = est.scenario
    try:
        curve = _Curve(est)
    except ScenarioError as missing:     # the default mix needs figures the sources lack (Xi'an's)
        names = tuple(sorted(name.removeprefix("params.") for name in missing.problems if name.startswith("params.")))
        if not names:
            raise
        return BreakEven(cut=est.before.account_credit - est.after.account_credit, cost=None, max_pooled=Decimal(0),
                         cap_cost=None, person_cost=Decimal(0), assumed_mix=True, points=(), x_max=Decimal(1000),
                         missing=names)
    person = Decimal(0) if curve.assumed else _yuan(curve.base)
    cut = curve.credit_before - curve.credit_after
    own = curve.at(curve.base)                  # the person's own total: where the searches start from
    # The most pooling pays: its cap, if the person's own year or a far bigger one reaches it.
    reaches_cap = curve.has_ratio and curve.cap > 0 and own.uncapped >= curve.cap
    max_pooled = curve.cap if reaches_cap else curve.pooled(curve.at(max(_fen(BIG), 2 * curve.base)))
    cap_at = curve.smallest(curve.cap) if curve.has_ratio and curve.cap > 0 and max_pooled >= curve.cap else None
    cut_fen = _fen(cut)
    if cut <= 0:
        even_at = 0
    elif max_pooled < cut_fen:
        even_at = None
    else:
        even_at = curve.smallest(cut_fen)
    costs = {t: curve.seen[t].cost for t in (0, curve.base, even_at, cap_at) if t is not None}
    person_at = None if curve.assumed else curve.base
    kinds_at: dict[int, list[str]] = {0: [START]}
    for kind, t in ((PERSON, 0 if curve.assumed else person_at), (BREAK_EVEN, even_at if cut >= 0 else None),
                    (CAP, cap_at)):
        if t is not None:
            kinds_at.setdefault(t, []).append(kind)
    marks = [_yuan(costs[t]) for t in (person_at, even_at, cap_at) if t]
    x_max = _nice_ceiling(max([Decimal(1000)] + [m * Decimal("1.25") for m in marks]))
    end = _fen(x_max)
    kinds_at.setdefault(end, []).append(AXIS_END)
    # The after line is straight before pooling pays, and past the cap: the totals between
    # are where it bends.
    bends = set()
    first = curve.first_paid_estimate()
    last = min(end, cap_at) if cap_at is not None else end
    if first is not None and first < last:
        wanted = [first]
        if not curve.straight():
            gap = (last - first) // (samples + 1)
            wanted += [first + gap * i for i in range(1, samples + 1)]
        # A bend within a fiftieth of the axis of a point already drawn would not show (the chart
        # is a few hundred units wide); a total the searches settled that near serves as well.
        near = end // 50
        drawn = set(kinds_at)
        tried = [t for t in curve.seen if t <= end]
        for ideal in wanted:
            if all(abs(ideal - t) > near for t in drawn):
                found = min(tried, key=lambda t: abs(t - ideal), default=None)
                bend = found if found is not None and abs(found - ideal) <= near else ideal
                bends.add(bend)
                drawn.add(bend)
    totals = sorted(set(kinds_at) | bends)
    shown = verdict(est)
    opening = sc.opening_balance
    points, keys = [], []
    for t in totals:
        if cap_at is not None and t > cap_at and t not in curve.seen:
            # Past the cap pooling pays just the cap (it never pays less as the total grows).
            year, pooled = curve.bills(t), _yuan(curve.cap)
        else:
            year = curve.at(t)
            pooled = _yuan(curve.pooled(year))
        share = _yuan(year.share)
        point = Point(_yuan(year.cost), opening + curve.credit_before - share,
                      opening + curve.credit_after - share + pooled, pooled, _yuan(t))
        points.append(point)
        if t in kinds_at:
            kinds = tuple(k for k in KINDS if k in kinds_at[t])
            # The Q&A table's own figures, so the two tables agree. With family spending the table's
            # balance also pays for the family, which the curve (the person's own money) leaves out:
            # the table's own nets then add back what the account paid for the family (summary.Verdict).
            if PERSON in kinds:
                before, difference = shown.own_before, shown.own_change
            else:
                before, difference = whole_yuan(point.net_before), whole_yuan(point.net_after - point.net_before)
            keys.append(KeyPoint(*point, kinds, before, before + difference, difference))
    return BreakEven(cut=cut, cost=None if even_at is None else _yuan(costs[even_at]), max_pooled=_yuan(max_pooled),
                     cap_cost=None if cap_at is None else _yuan(costs[cap_at]), person_cost=person,
                     assumed_mix=curve.assumed, points=tuple(points), x_max=x_max, key_points=tuple(keys))
