"""The Henan city's draft (seed 000, 起草说明 of the 实施细则（征求意见稿）)."""
from decimal import Decimal as D

from tests.helpers import money, problems, result, visit

CREDITS = {"account_credit_before": "0", "account_credit_after": "0"}


def test_deductible_per_visit_none_at_community_centres():
    # 第三章: 40 per visit; none at 乡镇卫生院/社区卫生服务中心. In service:
    # secondary 100: (100−40)×60% = 36; primary 100: 100×70% = 70; 省级三甲 100: 60×55% = 33.
    r = result("henan-draft", visits=[visit("secondary", 100), visit("primary", 100),
                                      visit("tertiary_provincial_a", 100)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("139.00")


def test_retirees_ten_points_more():
    # primary 100 × 80% = 80; tertiary (100−40)×70% = 42.
    r = result("henan-draft", "retired", 65, [visit("primary", 100), visit("tertiary", 100)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("122.00")


def test_a_visit_below_the_per_visit_deductible_gets_nothing():
    r = result("henan-draft", visits=[visit("secondary", 30)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("0.00")


def test_caps_and_blocks_of_visits():
    # 50 secondary visits of 100, in service: 36 each; 41 visits pay 1476, the 42nd pays the
    # last 24 of the 1500 cap, the rest nothing.
    r = result("henan-draft", visits=[visit("secondary", 100, count=50)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("1500.00")
    r = result("henan-draft", "retired", 65, [visit("primary", 1000, count=3)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("2000.00")  # 800 × 3 = 2400 → retired cap 2000


def test_year_of_introduction_halves_caps_and_splits_at_july():
    # 2022: caps halved (750 in service). June visit: old rules. July: 20 × 36 = 720; then 30 more → 750.
    r = result("henan-draft", year=2022, visits=[visit("secondary", 100, month=6),
                                                 visit("secondary", 100, count=50, month=7)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("750.00")
    assert r["details"]["after"]["cap"] == "750.00"


def test_in_service_credit_2_percent_flexible_too():
    r = result("henan-draft", visits=[], monthly_base="4000", enrolment="flexible", account_credit_before="0")
    assert r["after"]["account_credit"] == "960.00"


def test_retired_credit_by_sector_needs_the_averages():
    base = {"city": "henan-draft", "status": "retired", "age": 65, "visits": [], "account_credit_before": "0"}
    assert "retiree_sector" in problems(base)
    assert "account_credit_after" in problems({**base, "retiree_sector": "institution"})
    assert "retiree_sector" in problems({**base, "params": {"average_pension_2021.enterprise": "3000"}})
    r = result("henan-draft", "retired", 65, [], account_credit_before="0", retiree_sector="enterprise",
               params={"average_pension_2021.enterprise": "3000"})
    assert r["after"]["account_credit"] == "720.00"   # 2% × 3000 × 12


def test_always_labelled_a_draft():
    r = result("henan-draft", visits=[], **CREDITS)
    assert any("征求意见稿" in w for w in r["warnings"])


def test_before_credit_is_asked_for():
    assert "account_credit_before" in problems({"city": "henan-draft", "status": "in_service", "age": 40,
                                                "monthly_base": "4000", "visits": []})


def test_pharmacy_not_in_the_draft():
    assert "visits[0].where" in problems({"city": "henan-draft", "status": "in_service", "age": 40, **CREDITS,
                                          "visits": [visit("secondary", 100, where="pharmacy")]})
