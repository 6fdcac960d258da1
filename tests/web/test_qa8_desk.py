"""QA8 (session 21): the help desk's script, results and case note.

Finding 2: the script's "main reason" compares what the fund pays more after the reform than before (the
两病/特病/国谈药 schemes paid their part in both years) with the cut in the credit, so it never contradicts
the verdict read just before it.
"""
import html
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.web.test_desk_call_and_paper import body, case_note, text
from tests.web.test_qa6_words import key_points, qa_cells, script
from tests.web.test_what_people_saw import CITIES, scenarios


def headline(response) -> str:
    found = re.search(r'<div class="panel"><p class="panel__text panel__text--strong">(.*?)</p>', body(response), re.S)
    return html.unescape(found.group(1)).strip() if found else ""


def amount(shown: str) -> int:
    return int(shown.replace("−", "-").replace("¥", "").replace(",", ""))


# ---- finding 2: the main reason -----------------------------------------------------------------

# The tester's two callers. Chongqing, in service, base ¥6,000 (渝医保发〔2023〕32号 第九条): the credit falls
# from ¥2,160 to ¥1,080; twelve 特病 visits of ¥300, ¥250 of each paid by that scheme in both years, leave
# ¥50 a visit to general pooling at a tertiary hospital: it pays ¥200 in the year, less than the ¥1,080 cut.
# Zaozhuang, retired (枣政办字〔2022〕9号): the credit falls by ¥600; general pooling pays ¥1,500, the 特病
# scheme ¥2,400 in both years.
SPECIAL_WORSE = "city=chongqing&status=in_service&age=40&base=6000&year=2024&sp_n=12&sp_c=300&sp_o=250&sp_lv=tertiary"
SPECIAL_BETTER = ("city=zaozhuang&status=retired&age=71&credit_before=2400&credit_after=1800&year=2024&n_primary=12"
                  "&c_primary=80&n_tertiary=4&c_tertiary=600&aw_n=2&aw_c=900&aw_lv=tertiary&sp_n=12&sp_c=300&sp_o=200"
                  "&sp_lv=secondary&ph_n=6&ph_c=150&ph_lv=primary")


@pytest.mark.parametrize("query, headlines, chinese, english", [
    (SPECIAL_WORSE, ("少了 ¥880", "Worse off by ¥880"),
     "主要原因：统筹基金比改革前多为您报销了 ¥200 门诊费用，少于个人账户少划入的 ¥1,080。",
     "The main reason: the fund now pays ¥200 more of your outpatient bills than before the reform, less than the "
     "¥1,080 cut in your account credit."),
    (SPECIAL_BETTER, ("合算 ¥900", "Better off by ¥900"),
     "主要原因：统筹基金比改革前多为您报销了 ¥1,500 门诊费用，比个人账户少划入的 ¥600 还多。",
     "The main reason: the fund now pays ¥1,500 more of your outpatient bills than before the reform, more than "
     "the ¥600 cut in your account credit."),
])
def test_the_main_reason_counts_only_what_the_fund_pays_more_than_before(client, query, headlines, chinese, english):
    for prefix, said, expected in (("", chinese, headlines[0]), ("/en", english, headlines[1])):
        response = client.get(f"{prefix}/desk?{query}")
        assert headline(response) == expected
        assert said in script(response)
        # The figure is the table's: the fund's column after the reform less the one before.
        cells = qa_cells(response)
        more, cut = (amount(figure) for figure in re.findall(r"¥[\d,]+", said))
        assert amount(cells[8]) - amount(cells[2]) == more
        assert amount(cells[0]) - amount(cells[6]) == cut
        # The result page says the same: its key point for the caller's own year differs by what the fund pays
        # more less the cut.
        yours = next(row for row in key_points(client.get(f"{prefix}/result?{query}")) if "(yours)" in row or "（您的）" in row)
        assert amount(yours.split()[-1]) == more - cut


