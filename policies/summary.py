"""The figures sentences quote about the Q&A table, taken from the table as shown.

The table shows each year in whole yuan (policies.result.whole_yuan_row), each row still
adding up. A sentence that says "your balance is ¥1,054 lower" must match the two
balances a person can read and subtract, so its figures are worked out from those
rounded rows, never rounded again from the exact amounts (which can differ by a yuan).
"""
from dataclasses import dataclass

from .result import YuanRow, whole_yuan_row


@dataclass(frozen=True)
class Verdict:
    """The change the reform makes to one person's year, in whole yuan, as the table shows it.

    Signs follow "after − before": a negative cash_change means less cash paid; a
    negative balance_change a lower year-end balance. net = balance − cash, the net
    position the break-even chart draws; net_change > 0 means better off."""
    before: YuanRow
    after: YuanRow
    cash_change: int
    balance_change: int
    net_before: int
    net_after: int
    net_change: int

    @property
    def better(self) -> bool:
        return self.net_change > 0

    @property
    def worse(self) -> bool:
        return self.net_change < 0


def _once(est, name: str, work):
    """What `work` gives for a finished estimate, worked out once: a page asks for the table's rows
    three times (table, verdict, chart). Kept on the estimate itself, which lives for one request."""
    kept = est.__dict__.get(name)
    if kept is None:
        kept = est.__dict__[name] = work(est)
    return kept


def table_rows(est) -> tuple[YuanRow, YuanRow]:
    """The Q&A table's two rows, before and after, in whole yuan."""
    return _once(est, "_table_rows", _table_rows)


def _table_rows(est) -> tuple[YuanRow, YuanRow]:
    opening = est.scenario.opening_balance
    return whole_yuan_row(est.before, opening), whole_yuan_row(est.after, opening)


def verdict(est) -> Verdict:
    """The verdict's figures for an estimate (policies.run), from the table's rounded rows."""
    return _once(est, "_verdict", _verdict)


def _verdict(est) -> Verdict:
    before, after = table_rows(est)
    net_before = before.account_balance - before.cash_paid
    net_after = after.account_balance - after.cash_paid
    return Verdict(before=before, after=after, cash_change=after.cash_paid - before.cash_paid,
                   balance_change=after.account_balance - before.account_balance,
                   net_before=net_before, net_after=net_after, net_change=net_after - net_before)
