"""QA7's smaller findings (4 and 5), fixed in session 21: the case note's family line, the desk's error
summary, the compare page's years."""
import re
from html import unescape

import pytest

FAMILY = ("city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100&n_secondary=2"
          "&c_secondary=800&fam_med=1500&year=2024")


def case_note(response) -> list[str]:
    found = re.search(r"<textarea[^>]*>(.*?)</textarea>", response.content.decode(), re.S)
    return unescape(found.group(1)).splitlines()


# The case note speaks about the caller ("Through their employer", "来电人不知道"); its family line said
# "paid for you − paid for your family", the result page's words to the person. Said about the caller, in the
# words of the note's rows ("个人账户划入", "年末账户余额"; the answers' "年初个人账户余额").
@pytest.mark.parametrize("prefix, query, line", [
    ("/en", FAMILY, "2024: ¥1,260 credited − ¥510 paid for the caller − ¥750 paid for their family = ¥0 at the end "
                    "of the year."),
    ("/en", FAMILY + "&opening=300", "2024: ¥300 at the start of the year + ¥1,260 credited − ¥560 paid for the "
                                     "caller − ¥1,000 paid for their family = ¥0 at the end of the year."),
    ("", FAMILY + "&opening=300", "2024 年：年初个人账户余额 ¥300 + 个人账户划入 ¥1,260 − 为来电人支付 ¥560 − "
                                  "为其家人支付 ¥1,000 = 年末账户余额 ¥0。"),
    # A caller who does not know the credit before the reform: the year after is worked out, with its line.
    ("/en", "city=chongqing&status=retired&age=68&dk=credit_before&n_primary=12&c_primary=100&fam_med=1500"
            "&year=2024", "2024: ¥1,260 credited − ¥310 paid for the caller − ¥950 paid for their family = ¥0 at the "
                          "end of the year."),
])
def test_the_case_notes_family_line_is_about_the_caller(client, prefix, query, line):
    lines = case_note(client.get(f"{prefix}/desk?{query}"))
    assert line in lines
    assert not [x for x in lines[:lines.index(line) + 1] if "your" in x or "you " in x]


def test_the_result_page_keeps_speaking_to_the_person(client):
    page = unescape(client.get(f"/en/result?{FAMILY}").content.decode())
    assert "2024: ¥1,260 credited − ¥510 paid for you − ¥750 paid for your family = ¥0 at the end of the year." in page
    assert "2024 年：个人账户计入 ¥1,260 − 个人账户支付 ¥510 − 为家人支付 ¥750 = 个账结余 ¥0。" in unescape(
        client.get(f"/result?{FAMILY}").content.decode())


def results_panel(body: str) -> str:
    return re.search(r'<section class="desk__results".*?</section>', body, re.S).group(0)


# A bad family value: its message was beside its box at the foot of a long form, and the results said only "有的回答
# 需要修改，请看问题旁的提示". The results now name each box to change, each with a link to it (GOV.UK's error summary).
@pytest.mark.parametrize("prefix, links", [
    ("", {"#id_age": "年龄请填写整数，例如 45", "#id_fam_med": "家人的医疗费用请填写金额（元），例如 6000 或 6000.50",
          "#id_n_primary": "在一级及以下医疗机构（社区、乡镇）的就诊次数请填写整数，例如 1"}),
    ("/en", {"#id_age": "Enter your age as a whole number, like 45",
             "#id_fam_med": "Enter your family's medical costs as a number of yuan, like 6000 or 6000.50",
             "#id_n_primary": "Enter the number of visits at primary (community or township) as a whole number, like 1"}),
])
def test_the_desks_results_name_each_box_to_change_with_a_link_to_it(client, prefix, links):
    body = client.get(f"{prefix}/desk?{FAMILY.replace('fam_med=1500', 'fam_med=abc')}&age=abc&n_primary=x"
                      ).content.decode()
    panel = results_panel(body)
    assert 'id="error-summary"' in panel
    found = dict(re.findall(r'<li><a href="(#[^"]+)">([^<]+)</a></li>', panel))
    assert {href: unescape(text) for href, text in found.items()} == links
    for href in found:
        assert f'id="{href[1:]}"' in body                       # each link lands on its box
    assert "有的回答需要修改" not in panel and "Some answers need correcting" not in panel


