"""QA4 (the fourth tester walk-through, 2026-11-30): what a new user read wrong or could not act on, items 3, 8, 10–13, 15, 16 and 22.

Each test failed on the code before its fix (main at c7baaf1). Item 18 (large text's fold-out arrows) is a
browser test: tests/browser/test_qa4_large_text_summary.py."""
import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from policies import load_cities

CQ_RETIRED = "city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100"
ZZ_RETIRED = "city=zaozhuang&status=retired&age=65&credit_before=2400&credit_after=2400&n_primary=10&c_primary=120"
ZZ_WORKER = "city=zaozhuang&status=in_service&age=40&base=6000&credit_before=2400&n_primary=12&c_primary=100"
XIAN = ("city=xian&status=in_service&age=40&base=6000&credit_before=2400&n_primary=12&c_primary=100&n_secondary=2"
        "&c_secondary=800")
XIAN_FIGURES = ("&p_cap.in_service=2000&p_deductible.in_service=700&p_ratio.in_service.primary=60"
                "&p_ratio.in_service.secondary=55&year=2023")
HENAN = "city=henan-draft&status=in_service&age=40&base=6000&credit_before=2400&n_primary=3&c_primary=100"
ZHENJIANG = "city=zhenjiang&status=in_service&age=40&base=6000&credit_before=2400&n_primary=12&c_primary=100"


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def land(client, url: str, limit: int = 2):
    """Follow redirects as a browser would, at most `limit` of them."""
    response = client.get(url)
    for _ in range(limit):
        if response.status_code not in (301, 302):
            break
        response = client.get(response["Location"])
    assert response.status_code == 200, url
    return response


def box_error(response, name: str) -> str:
    """The error message shown beside the box called `name`."""
    found = re.search(rf'<p class="error-message" id="{re.escape(name)}-error">(.*?)</p>', response.content.decode(), re.S)
    assert found, f"no error beside {name}"
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))).strip()


# ---- 3. Xi'an's year table says the same about 2022 in its row and in "What changes when" --------------

@pytest.mark.parametrize("prefix, row, change, later", [
    ("/en", "Cannot be worked out: the published documents do not give the month the reform began.",
     "The reform began during 2022, but the sources do not say in which month, so this year cannot be worked out.",
     "From 2023 the whole year follows the new rules."),
    ("", "无法计算：公开文件没有给出改革开始的月份。",
     "2022 年内开始实行改革，但资料没有写从几月开始，所以这一年算不出来。",
     "2023 年起全年按新办法。"),
])
def test_xian_2022_row_and_its_change_sentence_agree(client, prefix, row, change, later):
    page = text(client.get(f"{prefix}/result?{XIAN}{XIAN_FIGURES}"))
    assert row in page
    assert change in page and later in page
    assert "From 2022 the reform applies" not in page and "2022 年起实行改革" not in page


# ---- 8. "a Henan city" inside a sentence; "draft" said once ------------------------------------------

def test_a_city_name_inside_an_english_sentence_has_no_capital(client):
    page = text(client.get(f"/en/result?{HENAN}"))
    assert "Your outpatient year in a Henan city (draft for comment): before and after the reform" in page
    partial = text(client.get(f"/en/result?{HENAN}&credit_before=&dk=credit_before"))
    assert "Your outpatient year in a Henan city (draft for comment): what we can work out" in partial
    # Where the name starts a line it keeps its capital: the city's option.
    assert "A Henan city (draft for comment)" in text(client.get("/en/city"))


def test_the_engine_names_the_city_as_it_reads_in_the_sentence():
    from policies import ScenarioError, parse_scenario
    with pytest.raises(ScenarioError) as refused:
        parse_scenario({"city": "henan-draft", "lang": "en", "status": "in_service", "enrolment": "tier9", "age": 40,
                        "monthly_base": "6000", "visits": []})
    assert refused.value.messages("en")["enrolment"] == [
        "In a Henan city (draft for comment) the enrolment is one of: employer, flexible."]
    with pytest.raises(ScenarioError) as early:
        parse_scenario({"city": "henan-draft", "status": "in_service", "age": 40, "monthly_base": "6000",
                        "visits": [], "year": 2020})
    assert early.value.messages("en")["year"] == [
        "A Henan city (draft for comment)'s reform began in 2022; choose 2022 or later."]


@pytest.mark.parametrize("prefix, heading", [("/en", "A Henan city (draft for comment)"), ("", "河南某市（征求意见稿）")])
def test_the_compare_page_says_draft_once(client, prefix, heading):
    html = client.get(f"{prefix}/compare?{HENAN.replace('henan-draft', 'zhenjiang')}").content.decode()
    card = re.search(r'<h2[^>]*id="city-henan-draft"[^>]*>(.*?)</h2>', html, re.S).group(1)
    assert unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card))).strip() == heading


# ---- 10. why the fund paid less than the sum worked out: the visits' order, in plain words ---------

