"""What can be worked out when the person does not know a figure the sources lack.

run() needs every figure and names the missing ones (the contract's error). run_known()
is for a person who has said "I don't know": it works out each part that does not need
the missing figures (each year's account credit; the after-reform year in full when its
credit and the pooling rules are known) and lists what is missing, never guessing it.
Pure Python, like the rest of the engine.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .engine import Column, simulate_year, year_parts
from .lookup import PoolingRules
from .money import as_text
from .result import column_json
from .scenario import Scenario, ScenarioError, parse_scenario
from .steps import Notes

__all__ = ["Known", "estimate_known", "run_known", "split_partial_flag"]


def _borne(col: Column) -> Decimal:
    """What the person bears in a year, from the account or in cash: what the funds do not pay."""
    return col.total_cost - col.fund_paid


@dataclass
class Known:
    """The parts of an estimate the sources and the person's answers allow; `missing` maps field → problems."""
    scenario: Scenario
    year_before: int
    year_after: int
    credit_before: Decimal | None
    credit_after: Decimal | None
    after: Column | None                     # the after-reform year in full, when it can be worked out
    before: Column | None                    # the before-reform year, when its credit is known
    rules: PoolingRules | None
    notes: Notes
    missing: dict = field(default_factory=dict)
    pooled_only: Column | None = None        # credit unknown, pooling known: what the fund pays (and nothing else)
    stand_in: Column | None = None           # the before year with no credit: only what the person bears is read

    @property
    def even_credit_before(self) -> Decimal | None:
        """The before-reform credit at which both years leave the person the same, when it is the only
        figure missing (else None).

        A year's net (year-end balance − cash) is opening balance + credit − what the person bears,
        however the account and cash share it; the family's spending is the same in both years, so
        counting it changes neither side. What the person bears before the reform does not depend on
        the credit (no general pooling then: policies.steps says so per city), so the two nets meet at
        after credit − borne after + borne before: a smaller credit before means the reform leaves
        the person better off."""
        if set(self.missing) != {"account_credit_before"} or self.after is None or self.stand_in is None:
            return None
        return self.after.account_credit - _borne(self.after) + _borne(self.stand_in)

    @property
    def even_credit_after(self) -> Decimal | None:
        """The after-reform credit at which both years leave the person the same, when it is the only figure
        missing (else None): before credit − borne before + borne after, as above (what the fund pays after
        the reform does not depend on the account either: `pooled_only`). A larger credit after means the
        reform leaves the person better off."""
        if set(self.missing) != {"account_credit_after"} or self.before is None or self.pooled_only is None:
            return None
        return self.before.account_credit - _borne(self.before) + _borne(self.pooled_only)

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
    year_before, year_after = city.year_before, sc.year
    notes = Notes(sc)
    credit_before, credit_after, rules, missing = year_parts(sc, notes)
    after = None
    before = None
    stand_in = None
    if credit_before is not None:      # the before year needs no pooling figure: only its credit
        before = simulate_year(sc, year_before, "before", credit_before, notes, None)
    if credit_after is not None and rules is not None:
        after = simulate_year(sc, year_after, "after", credit_after, notes, rules)
        # With the before credit unknown, a stand-in column lets the summary steps be written; none
        # of its figures is shown (Known.render drops the before steps).
        stand_in = before if before is not None else simulate_year(sc, year_before, "before", Decimal(0),
                                                                    Notes(sc), None)
        notes.finish(stand_in, after, rules, year_after)
    else:
        notes.document_warnings()      # a draft or a framework document is said whatever can be worked out
    pooled_only = None
    if credit_after is None and rules is not None:
        # What the fund pays does not depend on the account: worked out with no credit, and only
        # the fund's figures are read from it.
        pooled_only = simulate_year(sc, year_after, "after", Decimal(0), Notes(sc), rules)
    return Known(sc, year_before, year_after, credit_before, credit_after, after, before, rules, notes, missing,
                 pooled_only, stand_in)


def estimate_known(data: dict) -> dict:
    """The contract's result for `"partial": true`: each column that can be worked out (else null),
    and `missing`, the figures no source gives and the person did not supply, with their messages.
    With nothing missing it is the ordinary result plus an empty `missing`."""
    sc = parse_scenario(data)
    known = run_known(sc)
    steps, warnings = known.render(sc.lang)
    return {
        "city": sc.city.id, "year_before": known.year_before, "year_after": known.year_after,
        "before": None if known.before is None else column_json(known.before),
        "after": None if known.after is None else column_json(known.after),
        "steps": steps, "supplied": sc.supplied, "warnings": warnings,
        "missing": ScenarioError(known.missing).messages(sc.lang) if known.missing else {},
        **({} if known.even_credit_before is None else {"even_credit_before": as_text(known.even_credit_before)}),
        **({} if known.even_credit_after is None else {"even_credit_after": as_text(known.even_credit_after)}),
    }


def split_partial_flag(data):
    """(`"partial"` asked for, the scenario without it). The flag must be true or false."""
    if not isinstance(data, dict) or "partial" not in data:
        return False, data
    flag = data["partial"]
    if not isinstance(flag, bool):
        raise ScenarioError({"partial": [("boolean", {})]})
    return flag, {k: v for k, v in data.items() if k != "partial"}
