"""Back and Forward show what was typed but not sent, with JavaScript as without it.

Without JavaScript each question is its own page, and the browser keeps a form's state with
its history entry. With JavaScript htmx swaps the pages inside one document, so the browser
has nothing of its own to restore: static/js/site.js keeps what each page's boxes held when it
was left, in the page's memory only (never in sessionStorage or localStorage), and gives it
back when Back or Forward returns there."""
import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import reach_money_as_a_retiree, shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_forward_after_back_shows_what_was_typed(new_page, base_url, javascript):
    page = new_page("phone", javascript=javascript)
    reach_money_as_a_retiree(page, base_url)
    # Typed, and in a folded section opened for it, but not sent.
    page.locator("input[type=text][name=credit_before]").fill("2525")
    page.locator("#family-details summary").click()
    page.locator("input[type=text][name=fam_med]").fill("800")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/person\?"))
    # Boxes by their type: until the page Back fetches lands, the one on screen carries the same answers
    # in hidden fields (and Playwright fails at once on a hidden field asked to be a checked radio).
    expect(page.locator("input[type=text][name=age]")).to_have_value("62")
    page.locator("input[type=text][name=age]").fill("63")             # changed here, not sent either
    page.go_forward()
    expect(page).to_have_url(re.compile(r"/money\?"))
    expect(page).to_have_title(re.compile("^缴费和个人账户"))
    expect(page.locator("input[type=text][name=credit_before]")).to_have_value("2525")
    expect(page.locator("input[type=text][name=fam_med]")).to_have_value("800")
    if javascript:    # the browser itself does not reopen a folded section; the site's script does
        expect(page.locator("input[type=text][name=fam_med]")).to_be_visible()
    shot(page, f"forward-{'js' if javascript else 'nojs'}-money")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/person\?"))
    expect(page.locator("input[type=text][name=age]")).to_have_value("63")
    expect(page.locator("input[type=radio][name=status][value=retired]")).to_be_checked()
    assert not page.problems
    if javascript:    # what was typed and not sent is in no storage (the address holds only what was sent)
        stored = json.loads(page.evaluate("JSON.stringify([Object.assign({}, sessionStorage), Object.assign({}, localStorage)])"))
        assert "htmx-history-cache" not in stored[0]
        assert not [value for storage in stored for value in storage.values() if "2525" in value or "800" in value]


def test_back_to_an_error_page_shows_it(new_page, base_url):
    """htmx swaps in only a successful answer: Back to a 404 loads it whole, as without JavaScript."""
    page = new_page("phone")
    page.goto(base_url + "/no-such-page")
    page.locator("main a").click()
    expect(page).to_have_url(base_url + "/")
    expect(page.locator("h1")).not_to_have_text("找不到这个页面")
    page.go_back()
    expect(page).to_have_url(base_url + "/no-such-page")
    expect(page.locator("h1")).to_have_text("找不到这个页面")


def test_two_quick_backs_show_the_page_of_the_address(new_page, base_url):
    """With JavaScript each Back fetches its page; a slower earlier fetch must not land last."""
    page = new_page("phone")
    page.goto(base_url + "/person?city=chongqing&status=retired&age=62")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/money\?"))
    page.locator("input[type=text][name=credit_before]").fill("2525")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/visits\?"))

    def slowly(route):              # the money page answers after the person page
        page.wait_for_timeout(1500)
        route.continue_()
    page.route(re.compile(r"/money\?"), slowly)
    page.evaluate("history.back()")
    expect(page).to_have_url(re.compile(r"/money\?"))
    page.evaluate("history.back()")
    expect(page).to_have_url(re.compile(r"/person\?"))
    page.wait_for_timeout(2500)     # until the slow answer has come (and was left out)
    expect(page).to_have_url(re.compile(r"/person\?"))
    expect(page.locator("h1")).to_have_text("您的基本情况")
    expect(page.locator("input[type=text][name=age]")).to_have_value("62")
