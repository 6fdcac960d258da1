"""Invariants that hold for any person and any visits (hypothesis)."""
import re
from decimal import Decimal

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies import estimate, load_cities
from policies.money import split_whole_yuan

CITIES = load_cities()
XIAN_FIGURES = {"deductible.in_service": "300", "deductible.retired": "200", "cap.in_service": "2500",
                "cap.retired": "3500", **{f"ratio.{s}.{lv}": r for s, r0 in (("in_service", 50), ("retired", 60))
                                          for lv, r in (("primary", r0 + 20), ("secondary", r0 + 10), ("tertiary", r0))}}
money = st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def scenarios(draw):
    city_id = draw(st.sampled_from(list(CITIES)))
    city = CITIES[city_id]
    pharmacy_ok = city.params["pharmacy"].value == "prescriber_level"
    visits = []
    for _ in range(draw(st.integers(0, 8))):
        cost = draw(money)
        other = draw(st.decimals(min_value=0, max_value=cost, places=2)) if draw(st.booleans()) else Decimal(0)
        visits.append({"level": draw(st.sampled_from(city.levels)), "cost": str(cost),
                       "count": draw(st.integers(1, 30)), "other_scheme_paid": str(other),
                       "where": "pharmacy" if pharmacy_ok and draw(st.booleans()) else "hospital",
                       "away": draw(st.booleans())})
    data = {"city": city_id, "status": draw(st.sampled_from(["in_service", "retired"])),
            "age": draw(st.integers(18, 100)), "enrolment": draw(st.sampled_from(city.enrolments)),
            "year": city.first_full_year + draw(st.integers(0, 2)), "visits": visits,
            "account_credit_before": str(draw(st.decimals(0, 5000, places=2))),
            "account_credit_after": str(draw(st.decimals(0, 3000, places=2))),
            "opening_balance": str(draw(st.decimals(0, 3000, places=2)))}
    if city_id == "xian":
        data["params"] = XIAN_FIGURES
    return data


def _cols(result):
    return [{k: Decimal(v) for k, v in result[c].items()} for c in ("before", "after")]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_columns_add_up_and_nothing_is_negative(data):
    result = estimate(data)
    for col in _cols(result):
        assert col["fund_paid"] + col["account_paid"] + col["cash_paid"] == col["total_cost"]
        assert all(v >= 0 for v in col.values())
        opening = Decimal(data["opening_balance"])
        assert col["account_balance"] == opening + col["account_credit"] - col["account_paid"]
    details = result["details"]["after"]
    if details["cap"] is not None:
        assert Decimal(details["pooled_paid"]) <= Decimal(details["cap"])


@settings(max_examples=200, deadline=None)
@given(scenarios(), st.integers(0, 7), st.decimals(min_value="0.01", max_value=5000, places=2))
def test_more_cost_never_lowers_what_the_fund_pays(data, which, extra):
    if not data["visits"]:
        return
    fund = Decimal(estimate(data)["after"]["fund_paid"])
    visit = data["visits"][which % len(data["visits"])]
    visit["cost"] = str(Decimal(visit["cost"]) + extra)
    assert Decimal(estimate(data)["after"]["fund_paid"]) >= fund


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_a_block_of_count_visits_equals_the_visits_listed_one_by_one(data):
    spelled = dict(data, visits=[dict(v, count=1) for v in data["visits"] for _ in range(v["count"])])
    assert estimate(data)["after"] == estimate(spelled)["after"]
    assert estimate(data)["before"] == estimate(spelled)["before"]


@given(st.lists(st.decimals(0, 10**6, places=2), min_size=1, max_size=5))
def test_whole_yuan_display_keeps_the_row_adding_up(parts):
    total = int(sum(parts).quantize(Decimal(1), "ROUND_HALF_UP"))
    shown = split_whole_yuan(parts, total)
    assert sum(shown) == total
    assert all(abs(s - p) < 1 for s, p in zip(shown, parts))


WORDS_NEVER_SHOWN = re.compile(r"¥[\d,.]+%|None|%%|params\.|\.txt|\[seed|http|\{|\}")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(["zh", "en"]))
def test_steps_and_warnings_say_no_internal_name_and_no_mistyped_figure(data, lang):
    result = estimate(dict(data, lang=lang))
    for text in [s["text"] for s in result["steps"]] + [s["source"] for s in result["steps"]] + result["warnings"]:
        assert not WORDS_NEVER_SHOWN.search(text), text


def test_a_bare_number_in_a_message_is_refused():
    from policies.values import show_args
    with pytest.raises(TypeError):
        show_args({"ratio": Decimal("0.4")}, "zh")


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["in_service", "retired"]), st.integers(0, 20),
       st.lists(st.tuples(st.sampled_from(CITIES["zhenjiang"].levels), money), min_size=1, max_size=5),
       st.decimals(min_value="0.01", max_value=50000, places=2))
def test_serious_illness_refund_is_never_negative_never_above_cash_and_grows_with_cost(status, years, visits, extra):
    def refund(vs):
        result = estimate({"city": "zhenjiang", "status": status, "age": 66 if status == "retired" else 40,
                           "extra_contribution_years": years, "account_credit_before": "0",
                           "account_credit_after": "0", "visits": [{"level": lv, "cost": str(c)} for lv, c in vs]})
        return Decimal(result["serious_illness_refund"]), Decimal(result["after"]["cash_paid"])
    paid, cash = refund(visits)
    assert 0 <= paid <= cash
    more, _ = refund(visits + [(visits[-1][0], extra)])
    assert more >= paid


@st.composite
def with_family_and_years(draw):
    data = draw(scenarios())
    data["family"] = [{"kind": draw(st.sampled_from(["medical", "resident_contribution"])),
                       "amount": str(draw(st.decimals(0, 3000, places=2))),
                       **({"month": draw(st.integers(1, 12))} if draw(st.booleans()) else {})}
                      for _ in range(draw(st.integers(0, 3)))]
    data["years"] = True
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_family_and_years(), st.sampled_from(["zh", "en"]))
def test_family_and_year_sentences_say_no_internal_name_either(data, lang):
    # (a year's `problems` are input errors: like the contract's errors they name the field to give)
    result = estimate(dict(data, lang=lang))
    texts = [s["text"] for s in result["steps"]] + [s["source"] for s in result["steps"]] + result["warnings"]
    for row in result["years"]:
        texts += [c["text"] for c in row["changes"]] + [c["source"] for c in row["changes"]]
        texts += [s["text"] for s in row["steps"]] + row["warnings"]
    for text in texts:
        assert not WORDS_NEVER_SHOWN.search(text), text