def _reason(said: str) -> str:
    """Which way the script's reason compares the fund's added payment with the cut, in either language."""
    for word, ways in (("比改革前多为您报销了", None), ("more than the", "better"), ("还多", "better"),
                       ("less than the", "worse"), ("少于", "worse"), ("just as much as", "same"), ("一样多", "same"),
                       ("about as much as", "about"), ("差不多", "about"), ("fund pays at most", "worse"),
                       ("最多报销", "worse"), ("has not paid any of them yet, and", "worse"), ("而个人账户少划入", "worse"),
                       ("did not go down", "not worse"), ("没有减少", "not worse"), ("did not fall", "not worse")):
        if ways is not None and word in said:
            return ways
    return ""


@st.composite
def callers(draw):
    """A caller whose answers give a result (tests.web.test_what_people_saw's people, with the figures their city
    may need and they did not give: their base or pension, both credits, Xi'an's pooling figures)."""
    answers = draw(scenarios())
    answers.setdefault("base", str(draw(st.integers(1000, 20000))))
    answers.setdefault("pension", str(draw(st.integers(1000, 9000))))
    answers.setdefault("credit_before", str(draw(st.decimals(0, 4000, places=2))))
    answers.setdefault("credit_after", str(draw(st.decimals(0, 3000, places=2))))
    if answers["city"] == "xian":
        status = answers["status"]
        answers.setdefault(f"p_deductible.{status}", "300")
        answers.setdefault(f"p_cap.{status}", "2000")
        answers.update({f"p_ratio.{status}.{lv}": "60" for lv in CITIES["xian"].levels})
    return answers


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.filter_too_much])
@given(answers=callers(), language=st.sampled_from(["", "/en"]))
def test_the_reasons_comparison_word_agrees_with_the_verdict(client, answers, language):
    """Any caller: "more than the cut" only when better off, "less" only when worse off, "as much" only when the
    same; "about as much" (the table's two figures a yuan from what the verdict's change shows) only within a yuan."""
    response = client.get(f"{language}/desk", answers)
    top = headline(response)
    assume(top)
    said = script(response).split("\n")
    change = 0 if top in ("No difference", "没有差别") else amount(re.search(r"¥[\d,]+", top).group(0))
    change = -change if top.startswith(("Worse", "少了")) else change
    way = _reason(script(response))
    if not way:         # no visits, and the chart would need figures the city has not published: no reason said
        assert 'id="breakeven-sentence"' not in body(response), said
        return
    if way == "better":
        assert change > 0
    elif way == "worse":
        assert change < 0
    elif way == "same":
        assert change == 0
    elif way == "about":
        assert abs(change) <= 1
    else:
        assert change >= 0


# ---- finding 3: Zhenjiang's serious-illness refund ------------------------------------------------

# 镇江 in service, 40 tertiary visits of ¥800 in 2023: the result page adds that 职工大病保险 may refund about ¥8,736
# of the year's cash (镇政办发〔2022〕73号 three (二), (三) 3; seed 004), outside the table.
ZHENJIANG_HEAVY = "city=zhenjiang&status=in_service&age=50&base=6000&year=2023&n_tertiary=40&c_tertiary=800"


def results(response) -> str:
    found = re.search(r'<section class="desk__results" id="desk-results".*?</section>', body(response), re.S).group(0)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found)))


@pytest.mark.parametrize("prefix, line, spoken", [
    ("", "职工大病保险还可能从来电人改革后付的现金中报销约 ¥8,736。这笔钱不计入上表。",
     "另外，职工大病保险还可能从您改革后付的现金中报销约 ¥8,736。"),
    ("/en", "Serious-illness insurance (职工大病保险) may also refund about ¥8,736 of the cash the caller pays after "
     "the reform. It is not in the table.",
     "Also, serious-illness insurance (职工大病保险) may refund about ¥8,736 of the cash you pay after the reform."),
])
def test_the_desk_says_the_serious_illness_refund_the_result_page_shows(client, prefix, line, spoken):
    page = client.get(f"{prefix}/result?{ZHENJIANG_HEAVY}")
    assert "¥8,736" in re.search(r'<p class="inset" id="serious-illness">(.*?)</p>', body(page), re.S).group(1)
    desk = client.get(f"{prefix}/desk?{ZHENJIANG_HEAVY}")
    assert line in results(desk)
    assert spoken in script(desk)
    note = case_note(desk)
    assert line in note and spoken in note
    # No refund, no line: Chongqing has no such scheme in the sources.
    plain = client.get(f"{prefix}/desk?city=chongqing&status=in_service&age=50&base=6000&n_tertiary=40&c_tertiary=800")
    assert "职工大病保险" not in script(plain) and 'id="desk-serious-illness"' not in body(plain)


