"""Run every per-rule case in tests/policies/cases (see tests/policies/cases.py)."""
import pytest

from tests.policies.cases import check, load_cases

CASES = load_cases()


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_case(case):
    check(case)


def test_every_case_names_a_seed_and_an_article():
    for _, case in CASES:
        assert case["seed"].endswith(".txt") and case["article"] and case["quote"] and case["calc"]


def test_every_known_value_is_pinned_by_a_case():
    """Changing any known number in any city file by one unit, or any kind of rule to another kind, makes a
    case fail (or the file not load)."""
    from tests.policies.mutation import mutations
    missed = [(city, name, i) for city, name, i, outcome in mutations() if outcome in ("missed", "kind-missed")]
    assert missed == []
