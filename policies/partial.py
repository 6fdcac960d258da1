"""What can be worked out when the person does not know a figure the sources lack.

run() needs every figure and names the missing ones (the contract's error). run_known()
is for a person who has said "I don't know": it works out each part that does not need
the missing figures (each year's account credit; the after-reform year in full when its
credit and the pooling rules are known) and lists what is missing, never guessing it.
Pure Python, like the rest of the engine.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .engine import Column, _Missing, account_credit, pooling_rules, simulate_year
from .lookup import PoolingRules
from .scenario import Scenario
from .steps import Notes

__all__ = ["Known", "run_known"]


@dataclass
class Known:
    """The parts of an estimate the sources and the person's answers allow; `missing` maps field → problems."""
    scenario: Scenario
    year_before: int
    year_after: int
    credit_before: Decimal | None
    credit_after: Decimal | None
    after: Column | None                     # the after-reform year in full, when it can be worked out
    rules: PoolingRules | None
    notes: Notes
    missing: dict = field(default_factory=dict)
    pooled_only: Column | None = None        # credit unknown, pooling known: what the fund pays (and nothing else)

    @property
    def complete(self) -> bool:
        return not self.missing

    def render(self, lang: str) -> tuple[list[dict], list[str]]:
        """Steps and warnings of the parts worked out: a before-reform step only when that credit is known."""
        steps, warnings = self.notes.render(lang)
        if self.credit_before is None:
            steps = [s for s in steps if s["regime"] != "before"]
        return steps, warnings


def run_known(sc: Scenario) -> Known:
    """Every part of the estimate that needs none of the missing figures, and the missing ones by field."""
    city = sc.city
    year_before, year_after = city.start_year - 1, sc.year
    notes = Notes(sc)
    missing: dict[str, list] = {}
    credit_before = credit_after = rules = after = None
    try:
        credit_before = account_credit(sc, year_before, "before", notes)
    except _Missing as error:
        missing.update(error.args[0])
    try:
        credit_after = account_credit(sc, year_after, "after", notes, credit_before)
    except _Missing as error:
        for k, v in error.args[0].items():
            missing.setdefault(k, v)
    try:
        rules = pooling_rules(sc, year_after, notes)
    except _Missing as error:
        for k, v in error.args[0].items():
            missing.setdefault(k, v)
    if credit_after is not None and rules is not None:
        after = simulate_year(sc, year_after, "after", credit_after, notes, rules)
        # The before column stands in only so the summary steps can be written; with its credit
        # unknown none of its figures is shown (Known.render drops its steps).
        before = simulate_year(sc, year_before, "before", credit_before if credit_before is not None else Decimal(0),
                               notes, None)
        notes.finish(before, after, rules, year_after)
    pooled_only = None
    if credit_after is None and rules is not None:
        # What the fund pays does not depend on the account: worked out with no credit, and only
        # the fund's figures are read from it.
        pooled_only = simulate_year(sc, year_after, "after", Decimal(0), Notes(sc), rules)
    return Known(sc, year_before, year_after, credit_before, credit_after, after, rules, notes, missing, pooled_only)
