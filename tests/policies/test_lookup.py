"""The typed accessor: figures at a date, a city's rules on a day, words for a parameter."""
from datetime import date
from decimal import Decimal

from policies import load_cities
from policies.lookup import city_pooling_at, param_label, pooling_day

CITIES = load_cities()


def test_a_citys_rules_on_a_day_without_a_person():
    rules = city_pooling_at(CITIES["chongqing"], "retired", "individual_tier1", date(2024, 1, 1))
    assert (rules.kind, rules.annual_deductible, rules.cap) == ("annual", Decimal("100"), Decimal("1200"))
    assert rules.ratio == {"primary": Decimal("0.7"), "secondary": Decimal("0.7"), "tertiary": Decimal("0.6")}
    assert rules.cap_source.article == "第六条"
    xian = city_pooling_at(CITIES["xian"], "in_service", "employer", date(2023, 1, 1))
    assert xian.cap is None and xian.floor == Decimal("0.5")


def test_henan_cap_share_is_in_force_in_2022_only():
    henan = CITIES["henan-draft"]
    assert city_pooling_at(henan, "in_service", "employer", pooling_day(henan, 2022)).cap_share == Decimal("0.5")
    assert city_pooling_at(henan, "in_service", "employer", pooling_day(henan, 2023)).cap_share is None


def test_the_pooling_day_is_1_january_or_the_reform_start():
    assert pooling_day(CITIES["henan-draft"], 2022) == date(2022, 7, 1)
    assert pooling_day(CITIES["henan-draft"], 2023) == date(2023, 1, 1)


def test_every_parameter_has_words_and_never_shows_its_name():
    for city in CITIES.values():
        for name in city.params:
            for lang in ("zh", "en"):
                label = param_label(city, name, lang, question=True)
                internal = "." in name or "_" in name          # "pharmacy" is also an English word
                assert not (internal and name in label) and "_" not in label and label.strip(), (city.id, name, label)
    assert param_label(CITIES["zhenjiang"], "ratio.retired.tertiary", "zh", question=True) == \
        "退休人员在市第一人民医院、江苏大学附属医院的统筹基金支付比例（%）"
    # the Henan draft names its averages itself (第二章): its term, not the family's words
    assert param_label(CITIES["henan-draft"], "average_pension.institution", "en") == \
        "the city's 2021 average monthly basic pension of retirees from government bodies and public institutions"
    assert param_label(CITIES["zaozhuang"], "average_pension", "en") == "the city's average basic pension"


def test_only_retirees_whose_rule_splits_by_sector_are_asked_it():
    from policies.lookup import asks_sector
    henan = CITIES["henan-draft"]
    assert asks_sector(henan, "retired", "employer", 2023)
    assert not asks_sector(henan, "retired", "flexible", 2023)
    assert not asks_sector(henan, "in_service", "employer", 2023)
    assert not asks_sector(CITIES["chongqing"], "retired", "employer", 2024)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PARAMS = [(c, p) for c in CITIES.values() for p in c.params.values()]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PARAMS), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_a_parameter_at_a_date_is_the_one_value_in_force_then(city_param, day):
    _, param = city_param
    found = param.at(day)
    covering = [p for p in param.periods if p.start <= day <= p.end]
    assert len(covering) <= 1
    assert found is (covering[0] if covering else None)


@settings(max_examples=100, deadline=None)
@given(st.integers(60, 90), st.decimals(min_value=1000, max_value=9000, places=2), st.sampled_from([2023, 2024, 2025]))
def test_an_old_name_and_the_new_name_give_the_same_year(age, amount, year):
    from policies import estimate
    base = {"city": "zaozhuang", "status": "retired", "age": age, "enrolment": "flexible", "year": year,
            "account_credit_before": "0", "visits": []}
    old = "average_pension_2022" if year == 2023 else "average_pension_2023"
    by_old = estimate(dict(base, params={old: str(amount)}))
    by_new = estimate(dict(base, params={"average_pension": str(amount)}))
    assert by_old["after"] == by_new["after"] and by_old["steps"] == by_new["steps"]