# ---- finding 5: the desk's "does not know" boxes are the question pages' ----------------------------

def desk_boxes(page: str) -> dict[str, str]:
    """Each "the caller does not know" box on the desk, with the classes that say for which status it shows."""
    return dict((key, classes) for classes, key in re.findall(
        r'<div class="checkbox([^"]*)">\s*<input class="checkbox__input" id="id_dk_(\w+)"', page))


def page_boxes(page: str) -> set[str]:
    return set(re.findall(r'id="id_dk_(\w+)"', page))


STATUS_CLASS = {"in_service": " desk__asked-retired", "retired": " desk__asked-in_service"}


@pytest.mark.parametrize("city", sorted(CITIES))
@pytest.mark.parametrize("status", ["in_service", "retired"])
def test_the_desk_offers_the_boxes_the_question_pages_offer(client, city, status):
    """For a caller who has not given their own figures (nor, once they have, a credit the rules cannot give):
    every box the money and figures pages offer, and no other, shown while that status is ticked."""
    age = "45" if status == "in_service" else "70"
    asked = f"city={city}&status={status}&age={age}&enrolment=employer"
    sector = f"&sector={CITIES[city].retiree_sectors[0]}" if CITIES[city].retiree_sectors else ""
    offered = set()
    for own in ("", "&base=6000&pension=3000"):
        offered |= page_boxes(body(client.get(f"/money?{asked}{sector}{own}")))
    if city == "xian":              # the one city whose document leaves out its pooling figures
        figures = client.get(f"/figures?{asked}{sector}&base=6000&pension=3000&credit_before=3000&credit_after=1000"
                             "&n_primary=1&c_primary=100")
        assert figures.status_code == 200
        offered |= page_boxes(body(figures))
    for own in ("", "&base=6000&pension=3000"):
        boxes = desk_boxes(body(client.get(f"/desk?{asked}{sector}{own}")))
        shown = {key for key, classes in boxes.items() if classes != STATUS_CLASS[status]}
        assert shown == offered


def test_a_caller_who_does_not_know_the_base_gets_the_partial_answer(client):
    # The tester's call: Chongqing, in service, 12 visits of ¥100 (渝医保发〔2023〕32号).
    query = "city=chongqing&status=in_service&age=40&n_primary=12&c_primary=100"
    page = body(client.get(f"/desk?{query}"))
    assert desk_boxes(page)["base"] == " desk__asked-in_service"
    assert '<label class="checkbox__label" for="id_dk_base">来电人不知道缴费基数</label>' in page
    said = script(client.get(f"/desk?{query}&dk=base"))
    assert "改革后（2024 年），您全年 ¥1,200 的门诊费用中，普通门诊统筹支付 ¥600" in said
    english = body(client.get(f"/en/desk?{query}"))
    assert '<label class="checkbox__label" for="id_dk_base">The caller does not know their contribution base</label>' in english


def test_xians_unpublished_figures_have_their_box(client):
    query = "city=xian&status=retired&age=66&pension=3000&credit_after=1200&n_primary=10&c_primary=120"
    page = body(client.get(f"/desk?{query}"))
    assert desk_boxes(page)["figures"] == ""
    assert '<label class="checkbox__label" for="id_dk_figures">来电人不知道这些数</label>' in page
    assert "pension" in desk_boxes(page)


@pytest.mark.parametrize("query, key", [
    # A Chongqing worker's credit before the reform follows from the base (an unofficial web page's rate), so the
    # box changes nothing: shown only for a retiree, whose credit is asked.
    ("city=chongqing&status=in_service&age=40&base=6000&n_primary=12&c_primary=100&year=2024", "credit_before"),
    # 枣庄 2023: a worker's credit after the reform is 4.25% of the base (枣政办字〔2022〕9号): only a retiree's is asked.
    ("city=zaozhuang&status=in_service&age=45&base=5000&year=2023&n_primary=12&c_primary=100", "credit_after"),
])
def test_a_box_that_changes_nothing_for_a_worker_is_shown_only_to_a_retiree(client, query, key):
    assert desk_boxes(body(client.get(f"/desk?{query}")))[key] == " desk__asked-retired"


