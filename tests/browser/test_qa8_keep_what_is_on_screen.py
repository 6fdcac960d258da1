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


ZZ_PARTIAL = ("/result?age=45&aw_c=500&aw_lv=tertiary&aw_n=2&base=5000&c_secondary=200&city=zaozhuang&dk=credit_before"
              "&enrolment=employer&n_secondary=6&ph_c=120&ph_lv=secondary&ph_n=4&status=in_service&year=2023")


@pytest.mark.parametrize("javascript", [True, False])
def test_a_typo_in_the_partial_results_box_is_shown_beside_it(new_page, base_url, javascript):
    page = new_page("small", javascript=javascript)
    page.goto(base_url + ZZ_PARTIAL)
    entry = page.locator("#fill-in input[type=text][name=credit_before]")
    entry.fill("2400。5")
    entry.press("Enter")
    error = page.locator("#credit_before-error")
    expect(error).to_have_text("错误： 改革前的个人账户划入请填写金额（元），例如 2500 或 2500.50")
    expect(page).to_have_url(re.compile(r"/result\?"))          # the result page, not step 3
    expect(error).to_be_in_viewport()
    if javascript:
        expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#fill-in input[type=text][name=credit_before]")).to_have_value("2400。5")
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

