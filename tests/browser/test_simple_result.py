"""The result's simple version (简明版) in real Chromium at 360 px, in large text: from the full result to the
simple one and back, by its links and by the browser's back button."""
import re

import pytest
from playwright.sync_api import expect

from tests.web.test_simple_result import ZZ_FAMILY

from .conftest import shot
from .test_qa6_elderly_figures import assert_controls, assert_paragraph_spacing
from .test_walkthrough import check_accessibility, table_rows

pytestmark = pytest.mark.browser


def test_the_simple_version_and_back_at_360_px(new_page, base_url):
    page = new_page("small")
    page.goto(f"{base_url}/result?{ZZ_FAMILY}&size=large")
    full_rows, full_height = table_rows(page), page.evaluate("document.documentElement.scrollHeight")
    verdict = page.locator("#verdict").inner_text()
    page.get_by_role("link", name="只看结论和表格（简明版）").click()

    expect(page).to_have_url(re.compile(r"[?&]view=simple(&|$)"))
    expect(page).to_have_title(re.compile(r"^您的结果（简明版） – "))
    expect(page.locator("p.caption")).to_have_text("简明版")
    assert page.locator("#verdict").inner_text() == verdict and table_rows(page) == full_rows
    expect(page.locator(".warning")).to_contain_text("请注意")
    expect(page.locator("section.breakeven")).to_have_count(0)
    expect(page.locator("ol.steps")).to_have_count(0)
    expect(page.locator("link[href*='large-text']")).to_have_count(1)        # still large text
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height * 3 < full_height, (height, full_height)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360       # nothing wider than the phone
    page.reload()                  # a fresh page: assert_controls's first Tab must reach the skip link
    assert_controls(page, 60, "simple result, large text")
    assert_paragraph_spacing(page, "simple result, large text")
    check_accessibility(page, "simple result")
    shot(page, "simple-result-360-large")
    page.emulate_media(media="print")            # on paper: what it was worked out from, and no links to follow
    expect(page.locator("#answers-title")).to_be_visible()
    expect(page.locator("#reproduce-link")).to_be_visible()
    expect(page.locator("#other-version")).to_be_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="看完整结果和计算过程").last.click()
    expect(page).not_to_have_url(re.compile(r"view="))
    expect(page.locator("section.breakeven")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^您的结果 – "))

    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]view=simple(&|$)"))
    expect(page.locator("p.caption")).to_have_text("简明版")
    expect(page.locator("section.breakeven")).to_have_count(0)
    assert page.problems == []
