"""The family's share of the account (家庭共济): input checks, the cited permissions, what is said, invariants."""
import tomllib
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies import estimate, load_cities
from policies.family import RULES_FILE, FamilyDataError, family_rules, parse_family_rules
from tests.helpers import problems, scenario, visit

CHONGQING = scenario("chongqing", age=32, monthly_base="5000", visits=[visit("tertiary", 3000)],
                     family=[{"kind": "resident_contribution", "amount": "380", "month": 1, "who": "child"},
                             {"kind": "medical", "amount": "800", "month": 3, "who": "parent"}])


@pytest.mark.parametrize("family, field", [
    ("lots", "family"),
    ([{"kind": "medical", "amount": 1}] * 101, "family"),
    (["x"], "family[0]"),
    ([{"amount": 100}], "family[0].kind"),
    ([{"kind": "dental", "amount": 100}], "family[0].kind"),
    ([{"kind": "medical"}], "family[0].amount"),
    ([{"kind": "medical", "amount": -1}], "family[0].amount"),
    ([{"kind": "medical", "amount": "1.234"}], "family[0].amount"),
    ([{"kind": "medical", "amount": 10**8}], "family[0].amount"),
    ([{"kind": "medical", "amount": 100, "month": 13}], "family[0].month"),
    ([{"kind": "medical", "amount": 100, "month": True}], "family[0].month"),
    ([{"kind": "medical", "amount": 100, "who": "cousin"}], "family[0].who"),
])
def test_bad_family_entries_name_the_field(family, field):
    assert field in problems(dict(CHONGQING, family=family))


def test_unknown_keys_in_a_family_entry_are_named_in_a_warning():
    result = estimate(dict(CHONGQING, lang="en", family=[{"kind": "medical", "amount": 1, "month": 1, "name": "Li"}]))
    assert "These fields are not recognised and were ignored: family[0].name." in result["warnings"]


def test_every_city_has_cited_permissions():
    rules = family_rules()
    assert set(rules) == set(load_cities())
    for r in rules.values():
        for permission in (r.medical, r.resident_contribution, r.before):
            assert permission.source.seed and permission.article
    assert rules["chongqing"].before_kind == "new_in_reform"
    assert "二十" in rules["chongqing"].before.article


def _rules_data():
    return tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("change, where", [
    (lambda d: d["cities"]["xian"].update(colour="red"), "cities.xian"),
    (lambda d: d["cities"].pop("xian"), "cities"),
    (lambda d: d["cities"]["xian"]["medical"].update(source="nowhere"), "cities.xian.medical.source"),
    (lambda d: d["cities"]["xian"]["before"].update(kind="always"), "cities.xian.before.kind"),
    (lambda d: d["sources"]["national"].pop("seed"), "sources.national.seed"),
    (lambda d: d["cities"]["xian"].update(starts="2020"), "cities.xian.starts"),
    (lambda d: d["cities"].update(shanghai=d["cities"]["xian"]), "cities.shanghai"),
])
def test_a_wrong_permissions_file_does_not_load(change, where):
    data = _rules_data()
    change(data)
    with pytest.raises(FamilyDataError) as error:
        parse_family_rules(data, tuple(load_cities()))
    assert where in str(error.value)


def test_chongqing_says_family_use_is_new_citing_qa_item_20():
    result = estimate(dict(CHONGQING, lang="en"))
    before = [s for s in result["steps"] if s["regime"] == "before" and "family" in s["text"]]
    assert [s["text"] for s in before] == [
        "Before the reform the account could not pay for the family: their ¥1,180.00 is all their own cash."]
    assert "二十 三 (“widen”" in before[0]["source"] and "政策问答" in before[0]["source"]
    after = [s["text"] for s in result["steps"] if s["regime"] == "after" and "family" in s["text"]]
    assert ("Your family's spending ¥1,180.00: the account paid ¥1,180.00; the ¥0.00 it could not cover is the "
            "family's own cash (not yours, and never the pooled fund).") in after
    # the reading on Q&A item 16 is shown, not the generic one
    assert not any("list paying for the family among the reform's measures" in w for w in result["warnings"])
    assert any(w.startswith("Q&A 16 lists paying for the spouse") for w in result["warnings"])
    assert any("问答十六" in w for w in estimate(CHONGQING)["warnings"])


def test_other_cities_warn_that_the_before_column_is_our_reading():
    data = scenario("zhenjiang", age=44, monthly_base="6000", lang="en",
                    family=[{"kind": "medical", "amount": 100, "month": 5}])
    assert ("The sources list paying for the family among the reform's measures and say nothing of the years "
            "before; the before column counts no family use of the account.") in estimate(data)["warnings"]


def test_henan_draft_contributions_warn_that_the_draft_does_not_list_them():
    data = scenario("henan-draft", monthly_base="5000", account_credit_before="1000",
                    family=[{"kind": "resident_contribution", "amount": 380, "month": 9}])
    warnings = estimate(data)["warnings"]
    assert any(w.startswith("起草说明没有列出个人账户的使用范围，国办发〔2021〕14号对家人的居民医保缴费只写了“探索”")
               for w in warnings)


