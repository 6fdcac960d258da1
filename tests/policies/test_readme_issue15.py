"""The README's examples for the year-by-year option and the family input give the figures it states."""
import json
import re
from pathlib import Path

from policies import estimate

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _example(heading: str) -> dict:
    section = README.split(heading, 1)[1]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))


def test_year_by_year_example():
    rows = estimate(_example("### The reform year by year"))["years"]
    assert [r["columns"]["fund_paid"] for r in rows] == ["0.00", "75.00", "1200.00", "1200.00"]
    assert [r["columns"]["account_credit"] for r in rows] == ["2400.00", "2400.00", "2400.00", "720.00"]


def test_family_example():
    result = estimate(_example("### The family's share of the account"))
    assert (result["after"]["account_credit"], result["after"]["fund_paid"], result["after"]["cash_paid"]) == \
        ("1200.00", "1400.00", "1580.00")
    assert result["family"]["after"]["account_paid"] == "1180.00"
