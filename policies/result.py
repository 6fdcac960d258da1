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
    opening: int = 0      # the opening balance as the row counts it (the whole yuan of opening + credit, less credit)


def whole_yuan_row(col, opening_balance) -> YuanRow:
    total = whole_yuan(col.total_cost)
    fund, account, cash = split_whole_yuan([col.fund_paid, col.account_paid, col.cash_paid], total)
    credit = whole_yuan(col.account_credit)
    fam = getattr(col, "family", None)
    if fam is not None and fam.account_paid:
        # The account also paid the family, and the line under the table adds the row up with that
        # payment: opening + credit − the person's payments − the family's = balance. So every figure
        # in it is rounded as the table's columns are, by largest remainder: what came in (opening and
        # credit, each rounded on its own, would show 1.50 + 1.50 as 2 + 2 for 3.00), and what the row
        # leaves, split between the family's payment and the balance.
        opening = whole_yuan(opening_balance + col.account_credit) - credit
        left = opening + credit - account
        spent = whole_yuan(fam.spending)             # the family's row shows this much spent
        if left >= 0:
            family, balance = split_whole_yuan([fam.account_paid, col.account_balance], left)
            if family + balance != left or family > spent:
                # A yuan too many or too few: the balance (a Q&A column) keeps its own rounding where
                # it can, and the payment takes the rest, never more than the family spent.
                family = min(max(left - whole_yuan(col.account_balance), 0), spent)
                balance = left - family
            return YuanRow(credit, total, fund, account, cash, balance, family, opening)
        # The person's own payments, rounded up, exceed what came in (as can happen without family):
        # the balance is shown as it is, ¥0, beside the payment rounded.
        return YuanRow(credit, total, fund, account, cash, whole_yuan(col.account_balance),
                       whole_yuan(fam.account_paid), opening)
    opening = whole_yuan(opening_balance)
    left = opening + credit - account
    real = whole_yuan(col.account_balance)
    balance = left if left >= 0 and abs(left - real) <= 1 else real
    return YuanRow(credit, total, fund, account, cash, balance, 0, opening)
