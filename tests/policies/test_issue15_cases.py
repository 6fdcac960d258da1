"""Cases worked by hand for the year-by-year table and the family's share of the account.

The cases are data (tests/policies/cases/): each names its seed, the article, the sentence
it rests on and the hand calculation; this file only runs them.
"""
import re
import tomllib
from pathlib import Path

import pytest

from policies import estimate
from policies.result import COLUMNS

CASES = Path(__file__).parent / "cases"
CHECKED = {"name", "seed", "article", "rests_on", "hand"}


def _load(path: Path) -> list[dict]:
    cases = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
    for case in cases:
        assert {"name", "seed", "scenario"} <= set(case), f"{path.name}: {case.get('name')}"
    return cases


YEAR_CASES = [(p.stem, case) for p in sorted((CASES / "years").glob("*.toml")) for case in _load(p)]
YEAR_ROWS = [pytest.param(case, row, id=f"{city}:{case['name'][:40]}:{row['year']}")
             for city, case in YEAR_CASES for row in case["year"]]
FAMILY_RAW = _load(CASES / "family.toml")
FAMILY_CASES = [pytest.param(case, id=case["name"][:50]) for case in FAMILY_RAW]


def test_every_city_with_a_staged_reform_has_cases():
    assert {city for city, _ in YEAR_CASES} >= {"zaozhuang", "zhenjiang", "henan-draft"}


@pytest.mark.parametrize("case, row", YEAR_ROWS)
def test_year_by_year_case(case, row):
    assert CHECKED <= set(row) | {"name", "seed"} and row["article"] and row["hand"] and row["rests_on"]
    result = estimate(dict(case["scenario"], years=True))
    years = {entry["year"]: entry for entry in result["years"]}
    assert list(years) == case["years"]
    entry = years[row["year"]]
    if "problems" in row:
        assert entry["columns"] is None
        assert sorted(entry["problems"]) == row["problems"]
        assert all(entry["problems"].values())
    else:
        assert entry["problems"] == {}
        assert entry["columns"] == row["columns"]
        # fund + account + cash = total cost for the person, every year
        c = {k: float(v) for k, v in entry["columns"].items()}
        assert round(c["fund_paid"] + c["account_paid"] + c["cash_paid"], 2) == c["total_cost"]


@pytest.mark.parametrize("case", FAMILY_CASES)
def test_family_case(case):
    assert case["article"] and case["hand"] and case["rests_on"]
    result = estimate(case["scenario"])
    assert result["before"] == case["before"]
    assert result["after"] == case["after"]
    assert result["family"]["before"] == case["family_before"]
    assert result["family"]["after"] == case["family_after"]
    assert set(case["before"]) == set(COLUMNS)


SEEDS = next((p / "shared" / "seeds" for p in Path(__file__).resolve().parents if (p / "shared" / "seeds").is_dir()),
             None)


def _plain(text: str) -> str:
    """Seed text without line breaks, spaces or the markup some seeds carry around numbers."""
    return re.sub(r"\s+", "", text).replace("$", "").replace("\\%", "%")


QUOTED = [pytest.param(row.get("seed", case["seed"]), row["rests_on"], id=f"{case['name'][:30]}:{row.get('year', '')}")
          for _, case in YEAR_CASES for row in case["year"] if "secondary" not in row]
QUOTED += [pytest.param(case["seed"], case["rests_on"], id=case["name"][:30]) for case in FAMILY_RAW]


@pytest.mark.parametrize("seed, sentence", QUOTED)
def test_the_sentence_each_case_rests_on_is_in_its_seed(seed, sentence):
    if SEEDS is None:
        pytest.skip("shared/seeds is not beside this checkout")
    text = _plain((SEEDS / seed).read_text(encoding="utf-8"))
    for fragment in sentence.split("…"):
        fragment = _plain(re.sub(r"（.*?）", "", fragment))     # our own notes in brackets are not quoted
        assert fragment in text, fragment
