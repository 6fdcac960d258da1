"""The five worked examples of the Chongqing Q&A, item 19 (seed 002), reproduced to the yuan.

Each row is (个人账户计入, 全年政策范围内医疗费用, 医保基金报销, 个人账户支付, 现金支付, 个账结余).
Where the Q&A states an account credit we use it (the old rates are not in any official
source); the after-reform retiree credits are computed from 实施细则 第九条.
"""
import pytest

from tests.helpers import scenario, visit, yuan_table

EXAMPLES = [
    pytest.param(
        # 1. 企业退休人员李某某, 62岁, 一二级医院, 2800元.
        # After: 105×12 = 1260 (第九条); fund (2800−100)×70% = 1890 (第四、五条); account 910; balance 350.
        scenario("chongqing", "retired", 62, [visit("secondary", 2800)], retiree_sector="enterprise",
                 account_credit_before="2525"),
        (2525, 2800, 0, 2525, 275, 0),
        (1260, 2800, 1890, 910, 0, 350),
        id="example-1-retired-62-secondary",
    ),
    pytest.param(
        # 2. 企业在职人员程某某, 32岁, 三级医院, 3000元. Fund (3000−200)×50% = 1400; account 1600.
        scenario("chongqing", "in_service", 32, [visit("tertiary", 3000)],
                 account_credit_before="3300", account_credit_after="2000"),
        (3300, 3000, 0, 3000, 0, 300),
        (2000, 3000, 1400, 1600, 0, 400),
        id="example-2-in-service-32-tertiary",
    ),
    pytest.param(
        # 3. 企业在职人员谢某某, 38岁, 一二级医院, 6350元, 特病 paid 4728 (the before row's fund).
        # Pooling sees 1622: (1622−200)×60% = 853.20; fund 5581.20 → 5581; account 768.80 → 769.
        scenario("chongqing", "in_service", 38, [visit("secondary", 6350, other_scheme_paid="4728")],
                 account_credit_before="1730", account_credit_after="989"),
        (1730, 6350, 4728, 1622, 0, 108),
        (989, 6350, 5581, 769, 0, 220),
        id="example-3-in-service-38-special-disease",
    ),
    pytest.param(
        # 4. 机关退休人员张某某, 76岁, 三级医院, 40000元, 特病 paid 35208.
        # After credit 115×12 = 1380 (70岁及以上). Pooling sees 4792: (4792−100)×60% = 2815.20;
        # fund 38023.20 → 38023; person 1976.80: account 1380, cash 596.80 → 597.
        scenario("chongqing", "retired", 76, [visit("tertiary", 40000, other_scheme_paid="35208")],
                 retiree_sector="institution", account_credit_before="3624"),
        (3624, 40000, 35208, 3624, 1168, 0),
        (1380, 40000, 38023, 1380, 597, 0),
        id="example-4-retired-76-tertiary-cancer",
    ),
    pytest.param(
        # 5. 个人参加职工医保二档 曾某某, 36岁, 三级医院透析, 110400元, 特病 paid 105409.
        # Pooling sees 4991: (4991−200)×50% = 2395.50; fund 107804.50 → 107805 (rounded up),
        # cash 1527.50 → 1527 (rounded down), so the row still adds up to 110400.
        scenario("chongqing", "in_service", 36, [visit("tertiary", 110400, other_scheme_paid="105409")],
                 enrolment="individual_tier2", account_credit_before="1869", account_credit_after="1068"),
        (1869, 110400, 105409, 1869, 3122, 0),
        (1068, 110400, 107805, 1068, 1527, 0),
        id="example-5-tier2-36-dialysis",
    ),
]


@pytest.mark.parametrize("data, before, after", EXAMPLES)
def test_qa_example_reproduces_to_the_yuan(data, before, after):
    assert yuan_table(data) == (before, after)


def test_example_2_credits_follow_from_the_base_too():
    # 3300 = 3.3% × 12 × base, so base = 8333.33 a month. 3.3% × 12 × 8333.33 = 3299.9987 → 3300.00;
    # 2% × 12 × 8333.33 = 1999.9992 → 2000.00 (第九条). Same rows as the Q&A.
    data = scenario("chongqing", "in_service", 32, [visit("tertiary", 3000)], monthly_base="8333.33")
    assert yuan_table(data) == ((3300, 3000, 0, 3000, 0, 300), (2000, 3000, 1400, 1600, 0, 400))
