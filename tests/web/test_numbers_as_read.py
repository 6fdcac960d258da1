"""A number typed with full-width digits (a Chinese keyboard's ６２) is read as 62, and every page then
shows it as read: the check-answers page, the question's own box, the desk. What cannot be read as a
number stays as typed, beside its message, so the person can see what to put right.

Before: "Age ６２" on the check page and value="６２" in the box."""
import re

import pytest

from estimator.forms import _decimal, plain_number

CQ = "city=chongqing&status=retired&age=６２&credit_before=２，５２５&n_secondary=１&c_secondary=２８００元"
XIAN = ("city=xian&status=in_service&age=４０&base=５０００&credit_before=１０００&credit_after=５００&n_primary=２"
        "&c_primary=１００&p_deductible.in_service=７００&p_ratio.in_service.primary=７０"
        "&p_ratio.in_service.secondary=６０&p_ratio.in_service.tertiary=５０&p_cap.in_service=２０００")
FULL_WIDTH = re.compile(r"[０-９]")


def rows(response) -> dict[str, str]:
    """The check page's rows, question → answer."""
    html = response.content.decode()
    return {re.sub(r"<[^>]+>", "", q).strip(): re.sub(r"<[^>]+>", "", a).strip()
            for q, a in re.findall(r'<dt class="summary-list__key">(.*?)</dt>\s*<dd class="summary-list__value">(.*?)</dd>',
                                   html, flags=re.S)}


def box(response, name: str) -> str:
    """What the number box called `name` shows."""
    found = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', response.content.decode())
    assert found, name
    return re.search(r'value="([^"]*)"', found.group(0)).group(1)


def test_the_check_page_shows_full_width_numbers_as_read(client):
    answers = rows(client.get(f"/en/check?{CQ}"))
    assert answers["Age"] == "62"
    assert answers["Secondary (level 2) hospital"] == "1 visit × ¥2,800"
    assert answers["Account credit in 2023 (before the reform)"] == "¥2,525"


def test_a_figure_the_person_supplied_is_shown_as_read_on_the_check_page(client):
    answers = rows(client.get(f"/en/check?{XIAN}"))
    assert answers["The deductible (起付标准) for working people, yuan a year"] == "700"
    assert answers["The payment ratio (支付比例) at primary care institutions (level 1 or below) for working people, %"] == "70"
    assert not [a for a in answers.values() if FULL_WIDTH.search(a)]


@pytest.mark.parametrize("page, name, shown", [
    ("person", "age", "62"),
    ("money", "credit_before", "2525"),
    ("visits", "n_secondary", "1"),
    ("visits", "c_secondary", "2800"),
    ("desk", "age", "62"),
    ("desk", "c_secondary", "2800"),
])
def test_a_number_box_shows_the_number_as_read(client, page, name, shown):
    assert box(client.get(f"/en/{page}?{CQ}&r=check"), name) == shown


def test_a_number_that_cannot_be_read_stays_as_typed_beside_its_message(client):
    response = client.get("/en/person?city=chongqing&status=retired&age=６２岁半&s=person")
    assert box(response, "age") == "６２岁半"
    assert "Enter your age as a whole number" in response.content.decode()


def test_the_word_people_add_after_a_whole_number_is_read_and_not_shown_back(client):
    # "６２岁" for an age, "10次" for visits and "3月" for a month, as people type them on a Chinese keyboard.
    query = "city=chongqing&status=retired&age=６２岁&credit_before=2525&n_secondary=10次&c_secondary=280"
    response = client.get(f"/en/person?{query}&s=person")
    assert response.status_code == 302 and "/en/money?" in response["Location"]
    answers = rows(client.get(f"/en/check?{query}"))
    assert answers["Age"] == "62"
    assert answers["Secondary (level 2) hospital"] == "10 visits × ¥280"
    assert box(client.get(f"/en/visits?{query}&r=check"), "n_secondary") == "10"
    response = client.get("/en/money?city=chongqing&status=retired&age=62&credit_before=2525&fam_med=500&fam_med_m=3月"
                          "&s=money")
    assert response.status_code == 302
    # A unit word where no whole number is asked is no number: money stays in yuan (元) only.
    response = client.get("/en/money?city=chongqing&status=retired&age=62&credit_before=2525次&s=money")
    assert "Enter the account credit in 2023 (the year before the reform) as a number of yuan" in response.content.decode()


def test_a_year_in_full_width_digits_in_a_link_is_the_year(client):
    response = client.get(f"/en/check?{XIAN}&year=２０２３")
    assert "were left out" not in response.content.decode()
    assert rows(response)["Year after the reform"] == "2023"


# ---- QA8 finding 10: a Chinese input method's "。" between digits is a decimal point ----------------------

@pytest.mark.parametrize("typed, read", [("6000。5", "6000.5"), ("６０００。５０", "6000.50"), ("6，000。50", "6000.50"),
                                         ("￥2400。5元", "2400.5")])
def test_an_input_methods_full_stop_between_digits_is_the_decimal_point(typed, read):
    assert plain_number(typed) == read


@pytest.mark.parametrize("typed", ["60。", "。5", "1。2。3", "6000。5。"])
def test_a_full_stop_anywhere_else_is_not_read_as_a_number(typed):
    assert _decimal(plain_number(typed)) is None


def test_the_money_page_takes_6000_full_stop_5(client):
    query = "city=chongqing&status=in_service&age=40&enrolment=employer&year=2024"
    sent = client.get(f"/money?{query}&base=6000%E3%80%825&s=money")
    assert sent.status_code == 302 and "/visits?" in sent["Location"]
    check = client.get(f"/check?{query}&base=6000%E3%80%825&n_primary=1&c_primary=100").content.decode()
    assert "¥6,000.50" in check
