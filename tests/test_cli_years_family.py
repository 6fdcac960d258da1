"""The CLI's --years option and the family input, driven as a separate process (shared/CONTRACT.md)."""
import json

from tests.test_cli import CONTRACT_EXAMPLE, cli

ZAOZHUANG_RETIREE = {
    "city": "zaozhuang", "status": "retired", "age": 65, "account_credit_before": "2400",
    "account_credit_after": "2400", "account_credit_by_year": {"2022": "2400"},
    "params": {"average_pension_2023": "3000"}, "visits": [{"level": "primary", "cost": "300", "count": 6}],
}


def test_years_flag_adds_every_year_and_keeps_the_contract(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(ZAOZHUANG_RETIREE))
    done, _ = cli("--years", str(path))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert [r["year"] for r in out["years"]] == [2021, 2022, 2023, 2024]
    # hand calculation: tests/policies/cases/zaozhuang/years.toml (seed 001, 第七条（二）1)
    assert out["years"][3]["columns"]["account_credit"] == "720.00"
    assert out["years"][2]["columns"] == out["after"]
    plain, _ = cli(str(path))
    assert "years" not in json.loads(plain.stdout)
    assert {k: v for k, v in out.items() if k != "years"} == json.loads(plain.stdout)


def test_family_entries_through_the_cli_and_a_bad_one_exits_2():
    data = dict(CONTRACT_EXAMPLE, family=[{"kind": "medical", "amount": "500", "month": 2, "who": "spouse"}])
    done, _ = cli("-", stdin=json.dumps(data))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    # 2024 Chongqing retiree (Q&A example 1): credit 1260; the spouse's 500 in February comes first,
    # the visit (no month: July) leaves the person 910 to pay: the account has 760 left, cash 150.
    assert out["family"]["after"] == {"allowed": True, "spending": "500.00", "account_paid": "500.00",
                                      "cash_paid": "0.00", "household_cash_paid": "150.00"}
    assert out["after"]["fund_paid"] == "1890.00" and out["after"]["account_paid"] == "760.00"
    data["family"][0]["month"] = 13
    done, _ = cli("-", stdin=json.dumps(data))
    assert done.returncode == 2 and "family[0].month" in done.stderr and "Traceback" not in done.stderr
