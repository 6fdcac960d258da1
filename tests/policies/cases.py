"""Per-rule cases kept as data: tests/policies/cases/<city>/<rule>.toml, one runner.

Each [[case]] names its seed file, the article and the sentence it rests on, the hand
calculation, the input (the contract's scenario) and what is expected. `expect` matches
the result JSON partly (only the keys given), plus:
  warnings / warnings_en   whole sentences that must be among the result's warnings
  warning_keys             message keys that must be among the warnings (from the typed notes)
  steps / steps_en         whole step sentences that must be among the result's steps
  errors                   the scenario is refused, naming at least these fields
  error_messages_en        {field = "the whole message"} for a refused scenario
  family                   the result's `family` part (before / after), partly
  table_years              the years of the year-by-year table (input `years = true`)
  years                    {"<year>" = { columns = {...}, ... }}: that year's entry, partly; it must
                           have no problems, and fund + account + cash = total cost
  year_problems            {"<year>" = [fields]}: that year cannot be worked out and asks for these
A case resting on a secondary page rather than a seed gives its address as `secondary`.
"""
import tomllib
from decimal import Decimal
from pathlib import Path

from policies import ScenarioError, estimate, parse_scenario, run

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "seed", "article", "quote", "calc", "input", "expect", "secondary"}
EXPECT_KEYS = {"before", "after", "details", "serious_illness_refund", "year_before", "year_after", "supplied",
               "warnings", "warnings_en", "warning_keys", "errors", "error_messages_en", "steps", "steps_en",
               "family", "table_years", "years", "year_problems"}


def load_cases() -> list[tuple[str, dict]]:
    """(id, case) for every case, checked for the keys a case must have."""
    found = []
    for path in sorted(CASES_DIR.glob("*/*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(data) == {"case"}, f"{path}: only [[case]] tables"
        for i, case in enumerate(data["case"]):
            where = f"{path.parent.name}/{path.stem}[{i}]"
            assert set(case) <= CASE_KEYS and {"name", "seed", "article", "quote", "calc", "input", "expect"} <= set(case), where
            assert set(case["expect"]) <= EXPECT_KEYS, f"{where}: unknown expect key"
            assert case["input"]["city"] == path.parent.name, f"{where}: case filed under the wrong city"
            found.append((f"{where} {case['name']}", case))
    return found


def _partial(expected, actual, where=""):
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for k, v in expected.items():
            assert k in actual, f"{where}.{k} missing"
            _partial(v, actual[k], f"{where}.{k}")
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"


def check(case: dict):
    """Raise AssertionError if the engine does not give what the case expects."""
    expect = case["expect"]
    data = case["input"]
    if "errors" in expect or "error_messages_en" in expect:
        try:
            estimate(dict(data))
        except ScenarioError as error:
            fields = error.messages("en")
            for name in expect.get("errors", []):
                assert name in fields, f"{name} not among {list(fields)}"
            for name, text in expect.get("error_messages_en", {}).items():
                assert text in fields.get(name, []), f"{name}: {fields.get(name)}"
            return
        raise AssertionError("the scenario was accepted")
    result = estimate(dict(data, lang="zh"))
    for key in ("before", "after", "details", "serious_illness_refund", "year_before", "year_after", "supplied",
                "family"):
        if key in expect:
            assert key in result, f"{key} missing from the result"
            _partial(expect[key], result[key], key)
    _check_years(expect, result)
    for sentence in expect.get("warnings", []):
        assert sentence in result["warnings"], f"warning not found: {sentence}\n{result['warnings']}"
    for sentence in expect.get("steps", []):
        texts = [s["text"] for s in result["steps"]]
        assert sentence in texts, f"step not found: {sentence}\n{texts}"
    if "warnings_en" in expect or "steps_en" in expect:
        english = estimate(dict(data, lang="en"))
        for sentence in expect.get("warnings_en", []):
            assert sentence in english["warnings"], f"warning not found: {sentence}\n{english['warnings']}"
        texts = [s["text"] for s in english["steps"]]
        for sentence in expect.get("steps_en", []):
            assert sentence in texts, f"step not found: {sentence}\n{texts}"
    if "warning_keys" in expect:
        keys = run(parse_scenario(dict(data))).notes.warning_keys()
        for key in expect["warning_keys"]:
            assert key in keys, f"{key} not among {keys}"


def _check_years(expect: dict, result: dict):
    if not {"table_years", "years", "year_problems"} & set(expect):
        return
    assert "years" in result, "years missing from the result"
    years = {str(entry["year"]): entry for entry in result["years"]}
    if "table_years" in expect:
        assert [int(y) for y in years] == expect["table_years"]
    for year, entry in expect.get("years", {}).items():
        got = years[year]
        assert got["problems"] == {}, f"{year}: {got['problems']}"
        _partial(entry, got, f"years.{year}")
        money = {k: Decimal(v) for k, v in got["columns"].items()}
        assert money["fund_paid"] + money["account_paid"] + money["cash_paid"] == money["total_cost"], year
    for year, fields in expect.get("year_problems", {}).items():
        got = years[year]
        assert got["columns"] is None and sorted(got["problems"]) == sorted(fields), f"{year}: {got['problems']}"
        assert all(got["problems"].values())