# ---- finding 10: the desk's small things -------------------------------------------------------------

@pytest.mark.parametrize("query, chinese, english", [
    # 镇江 retiree 2023: six visits of ¥60 stay inside the ¥500 deductible (镇政办发〔2022〕73号), and the credit is
    # last year's own amount: no "¥0" read out.
    ("city=zhenjiang&status=retired&age=66&pension=3000&n_primary=6&c_primary=60&year=2023",
     "您今年的门诊费用没有超过起付标准，统筹基金还没有报销。您的个人账户划入没有减少，所以不论门诊花多少钱，改革都不会让您吃亏。",
     "Your outpatient costs this year did not go above the deductible, so the fund has not paid any of them yet. "
     "Your account credit did not fall, so the reform leaves you no worse off at any level of cost."),
    # Chongqing worker, two visits of ¥100 inside the deductible, and a credit cut by ¥1,560.
    ("city=chongqing&status=in_service&age=40&base=6000&credit_before=3000&n_primary=2&c_primary=100",
     "主要原因：您今年的门诊费用没有超过起付标准，统筹基金还没有报销，而个人账户少划入了 ¥1,560。",
     "The main reason: your outpatient costs this year did not go above the deductible, so the fund has not paid "
     "any of them yet, and ¥1,560 less went into your account."),
])
def test_the_script_says_the_deductible_was_not_passed_instead_of_reading_out_nothing(client, query, chinese, english):
    said = script(client.get(f"/desk?{query}"))
    assert chinese in said and "¥0" not in said
    said = script(client.get(f"/en/desk?{query}"))
    assert english in said and "¥0" not in said
    # The second sentence is the result page's own.
    if "did not fall" in english:
        assert "Your account credit did not fall, so the reform leaves you no worse off at any level of cost." in (
            text(client.get(f"/en/result?{query}")))


@pytest.mark.parametrize("query, chinese, english", [
    # 西安 retiree: the deductible, the primary-care ratio and the cap are not published (市政办发〔2022〕62号 四（三）（五）).
    ("city=xian&status=retired&age=66&pension=3000&credit_after=1200&n_primary=10&c_primary=120&dk=figures",
     "还不能判断：来电人不知道对比所需的 3 个数字。", "Not yet known: the caller does not know 3 figures the comparison needs."),
    # 枣庄 retiree: neither credit (枣政办字〔2022〕9号 gives no rule for them).
    ("city=zaozhuang&status=retired&age=65&n_primary=10&c_primary=120&dk=credit_before,credit_after",
     "还不能判断：来电人不知道对比所需的 2 个数字。", "Not yet known: the caller does not know 2 figures the comparison needs."),
    ("city=chongqing&status=in_service&age=40&n_primary=12&c_primary=100&dk=base",
     "还不能判断：来电人不知道对比所需的一个数字。", "Not yet known: the caller does not know a figure the comparison needs."),
])
def test_the_partial_headline_counts_the_missing_figures(client, query, chinese, english):
    page = client.get(f"/desk?{query}")
    assert headline(page) == chinese
    assert len(re.findall(r"<li>", re.search(r'<ul class="list" id="desk-missing">(.*?)</ul>', body(page), re.S).group(1))) >= 1
    page = client.get(f"/en/desk?{query}")
    assert headline(page) == english
    said = script(page)
    if "a figure" in english:
        assert "a figure the comparison needs is not known yet, and we never guess it." in said
    else:
        assert (f"{english.split()[8]} figures the comparison needs are not known yet, and we never guess them."
                in said)


