"""The engine's shortcuts give what the plain, visit-by-visit reading of the rules gives (hypothesis).

Each shortcut (a kind of visit settled once, the account's share of the year in one sum, a
repeated visit entry checked once) is compared here with the slow path it replaces, written
out as the rules read: block by block, visit by visit, every entry checked."""
from dataclasses import replace
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies import ScenarioError, load_cities, parse_scenario, run
from policies.engine import _pooled_block, _State, cap_reached, pool_visits, simulate_year
from policies.money import ZERO, to_fen
from policies.steps import Notes
from policies.timeline import in_force_in_month
from policies.values import Money, Percent

CITIES = load_cities()
XIAN_FIGURES = {"deductible.in_service": "300", "deductible.retired": "200", "cap.in_service": "2500",
                "cap.retired": "3500", **{f"ratio.{s}.{lv}": "60" for s in ("in_service", "retired")
                                          for lv in ("primary", "secondary", "tertiary")}}
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def repeated_years(draw):
    """A year made of a few kinds of visit repeated over many blocks, as the web form spreads them."""
    city_id = draw(st.sampled_from(list(CITIES)))
    city = CITIES[city_id]
    pharmacy_ok = city.params["pharmacy"].value == "prescriber_level"
    kinds = []
    for _ in range(draw(st.integers(1, 4))):
        cost = draw(st.sampled_from([Decimal(0), Decimal("0.01"), Decimal(120), Decimal(650), Decimal("99.99"),
                                          Decimal("0.5"), Decimal("33.33"), Decimal("199.75")])
                    | st.decimals(0, 3000, places=2))
        entry = {"level": draw(st.sampled_from(city.levels)), "cost": cost}
        if draw(st.booleans()):
            entry["other_scheme_paid"] = str(draw(st.decimals(0, cost, places=2)))
        if draw(st.booleans()):
            entry["away"] = True
        if pharmacy_ok and draw(st.booleans()):
            entry["where"] = "pharmacy"
        if draw(st.integers(0, 4)) == 0:
            entry["month"] = draw(st.integers(1, 12))
        kinds.append(entry)
    # Each entry's cost as JSON sends it (text) or as the web form hands it over (a Decimal, in one
    # of two spellings of the same amount): a repeated entry must keep its own spelling.
    spellings = [str, lambda d: d, lambda d: d.quantize(Decimal("0.01"))]
    visits = [dict(kind, cost=draw(st.sampled_from(spellings))(kind["cost"]), count=draw(st.sampled_from([1, 1, 2, 3, 7])))
              for kind in (draw(st.sampled_from(kinds)) for _ in range(draw(st.integers(0, 60))))]
    data = {"city": city_id, "status": draw(st.sampled_from(["in_service", "retired"])), "age": 60,
            "enrolment": draw(st.sampled_from(city.enrolments)), "retiree_sector": "enterprise",
            "year": city.first_full_year + draw(st.sampled_from([0, 0, 0, 1, -1])), "visits": visits,
            "monthly_base": "6000", "monthly_pension": "4000",
            "account_credit_before": str(draw(st.decimals(0, 5000, places=2))),
            "opening_balance": str(draw(st.decimals(0, 3000, places=2)))}
    if draw(st.booleans()):
        data["account_credit_after"] = str(draw(st.decimals(0, 3000, places=2)))
    if city_id == "xian":
        data["params"] = XIAN_FIGURES
    return data


def checked(data):
    try:
        return run(parse_scenario(data))
    except ScenarioError:
        return None


def slow_pool(sc, year, rules, notes):
    """Pooling block by block, every figure worked out again for each block (the rules as they read)."""
    st = _State(cap_left=rules.cap if rules else ZERO)
    if rules is None:
        return [ZERO] * len(sc.visits), st
    paid, away_first_total = [], ZERO
    for v in sc.visits:
        pooled = ZERO
        if in_force_in_month(sc, year, v.month or 12):
            seen = v.cost - v.other_paid
            first = ZERO
            if v.away and rules.away_first is not None:
                first = to_fen(seen * rules.away_first)
                away_first_total += first * v.count
            deductible_before = st.deductible_used
            pooled = _pooled_block(rules, st, v.level, seen - first, v.count)
            notes.level_used(v.level, v.where, v.away)
            notes.pooled_block(v.level, (seen - first) * v.count, st.deductible_used - deductible_before, pooled)
        paid.append(pooled)
    if away_first_total:
        notes.step("after", "step_away_first", rules.away_first_source, share=Percent(rules.away_first),
                   amount=Money(away_first_total))
    return paid, st


