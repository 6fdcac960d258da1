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
    """One row of the Q&A table in whole yuan; fund + account + cash = total still holds."""
    account_credit: int
    total_cost: int
    fund_paid: int
    account_paid: int
    cash_paid: int
    account_balance: int


def whole_yuan_row(col, opening_balance) -> YuanRow:
    total = whole_yuan(col.total_cost)
    fund, account, cash = split_whole_yuan([col.fund_paid, col.account_paid, col.cash_paid], total)
    credit = whole_yuan(col.account_credit)
    balance = whole_yuan(opening_balance) + credit - account
    if balance < 0 or abs(balance - whole_yuan(col.account_balance)) > 1:
        balance = whole_yuan(col.account_balance)
    return YuanRow(credit, total, fund, account, cash, balance)
