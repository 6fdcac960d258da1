"""The year-by-year and family cases (tests/policies/cases/<city>/years.toml, family.toml) run with
every other per-rule case (tests/policies/test_cases.py). Here: each of them covers the cities the
issue names, and the sentence each rests on is in its seed, word for word (whitespace aside).
"""
import re
from pathlib import Path

import pytest

from tests.policies.cases import load_cases

CASES = load_cases()
YEAR_CASES = [(where, case) for where, case in CASES if "/years[" in where]
FAMILY_CASES = [(where, case) for where, case in CASES if "/family[" in where]


def test_every_city_with_a_staged_reform_has_year_cases():
    cities = {case["input"]["city"] for _, case in YEAR_CASES}
    assert cities >= {"zaozhuang", "zhenjiang", "henan-draft"}
    years = {(case["input"]["city"], y) for _, case in YEAR_CASES for y in case["expect"].get("years", {})}
    assert {("zaozhuang", y) for y in ("2021", "2022", "2023", "2024")} <= years
    assert {("zhenjiang", y) for y in ("2022", "2023", "2024")} <= years
    assert {("henan-draft", y) for y in ("2021", "2022", "2023")} <= years


def test_family_cases_cover_three_cities():
    assert {case["input"]["city"] for _, case in FAMILY_CASES} >= {"chongqing", "zaozhuang", "zhenjiang"}


SEEDS = next((p / "shared" / "seeds" for p in Path(__file__).resolve().parents if (p / "shared" / "seeds").is_dir()),
             None)


def _plain(text: str) -> str:
    """Seed text without line breaks, spaces or the markup some seeds carry around numbers."""
    return re.sub(r"\s+", "", text).replace("$", "").replace("\\%", "%")


QUOTED = [pytest.param(case["seed"], case["quote"], id=where) for where, case in YEAR_CASES + FAMILY_CASES
          if "secondary" not in case]


@pytest.mark.parametrize("seed, sentence", QUOTED)
def test_the_sentence_each_case_rests_on_is_in_its_seed(seed, sentence):
    if SEEDS is None:
        pytest.skip("shared/seeds is not beside this checkout")
    text = _plain((SEEDS / seed).read_text(encoding="utf-8"))
    for fragment in sentence.split("…"):
        fragment = _plain(re.sub(r"（.*?）", "", fragment))     # our own notes in brackets are not quoted
        assert fragment in text, fragment
