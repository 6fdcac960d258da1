"""policies.partial: what can be worked out when a figure is unknown, and nothing guessed (issue 13)."""
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from policies import ScenarioError, estimate, parse_scenario, run
from policies.partial import run_known
from tests.helpers import scenario
from tests.policies.test_family import with_family

VISITS = [{"level": "secondary", "cost": 300, "count": 5}]


def test_zaozhuang_without_the_2021_credit_gives_the_after_year_in_full():
    data = scenario("zaozhuang", age=40, monthly_base=5000, visits=VISITS)
    with pytest.raises(ScenarioError) as refused:
        run(parse_scenario(data))
    assert set(refused.value.problems) == {"account_credit_before"}
    known = run_known(parse_scenario(data))
    assert set(known.missing) == {"account_credit_before"}
    assert known.credit_before is None and known.before is None
    # 第七条（一）: 5000 × 4.25% × 12 = 2550; 第五条: deductible 400 at level 2, then 60% of 1100 = 660.
    a = known.after
    assert (a.account_credit, a.total_cost, a.fund_paid, a.account_paid, a.cash_paid, a.account_balance) == (
        Decimal("2550.00"), Decimal("1500"), Decimal("660.00"), Decimal("840.00"), Decimal("0.00"), Decimal("1710.00"))
    steps, _ = known.render("zh")
    assert steps and all(s["regime"] == "after" for s in steps)     # no before figure is shown


def test_the_after_year_is_the_same_as_with_the_credit_known():
    data = scenario("zaozhuang", age=40, monthly_base=5000, visits=VISITS)
    full = estimate({**data, "account_credit_before": 2000})
    known = run_known(parse_scenario(data))
    assert {k: str(v) for k, v in vars(known.after).items() if k in full["after"]} == full["after"]


def test_xian_without_pooling_figures_keeps_both_credits_and_no_after_year():
    known = run_known(parse_scenario(scenario("xian", age=40, monthly_base=5000, visits=VISITS)))
    assert set(known.missing) == {"params.deductible.in_service", "params.ratio.in_service.secondary",
                                  "params.cap.in_service"}
    assert known.after is None and known.rules is None
    assert known.credit_after == Decimal("1200.00")          # 四（一）: 2% of the base
    assert known.before.account_credit == Decimal("1620.00")
    assert known.before.cash_paid + known.before.account_paid == Decimal("1500")


def test_nothing_missing_means_complete_and_the_same_after_year():
    data = scenario("chongqing", status="retired", age=62, monthly_pension=3200, account_credit_before=2525,
                    visits=[{"level": "secondary", "cost": 2800}])
    known = run_known(parse_scenario(data))
    assert known.complete
    assert known.after.fund_paid == Decimal("1890.00") and known.after.account_balance == Decimal("350.00")


def test_the_fund_share_is_known_when_only_the_credit_after_is_missing():
    data = scenario("zaozhuang", status="retired", age=65, monthly_pension=3000, visits=VISITS)
    known = run_known(parse_scenario(data))
    assert set(known.missing) == {"account_credit_before", "account_credit_after"}
    assert known.after is None
    # 第五条（二）: retirees at level 2, 65% of the 1100 above the 400 deductible; no account figure is shown.
    assert known.pooled_only.fund_paid == Decimal("715.00")


def test_the_contract_still_refuses_a_missing_figure_unless_partial_is_asked():
    data = scenario("zaozhuang", age=40, monthly_base=5000, visits=VISITS)
    with pytest.raises(ScenarioError):
        estimate(data)
    out = estimate({**data, "partial": True})
    assert out["before"] is None
    assert out["after"]["fund_paid"] == "660.00"
    assert list(out["missing"]) == ["account_credit_before"]
    assert "2021" in out["missing"]["account_credit_before"][0]
    with pytest.raises(ScenarioError) as refused:
        estimate({**data, "partial": "yes"})
    assert list(refused.value.problems) == ["partial"]


def test_partial_with_nothing_missing_is_the_ordinary_columns():
    data = scenario("zaozhuang", age=40, monthly_base=5000, account_credit_before=2000, visits=VISITS)
    full, partial = estimate(data), estimate({**data, "partial": True})
    assert partial["missing"] == {}
    assert (partial["before"], partial["after"]) == (full["before"], full["after"])


