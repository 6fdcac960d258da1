"""POST /api/estimate and GET /healthz, per shared/CONTRACT.md."""
import json

from tests.test_cli import CONTRACT_EXAMPLE


def post(client, body, content_type="application/json"):
    return client.post("/api/estimate", body if isinstance(body, (str, bytes)) else json.dumps(body),
                       content_type=content_type)


def test_contract_example(client):
    response = post(client, CONTRACT_EXAMPLE)
    assert response.status_code == 200
    data = response.json()
    assert data["after"]["fund_paid"] == "1890.00" and data["before"]["cash_paid"] == "275.00"
    assert data["supplied"] == ["account_credit_before"] and data["warnings"] == []


def test_same_result_as_the_engine(client):
    from policies import estimate
    assert post(client, CONTRACT_EXAMPLE).json() == json.loads(json.dumps(estimate(dict(CONTRACT_EXAMPLE))))


def test_no_csrf_token_needed(client):
    from django.test import Client
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, CONTRACT_EXAMPLE).status_code == 200


def test_bad_scenario_names_the_field(client):
    response = post(client, dict(CONTRACT_EXAMPLE, age=300, city="chongqing"))
    assert response.status_code == 400
    assert "age" in response.json()["errors"]


def test_missing_figure_is_400_naming_it(client):
    body = dict(CONTRACT_EXAMPLE)
    del body["account_credit_before"]
    errors = post(client, body).json()["errors"]
    assert list(errors) == ["account_credit_before"]


def test_not_json(client):
    response = post(client, "{nope")
    assert response.status_code == 400 and "(body)" in response.json()["errors"]


def test_half_a_surrogate_pair_is_not_json_but_a_whole_pair_is_a_character(client):
    # "\ud800" alone is no character: echoed back in the message naming its field, it broke the answer (a 500).
    body = json.dumps(dict(CONTRACT_EXAMPLE, years=True, account_credit_by_year={"2025x\ud800": 1}))
    response = post(client, body)
    assert response.status_code == 400
    assert response.json() == {"errors": {"(body)": ["The body is not valid JSON."]}}
    # A whole pair (an emoji) is one character: the field is named as usual.
    response = post(client, json.dumps(dict(CONTRACT_EXAMPLE, years=True, account_credit_by_year={"😀": 1})))
    assert response.status_code == 400 and list(response.json()["errors"]) == ["account_credit_by_year.😀"]


def test_wrong_content_type_is_415(client):
    response = post(client, "city=chongqing", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415 and response.json()["errors"]


def test_too_large_is_413(client):
    body = dict(CONTRACT_EXAMPLE, padding="x" * 70_000)
    response = post(client, body)
    assert response.status_code == 413 and response.json()["errors"]


def test_get_is_not_allowed(client):
    assert client.get("/api/estimate").status_code == 405


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["Content-Security-Policy"]


def test_security_headers_everywhere(client):
    for url in ("/", "/en/", "/healthz", "/city"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert "geolocation=()" in response["Permissions-Policy"]
