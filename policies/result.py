"""Shapes of a finished estimate: the contract's JSON and the Q&A's whole-yuan table."""
from dataclasses import dataclass

from .family import family_json
from .money import as_text, split_whole_yuan, whole_yuan

COLUMNS = ("account_credit", "total_cost", "fund_paid", "account_paid", "cash_paid", "account_balance")


def column_json(col) -> dict:
    return {name: as_text(getattr(col, name)) for name in COLUMNS}


def to_contract(est) -> dict:
    sc = est.scenario
    steps, warnings = est.notes.render(sc.lang)
    out = {
        "city": sc.city.id,
        "year_before": est.year_before,
        "year_after": est.year_after,
        "before": column_json(est.before),
        "after": column_json(est.after),
        "steps": steps,
        "supplied": sc.supplied,
        "warnings": warnings,
        # Optional extensions (the contract allows added fields):
        "details": {regime: {"pooled_paid": as_text(c.pooled_paid), "other_scheme_paid": as_text(c.other_paid),
                             "deductible_used": as_text(c.deductible_used),
                             "cap": None if c.cap is None else as_text(c.cap), "cap_reached": c.cap_reached}
                    for regime, c in (("before", est.before), ("after", est.after))},
    }
    if est.serious_illness is not None:
        # 镇江 职工大病保险: refunded on top of the after-reform cash, outside the Q&A columns (the old
        # scheme's amounts are not in the sources, so the columns stay comparable).
        out["serious_illness_refund"] = as_text(est.serious_illness.refund)
    return out | family_part(est)


def family_part(est) -> dict:
    """Optional: the family's row in each column, when the scenario has family spending (policies.family)."""
    if not est.scenario.family:
        return {}
    return {"family": {regime: family_json(c.family, c.cash_paid)
                       for regime, c in (("before", est.before), ("after", est.after))}}


@dataclass(frozen=True)
class YuanRow:
    """One row of the Q&A table in whole yuan; fund + account + cash = total still holds.

    family_paid: what the account also paid for the family that year (0 without family spending),
    so that opening + credit − account − family_paid = balance holds for a reader too: the Q&A
    columns stay the person's, and the balance is the account's real one (policies.family)."""
    account_credit: int
    total_cost: int
    fund_paid: int
    account_paid: int
    cash_paid: int
    account_balance: int
    family_paid: int = 0


def whole_yuan_row(col, opening_balance) -> YuanRow:
    total = whole_yuan(col.total_cost)
    fund, account, cash = split_whole_yuan([col.fund_paid, col.account_paid, col.cash_paid], total)
    credit = whole_yuan(col.account_credit)
    balance = whole_yuan(opening_balance) + credit - account
    real = whole_yuan(col.account_balance)
    family = _family_paid(col.family, balance - real) if getattr(col, "family", None) is not None else 0
    balance -= family
    if balance < 0 or abs(balance - real) > 1:
        balance = real
    return YuanRow(credit, total, fund, account, cash, balance, family)


def _family_paid(fam, gap: int) -> int:
    """The family's share of the account in whole yuan: the gap between the person's own row and the
    real balance, so that the row adds up with the balance the real one rounded. Each of opening,
    credit, the person's payments and the balance is rounded on its own, so the gap can be up to two
    yuan from the payment to the fen; further than that (never seen) the payment rounded is shown,
    and the balance follows from it if it may."""
    if not fam.account_paid:
        return 0
    if 0 <= gap <= whole_yuan(fam.spending) and abs(gap - fam.account_paid) < 2:
        return gap
    return whole_yuan(fam.account_paid)