def slow_column(sc, year, regime, credit, rules):
    """The account paying each block in turn while it lasts, then cash."""
    notes = Notes(sc)
    pooled_each, st = slow_pool(sc, year, rules if regime == "after" else None, notes)
    balance = sc.opening_balance + credit
    sums = dict(total_cost=ZERO, other_paid=ZERO, pooled_paid=ZERO, account_paid=ZERO, cash_paid=ZERO)
    for v, pooled in zip(sc.visits, pooled_each):
        share = v.cost * v.count - v.other_paid * v.count - pooled
        from_account = min(share, balance)
        balance -= from_account
        for name, amount in (("total_cost", v.cost * v.count), ("other_paid", v.other_paid * v.count),
                             ("pooled_paid", pooled), ("account_paid", from_account),
                             ("cash_paid", share - from_account)):
            sums[name] += amount
    return sums, balance, st, pooled_each, notes


@FAST
@given(repeated_years())
def test_pooling_by_kind_of_visit_equals_pooling_block_by_block(data):
    est = checked(data)
    if est is None:
        return
    sc, rules = est.scenario, est.rules
    fast_notes, slow_notes = Notes(sc), Notes(sc)
    fast, fast_state = pool_visits(sc, est.year_after, rules, fast_notes)
    slow, slow_state = slow_pool(sc, est.year_after, rules, slow_notes)
    assert fast == slow
    assert (fast_state.deductible_used, fast_state.cap_left) == (slow_state.deductible_used, slow_state.cap_left)
    assert cap_reached(rules, fast_state) == cap_reached(rules, slow_state)
    assert fast_notes._levels == slow_notes._levels
    assert fast_notes._pooled == slow_notes._pooled
    assert fast_notes.render("en") == slow_notes.render("en")


@FAST
@given(repeated_years())
def test_the_account_paying_the_years_share_at_once_equals_paying_block_by_block(data):
    est = checked(data)
    if est is None:
        return
    sc = est.scenario
    for regime, year, col in (("before", est.year_before, est.before), ("after", est.year_after, est.after)):
        sums, balance, state, _, _ = slow_column(sc, year, regime, col.account_credit, est.rules)
        assert {name: getattr(col, name) for name in sums} == sums
        assert col.account_balance == balance
        assert col.fund_paid == sums["other_paid"] + sums["pooled_paid"]
        assert col.deductible_used == state.deductible_used


@FAST
@given(repeated_years())
def test_a_repeated_visit_entry_checked_once_equals_each_entry_checked_alone(data):
    try:
        parse_scenario(dict(data, visits=[]))
    except ScenarioError:
        return                            # (the rest of the scenario is wrong: no entry is checked alone)
    try:
        together = parse_scenario(data).visits
    except ScenarioError as error:
        together = error.problems
    alone = []
    for entry in data["visits"]:
        try:
            visit = parse_scenario(dict(data, visits=[entry])).visits
        except ScenarioError as error:
            alone = error.problems
            break
        alone += visit
    assert isinstance(together, dict) == isinstance(alone, dict)
    if isinstance(together, list):
        assert together == alone
        for a, b in zip(together, alone):      # the same amounts, written the same way
            assert (str(a.cost), str(a.other_paid)) == (str(b.cost), str(b.other_paid))


