"""Zaozhuang: one case per rule, worked by hand (seed 001, 枣政办发〔2022〕16号)."""
from decimal import Decimal as D

from tests.helpers import money, problems, result, visit

CREDITS = {"account_credit_before": "0", "account_credit_after": "0"}


def test_default_year_is_2023_and_before_is_2021():
    # 第四条: pooling from 2022-12, so the first full year is 2023 and "before" is 2021.
    r = result("zaozhuang", visits=[], **CREDITS)
    assert (r["year_before"], r["year_after"]) == (2021, 2023)


def test_deductible_by_level_with_cumulative_top_up():
    # 第五条（一）: 200 / 400 / 800, 累计补差. In service (第五条（二）70/60/50%):
    # primary 300: 200 deductible, 100×70% = 70.
    # secondary 500: owes 400−200 = 200 more, 300×60% = 180.
    # tertiary 1000: owes 800−400 = 400 more, 600×50% = 300.
    # primary 100 again: nothing owed, 100×70% = 70.  Fund 620, deductible 800.
    r = result("zaozhuang", visits=[visit("primary", 300), visit("secondary", 500),
                                   visit("tertiary", 1000), visit("primary", 100)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("620.00")
    assert r["details"]["after"]["deductible_used"] == "800.00"


def test_retiree_ratios():
    # 第五条（二）: retired 75 / 65 / 55%. Tertiary 1800: (1800−800)×55% = 550.
    r = result("zaozhuang", "retired", 65, [visit("tertiary", 1800)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("550.00")
    # primary 1200: (1200−200)×75% = 750.
    r = result("zaozhuang", "retired", 65, [visit("primary", 1200)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("750.00")


def test_cap_1500_for_everyone():
    # 第五条（三）: (5000−800)×50% = 2100 → 1500.
    r = result("zaozhuang", visits=[visit("tertiary", 5000)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("1500.00")


def test_temporarily_away_pays_10_percent_first():
    # 第六条: 1000 while away at a 二级: 100 first (our reading: not towards the deductible);
    # 900 left: 400 deductible, 500×60% = 300.
    r = result("zaozhuang", visits=[visit("secondary", 1000, away=True)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("300.00")
    assert money(r, "after", "cash_paid") == D("700.00")
    assert any("10%" in w for w in r["warnings"])


def test_pharmacy_follows_hospital_policy_combined():
    # 第十三条: the same policy, deductible and cap combined with hospital visits.
    # hospital secondary 400 fills the deductible; pharmacy (secondary prescriber) 100 → 60.
    r = result("zaozhuang", visits=[visit("secondary", 400), visit("secondary", 100, where="pharmacy")], **CREDITS)
    assert money(r, "after", "fund_paid") == D("60.00")


def test_in_service_credit_2023_transition_and_2024():
    # 第七条（一）: 2022-12 to 2023-12: own 2% + employer 2.25% = 4.25% (our reading, warned).
    # Base 5000: 4.25% × 5000 × 12 = 2550. From 2024: 2% → 1200.
    r = result("zaozhuang", visits=[], monthly_base="5000", account_credit_before="0")
    assert r["after"]["account_credit"] == "2550.00"
    assert any("2.25%" in w for w in r["warnings"])
    r = result("zaozhuang", visits=[], monthly_base="5000", account_credit_before="0", year=2024)
    assert r["after"]["account_credit"] == "1200.00"


def test_flexible_in_service_has_no_account_from_2023():
    # 第十条: 灵活就业 7%, no personal account while working.
    r = result("zaozhuang", visits=[], enrolment="flexible", account_credit_before="0")
    assert r["after"]["account_credit"] == "0.00"


def test_retired_2024_needs_the_2023_average_pension():
    # 第七条（二）1: 2% (<70) / 2.5% (70+) of the 2023 city average pension, amount not given.
    assert "account_credit_after" in problems({"city": "zaozhuang", "status": "retired", "age": 65,
                                               "year": 2024, "visits": [], "account_credit_before": "0"})
    # With 3000 supplied: 2% × 3000 × 12 = 720; at 72: 2.5% → 900.
    for age, expected in ((65, "720.00"), (72, "900.00")):
        r = result("zaozhuang", "retired", age, [], year=2024, account_credit_before="0",
                   params={"average_pension_2023": "3000"})
        assert r["after"]["account_credit"] == expected


def test_retired_employer_2023_rule_is_not_in_the_document():
    assert "account_credit_after" in problems({"city": "zaozhuang", "status": "retired", "age": 65,
                                               "visits": [], "account_credit_before": "0"})


def test_flexible_retired_2023_uses_2022_average():
    # 第七条（二）2: 2% × 2800 × 12 = 672.
    r = result("zaozhuang", "retired", 65, [], enrolment="flexible", account_credit_before="0",
               params={"average_pension_2022": "2800"})
    assert r["after"]["account_credit"] == "672.00"


def test_before_credit_is_unknown_and_asked_for():
    errors = problems({"city": "zaozhuang", "status": "in_service", "age": 40, "monthly_base": "5000", "visits": []})
    assert list(errors) == ["account_credit_before"]


def test_year_of_introduction_splits_at_december():
    # 2022: visits in November are under the old rules, December under the new (第四条).
    # December secondary 1000: (1000−400)×60% = 360.
    base = {"year": 2022, **CREDITS}
    r = result("zaozhuang", visits=[visit("secondary", 1000, month=11), visit("secondary", 1000, month=12)], **base)
    assert money(r, "after", "fund_paid") == D("360.00")
    assert "visits[0].month" in problems({"city": "zaozhuang", "status": "in_service", "age": 40,
                                          "visits": [visit("secondary", 10)], **base})
