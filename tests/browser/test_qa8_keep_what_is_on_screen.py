"""QA8 (the eighth tester walk-through, 2026-11-30): what is on the screen is kept.

Finding 6: the header's switches (large text, the other language) keep the answers typed on a question page
and the help desk's whole call. Finding 9: a typo in the partial result's "Found them?" box is named beside
the box, on the result page. Finding 10: Back to the visits page shows the pharmacy answers in an open fold.
With and without JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import shot

pytestmark = pytest.mark.browser

ZZ_RETIREE_MONEY = "/money?age=66&city=zaozhuang&enrolment=employer&status=retired&year=2023"


def box(page, name):
    return page.locator(f"input[type=text][name='{name}']")


@pytest.mark.parametrize("javascript", [True, False])
def test_large_text_and_english_keep_the_boxes_typed_on_a_question_page(new_page, base_url, javascript):
    page = new_page("small", javascript=javascript)
    page.goto(base_url + ZZ_RETIREE_MONEY)
    box(page, "credit_before").fill("2400")
    box(page, "credit_after").fill("1800")
    page.click("a.header__size")
    expect(page).to_have_url(re.compile(r"/money\?.*size=large"))
    expect(page.locator("a.header__size")).to_have_text("标准字号")
    if javascript:
        # The page comes back large with what was typed, to be read, not sent: no "s", no error.
        assert "s=" not in page.url.split("?")[1].replace("status=", "")
        expect(box(page, "credit_before")).to_have_value("2400")
        expect(box(page, "credit_after")).to_have_value("1800")
        expect(page.locator("#error-summary")).to_have_count(0)
        shot(page, "qa8-size-switch-money-js")
        page.click("a.header__lang")
        expect(page).to_have_url(re.compile(r"/en/money\?.*size=large"))
        expect(box(page, "credit_before")).to_have_value("2400")
        expect(box(page, "credit_after")).to_have_value("1800")
    else:
        # Without JavaScript a link cannot read the boxes: what was sent before is kept, this page's boxes are
        # empty again (README: Large-text mode), and nothing is reported as wrong.
        expect(box(page, "credit_before")).to_have_value("")
        expect(page.locator("input[type=hidden][name=age]")).to_have_value("66")
        expect(page.locator("#error-summary")).to_have_count(0)
        shot(page, "qa8-size-switch-money-nojs")
    assert page.problems == []


def fill_a_call(page):
    page.locator("input[type=radio][name=status][value=retired]").check()
    box(page, "age").fill("68")
    box(page, "credit_before").fill("3000")
    box(page, "n_primary").fill("12")
    box(page, "c_primary").fill("100")


@pytest.mark.parametrize("javascript", [True, False])
def test_the_desk_keeps_the_call_through_large_text_and_english(new_page, base_url, javascript):
    page = new_page("desktop", javascript=javascript)
    page.goto(base_url + "/desk")
    fill_a_call(page)
    if javascript:
        expect(page).to_have_url(re.compile(r"c_primary=100"), timeout=10000)    # the live update has landed
    else:
        page.click("#desk-form button[type=submit]")
    panel = page.locator("#desk-results .panel__text--strong")
    expect(panel).to_have_text(re.compile(r"少了 ¥970"), timeout=10000)
    page.click("a.header__size")
    expect(page).to_have_url(re.compile(r"/desk\?.*size=large"))
    expect(page.locator("input[type=radio][name=status][value=retired]")).to_be_checked()
    expect(box(page, "age")).to_have_value("68")
    expect(box(page, "credit_before")).to_have_value("3000")
    expect(panel).to_have_text(re.compile(r"少了 ¥970"))
    shot(page, f"qa8-desk-size-switch-{'js' if javascript else 'nojs'}")
    page.click("a.header__lang")
    expect(page).to_have_url(re.compile(r"/en/desk\?.*size=large"))
    expect(box(page, "age")).to_have_value("68")
    expect(panel).to_have_text(re.compile(r"Worse off by ¥970"))
    if javascript:
        # A change after the switch: the header follows it again.
        box(page, "age").fill("72")
        expect(page).to_have_url(re.compile(r"age=72"), timeout=10000)
        page.click("a.header__size")
        expect(page).to_have_url(re.compile(r"/en/desk\?(?!.*size=large)"))
        expect(box(page, "age")).to_have_value("72")
    assert page.problems == []


ZZ_PARTIAL = ("/result?age=45&aw_c=500&aw_lv=tertiary&aw_n=2&base=5000&c_secondary=200&city=zaozhuang&dk=credit_before"
              "&enrolment=employer&n_secondary=6&ph_c=120&ph_lv=secondary&ph_n=4&status=in_service&year=2023")


@pytest.mark.parametrize("javascript", [True, False])
def test_a_typo_in_the_partial_results_box_is_shown_beside_it(new_page, base_url, javascript):
    page = new_page("small", javascript=javascript)
    page.goto(base_url + ZZ_PARTIAL)
    entry = page.locator("#fill-in input[type=text][name=credit_before]")
    entry.fill("2400.5.5")
    entry.press("Enter")
    error = page.locator("#credit_before-error")
    expect(error).to_have_text("错误： 2021 年（改革前一年）的个人账户划入请填写金额（元），例如 2500 或 2500.50")
    expect(page).to_have_url(re.compile(r"/result\?"))          # the result page, not step 3
    expect(error).to_be_in_viewport()
    if javascript:
        expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#fill-in input[type=text][name=credit_before]")).to_have_value("2400.5.5")
    expect(page.locator("h1")).to_have_text(re.compile("能算出的部分"))
    shot(page, f"qa8-partial-typo-{'js' if javascript else 'nojs'}")
    entry = page.locator("#fill-in input[type=text][name=credit_before]")
    entry.fill("2400")
    entry.press("Enter")
    # Straight to the full result, the figure replacing "I don't know".
    expect(page.locator("#verdict")).to_be_visible()
    expect(page.locator("#fill-in")).to_have_count(0)
    assert "dk=" not in page.url and "credit_before=2400" in page.url
    assert page.problems == []


@pytest.mark.parametrize("javascript", [True, False])
def test_back_to_the_visits_page_shows_the_pharmacy_answers(new_page, base_url, javascript):
    page = new_page("small", javascript=javascript)
    page.goto(base_url + "/visits?city=chongqing&status=retired&enrolment=employer&age=68&year=2024&credit_before=3000")
    box(page, "n_primary").fill("12")
    box(page, "c_primary").fill("88.5")
    page.click("text=您凭医院的外配处方在药店买药吗？")
    box(page, "ph_n").fill("6")
    box(page, "ph_c").fill("150")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/check\?"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/visits\?"))
    expect(box(page, "ph_n")).to_have_value("6")
    expect(box(page, "ph_n")).to_be_visible()
    expect(box(page, "ph_c")).to_be_visible()
    # The other folds, holding nothing, stay closed.
    expect(box(page, "total")).to_be_hidden()
    expect(box(page, "sp_n")).to_be_hidden()
    shot(page, f"qa8-back-pharmacy-{'js' if javascript else 'nojs'}")
    assert page.problems == []