def test_family_spending_never_reaches_the_fund_or_the_persons_cash():
    alone = estimate(dict(CHONGQING, family=[]))
    shared = estimate(CHONGQING)
    assert shared["after"]["fund_paid"] == alone["after"]["fund_paid"] == "1400.00"
    # the person's cash grows only by what the family took from the account first
    grew = Decimal(shared["after"]["cash_paid"]) - Decimal(alone["after"]["cash_paid"])
    assert grew == Decimal(shared["family"]["after"]["account_paid"]) - Decimal(alone["after"]["account_balance"])


# ---- invariants (hypothesis) ------------------------------------------------------------

CITIES = load_cities()
XIAN_FIGURES = {"deductible.in_service": "300", "deductible.retired": "200", "cap.in_service": "2500",
                "cap.retired": "3500", **{f"ratio.{s}.{lv}": "60" for s in ("in_service", "retired")
                                          for lv in ("primary", "secondary", "tertiary")}}
money = st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False, allow_infinity=False)
months = st.one_of(st.none(), st.integers(1, 12))


@st.composite
def with_family(draw):
    city_id = draw(st.sampled_from(list(CITIES)))
    city = CITIES[city_id]
    year = draw(st.sampled_from([city.start_year, city.first_full_year, city.first_full_year + 1]))
    if city.start_month is None:
        year = city.first_full_year
    dated = year == city.start_year
    visits = [{"level": draw(st.sampled_from(city.levels)), "cost": str(draw(money)),
               "count": draw(st.integers(1, 15)), "month": draw(st.integers(1, 12) if dated else months)}
              for _ in range(draw(st.integers(0, 5)))]
    family = [{"kind": draw(st.sampled_from(["medical", "resident_contribution"])), "amount": str(draw(money)),
               "month": draw(months)} for _ in range(draw(st.integers(1, 5)))]
    data = {"city": city_id, "status": draw(st.sampled_from(["in_service", "retired"])), "age": 50,
            "enrolment": draw(st.sampled_from(city.enrolments)), "year": year, "visits": visits, "family": family,
            "account_credit_before": str(draw(st.decimals(0, 5000, places=2))),
            "account_credit_after": str(draw(st.decimals(0, 3000, places=2))),
            "opening_balance": str(draw(st.decimals(0, 3000, places=2)))}
    if city_id == "xian":
        data["params"] = XIAN_FIGURES
    return data


def _d(part: dict) -> dict:
    return {k: Decimal(v) if isinstance(v, str) else v for k, v in part.items()}


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_family())
def test_the_account_is_shared_and_never_overdrawn(data):
    result = estimate(data)
    alone = estimate(dict(data, family=[]))
    opening = Decimal(data["opening_balance"])
    for regime in ("before", "after"):
        col, fam = _d(result[regime]), _d(result["family"][regime])
        # the account never goes negative, and never pays more than it had
        assert col["account_balance"] >= 0 and fam["account_paid"] >= 0 and fam["cash_paid"] >= 0
        assert col["account_paid"] + fam["account_paid"] <= opening + col["account_credit"]
        assert col["account_balance"] == opening + col["account_credit"] - col["account_paid"] - fam["account_paid"]
        # the person's row still adds up; the family's spending is the account's part plus their own cash
        assert col["fund_paid"] + col["account_paid"] + col["cash_paid"] == col["total_cost"]
        assert fam["account_paid"] + fam["cash_paid"] == fam["spending"]
        # the person's fund payment is the same with or without the family
        assert result[regime]["fund_paid"] == alone[regime]["fund_paid"]
        assert result[regime]["total_cost"] == alone[regime]["total_cost"]
        assert col["account_paid"] <= Decimal(alone[regime]["account_paid"])
    assert result["family"]["before"]["account_paid"] == "0.00"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_family())
def test_every_year_of_the_table_keeps_the_same_invariants(data):
    result = estimate(dict(data, years=True))
    for row in result["years"]:
        if row["columns"] is None:
            assert row["problems"]
            continue
        col, fam = _d(row["columns"]), _d(row["family"])
        assert col["fund_paid"] + col["account_paid"] + col["cash_paid"] == col["total_cost"]
        assert col["account_balance"] >= 0
        assert col["account_paid"] + fam["account_paid"] <= Decimal(data["opening_balance"]) + col["account_credit"]


def test_the_break_even_curve_is_the_persons_own_with_or_without_family():
    from policies import parse_scenario, run
    from policies.breakeven import break_even
    assert break_even(run(parse_scenario(CHONGQING))) == break_even(run(parse_scenario(dict(CHONGQING, family=[]))))


def test_the_permissions_cite_seed_files_that_exist():
    from pathlib import Path
    seeds = next((p / "shared" / "seeds" for p in Path(__file__).resolve().parents if (p / "shared" / "seeds").is_dir()),
                 None)
    if seeds is None:
        pytest.skip("shared/seeds is not beside this checkout")
    for r in family_rules().values():
        for permission in (r.medical, r.resident_contribution, r.before):
            assert (seeds / permission.source.seed).exists(), permission.source.seed


def test_english_family_sentences_are_wholly_english():
    import re
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    for city in ("chongqing", "zaozhuang", "zhenjiang", "xian", "henan-draft"):
        data = scenario(city, lang="en", account_credit_before="1000", account_credit_after="1000",
                        visits=[],
                        family=[{"kind": "medical", "amount": "100"}, {"kind": "resident_contribution", "amount": "50"}])
        result = estimate(data)
        texts = [s["text"] for s in result["steps"]] + result["warnings"]
        assert texts and not [t for t in texts if cjk.search(t)], city
