"""The figures sentences quote about the Q&A table, taken from the table as shown.

The table shows each year in whole yuan (policies.result.whole_yuan_row), each row still
adding up. A sentence that says "your balance is ¥1,054 lower" must match the two
balances a person can read and subtract, so its figures are worked out from those
rounded rows, never rounded again from the exact amounts (which can differ by a yuan).
"""
from dataclasses import dataclass

from .money import whole_yuan
from .result import YuanRow, whole_yuan_row


@dataclass(frozen=True)
class Verdict:
    """The change the reform makes to one person's year, in whole yuan, as the table shows it.

    Signs follow "after − before": a negative cash_change means less cash paid; a
    negative balance_change a lower year-end balance. net = balance − cash, as the table's
    rows give it.

    own_* is the person's own net position, the one the break-even chart draws: the balance
    the account would have had if it had paid nothing for the family, minus the cash (the
    balance + what it paid for the family − the cash). Without family spending it is the net.
    With it, its change is also the household's (household net = own net − the family's
    spending, the same in both years), so own_change is the one figure a sentence about the
    reform's effect quotes; own_change > 0 means better off."""
    before: YuanRow
    after: YuanRow
    cash_change: int
    balance_change: int
    net_before: int
    net_after: int
    net_change: int
    own_before: int
    own_after: int
    own_change: int

    @property
    def better(self) -> bool:
        return self.own_change > 0

    @property
    def worse(self) -> bool:
        return self.own_change < 0


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
    own_before = net_before + before.family_paid
    own_after = net_after + after.family_paid
    return Verdict(before=before, after=after, cash_change=after.cash_paid - before.cash_paid,
                   balance_change=after.account_balance - before.account_balance,
                   net_before=net_before, net_after=net_after, net_change=net_after - net_before,
                   own_before=own_before, own_after=own_after, own_change=own_after - own_before)


@dataclass(frozen=True)
class FamilyYuan:
    """The family's row for one year in whole yuan, matched to that year's Q&A row: account_paid is
    the row's family_paid, and account_paid + cash_paid = spending (the same in every year)."""
    allowed: bool
    spending: int
    account_paid: int
    cash_paid: int
    household_cash_paid: int          # the person's cash (the table's) + the family's own cash


def family_yuan(col, row: YuanRow) -> FamilyYuan:
    """The family's whole-yuan row for a column with family spending and its Q&A row."""
    spending = whole_yuan(col.family.spending)
    cash = spending - row.family_paid
    return FamilyYuan(col.family.allowed, spending, row.family_paid, cash, row.cash_paid + cash)