@pytest.mark.parametrize("query, kept, left", [
    # The tester's call: a base typed, then 退休 chosen (重庆 asks a retiree neither base nor pension).
    ("city=chongqing&status=retired&age=68&base=6000&pension=3000&credit_before=3000&n_primary=12&c_primary=100",
     ["在职或退休：退休", "2023 年（改革前）个人账户划入：¥3,000"], ["月缴费基数", "基本养老金"]),
    # A pension typed, then 在职 chosen (镇江 asks a worker the base, a retiree the pension).
    ("city=zhenjiang&status=in_service&age=50&base=6000&pension=3000&n_primary=12&c_primary=100",
     ["在职或退休：在职", "月缴费基数：¥6,000"], ["基本养老金"]),
    ("city=zhenjiang&status=retired&age=66&base=6000&pension=3000&n_primary=12&c_primary=100",
     ["在职或退休：退休", "月基本养老金：¥3,000"], ["月缴费基数"]),
])
def test_the_case_note_lists_only_the_answers_the_chosen_status_uses(client, query, kept, left):
    answers = case_note(client.get(f"/desk?{query}")).split("来电人提供的情况：")[1].split("改革前（")[0]
    for line in kept:
        assert line in answers
    for question in left:
        assert question not in answers


def visit_inputs(page: str) -> dict[str, str]:
    return {name: value for name, value in re.findall(r'<input[^>]*name="((?:n|c)_\w+|\w\w_[nc])"[^>]*value="([^"]*)"', page)
            if value}


@pytest.mark.parametrize("query, moved, chinese, english", [
    # 重庆's 三级 to 镇江: the same level, which 镇江 names as its two designated hospitals (the compare page's mapping).
    ("city=zhenjiang&shown_city=chongqing&status=in_service&age=40&base=6000&year=2024&n_tertiary=10&c_tertiary=300",
     {"n_tertiary": "10", "c_tertiary": "300"},
     "来电人的就诊已按镇江市的医疗机构级别填写：三级医疗机构 → 市第一人民医院、江苏大学附属医院。",
     "The caller's visits were put under Zhenjiang's levels: tertiary (level 3) hospital → "),
    # 镇江's 其他三级 back to 重庆: 重庆 has no such level, so the nearest, 三级 (it was dropped before).
    ("city=chongqing&shown_city=zhenjiang&status=in_service&age=40&base=6000&year=2024&n_tertiary_other=10"
     "&c_tertiary_other=300",
     {"n_tertiary": "10", "c_tertiary": "300"},
     "来电人的就诊已按重庆市的医疗机构级别填写：其他三级医疗机构 → 三级医疗机构。",
     "The caller's visits were put under Chongqing's levels: "),
])
def test_a_change_of_city_says_where_the_visits_were_put(client, query, moved, chinese, english):
    page = client.get(f"/desk?{query}")
    assert visit_inputs(body(page)) == moved
    said = html.unescape(re.search(r'<p class="hint" id="desk-visits-moved">(.*?)</p>', body(page), re.S).group(1))
    assert re.sub(r"<[^>]+>", "", said) == chinese
    assert english in text(client.get(f"/en/desk?{query}"))
    # The form always sends each list's level, visits typed or not: only typed visits are said to move.
    lists = "&sp_lv=tertiary_other&ph_lv=primary&total_lv=primary" if "shown_city=zhenjiang" in query else (
        "&sp_lv=primary&ph_lv=primary&total_lv=tertiary")
    said = html.unescape(re.search(r'<p class="hint" id="desk-visits-moved">(.*?)</p>',
                                   body(client.get(f"/desk?{query}{lists}")), re.S).group(1))
    assert re.sub(r"<[^>]+>", "", said) == chinese
    # The same page drawn again for the same city says nothing.
    again = query.replace("shown_city=chongqing", "shown_city=zhenjiang") if query.startswith("city=zhenjiang") else (
        query.replace("shown_city=zhenjiang", "shown_city=chongqing"))
    assert 'id="desk-visits-moved"' not in body(client.get(f"/desk?{again}"))


def test_two_levels_that_fall_on_one_keep_the_first_and_say_what_was_not_moved(client):
    # 镇江's 基层 and its 其他一级 are both 重庆's 一级及以下: a row has one cost, so the second is named, not added.
    page = text(client.get("/desk?city=chongqing&shown_city=zhenjiang&status=in_service&age=40&base=6000&year=2024"
                           "&n_primary=3&c_primary=20&n_other=2&c_other=50"))
    assert ("以下就诊没有移过去，因为对应的级别已经填了就诊：其他一级医疗机构及其他医疗机构。需要时请重新填写。") in page
