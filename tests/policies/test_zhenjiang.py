"""Zhenjiang: one case per rule, worked by hand (seed 004, 镇政办发〔2022〕73号)."""
from decimal import Decimal as D

import pytest

from tests.helpers import money, problems, result, visit

CREDITS = {"account_credit_before": "0", "account_credit_after": "0"}


def test_deductible_800_in_service_500_retired():
    # 二（一）1. Secondary 1800 in service: (1800−800)×75% = 750; retired: (1800−500)×80% = 1040.
    assert money(result("zhenjiang", visits=[visit("secondary", 1800)], **CREDITS), "after", "fund_paid") == D("750.00")
    r = result("zhenjiang", "retired", 66, [visit("secondary", 1800)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("1040.00")


@pytest.mark.parametrize("level, in_service, retired", [
    ("tertiary", "60", "65"),         # the two designated 三级 hospitals
    ("secondary", "75", "80"),        # 二级
    ("tertiary_other", "75", "80"),   # 其他三级
    ("primary", "90", "90"),          # 基层
    ("other", "80", "80"),            # 其他一级及其他机构
])
def test_ratio_by_institution(level, in_service, retired):
    # 二（一）2. The first visit of 800 (in service) / 500 (retired) fills the deductible; then 1000×ratio.
    r = result("zhenjiang", visits=[visit(level, 800), visit(level, 1000)], **CREDITS)
    assert money(r, "after", "fund_paid") == D(in_service) * 10
    r = result("zhenjiang", "retired", 66, [visit(level, 500), visit(level, 1000)], **CREDITS)
    assert money(r, "after", "fund_paid") == D(retired) * 10


def test_cap_10000_is_what_the_fund_pays():
    # 二（一）3: (30000−800)×60% = 17520 → 10000.
    r = result("zhenjiang", visits=[visit("tertiary", 30000)], **CREDITS)
    assert money(r, "after", "fund_paid") == D("10000.00")


def test_pharmacy_at_the_prescribers_ratio():
    # 二（一）4: 800 at a 二级 fills the deductible, then pharmacy 200 prescribed at a 基层 → 90% = 180.
    r = result("zhenjiang", visits=[visit("secondary", 800), visit("primary", 200, where="pharmacy")], **CREDITS)
    assert money(r, "after", "fund_paid") == D("180.00")


def test_in_service_credit_2_percent_from_2023_flexible_too():
    # 二（三）: 2% × 6000 × 12 = 1440, for employees and flexible workers.
    for enrolment in ("employer", "flexible"):
        r = result("zhenjiang", visits=[], monthly_base="6000", enrolment=enrolment, account_credit_before="0")
        assert r["after"]["account_credit"] == "1440.00"


def test_before_credit_secondary_4_and_5_percent():
    # Secondary source: 4% (<45) / 5% (45+) of last year's wages, read as 12 × base.
    # 4% × 6000 × 12 = 2880; 5% → 3600.
    assert result("zhenjiang", age=44, visits=[], monthly_base="6000")["before"]["account_credit"] == "2880.00"
    r = result("zhenjiang", age=45, visits=[], monthly_base="6000")
    assert r["before"]["account_credit"] == "3600.00"
    assert any("非官方" in w for w in r["warnings"])


def test_retired_2023_gets_last_years_own_credit():
    # 二（三）: 2023 = own 2022 credit, monthly. Before: 6% × 4000 × 12 = 2880 (secondary); after 2880.
    r = result("zhenjiang", "retired", 66, [], monthly_pension="4000")
    assert r["before"]["account_credit"] == r["after"]["account_credit"] == "2880.00"


def test_retired_2024_needs_the_2023_average_pension():
    # 二（三）: 2.5% of the reform year's average pension, amount not given.
    assert "account_credit_after" in problems({"city": "zhenjiang", "status": "retired", "age": 66,
                                               "year": 2024, "visits": [], "monthly_pension": "4000"})
    # 2.5% × 3500 × 12 = 1050.
    r = result("zhenjiang", "retired", 66, [], year=2024, monthly_pension="4000",
               params={"average_pension_2023": "3500"})
    assert r["after"]["account_credit"] == "1050.00"


def test_old_three_segment_model_is_flagged():
    r = result("zhenjiang", visits=[visit("secondary", 100)], **CREDITS)
    assert any("三段式" in w for w in r["warnings"])
