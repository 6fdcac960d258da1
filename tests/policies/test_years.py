"""The reform year by year (`"years": true`): which years, how each is worked out, what is said."""
import pytest

from policies import estimate, load_cities
from policies.messages import say
from policies.timeline import months_of_visits, spread_month, steady_year, table_years
from policies.scenario import Visit
from tests.helpers import problems, scenario, visit

ZAOZHUANG = scenario("zaozhuang", monthly_base="5000", account_credit_before="3000",
                     visits=[visit("secondary", 1000, month=3), visit("secondary", 1000, month=12)])


@pytest.mark.parametrize("city, years", [
    ("chongqing", [2023, 2024]),           # 第十四条: everything from 2024-01-01
    ("zaozhuang", [2021, 2022, 2023, 2024]),   # 第四条 2022-12; 第七条（一）2% from 2024-01
    ("zhenjiang", [2022, 2023, 2024]),     # 二（三）: retirees' 2.5% from 2024-01-01
    ("xian", [2021, 2022, 2023]),          # 三: "2022年底"
    ("henan-draft", [2021, 2022, 2023]),   # 二 第三章: caps halved in the first year only
])
def test_the_table_runs_from_the_last_year_before_to_the_steady_state(city, years):
    assert list(table_years(load_cities()[city])) == years
    assert steady_year(load_cities()[city]) == years[-1]


def test_visits_without_a_month_are_spread_evenly_and_deterministically():
    assert [spread_month(k, 1) for k in range(1)] == [7]
    assert [spread_month(k, 2) for k in range(2)] == [4, 10]
    assert [spread_month(k, 12) for k in range(12)] == list(range(1, 13))
    assert [spread_month(k, 6) for k in range(6)] == [2, 4, 6, 8, 10, 12]
    blocks = [Visit("primary", 1, count=2), Visit("primary", 1, count=1, month=5), Visit("primary", 1, count=4)]
    # six undated visits in all, in the order listed: months 2, 4 | 6, 8, 10, 12; the dated one stays in May
    assert months_of_visits(blocks) == [[(2, 1), (4, 1)], [(5, 1)], [(6, 1), (8, 1), (10, 1), (12, 1)]]


def test_the_main_columns_are_the_same_rows_of_the_table():
    result = estimate(dict(ZAOZHUANG, years=True))
    rows = {r["year"]: r for r in result["years"]}
    assert rows[2021]["columns"] == result["before"]
    assert rows[2023]["columns"] == result["after"]
    assert [r["regime"] for r in result["years"]] == ["before", "after", "after", "after"]
    assert [r["steady"] for r in result["years"]] == [False, False, False, True]
    assert rows[2022]["from_month"] == 12


def test_other_main_year_is_still_its_own_row():
    result = estimate(dict(ZAOZHUANG, year=2024, years=True))
    assert {r["year"]: r for r in result["years"]}[2024]["columns"] == result["after"]
    assert result["after"]["account_credit"] == "1200.00"


def test_without_the_option_the_result_is_the_contract_alone():
    assert "years" not in estimate(ZAOZHUANG)
    assert "family" not in estimate(ZAOZHUANG)


def test_what_changes_when_in_english_whole_sentences():
    result = estimate(dict(ZAOZHUANG, years=True, lang="en"))
    changes = {r["year"]: [c["text"] for c in r["changes"]] for r in result["years"]}
    assert changes[2021] == []
    assert changes[2022] == [
        "From December 2022 the reform applies: general outpatient pooling starts and the account is credited "
        "the new way; earlier months follow the old rules.",
        "The year's account credit changes from ¥3,000.00 to ¥2,962.50."]
    assert changes[2023] == ["From 2023 the whole year follows the new rules.",
                             "The year's account credit changes from ¥2,962.50 to ¥2,550.00."]
    assert changes[2024] == ["The year's account credit changes from ¥2,550.00 to ¥1,200.00.",
                             "From 2024 on the sources' rules no longer change: later years are the same as this one."]
    sources = {r["year"]: [c["source"] for c in r["changes"]] for r in result["years"]}
    assert "第四条" in sources[2022][0] and "第七条（一）" in sources[2024][0]