@pytest.mark.parametrize("prefix, sentence", [
    ("/en", "We do not know the dates of your visits, so we took each kind of visit as spread evenly through the "
            "year (12 visits: one a month) and counted them in date order. The order can change what the fund "
            "pays: the first visits of the year count towards the deductible, and once the fund has paid its "
            "yearly limit it pays nothing more that year, so the fund may pay less for a kind of visit than the "
            "sum worked out for it."),
    ("", "我们不知道您每次就医的日期，所以假设每类就医在全年平均分布（例如 12 次就是每月一次），再按日期先后计算。"
         "先后会影响医保基金支付多少：一年里最先的几次就医先用来付起付标准；基金当年付满最高支付限额以后就不再支付，"
         "所以某类就医基金实际支付的钱，可能比上面算出的少。"),
])
def test_the_visits_order_is_explained_where_the_cap_cut_what_the_fund_paid(client, prefix, sentence):
    page = text(client.get(f"{prefix}/result?{ZZ_WORKER}&n_secondary=4&c_secondary=400"))
    assert ("the yearly cap was reached, so the fund actually paid" in page
            or "到了年度最高支付限额，统筹基金实际只支付" in page)
    assert sentence in page
    assert "in that order" not in page and "分布的顺序" not in page


# ---- 11. the age is on 1 January of the chosen after-reform year, not "this year" -------------------

@pytest.mark.parametrize("prefix, hint", [
    ("/en", "Your age on 1 January of the after-reform year you choose on this page (not necessarily this year)."),
    ("", "填写本页所选“改革后年份”那一年 1 月 1 日的周岁年龄（不一定是今年）。"),
])
def test_the_age_hint_names_the_year_it_counts_from(client, prefix, hint):
    page = text(client.get(f"{prefix}/person?city=chongqing"))
    assert hint in page
    assert page.index(hint) < page.index("Which year after the reform?" if prefix else "按改革后哪一年计算？")
    assert "按当年 1 月 1 日" not in page


# ---- 12. Xi'an's figures in English: nouns, articles, the same term as the hint, a list -----------

def test_xian_figures_read_as_english_and_match_their_hint(client):
    page = land(client, f"/en/figures?{XIAN}&s=figures&p_ratio.in_service.secondary=abc")
    words = text(page)
    assert "The payment ratio (支付比例) at primary care institutions (level 1 or below) for working people, %" in words
    assert "The payment ratio (支付比例) at level 2 hospitals for working people, %" in words
    assert "The payment ratio (支付比例) is the share of the cost above the deductible that the fund pays" in words
    assert box_error(page, "p_ratio.in_service.secondary").strip().endswith(
        "Enter the payment ratio (支付比例) at level 2 hospitals for working people as a number from 0 to 100, like 60")
    assert "at primary (" not in words and "at level 2 hospital " not in words and "share the fund pays (" not in words
    visits = text(land(client, f"/en/visits?{XIAN}&n_secondary=x&s=visits"))
    assert "Enter the number of visits at level 2 hospitals as a whole number, like 1" in visits


def test_the_missing_figures_are_a_list_not_one_long_sentence(client):
    html = client.get(f"/en/result?{XIAN}&dk=figures").content.decode()
    missing = re.search(r'<ul class="list" id="missing">(.*?)\n</ul>', html, re.S).group(1)
    names = re.search(r'<ul class="list">(.*?)</ul>', missing, re.S).group(1)
    items = [unescape(i).strip() for i in re.findall(r"<li>([^<]*)</li>", names)]
    assert items == ["The deductible (起付标准) for working people",
                     "The payment ratio (支付比例) at primary care institutions (level 1 or below) for working people",
                     "The payment ratio (支付比例) at level 2 hospitals for working people",
                     "The yearly limit the fund pays (最高支付限额) for working people"]
    assert "The city's outpatient pooling figures:" in unescape(missing)


# ---- 13. the Chongqing Q&A's example is cited as "问答十九 例 1" --------------------------------------

@pytest.mark.parametrize("prefix, cited", [
    ("", "《重庆市职工医保门诊共济保障改革政策问答》二（改革前统筹基金保障住院和门诊大病、个人账户保障门诊小病）；问答十九 例 1"),
    ("/en", "《重庆市职工医保门诊共济保障改革政策问答》二 (before the reform the pooled fund covered inpatient care and "
            "serious outpatient illness, and the personal account covered minor outpatient care)；问答十九 例 1 "
            "(Q&A 19, example 1)"),
])
def test_the_qa_example_is_cited_readably(client, prefix, cited):
    page = text(client.get(f"{prefix}/result?{CQ_RETIRED}"))
    assert cited in page
    assert "十九例1" not in page


# ---- 15. answers a link carries but nothing uses, and years outside what can be worked out ----------

def test_a_retirees_contribution_base_is_left_out_and_the_pension_kept_for_the_comparison_is_said(client):
    page = text(client.get(f"/result?{CQ_RETIRED}&base=6000&pension=4000"))
    assert "链接里有些回答不适用于重庆市，已略去：缴费基数。重庆市的规则用不到基本养老金，只在比较各个城市时使用。" in page
    en = text(client.get(f"/en/check?{CQ_RETIRED}&base=6000"))
    assert "Some answers in this link do not apply in Chongqing and were left out: your contribution base." in en


