"""POST /api/estimate with the optional "years" and "family" fields (engine-side: api.py is unchanged)."""
from tests.test_cli import CONTRACT_EXAMPLE
from tests.web.test_api import post


def test_years_option_in_the_body(client):
    response = post(client, dict(CONTRACT_EXAMPLE, years=True))
    assert response.status_code == 200
    rows = response.json()["years"]
    assert [r["year"] for r in rows] == [2023, 2024]
    assert rows[1]["columns"]["fund_paid"] == "1890.00" and rows[1]["steady"] is True


def test_a_bad_family_entry_is_a_400_naming_the_field(client):
    response = post(client, dict(CONTRACT_EXAMPLE, family=[{"kind": "medical", "amount": "-3"}]))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["family[0].amount"]