def test_a_draft_is_said_even_when_little_can_be_worked_out():
    data = scenario("henan-draft", status="retired", retiree_sector="enterprise", age=65, monthly_pension=3000,
                    visits=[{"level": "primary", "cost": 100, "count": 5}])
    known = run_known(parse_scenario(data))
    assert known.after is None and known.pooled_only is not None
    assert "warn_draft" in known.notes.warning_keys()
    _, warnings = known.render("en")
    assert any("draft for comment" in w for w in warnings)


# ---- the old credit at which the two years come out the same ------------------------------------

def test_a_chongqing_retiree_is_better_off_below_3150_and_worse_off_above():
    # One 2800 visit at level 2 in 2024 (细则 第四条, 第五条, 第九条第二款): credit 1260, the fund pays
    # (2800 − 100) × 70% = 1890, the person bears 910; before the reform the person bore all 2800
    # (问答 二, 十九例1). The years meet at 1260 − 910 + 2800 = 3150; with 2525 the reform gains 625.
    data = scenario("chongqing", status="retired", age=62, visits=[{"level": "secondary", "cost": 2800}])
    assert run_known(parse_scenario(data)).even_credit_before == Decimal("3150.00")
    assert estimate(dict(data, partial=True))["even_credit_before"] == "3150.00"
    met = estimate(dict(data, account_credit_before="3150"))
    assert (met["before"]["account_balance"], met["after"]["account_balance"]) == ("350.00", "350.00")


def test_no_meeting_credit_when_another_figure_is_missing_too():
    data = scenario("xian", age=40, monthly_base=5000, visits=VISITS)
    assert run_known(parse_scenario(data)).even_credit_before is None
    assert "even_credit_before" not in estimate(dict(data, partial=True))


def _household_net(result: dict, regime: str) -> Decimal:
    """Year-end balance less every yuan of cash the person and the family paid."""
    col = result[regime]
    cash = result["family"][regime]["household_cash_paid"] if "family" in result else col["cash_paid"]
    return Decimal(col["account_balance"]) - Decimal(cash)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(with_family(), st.booleans())
def test_the_meeting_credit_is_where_the_reform_turns_from_gain_to_loss(data, family):
    data = {k: v for k, v in data.items() if k != "account_credit_before"}
    if not family:
        data["family"] = []
    even = run_known(parse_scenario(data)).even_credit_before
    assume(even is not None)
    for step, sign in ((Decimal("-0.01"), 1), (Decimal(0), 0), (Decimal("0.01"), -1)):
        if even + step < 0:
            continue
        full = estimate(dict(data, account_credit_before=str(even + step)))
        gain = _household_net(full, "after") - _household_net(full, "before")
        assert (gain > 0) - (gain < 0) == sign, (even + step, gain)


def test_a_zaozhuang_retiree_without_the_new_credit_is_better_off_above_900():
    # 12 × 100 at level 1 and 2 × 800 at level 2 in 2023 (第五条): the fund pays 1500, the person bears 1300;
    # before the reform they bore all 2800 of a 2400 credit. The years meet at 2400 − 2800 + 1300 = 900.
    data = scenario("zaozhuang", status="retired", age=68, account_credit_before=2400,
                    visits=[{"level": "primary", "cost": 100, "count": 12}, {"level": "secondary", "cost": 800, "count": 2}])
    known = run_known(parse_scenario(data))
    assert (known.even_credit_before, known.even_credit_after) == (None, Decimal("900.00"))
    assert estimate(dict(data, partial=True))["even_credit_after"] == "900.00"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(with_family(), st.booleans())
def test_the_meeting_new_credit_is_where_the_reform_turns_from_loss_to_gain(data, family):
    data = {k: v for k, v in data.items() if k != "account_credit_after"}
    if not family:
        data["family"] = []
    even = run_known(parse_scenario(data)).even_credit_after
    assume(even is not None)
    for step, sign in ((Decimal("-0.01"), -1), (Decimal(0), 0), (Decimal("0.01"), 1)):
        if even + step < 0:
            continue
        full = estimate(dict(data, account_credit_after=str(even + step)))
        gain = _household_net(full, "after") - _household_net(full, "before")
        assert (gain > 0) - (gain < 0) == sign, (even + step, gain)