def test_an_entry_that_looks_like_a_checked_one_is_still_checked():
    city = {"city": "chongqing", "status": "retired", "age": 62, "account_credit_before": "2525"}
    good = {"level": "primary", "cost": "120", "count": 1}
    for bad, field in (({"level": "primary", "cost": "120", "count": True}, "visits[1].count"),
                       ({"level": "primary", "cost": "120", "count": 1, "colour": "red"}, None)):
        try:
            sc = parse_scenario(dict(city, visits=[good, bad]))
        except ScenarioError as error:
            assert field in error.problems
        else:
            assert field is None and sc.ignored == ["visits[1].colour"]


def test_simulate_year_still_settles_family_spending_visit_by_visit():
    data = {"city": "chongqing", "status": "retired", "age": 62, "account_credit_before": "2525",
            "visits": [{"level": "primary", "cost": "120", "count": 10}],
            "family": [{"kind": "medical", "amount": "3000"}]}
    est = run(parse_scenario(data))
    sc = est.scenario
    col = simulate_year(sc, est.year_after, "after", est.after.account_credit, Notes(sc), est.rules)
    own = col.account_paid + col.cash_paid + col.fund_paid
    assert own == col.total_cost == Decimal(1200)
    assert col.family.account_paid + col.account_paid <= est.after.account_credit
    lone = simulate_year(replace(sc, family=[]), est.year_after, "after", est.after.account_credit,
                         Notes(sc), est.rules)
    assert lone.account_paid == min(lone.total_cost - lone.fund_paid, est.after.account_credit)


# ---- the break-even curve: a year of a few kinds of visit, settled by kind ----------------------

def curves(data):
    from policies.breakeven import _Curve
    est = checked(data)
    if est is None:
        return None
    try:
        return _Curve(est)
    except ScenarioError:
        return None


@FAST
@given(repeated_years(), st.lists(st.integers(0, 10**8), min_size=1, max_size=6))
def test_a_year_settled_by_kind_of_visit_equals_the_year_settled_block_by_block(data, totals):
    from policies.breakeven import _KindsWindow, _Window
    curve = curves(data)
    if curve is None or curve.kinds is None:
        return
    totals += [curve.base, curve.base // 3, curve.base + 1, 1, 7]
    for t in totals:
        by_kind = curve.kinds.settle(t)
        if by_kind is not None:          # (None: a kind brings nothing at t, and the blocks settle it)
            assert by_kind == curve._settle_blocks(t)      # the slope too, bit for bit
        assert curve.bills(t)[3:] == curve._settle_blocks(t)[3:]
    for low, high in zip(sorted(totals), sorted(totals)[1:]):
        by_kind, by_block = _KindsWindow(curve.kinds, low, high), _Window(curve, low, high)
        assert (by_kind.low, by_kind.high, by_kind.moving_blocks) == (by_block.low, by_block.high, by_block.moving_blocks)
        assert by_kind.moving == sorted(set(by_block.moving))
        for t in (low, (low + high) // 2, high):
            assert by_kind.at(t) == by_block.at(t)
            assert by_kind.flat(t) == by_block.flat(t)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(repeated_years())
def test_the_break_even_by_kind_of_visit_equals_the_break_even_block_by_block(data):
    from policies import breakeven
    est = checked(data)
    if est is None:
        return
    try:
        fast = breakeven.break_even(est)
    except ScenarioError:
        return
    serves = breakeven._Kinds.__dict__["serves"]
    try:
        breakeven._Kinds.serves = classmethod(lambda cls, curve, kinds: False)
        slow = breakeven.break_even(est)
    finally:
        breakeven._Kinds.serves = serves
    assert fast == slow                   # every point of the chart, and each key point


@FAST
@given(repeated_years())
def test_blocks_alike_made_once_equal_each_block_made_from_its_visit(data):
    from policies.breakeven import _Curve
    curve = curves(data)
    if curve is None:
        return
    alike = _Curve.__new__(_Curve)
    alike.__dict__.update({k: v for k, v in curve.__dict__.items() if k not in ("blocks", "others", "base")})
    alike._make_alike()
    each = _Curve.__new__(_Curve)
    each.__dict__.update(alike.__dict__)
    each._make_each()
    assert (alike.blocks, alike.others, alike.base) == (each.blocks, each.others, each.base) == (
        curve.blocks, curve.others, curve.base)