def test_a_carried_pension_is_said_and_a_bad_one_is_named_where_it_is_asked(client):
    # Not silent on the city's own pages; checked beside its box on the compare page, which asks it.
    page = text(client.get(f"/result?{ZZ_RETIRED}&pension=abc"))
    assert "枣庄市的规则用不到基本养老金，只在比较各个城市时使用。" in page
    compare = client.get(f"/compare?{ZZ_RETIRED}&pension=abc").content.decode()
    assert 'id="id_pension"' in compare and 'value="abc"' in compare and "input--error" in compare
    # A pension that reads is still carried (the comparison's other cities use it), and the page says so.
    kept = client.get(f"/en/result?{CQ_RETIRED}&pension=4000")
    assert "left out" not in text(kept) and "pension=4000" in kept.content.decode()
    assert "Chongqing's rules do not use your pension: it is kept only to compare cities." in text(kept)
    # Where the city's rules use it, nothing is said.
    zhenjiang = client.get(f"/en/money?{CQ_RETIRED.replace('chongqing', 'zhenjiang')}&pension=4000&year=2024")
    assert 'name="pension"' in zhenjiang.content.decode() and "compare cities" not in text(zhenjiang)


@pytest.mark.parametrize("year", ["2030", "1999", "2022"])
def test_a_year_outside_the_list_is_named_beside_its_box(client, year):
    page = land(client, f"/result?{CQ_RETIRED}&year={year}")
    assert urlsplit(page.wsgi_request.get_full_path()).path == "/person"
    assert box_error(page, "year").strip().endswith(f"无法按 {year} 年计算：请选择 2024 年到 2026 年之间的一年")
    en = land(client, f"/en/check?{ZZ_WORKER}&year={year}")
    assert box_error(en, "year").strip().endswith(f"There is no estimate for {year}: select a year from 2023 to 2026")


def test_the_form_and_the_engine_share_the_years(client):
    from policies import ScenarioError, parse_scenario
    from policies.scenario import covered_years
    for city in load_cities().values():
        years = covered_years(city)
        page = client.get(f"/person?city={city.id}").content.decode()
        options = re.findall(r'<option value="(\d{4})"', page)
        assert options == [str(y) for y in years]
        parse_scenario({"city": city.id, "status": "in_service", "age": 40, "monthly_base": "6000", "visits": [],
                        "year": years[-1], "account_credit_before": "1000", "account_credit_after": "1000",
                        "params": {}, "partial": True})
        with pytest.raises(ScenarioError) as refused:
            parse_scenario({"city": city.id, "status": "in_service", "age": 40, "monthly_base": "6000",
                            "visits": [], "year": years[-1] + 1})
        assert refused.value.messages("zh")["year"] == [f"资料只覆盖到 {years[-1]} 年：请选择 {years[-1]} 年或以前的年份。"]


# ---- 16. a "不知道" typed in a box points to an "I don't know" box only where the page has one --------

def test_dont_know_typed_where_the_page_has_no_dont_know_box(client):
    page = client.get(f"/money?{ZZ_WORKER}&credit_after=不知道&s=money")
    assert 'value="credit_after"' not in page.content.decode()         # no "I don't know" box for this figure
    assert box_error(page, "credit_after").strip().endswith("如果不知道 2023 年（改革后）的个人账户划入，请把这一格空着")
    assert "勾选下面的“我不知道”" not in text(page)


def test_dont_know_typed_where_the_page_has_the_box_still_points_to_it(client):
    query = ZZ_WORKER.replace("&credit_before=2400", "")
    page = client.get(f"/money?{query}&credit_before=不知道&s=money")
    assert 'value="credit_before"' in page.content.decode()
    assert box_error(page, "credit_before").strip().endswith(
        "如果不知道 2021 年（改革前一年）的个人账户划入，请把这一格空着；需要这个数时，请勾选下面的“我不知道”")


# ---- 22. Zhenjiang's 10,000 yuan limit, said for the person -----------------------------------------

@pytest.mark.parametrize("prefix, sentence", [
    ("/en", "The document says the yearly limit for outpatient costs is 10,000 yuan. We take it to mean the fund "
            "pays at most 10,000 yuan for you in a year: once it has paid that, the rest of the year's outpatient "
            "costs come from your account or your own cash. If your costs are that high, ask the medical "
            "insurance office how they count this limit."),
    ("", "文件写的是“年度门诊基本医疗费用限额为1万元”。本计算按统筹基金一年最多为您支付1万元：基金付满1万元以后，"
         "当年其余的门诊费用要由您的个人账户或现金支付。门诊费用很高时，可以向医保部门问清这个限额怎么算。"),
])
def test_zhenjiangs_limit_is_explained_for_the_person(client, prefix, sentence):
    page = text(client.get(f"{prefix}/result?{ZHENJIANG}&n_tertiary=20&c_tertiary=1500"))     # the limit is reached
    assert sentence in page
    assert "is taken as the most the fund pays" not in page and "这里按统筹基金一年最多支付1万元计算" not in page
