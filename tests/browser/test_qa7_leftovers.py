"""QA7's smaller findings (4 and 5), fixed in session 21, in Chromium: the desk's error summary, the large-text
jump links to a credit box, the chart's labels inside its box."""
import pytest
from playwright.sync_api import expect

from .conftest import shot
from .test_desk_qa4 import open_desk

pytestmark = pytest.mark.browser
FAMILY = ("city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100&n_secondary=2"
          "&c_secondary=800&year=2024&fam_med=")
IN_VIEW = """s => { const r = document.querySelector(s).getBoundingClientRect();
  return r.top > -1 && r.bottom < window.innerHeight + 1; }"""      # a scroll lands to the nearest pixel


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("javascript", [True, False])
def test_the_desks_results_link_to_a_bad_family_box(browser, base_url, javascript, width):
    context, page = open_desk(browser, f"{base_url}/desk?{FAMILY}abc", width, javascript)
    try:
        link = page.locator("#desk-results #error-summary a[href='#id_fam_med']")
        expect(link).to_have_text("家人的医疗费用请填写金额（元），例如 6000 或 6000.50")
        link.click()
        expect(page.locator("#id_fam_med")).to_be_focused()            # the browser's own jump focuses the box
        assert page.evaluate(IN_VIEW, "#id_fam_med")
        if javascript:                                                 # and brings its question into view with it
            assert page.evaluate(IN_VIEW, "label[for=id_fam_med]")
        shot(page, f"desk-family-error-jump-{width}-{'js' if javascript else 'nojs'}")
    finally:
        context.close()


def test_a_bad_family_value_typed_is_named_in_the_results_and_the_box_keeps_focus(browser, base_url):
    context, page = open_desk(browser, f"{base_url}/desk?{FAMILY}1500", 1280)
    try:
        box = page.locator("#id_fam_med")
        box.fill("abc")
        expect(page.locator("#desk-results #error-summary a[href='#id_fam_med']")).to_be_visible(timeout=10000)
        expect(box).to_be_focused()
    finally:
        context.close()