def test_the_desk_names_the_figures_a_city_leaves_to_the_caller(client):
    # 西安: the deductible, ratio and cap are the caller's to give; without them, each box is named and linked.
    panel = results_panel(client.get("/desk?city=xian&status=in_service&age=40&base=5000&n_primary=3&c_primary=200"
                                     ).content.decode())
    assert re.findall(r'<li><a href="#([^"]+)">', panel) == [
        "id_p_deductible.in_service", "id_p_ratio.in_service.primary", "id_p_cap.in_service"]


def test_a_problem_of_no_one_box_is_listed_with_the_boxes_to_change(client):
    # Too many visits to spread over the year is no one box's problem: alone, it stays under "还需要"; with a box to
    # change, the summary names both (before, the bad family box was not named at all).
    many = ("/desk?city=chongqing&status=retired&age=70&credit_before=3000&n_primary=1000&c_primary=1&n_secondary=1000"
            "&c_secondary=1&n_tertiary=1000&c_tertiary=1&fam_res=100")
    too_many = "就诊记录太多，无法逐次分布到全年（不同类别的就诊之间最多交替 500 次）。请减少就诊次数。"
    alone = results_panel(client.get(many).content.decode())
    assert 'id="error-summary"' not in alone and f"<p>还需要：</p>\n  <ul class=\"list\"><li>{too_many}</li>" in alone
    both = results_panel(client.get(many + "&fam_med=abc").content.decode())
    assert re.findall(r"<li>(.*?)</li>", both) == [
        '<a href="#id_fam_med">家人的医疗费用请填写金额（元），例如 6000 或 6000.50</a>', too_many]


# The compare page put Chongqing's 2023→2024 card beside Zhenjiang's 2022→2023 without saying so (QA7 finding 5):
# each other city is compared in the first full year after its own reform. One sentence above the cards.
COMPARE = "city=chongqing&status=retired&age=62&credit_before=2525&n_primary=10&c_primary=120"


def years_note(response) -> str | None:
    body = response.content.decode()
    found = re.search(r'<div class="inset" role="note" id="compare-years"><p>(.*?)</p></div>', body)
    assert not found or found.end() < body.index('<section class="city-card"')      # above the cards
    return found and found.group(1)


@pytest.mark.parametrize("prefix, said", [
    ("", "这些卡片比较的年份不都一样：重庆市比较 2023 年与 2024 年；镇江市比较 2022 年与 2023 年。"),
    ("/en", "The cards do not all compare the same years: Chongqing, 2023 compared with 2024; Zhenjiang, 2022 compared "
            "with 2023."),
])
def test_the_compare_page_says_when_its_cards_compare_different_years(client, prefix, said):
    assert years_note(client.get(f"{prefix}/compare?{COMPARE}&pension=3500")) == said


def test_each_cards_years_are_named_in_the_cards_order(client):
    # A Zaozhuang worker: 枣庄 2021→2023 (its reform began in December 2022), 重庆 2023→2024, 镇江 2022→2023.
    query = "city=zaozhuang&status=in_service&age=40&base=6000&credit_before=2400&n_primary=10&c_primary=120"
    assert years_note(client.get(f"/en/compare?{query}")) == (
        "The cards do not all compare the same years: Zaozhuang, 2021 compared with 2023; Chongqing, 2023 compared "
        "with 2024; Zhenjiang, 2022 compared with 2023.")


def test_no_sentence_when_the_cards_compare_the_same_years(client):
    # Without the pension, only Chongqing's card has a table.
    assert years_note(client.get(f"/compare?{COMPARE}")) is None
