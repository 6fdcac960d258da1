"""The CLI door of shared/CONTRACT.md, driven as a separate process as the acceptance tests do."""
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_EXAMPLE = {
    "city": "chongqing", "year": 2024, "status": "retired", "enrolment": "employer",
    "retiree_sector": "enterprise", "age": 62, "monthly_pension": 3200, "account_credit_before": 2525,
    "opening_balance": 0,
    "visits": [{"level": "secondary", "cost": 2800, "count": 1, "where": "hospital",
                "other_scheme_paid": 0, "away": False}],
}


def cli(*args, stdin=None):
    started = time.monotonic()
    done = subprocess.run([sys.executable, "manage.py", "estimate", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=60)
    return done, time.monotonic() - started


def test_contract_example_from_a_file(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(CONTRACT_EXAMPLE))
    done, _ = cli(str(path))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["before"] == {"account_credit": "2525.00", "total_cost": "2800.00", "fund_paid": "0.00",
                             "account_paid": "2525.00", "cash_paid": "275.00", "account_balance": "0.00"}
    assert out["after"] == {"account_credit": "1260.00", "total_cost": "2800.00", "fund_paid": "1890.00",
                            "account_paid": "910.00", "cash_paid": "0.00", "account_balance": "350.00"}
    assert (out["year_before"], out["year_after"]) == (2023, 2024)
    assert out["supplied"] == ["account_credit_before"]
    assert out["warnings"] == []
    assert all({"regime", "text", "source"} <= set(s) for s in out["steps"])


def test_standard_input_and_decimal_strings():
    data = dict(CONTRACT_EXAMPLE, account_credit_before="2525.00",
                visits=[{"level": "secondary", "cost": "2800.00"}])
    done, _ = cli("-", stdin=json.dumps(data))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["after"]["fund_paid"] == "1890.00"


RAW = '{"city": "chongqing", "status": "retired", "account_credit_before": 0, %s}'


def bad(**changes):
    data = json.loads(json.dumps(CONTRACT_EXAMPLE))
    for key, value in changes.items():
        if key.startswith("visit_"):
            data["visits"][0][key[6:]] = value
        elif value is None:
            data.pop(key)
        else:
            data[key] = value
    return json.dumps(data)


@pytest.mark.parametrize("text, field", [
    (bad(city="shanghai"), "city"),
    (bad(visit_level="quaternary"), "visits[0].level"),
    (bad(visit_cost=-5), "visits[0].cost"),
    (bad(visit_cost="lots"), "visits[0].cost"),
    (bad(visit_cost="NaN"), "visits[0].cost"),
    (bad(visit_cost=1e400).replace("inf", "Infinity"), "(body)"),
    ('{"city": "chongqing", "status": "retired", "age": NaN, "visits": []}', "(body)"),
    (bad(age=250), "age"),
    (bad(age="sixty"), "age"),
    (bad(visit_count=1_000_000_000), "visits[0].count"),
    (json.dumps(dict(CONTRACT_EXAMPLE, visits=[{"level": "primary", "cost": 1, "count": 1000}] * 400)), "visits"),
    (bad(account_credit_before=None), "account_credit_before"),
    (bad(status=None), "status"),
    ("[1, 2, 3]", "(body)"),
    # issue 11: numbers bounded before they become a Decimal or an int (no decimal.Overflow)
    ('{"city": "chongqing", "status": "retired", "age": 1E+1000000, "visits": []}', "age"),
    (RAW % '"age": 62, "visits": [{"level": "primary", "cost": 1, "count": 1e999999999}]', "visits[0].count"),
    (RAW % '"age": 62, "visits": [{"level": "primary", "cost": 1, "count": "0\\u001f"}]', "visits[0].count"),
    (RAW % '"age": 62, "visits": [{"level": "primary", "cost": "1E+999999"}]', "visits[0].cost"),
    (RAW % '"age": 62, "visits": [{"level": "primary", "cost": 1e999999999}]', "visits[0].cost"),
    (RAW % '"age": 62, "opening_balance": 1E-999999999, "visits": []', "opening_balance"),
    (RAW % '"age": 62, "birth_month": -1E+99999999, "visits": []', "birth_month"),
    (RAW % ('"age": 62, "visits": [], "params": {"employer_average_monthly_base": "%s"}' % ("9" * 5000)),
     "params.employer_average_monthly_base"),
    (RAW % ('"age": 62, "visits": [{"level": "primary", "cost": 1, "count": %s}]' % ("9" * 5000)), "visits[0].count"),
    (RAW % ('"age": %s, "visits": []' % ("9" * 30)), "age"),
    (RAW % ('"age": 62, "visits": [{"level": "primary", "cost": %s}]' % ("9" * 5000)), "visits[0].cost"),
    ("{not json", "(body)"),
    # Half a surrogate pair is no character: refused as JSON, not echoed back in a message it breaks.
    (RAW % '"age": 62, "visits": [], "years": true, "account_credit_by_year": {"2025x\\ud800": 1}', "(body)"),
])
def test_bad_input_exits_2_naming_the_field_quickly(text, field):
    done, seconds = cli("-", stdin=text)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert seconds < 10


def test_missing_file_is_a_clear_error():
    done, _ = cli("/no/such/file.json")
    assert done.returncode == 2 and done.stderr.startswith("error: file:")


@pytest.mark.parametrize("city", ["chongqing", "zaozhuang", "zhenjiang", "xian", "henan-draft"])
def test_describe_lists_every_parameter(city):
    done, _ = cli("--describe", city)
    assert done.returncode == 0, done.stderr
    described = json.loads(done.stdout)
    assert described["city"] == city
    for param in described["parameters"]:
        assert {"name", "value", "unit", "from", "until", "source", "unknown"} <= set(param)
        assert param["source"]
        assert (param["value"] is None) == param["unknown"]


def test_describe_shows_each_value_with_its_dates_and_source():
    done, _ = cli("--describe", "zaozhuang")
    described = {p["name"]: p for p in json.loads(done.stdout)["parameters"]}
    rate = described["credit.in_service.rate"]
    assert [(v["value"], v["from"], v["until"], v["old_name"]) for v in rate["values"]] == [
        ("4.25", "2022-12-01", "2023-12-31", "credit.in_service.transition_rate"), ("2", "2024-01-01", None, None)]
    assert rate["values"][1]["source"] == "《枣庄市建立职工基本医疗保险门诊共济保障机制实施细则》（枣政办发〔2022〕16号）第七条（一）"
    assert rate["values"][1]["seed"] == "001_ad471f587476c0b7.txt"
    assert described["average_pension"]["label"] == {"zh": "全市退休人员月平均基本养老金",
                                                     "en": "the city's average basic pension"}


def test_describe_labels_the_henan_average_by_the_draft_s_own_term():
    # 第二章: "2021 年全市机关事业单位退休人员基本养老金月平均水平" (before: "全市机关事业单位退休人员月平均基本养老金")
    done, _ = cli("--describe", "henan-draft")
    described = {p["name"]: p for p in json.loads(done.stdout)["parameters"]}
    assert described["average_pension.institution"]["label"] == {
        "zh": "2021 年全市机关事业单位退休人员基本养老金月平均水平",
        "en": "the city's 2021 average monthly basic pension of retirees from government bodies and public institutions"}
    assert described["average_pension.enterprise"]["question"] == {
        "zh": "2021 年全市企业单位退休人员基本养老金月平均水平（元/月）",
        "en": "The city's 2021 average monthly basic pension of enterprise retirees, yuan a month"}


def test_describe_unknown_city():
    done, _ = cli("--describe", "atlantis")
    assert done.returncode == 2 and "city" in done.stderr