def test_the_old_months_of_the_first_year_are_credited_at_last_years_rate():
    result = estimate(dict(ZAOZHUANG, years=True, lang="en"))
    steps = [s["text"] for s in {r["year"]: r for r in result["years"]}[2022]["steps"]]
    assert ("The 11 months before the reform began are credited as before, a twelfth of last year's credit "
            "(¥250.00 a month): ¥2,750.00.") in steps


def test_a_halved_cap_then_the_full_cap_is_said_with_its_source():
    data = scenario("henan-draft", monthly_base="5000", account_credit_before="1800", lang="en", years=True,
                    visits=[visit("secondary", 2000, month=9)])
    rows = {r["year"]: r for r in estimate(data)["years"]}
    cap_change = [c for c in rows[2023]["changes"] if "cap" in c["text"]]
    assert [c["text"] for c in cap_change] == ["General pooling's yearly cap changes from ¥750.00 to ¥1,500.00."]
    assert cap_change[0]["source"] == "《关于《建立健全职工基本医疗保险门诊共济保障机制的实施细则（征求意见稿）》的起草说明》 (draft for comment, 2022) 二 第三章"
    assert rows[2022]["details"]["cap"] == "750.00" and rows[2023]["details"]["cap"] == "1500.00"


def test_undated_visits_in_the_first_year_are_spread_and_the_row_says_so():
    data = scenario("zaozhuang", monthly_base="5000", account_credit_before="3000", lang="en", years=True,
                    visits=[visit("primary", 300, count=12)])
    row = {r["year"]: r for r in estimate(data)["years"]}[2022]
    assert ("In 2022 the reform began in December and your visits have no month: they are spread evenly over "
            "the year, 1 of them after the start.") in [c["text"] for c in row["changes"]]
    assert row["columns"]["fund_paid"] == "70.00"       # December's 300: (300−200)×70% (第五条)


def test_xian_first_year_needs_its_start_month():
    base = scenario("xian", monthly_base="5000", years=True, visits=[visit("secondary", 1000)],
                    params={"deductible.in_service": 800, "ratio.in_service.secondary": 60, "cap.in_service": 2000})
    rows = {r["year"]: r for r in estimate(base)["years"]}
    assert rows[2022]["columns"] is None and list(rows[2022]["problems"]) == ["params.reform_start_month"]
    assert rows[2023]["columns"] is not None
    given = dict(base, params=dict(base["params"], reform_start_month=12))
    rows = {r["year"]: r for r in estimate(given)["years"]}
    assert rows[2022]["problems"] == {} and rows[2022]["columns"]["fund_paid"] == "0.00"   # the July visit: old rules


def test_a_missing_yearly_credit_names_the_field_in_that_years_row_only():
    data = scenario("zaozhuang", "retired", 65, account_credit_before="2400", years=True, lang="en",
                    visits=[visit("primary", 300)], params={"average_pension_2023": "3000"},
                    account_credit_after="2400")
    rows = {r["year"]: r for r in estimate(data)["years"]}
    assert list(rows[2022]["problems"]) == ["account_credit_by_year.2022"]
    assert rows[2022]["problems"]["account_credit_by_year.2022"][0].startswith(
        "No source gives how your personal account was credited in 2022")


@pytest.mark.parametrize("value, field", [
    ({"1999": "100"}, "account_credit_by_year.1999"),
    ({"2023": "100"}, "account_credit_by_year.2023"),     # the main year: account_credit_after
    ({"2024": "-1"}, "account_credit_by_year.2024"),
    ({"twenty": "1"}, "account_credit_by_year.twenty"),
    ("2024", "account_credit_by_year"),
])
def test_bad_yearly_credits_name_the_field(value, field):
    assert field in problems(dict(ZAOZHUANG, account_credit_by_year=value))


