"""Break-even costs against hand-worked figures, one or more per city (issue 4)."""
from dataclasses import replace
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies import parse_scenario, run
from policies.breakeven import BIG, _Curve, _pooled, _smallest, _Year, break_even
from policies.engine import simulate_year
from policies.money import FEN, to_fen
from policies.steps import Notes
from tests.helpers import scenario, visit
from tests.policies.test_properties import scenarios


def be(city, status, age, visits, **fields):
    return break_even(run(parse_scenario(scenario(city, status, age, visits, **fields))))


def test_chongqing_qa_example_1():
    # Cut 2525 − 1260 = 1265. Fund (C − 100) × 70% ≥ 1265 → C ≥ 1907.14 (1807.14 × 0.7 = 1264.998 → 1265.00).
    result = be("chongqing", "retired", 62, [visit("secondary", 2800)], account_credit_before="2525")
    assert result.cut == D("1265.00") and result.cost == D("1907.14")
    assert result.person_cost > result.cost                 # this person is better off, as the Q&A says
    # The table under the chart: from nothing, break-even, the person's 2800, the cap (4000 paid
    # at 100 + 4000 / 70% = 5814.28...) and the end of the axis.
    assert [p.cost for p in result.key_points] == [D("0"), D("1907.14"), D("2800"), D("5814.28"), D("10000")]
    assert result.key_points[-1] == result.points[-1] and set(result.key_points) <= set(result.points)


def test_zaozhuang_primary_visits():
    # 2023: cut 3000 − 2550 = 450. (C − 200) × 70% ≥ 450 → C ≥ 842.86 (642.86 × 0.7 = 450.002).
    result = be("zaozhuang", "in_service", 40, [visit("primary", 300, count=2)], monthly_base="5000",
                account_credit_before="3000")
    assert result.cost == D("842.86")


def test_zhenjiang_secondary():
    # Cut 2880 − 1440 = 1440. (C − 800) × 75% ≥ 1440 → C ≥ 2720.
    result = be("zhenjiang", "in_service", 44, [visit("secondary", 1000, count=2)], monthly_base="6000")
    assert result.cost == D("2720.00")


def test_xian_with_supplied_figures():
    # Cut 1620 − 1200 = 420. (C − 800) × 60% ≥ 420 → C ≥ 1500.
    result = be("xian", "in_service", 40, [visit("secondary", 1000, count=2)], monthly_base="5000",
                params={"deductible.in_service": "800", "ratio.in_service.secondary": "60",
                        "cap.in_service": "2000"})
    # Cap 2000 at 800 + 2000 / 0.6 = 4133.33…: two visits of 2066.66 settle to 1266.66 × 60% = 759.996
    # → 760.00 and 2066.66 × 60% = 1239.996 → 1240.00, the whole cap.
    assert result.cost == D("1500.00") and result.cap_cost == D("4133.32")


def test_henan_draft_community_centres():
    # Cut 1000 − 800 = 200; no deductible at community centres, 80% for retirees: C ≥ 250.
    result = be("henan-draft", "retired", 65, [visit("primary", 100, count=10)],
                account_credit_before="1000", account_credit_after="800")
    assert result.cost == D("250.00")


def test_never_breaks_even_when_the_cap_is_below_the_cut():
    # Zaozhuang 2024, base 10000: credit 2% = 2400; before 6000; cut 3600 > the 1500 cap.
    result = be("zaozhuang", "in_service", 40, [visit("tertiary", 1000)], monthly_base="10000",
                account_credit_before="6000", year=2024)
    assert result.never and result.max_pooled == D("1500.00") and result.cut == D("3600.00")
    # Past the cap the two lines are parallel: the gap stays at cut − cap = 2100.
    last = result.points[-1]
    assert last.net_before - last.net_after == D("2100.00")


def test_a_credit_that_did_not_fall_breaks_even_at_zero():
    result = be("chongqing", "retired", 62, [visit("secondary", 500)], account_credit_before="1000")
    assert result.cut < 0 and result.cost == D("0")


def test_no_visits_uses_a_stated_default_mix():
    # Ten visits of 190.71: (190.71 − 100) × 70% = 63.497 → 63.50, then 9 × 133.497 → 133.50:
    # 1265.00 in all, so 1907.10 already breaks even (each visit is settled to the fen).
    result = be("chongqing", "retired", 62, [], account_credit_before="2525")
    assert result.assumed_mix and result.cost == D("1907.10")


def test_curve_before_falls_one_for_one_and_after_never_faster():
    result = be("chongqing", "in_service", 40, [visit("tertiary", 600, count=5)], monthly_base="8000")
    for a, b in zip(result.points, result.points[1:]):
        drop = b.cost - a.cost
        assert a.net_before - b.net_before == drop
        assert 0 <= a.net_after - b.net_after <= drop



@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_break_even_and_limit_searches_find_the_smallest_total_to_the_fen(data):
    curve = _Curve(run(parse_scenario(data)))
    far = curve.at(BIG)
    for target in (curve.rules.cap, curve.credit_before - curve.credit_after):
        if not target or target <= 0 or far.pooled_paid < target:
            continue
        total = _smallest(curve, _pooled, target, BIG)
        assert curve.at(total).pooled_paid >= target
        assert total == 0 or curve.at(total - FEN).pooled_paid < target


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_curve_at_the_persons_own_total_is_their_own_after_year(data):
    # The curve starts from the person's estimate at their own total instead of simulating it again.
    est = run(parse_scenario(data))
    curve = _Curve(est)
    if not curve.assumed:
        after = est.after
        assert curve._simulate(curve.base_total) == _Year(after.total_cost, after.pooled_paid,
                                                          after.account_balance - after.cash_paid, after.cap_reached)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(min_value=0, max_value=5_000_000), st.booleans())
def test_each_point_of_the_curve_is_the_engines_whole_year_with_the_visits_scaled(data, fen, capped):
    # The curve settles only general pooling and derives the net position from it, and
    # past the total where pooling pays its whole cap it does not settle it at all. The
    # engine's whole year, account and cash included, must give the same at any total.
    est = run(parse_scenario(data))
    curve = _Curve(est)
    totals = [fen * FEN]
    if capped and curve.cap_total():
        totals += [curve.capped_from, curve.capped_from - FEN]      # either side of where the shortcut starts
    for total in totals:
        k = total / curve.base_total
        scaled = [replace(v, cost=to_fen(v.cost * k), other_paid=min(to_fen(v.other_paid * k), to_fen(v.cost * k)))
                  for v in curve.visits]
        sc = replace(curve.sc, visits=scaled)
        whole = simulate_year(sc, sc.year, "after", curve.credit_after, Notes(sc), curve.rules)
        assert curve._simulate(total) == _Year(whole.total_cost, whole.pooled_paid,
                                               whole.account_balance - whole.cash_paid, whole.cap_reached)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_table_under_the_chart_has_a_row_at_each_mark_exactly(data):
    # The table notes "(break-even)" and "(limit reached)" on the row whose cost is the
    # mark: each mark's row must have exactly that cost, not one a fen away.
    result = break_even(run(parse_scenario(data)))
    marks = {m for m in (result.person_cost, result.cost, result.cap_cost) if m}
    costs = [p.cost for p in result.key_points]
    assert marks <= set(costs)
    assert costs[0] == 0 and costs[-1] == result.points[-1].cost and costs == sorted(costs)
