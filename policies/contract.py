"""The contract's door (shared/CONTRACT.md): a scenario dict in, a result dict out, for the CLI and the API.

Its own module, so that it can import what builds on the engine (the partial estimate, the
year-by-year table) once, at start-up, rather than on every call.
"""
from .engine import run
from .partial import estimate_known, split_partial_flag
from .result import to_contract
from .scenario import parse_scenario
from .years import year_by_year, years_json

__all__ = ["estimate"]


def estimate(data: dict) -> dict:
    """The contract: scenario dict in, result dict out (money as two-place strings).

    With `"years": true` in the scenario the result also has `years`: every year from the
    last before the reform to the steady state (policies.years). With `"partial": true`, a
    figure no source gives is not an error: the result has each column that can be worked
    out (the other is null) and `missing` (policies.partial).
    """
    partial, data = split_partial_flag(data)
    if partial:
        return estimate_known(data)
    sc = parse_scenario(data)
    est = run(sc)
    result = to_contract(est)
    if sc.years:
        result["years"] = years_json(year_by_year(sc, est), result)
    return result
