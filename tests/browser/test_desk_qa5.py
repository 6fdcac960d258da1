"""The help desk after QA5 (the fifth tester walk-through, 2026-11-30, finding 1): choosing another city keeps the year
the operator chose where the new city covers it, and where it does not, the page says so, with and
without JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import shot
from .test_desk_qa4 import open_desk

pytestmark = pytest.mark.browser
CALL = "status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100"


@pytest.mark.parametrize("javascript", [True, False])
def test_choosing_another_city_keeps_the_year_or_says_why_not(browser, base_url, javascript):
    context, page = open_desk(browser, f"{base_url}/desk?city=chongqing&{CALL}&year=2025", 1280, javascript)
    try:
        page.select_option("#id_city", "zhenjiang")
        if not javascript:
            page.click("#desk-form button[type=submit]")
        expect(page.locator("input[name=shown_city]")).to_have_value("zhenjiang", timeout=10000)
        expect(page.locator("#id_year")).to_have_value("2025")              # Zhenjiang covers 2025: kept
        expect(page.locator("#year-hint")).to_have_count(0)
        # Back to Chongqing from 2023, a year Chongqing's estimates do not cover: moved, and said.
        page.select_option("#id_year", "2023")
        if javascript:                                  # the results' own refresh lands before the city changes
            expect(page).to_have_url(re.compile(r"year=2023"), timeout=10000)
        page.select_option("#id_city", "chongqing")
        if not javascript:
            page.click("#desk-form button[type=submit]")
        expect(page.locator("input[name=shown_city]")).to_have_value("chongqing", timeout=10000)
        expect(page.locator("#id_year")).to_have_value("2024")
        said = "重庆市的估算从 2024 年开始，年份已改为 2024 年。"
        expect(page.locator("#year-hint")).to_have_text(said)
        expect(page.locator("#desk-year-changed")).to_have_text(said)
        shot(page, f"desk-year-changed-{'js' if javascript else 'nojs'}")
    finally:
        context.close()
