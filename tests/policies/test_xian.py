"""Xi'an: a framework document (seed 003, 市政办发〔2022〕62号). Its figures must be supplied."""
from decimal import Decimal as D

from tests.helpers import problems, result, visit

CREDITS = {"account_credit_before": "0", "account_credit_after": "0"}
FIGURES = {"deductible.in_service": "800", "ratio.in_service.secondary": "60", "cap.in_service": "2000"}


def test_missing_pooling_figures_are_named_not_guessed():
    errors = problems({"city": "xian", "status": "in_service", "age": 40,
                       "visits": [visit("secondary", 2000)], **CREDITS})
    assert {"params.deductible.in_service", "params.ratio.in_service.secondary", "params.cap.in_service"} <= set(errors)


def test_supplied_figures_are_used_and_listed():
    # (2000−800)×60% = 720.
    r = result("xian", visits=[visit("secondary", 2000)], params=FIGURES, **CREDITS)
    assert D(r["after"]["fund_paid"]) == D("720.00")
    assert "params.cap.in_service" in r["supplied"]
    assert any("原则" in w for w in r["warnings"])      # framework document warning


def test_ratio_below_the_documents_floor_is_warned():
    # 四（三）: not below 50%.
    r = result("xian", visits=[visit("secondary", 2000)], params={**FIGURES, "ratio.in_service.secondary": "40"},
               **CREDITS)
    assert any("50" in w for w in r["warnings"])


def test_in_service_credit_2_percent():
    # 四（一）: 2% × 5000 × 12 = 1200.
    r = result("xian", visits=[], monthly_base="5000", account_credit_before="0", params=FIGURES)
    assert r["after"]["account_credit"] == "1200.00"


def test_before_credit_secondary_by_age():
    # Secondary: 2.7% (≤40), 3.0% (41–50), 3.6% (51+). Base 5000: 1620, 1800, 2160.
    for age, expected in ((40, "1620.00"), (41, "1800.00"), (51, "2160.00")):
        r = result("xian", age=age, visits=[], monthly_base="5000", params=FIGURES)
        assert r["before"]["account_credit"] == expected


def test_retired_credits():
    # Before: 5% of own pension (secondary, conflicting): 5% × 3000 × 12 = 1800.
    # After: a fixed monthly amount set later, so it must be supplied.
    errors = problems({"city": "xian", "status": "retired", "age": 65, "monthly_pension": "3000", "visits": []})
    assert "account_credit_after" in errors
    r = result("xian", "retired", 65, [], monthly_pension="3000", params={"credit.retired.monthly": "80"})
    assert (r["before"]["account_credit"], r["after"]["account_credit"]) == ("1800.00", "960.00")


def test_year_2022_needs_the_start_month():
    assert "year" in problems({"city": "xian", "status": "in_service", "age": 40, "year": 2022,
                               "visits": [], **CREDITS})


def test_pharmacy_is_not_in_the_document():
    assert "visits[0].where" in problems({"city": "xian", "status": "in_service", "age": 40, "params": FIGURES,
                                          "visits": [visit("secondary", 100, where="pharmacy")], **CREDITS})
