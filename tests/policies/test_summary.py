"""The verdict's figures come from the Q&A table as shown, in whole yuan (issue 12, item 3)."""
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings

from policies import parse_scenario, run
from policies.money import whole_yuan
from policies.summary import table_rows, verdict
from tests.helpers import scenario, visit, yuan_table
from tests.policies.test_properties import scenarios


def test_the_balance_change_is_the_tables_not_the_exact_change_rounded():
    # Chongqing, working, base 6000: credit 2520 before, 1440 after (seed 002). Visits with fen:
    # before, the account pays all 2079.48 → balance 440.52, shown ¥441 (the row adds up:
    # 2520 − 2079 = 441); after, the fund pays 1127.69 → balance 488.21, shown ¥488.
    # Exactly the balance is 47.69 higher, which rounds to ¥48; the table shows 488 − 441 = ¥47.
    data = scenario("chongqing", "in_service", 40, [visit("secondary", "592.77", count=2),
                                                    visit("primary", "297.98", count=3)], monthly_base="6000")
    est = run(parse_scenario(data))
    assert whole_yuan(est.after.account_balance - est.before.account_balance) == 48
    shown = verdict(est)
    assert (shown.before.account_balance, shown.after.account_balance) == (441, 488)
    assert shown.balance_change == 47 and shown.cash_change == 0
    assert (shown.net_before, shown.net_after, shown.net_change) == (441, 488, 47) and shown.better


def test_cash_and_balance_both_change():
    # Chongqing Q&A example 1 (seed 002, item 19): a retiree, 2800 at a secondary hospital.
    # Before: 2525 credited, 2525 from the account, 275 in cash. After: 1260 credited, the fund
    # pays 1890, the account 910, nothing in cash: ¥275 less cash, ¥350 more left.
    est = run(parse_scenario(scenario("chongqing", "retired", 62, [visit("secondary", 2800)],
                                      account_credit_before="2525")))
    shown = verdict(est)
    assert (shown.cash_change, shown.balance_change, shown.net_change) == (-275, 350, 625)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_every_verdict_figure_is_a_difference_a_reader_can_take_from_the_table(data):
    before, after = yuan_table(data)          # (credit, total, fund, account, cash, balance) as shown
    shown = verdict(run(parse_scenario(data)))
    assert shown.cash_change == after[4] - before[4]
    assert shown.balance_change == after[5] - before[5]
    assert shown.net_change == (after[5] - after[4]) - (before[5] - before[4])
    assert shown.better == (shown.net_change > 0) and shown.worse == (shown.net_change < 0)
    assert table_rows(run(parse_scenario(data)))[0].cash_paid == before[4]
