"""QA5 (session 19): the desk keeps the operator's year across a change of city, its glossary keeps the
caller's figures when the caller does not know a credit, an English city name inside a sentence keeps
its small letter, and a month after Chinese is spaced as a year is."""
import re

import pytest

from tests.web.test_desk_call_and_paper import body, case_note, text

# The tester's call: a Chongqing retiree asked about 2025, then the operator picks 镇江市.
CALL = "status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100"


@pytest.mark.parametrize("htmx", [{}, {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "desk-page"}])
def test_a_new_city_that_covers_the_chosen_year_keeps_it(client, htmx):
    # Without JavaScript the form is sent; with it the city's change redraws the page: both send shown_city.
    page = body(client.get(f"/desk?city=zhenjiang&{CALL}&year=2025&shown_city=chongqing", **htmx))
    assert re.search(r'<option value="2025" selected>', page)
    assert 'id="year-hint"' not in page and 'id="desk-year-changed"' not in page


def test_a_new_city_whose_estimates_start_later_moves_the_year_and_says_so_in_both_languages(client):
    page = body(client.get(f"/desk?city=chongqing&{CALL}&year=2023&shown_city=zhenjiang"))
    assert re.search(r'<option value="2024" selected>', page)
    said = "重庆市的估算从 2024 年开始，年份已改为 2024 年。"
    assert f'<p class="hint" id="year-hint">{said}</p>' in page                      # beside the year box
    assert 'aria-describedby="year-hint"' in page
    assert f'<p id="desk-year-changed"><strong>{said}</strong></p>' in page          # in the results
    assert case_note(client.get(f"/desk?city=chongqing&{CALL}&year=2023&shown_city=zhenjiang")).splitlines()[0] == \
        "门诊共济改革估算：重庆市，2023 年与 2024 年比较"
    english = text(client.get(f"/en/desk?city=chongqing&{CALL}&year=2023&shown_city=zhenjiang"))
    assert english.count("Estimates for Chongqing start in 2024, so the year was changed to 2024.") == 2


def test_the_glossary_keeps_the_callers_figures_when_the_caller_does_not_know_a_credit(client):
    page = text(client.get("/desk?city=chongqing&status=retired&age=68&dk=credit_before&n_primary=12&c_primary=100"))
    assert "来电人不知道" in page or "还不能判断" in page                        # the partial result, not a full one
    for figure in ("起付标准：每年 ¥100，全年累计", "统筹基金支付比例：一级及以下医疗机构（社区、乡镇） 70%",
                   "年度最高支付限额：¥4,000"):
        assert figure in page, figure


def test_an_english_city_name_after_a_colon_inside_a_sentence_keeps_its_small_letter(client):
    # (the box for where they retired from shows while the link holds an answer: the Henan draft lacks figures anyway)
    compare = text(client.get(f"/en/compare?city=chongqing&{CALL}&sector=enterprise"))
    assert "The cities whose rules use it: a Henan city (draft for comment)" in compare
    assert "A Henan city" not in compare.split("The cities whose rules use it:", 1)[1].split(".", 1)[0]
    note = case_note(client.get("/en/desk?city=henan-draft&status=retired&age=66&sector=enterprise&credit_before=2000"
                                "&credit_after=1500&n_primary=12&c_primary=100"))
    assert note.splitlines()[0] == "Outpatient reform estimate: a Henan city (draft for comment), 2021 compared with 2023"


def test_the_month_the_reform_began_is_spaced_from_the_chinese_before_it(client):
    page = text(client.get("/result?city=zaozhuang&status=in_service&age=40&base=6000&credit_before=2400"
                           "&n_primary=12&c_primary=100&n_secondary=3&c_secondary=800"))
    assert "2022 年改革从 12月开始，您没有填就医月份：就医按全年平均分布计算，其中 1 次在改革以后。" in page
