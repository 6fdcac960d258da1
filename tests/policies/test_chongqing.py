"""Chongqing: one case per rule, worked by hand (seed 002, 实施细则 渝医保发〔2023〕32号)."""
from decimal import Decimal as D

from tests.helpers import money, problems, result, visit

ZERO_CREDITS = {"account_credit_before": "0", "account_credit_after": "0"}


def test_deductible_is_annual_and_cumulative_in_service():
    # 第四条: 200 a year, counted over the year. Visit 1: 150 all deductible. Visit 2: 50 more
    # deductible, then (150−50)×60% = 60 (第五条, 二级).
    r = result("chongqing", visits=[visit("secondary", 150), visit("secondary", 150)], **ZERO_CREDITS)
    assert money(r, "after", "fund_paid") == D("60.00")
    assert r["details"]["after"]["deductible_used"] == "200.00"


def test_retiree_deductible_is_100():
    # 第四条: retired 100. (300−100)×70% = 140.
    r = result("chongqing", "retired", 65, [visit("secondary", 300)], **ZERO_CREDITS)
    assert money(r, "after", "fund_paid") == D("140.00")


def test_ratios_by_level_and_status():
    # 第五条: 二级及以下 60%, 三级 50%; retirees +10 points. Cost 1200 after the deductible is met.
    def fund(status, level):
        first = "primary"
        r = result("chongqing", status, 60, [visit(first, 200), visit(level, 1000)], **ZERO_CREDITS)
        return money(r, "after", "fund_paid")
    # in service: the 200 visit fills the deductible exactly, then 1000×ratio.
    assert fund("in_service", "primary") == D("600.00")
    assert fund("in_service", "secondary") == D("600.00")
    assert fund("in_service", "tertiary") == D("500.00")
    # retired: deductible 100, so the first visit pays (200−100)×70% = 70 too.
    assert fund("retired", "primary") == D("770.00")
    assert fund("retired", "tertiary") == D("670.00")


def test_cap_employer_in_service_3000():
    # 第六条: (10000−200)×50% = 4900, capped at 3000.
    r = result("chongqing", visits=[visit("tertiary", 10000)], **ZERO_CREDITS)
    assert money(r, "after", "fund_paid") == D("3000.00")
    assert r["details"]["after"]["cap_reached"] is True


def test_cap_tier1_in_service_800_and_retired_1200():
    # 第六条: 个人参加职工医保一档 800 / 1200.
    r = result("chongqing", visits=[visit("tertiary", 10000)], enrolment="individual_tier1", **ZERO_CREDITS)
    assert money(r, "after", "fund_paid") == D("800.00")
    r = result("chongqing", "retired", 66, [visit("tertiary", 10000)], enrolment="individual_tier1", **ZERO_CREDITS)
    assert money(r, "after", "fund_paid") == D("1200.00")


def test_cap_retired_4000_tier2():
    # 第六条: tier 2 retired 4000. (10000−100)×60% = 5940 → 4000.
    r = result("chongqing", "retired", 66, [visit("tertiary", 10000)], enrolment="individual_tier2", **ZERO_CREDITS)
    assert money(r, "after", "fund_paid") == D("4000.00")


def test_pharmacy_uses_the_prescribers_level():
    # 第十二条: prescribed at a 三级 hospital → 50%. (1200−200)×50% = 500.
    r = result("chongqing", visits=[visit("tertiary", 1200, where="pharmacy")], **ZERO_CREDITS)
    assert money(r, "after", "fund_paid") == D("500.00")
    assert any("处方" in s["text"] for s in r["steps"])


def test_other_schemes_paid_first_and_remainder_pooled():
    # 问答十四 / 第六条: 两病 paid 300 of 1000; pooling sees 700: (700−200)×60% = 300. Fund 600 in all.
    r = result("chongqing", visits=[visit("secondary", 1000, other_scheme_paid="300")], **ZERO_CREDITS)
    assert money(r, "after", "fund_paid") == D("600.00")
    assert money(r, "before", "fund_paid") == D("300.00")
    assert r["details"]["after"]["pooled_paid"] == "300.00"


def test_other_scheme_payments_do_not_use_up_the_cap():
    # 第六条第二款: 特病 paid 50000; pooling sees 10000: (10000−200)×50% = 4900 → cap 3000. Fund 53000.
    r = result("chongqing", visits=[visit("tertiary", 60000, other_scheme_paid="50000")], **ZERO_CREDITS)
    assert money(r, "after", "fund_paid") == D("53000.00")


