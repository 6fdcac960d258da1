"""In real Chromium at 360 px: a Zaozhuang retiree types a year's account credit beside the year table."""
import pytest
from playwright.sync_api import expect

from tests.web.test_year_credits import ZZ_2023

from .conftest import shot
from .test_walkthrough import check_accessibility

pytestmark = pytest.mark.browser
NARROW = {"width": 360, "height": 740}


@pytest.mark.parametrize("javascript", [True, False])
def test_typing_a_years_credit_fills_its_row_at_360_px(browser, base_url, javascript):
    context = browser.new_context(viewport=NARROW, locale="zh-CN", java_script_enabled=javascript)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    try:
        page.goto(f"{base_url}/result?{ZZ_2023}")
        row_2024 = page.locator("#years-table tbody tr").nth(3)
        expect(row_2024).to_contain_text("无法计算")
        # The row is one sentence with its link under it, not squeezed into a narrow column beside it.
        cell = row_2024.locator("td.table__missing").bounding_box()
        link = row_2024.get_by_role("link").bounding_box()
        assert link["width"] > cell["width"] * 0.6, (link, cell)
        # The row's own link leads to its box.
        row_2024.get_by_role("link", name="如果您知道这一年的个人账户划入，请在下面填写。").click()
        box = page.get_by_label("2024 年个人账户全年划入（元）")
        expect(box).to_be_visible()
        box.fill("７２０元")
        page.get_by_role("button", name="重新计算逐年变化").click()
        expect(row_2024).not_to_contain_text("无法计算")
        expect(row_2024.locator("td").first).to_have_text("¥720")
        expect(page.locator("#years-heading")).to_be_in_viewport()      # back where the table is, not at the top
        assert "cy_2024=" in page.url and page.url.endswith("#years")
        expect(page.get_by_label("2024 年个人账户全年划入（元）")).to_have_value("720")
        # nothing wider than the phone's screen
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
        if javascript:
            # a bad value: the summary names the year's box, and the page stays where the table is
            page.get_by_label("2022 年个人账户全年划入（元）").fill("12元5")
            page.get_by_role("button", name="重新计算逐年变化").click()
            summary = page.locator("#error-summary")
            expect(summary).to_be_focused()
            expect(summary.get_by_role("link")).to_have_text("2022 年的个人账户划入请填写金额（元），例如 1200 或 1200.50")
            expect(summary).to_be_in_viewport()
            expect(page.get_by_label("2022 年个人账户全年划入（元）")).to_have_value("12元5")
            expect(row_2024.locator("td").first).to_have_text("¥720")
            shot(page, "year-credits-error-360")
            check_accessibility(page, "year credits with an error")
        assert problems == []
    finally:
        context.close()
