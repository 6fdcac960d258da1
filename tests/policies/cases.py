"""Per-rule cases kept as data: tests/policies/cases/<city>/<rule>.toml, one runner.

Each [[case]] names its seed file, the article and the sentence it rests on, the hand
calculation, the input (the contract's scenario) and what is expected. `expect` matches
the result JSON partly (only the keys given), plus:
  warnings / warnings_en   whole sentences that must be among the result's warnings
  warning_keys             message keys that must be among the warnings (from the typed notes)
  steps / steps_en         whole step sentences that must be among the result's steps
  errors                   the scenario is refused, naming at least these fields
  error_messages_en        {field = "the whole message"} for a refused scenario
"""
import tomllib
from pathlib import Path

from policies import ScenarioError, estimate, parse_scenario, run

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "seed", "article", "quote", "calc", "input", "expect"}
EXPECT_KEYS = {"before", "after", "details", "serious_illness_refund", "year_before", "year_after", "supplied",
               "warnings", "warnings_en", "warning_keys", "errors", "error_messages_en", "steps", "steps_en"}


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
    for key in ("before", "after", "details", "serious_illness_refund", "year_before", "year_after", "supplied"):
        if key in expect:
            assert key in result, f"{key} missing from the result"
            _partial(expect[key], result[key], key)
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