def test_account_pays_before_cash_with_opening_balance():
    # Credit 1260 (retired 62) + opening 100 = 1360 available. Person's share 910 → account 910, cash 0.
    # Before: 2525 credit + 100 opening = 2625 < 2800 → cash 175.
    r = result("chongqing", "retired", 62, [visit("secondary", 2800)], account_credit_before="2525",
               opening_balance="100")
    assert (r["before"]["account_paid"], r["before"]["cash_paid"]) == ("2625.00", "175.00")
    assert (r["after"]["account_paid"], r["after"]["account_balance"]) == ("910.00", "450.00")


def test_away_uses_the_same_rules():
    # 第七条: 市外 follows the same deductible and ratios.
    near = result("chongqing", visits=[visit("secondary", 1000)], **ZERO_CREDITS)
    away = result("chongqing", visits=[visit("secondary", 1000, away=True)], **ZERO_CREDITS)
    assert near["after"] == away["after"]


def test_credit_after_in_service_is_2_percent_of_base():
    # 第九条: 2% × 6000 × 12 = 1440.
    r = result("chongqing", visits=[], monthly_base="6000", account_credit_before="0")
    assert r["after"]["account_credit"] == "1440.00"


def test_credit_after_retired_by_age_70_inclusive():
    # 第九条: 105 a month under 70, 115 at 70 and over.
    assert result("chongqing", "retired", 69, [], account_credit_before="0")["after"]["account_credit"] == "1260.00"
    assert result("chongqing", "retired", 70, [], account_credit_before="0")["after"]["account_credit"] == "1380.00"


def test_turning_70_in_the_year_with_birth_month():
    # 69 on 1 January, birthday in July: 105×6 + 115×6 = 1320.
    r = result("chongqing", "retired", 69, [], account_credit_before="0", birth_month=7)
    assert r["after"]["account_credit"] == "1320.00"


def test_turning_70_without_birth_month_is_warned():
    r = result("chongqing", "retired", 69, [], account_credit_before="0")
    assert any("70" in w for w in r["warnings"])


def test_tier1_gets_no_account_credit_and_says_so():
    # 第九条 names employer-enrolled and tier 2 only: tier 1 is credited nothing (our reading, warned).
    r = result("chongqing", visits=[], enrolment="individual_tier1", account_credit_before="500")
    assert r["after"]["account_credit"] == "0.00"
    assert any("一档" in w for w in r["warnings"])


def test_before_credit_from_secondary_rates_by_age():
    # Secondary source: 2% + 1.3% (<35), 1.5% (35–44), 1.7% (45+) of the base. Base 10000:
    # 34 → 3.3%×12×10000 = 3960; 35 → 4200; 45 → 4440. Marked secondary in the warnings.
    for age, expected in ((34, "3960.00"), (35, "4200.00"), (44, "4200.00"), (45, "4440.00")):
        r = result("chongqing", age=age, visits=[], monthly_base="10000")
        assert r["before"]["account_credit"] == expected
        assert any("非官方" in w for w in r["warnings"])


def test_retired_before_credit_needs_a_figure_no_source_gives():
    assert "account_credit_before" in problems(
        {"city": "chongqing", "status": "retired", "age": 62, "visits": []})
    # With the employer's average base supplied: 4% × 5000 × 12 = 2400.
    r = result("chongqing", "retired", 62, [], params={"employer_average_monthly_base": "5000"})
    assert r["before"]["account_credit"] == "2400.00"
    assert "params.employer_average_monthly_base" in r["supplied"]


def test_in_service_without_base_asks_for_it():
    assert "monthly_base" in problems({"city": "chongqing", "status": "in_service", "age": 40, "visits": []})


def test_flexible_is_not_a_chongqing_enrolment():
    assert "enrolment" in problems({"city": "chongqing", "status": "in_service", "age": 40, "visits": [],
                                    "enrolment": "flexible"})


def test_default_year_and_before_year():
    r = result("chongqing", visits=[], **ZERO_CREDITS)
    assert (r["year_before"], r["year_after"]) == (2023, 2024)


def test_unknown_fields_are_ignored_and_named_in_a_warning():
    r = result("chongqing", visits=[visit("secondary", 100, colour="red")], nickname="x", **ZERO_CREDITS)
    assert any("nickname" in w and "visits[0].colour" in w for w in r["warnings"])
