"""Issue 12, item 9: the browser's Back button shows what was typed, with JavaScript and without.

With JavaScript, sending a question's form replaces the current history entry's address
with the same question and its answers (static/js/site.js). Without it, the browser keeps
what was typed in the form itself (form state restoration), which the question pages allow."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import reach_money_as_a_retiree, shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_back_shows_what_was_typed(new_page, base_url, javascript):
    page = new_page("phone", javascript=javascript)
    reach_money_as_a_retiree(page, base_url)
    page.locator("input[type=text][name=credit_before]").fill("2525")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/visits\?"))
    # With JavaScript, Back fetches the page again: the boxes are looked for by their type, since until
    # it lands the page on screen still carries the same answers in hidden fields (and a hidden field is
    # "not a radio button" to Playwright, which then fails at once instead of waiting).
    page.go_back()
    expect(page).to_have_url(re.compile(r"/money\?"))
    expect(page.locator("input[type=text][name=credit_before]")).to_have_value("2525")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/person\?"))
    expect(page.locator("input[type=text][name=age]")).to_have_value("62")
    expect(page.locator("input[type=radio][name=status][value=retired]")).to_be_checked()
    shot(page, f"back-{'js' if javascript else 'nojs'}-person")
    if javascript:           # the address itself carries the answers, so a reload keeps them too
        assert "age=62" in page.url
        page.reload()
        expect(page.locator("input[name=age]")).to_have_value("62")


def test_special_scheme_result_at_390px(new_page, base_url):
    """Issue 12's special-scheme scenario on a phone: looked at by eye (test-artifacts/special-scheme-390.png)."""
    page = new_page("phone")
    page.goto(base_url + "/result?age=40&base=6000&c_primary=99.99&city=chongqing&n_primary=3&sp_c=500"
                         "&sp_lv=primary&sp_n=4&sp_o=200&status=in_service")
    expect(page.locator("#verdict")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "special-scheme-390")


@pytest.mark.parametrize("path, words, home", [("/no-such-page", "找不到这个页面", "/"),
                                              ("/en/no-such-page", "Page not found", "/en/")])
def test_not_found_page_is_styled_with_a_way_home(new_page, base_url, path, words, home):
    page = new_page("phone")
    response = page.goto(base_url + path)
    assert response.status == 404
    expect(page.locator("h1")).to_have_text(words)
    page.locator("main a").click()
    expect(page).to_have_url(base_url + home)