def test_the_years_option_is_a_boolean():
    assert "years" in problems(dict(ZAOZHUANG, years="yes"))


def test_yearly_credits_are_listed_as_supplied():
    data = dict(ZAOZHUANG, account_credit_by_year={"2024": "900"}, years=True)
    result = estimate(data)
    assert "account_credit_by_year.2024" in result["supplied"]
    assert {r["year"]: r for r in result["years"]}[2024]["columns"]["account_credit"] == "900.00"


def test_message_keys_exist_in_both_languages():
    for key in ("year_reform_starts", "year_full_year", "year_credit_changes", "year_cap_changes", "year_steady",
                "year_same", "year_months_spread", "step_credit_old_months"):
        assert say(key, "zh", year=1, month=1, before=1, after=1, new=1, months=1, amount=1, each=1) != \
            say(key, "en", year=1, month=1, before=1, after=1, new=1, months=1, amount=1, each=1)


# ---- one rule for the months before the reform in its first year ------------------------------

def test_old_months_follow_the_dated_old_rule_where_the_data_has_one():
    """Xi'an: the old credit rule is dated to 2022-11-30, so January–November 2022 are credited by it,
    exactly as the before column is (2.7% for 40 and under), and December by the new 2%."""
    data = scenario("xian", monthly_base="5000", year=2022, params={"reform_start_month": 12}, visits=[], lang="en")
    result = estimate(data)
    assert result["before"]["account_credit"] == "1620.00"            # 5000 × 2.7% × 12
    assert result["after"]["account_credit"] == "1585.00"             # 5000 × 2.7% × 11 + 5000 × 2%
    texts = [s["text"] for s in result["steps"] if s["regime"] == "after"]
    assert "Account credit: base ¥5,000.00 a month × 2.7% × 11 months = ¥1,485.00." in texts
    assert not any("twelfth of last year's credit" in t for t in texts)


def test_old_months_take_the_before_columns_figure_where_no_source_gives_the_old_rule():
    """Zaozhuang and Henan: no source gives the old credit, so the before column is the person's figure,
    and the first year's old months are a twelfth of it each: the same figure, not a second rule."""
    zz = estimate(dict(ZAOZHUANG, year=2022))
    assert zz["before"]["account_credit"] == "3000.00"
    assert zz["after"]["account_credit"] == "2962.50"                 # 3000 / 12 × 11 + 5000 × 4.25%
    assert ("改革开始前的 11 个月仍按原办法划入，按上一年划入额的十二分之一（每月 ¥250.00）计算：¥2,750.00。"
            in [s["text"] for s in zz["steps"]])
    henan = estimate(scenario("henan-draft", monthly_base="5000", account_credit_before="1800", year=2022,
                              visits=[visit("secondary", 100, month=3)]))
    assert henan["after"]["account_credit"] == "1500.00"              # 1800 / 12 × 6 + 5000 × 2% × 6


def test_old_months_without_the_before_figure_ask_for_it():
    missing = problems(scenario("zaozhuang", monthly_base="5000", year=2022, visits=[]))
    assert "account_credit_before" in missing


def test_the_steady_year_reads_every_dated_value():
    """A value dated later (here a made-up 2026 rate in a scratch copy) moves the steady year: the table
    reads the dated model, not a list of names."""
    import copy
    import tomllib

    from policies.loader import CITIES_DIR
    from policies.schema import build_city
    data = tomllib.loads((CITIES_DIR / "zaozhuang.toml").read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    values = changed["params"]["credit.in_service.rate"]["values"]
    values[-1]["until"] = tomllib.loads("d = 2025-06-30")["d"]
    values.append(dict(values[-1], value="3", **{"from": tomllib.loads("d = 2025-07-01")["d"]}))
    del values[-1]["until"]
    city = build_city(changed, "zaozhuang.toml", "zaozhuang")
    assert list(table_years(city)) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert steady_year(build_city(data, "zaozhuang.toml", "zaozhuang")) == 2024
