"""Issue 4 in real Chromium: the chart at both sizes and on paper, the comparison,
and the help-desk page driven by the keyboard alone."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import shot
from .test_walkthrough import check_accessibility

pytestmark = pytest.mark.browser
CQ = "city=chongqing&status=retired&age=62&credit_before=2525&n_secondary=1&c_secondary=2800"


@pytest.mark.parametrize("size, width", [("phone", 390), ("desktop", 1280)])
def test_chart_fits_and_marks_the_break_even(new_page, base_url, size, width):
    page = new_page(size)
    page.goto(f"{base_url}/result?{CQ}")
    chart = page.locator("svg.chart__svg")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.locator("circle.chart__even").count() == 1
    # The break-even circle sits on the after-reform line, where it meets the before line.
    even = page.locator("circle.chart__even")
    cx, cy = float(even.get_attribute("cx")), float(even.get_attribute("cy"))
    for line in ("after", "before"):
        points = [tuple(map(float, p.split(","))) for p in
                  page.locator(f"polyline.chart__{line}").get_attribute("points").split()]
        assert min(abs(x - cx) + abs(y - cy) for x, y in points) < 1.5, line
    expect(page.locator("#breakeven-sentence")).to_contain_text("¥1,907")
    page.locator(".breakeven").screenshot(path=f"test-artifacts/chart-{size}.png", caret="initial")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.problems == []


def test_chart_prints(new_page, base_url):
    page = new_page()
    page.goto(f"{base_url}/result?{CQ}")
    page.emulate_media(media="print")
    expect(page.locator("svg.chart__svg")).to_be_visible()
    expect(page.locator(".header__bar")).to_be_hidden()                # the disclaimer under it prints
    expect(page.locator("#compare-link")).to_be_hidden()
    shot(page, "result-print")


def test_comparison_from_the_result_page(new_page, base_url):
    page = new_page("phone")
    page.goto(f"{base_url}/result?{CQ}&pension=3000")
    page.locator("#compare-link").click()
    expect(page).to_have_url(re.compile(r"/compare\?"))
    expect(page.locator(".city-card")).to_have_count(5)
    expect(page.locator(".city-card").first).to_contain_text("合算 ¥625")
    expect(page.locator("#city-zaozhuang").locator("xpath=..")).to_contain_text("改革前个人账户划入")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page, "compare")
    shot(page, "compare-phone")


def tab_to(page, name: str, limit: int = 60):
    """Press Tab until the field called `name` has focus: keyboard only, no clicks."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {name} with Tab")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_help_desk_by_keyboard_alone(new_page, base_url, javascript):
    """Tab, arrow keys, typing and Enter only. (The page also has access keys; headless
    Chromium does not act on synthetic Alt+key presses, so they are checked as markup.)"""
    page = new_page("desktop", javascript)
    page.goto(f"{base_url}/desk")
    if javascript:
        check_accessibility(page, "desk-empty")
    tab_to(page, "city")
    tab_to(page, "status")
    page.keyboard.press("ArrowRight")                              # 在职 → 退休
    expect(page.locator("input[type=radio][name=status][value=retired]")).to_be_checked()
    tab_to(page, "age")
    page.keyboard.type("62")
    tab_to(page, "credit_before")
    page.keyboard.type("2525")
    tab_to(page, "n_secondary")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("2800")
    if not javascript:
        page.keyboard.press("Enter")                               # a plain GET form submits
        expect(page).to_have_url(re.compile(r"/desk\?.*age=62"))
    results = page.locator("#desk-results")
    expect(results).to_contain_text("合算 ¥625", timeout=10000)
    expect(page.locator("#desk-script")).to_contain_text("少付现金 ¥275")
    expect(page).to_have_url(re.compile(r"age=62"))                # the URL keeps in step
    summary = page.locator("#desk-summary")
    assert "/result?" in summary.input_value() and "¥1,890" in summary.input_value()
    if javascript:
        check_accessibility(page, "desk-result")
    shot(page, f"desk-{'js' if javascript else 'nojs'}")
    for _ in range(80):                                            # on to "new caller", by Tab
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "新来电":
            break
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/desk$"))
    expect(page.locator("#id_age")).to_have_value("")
    assert page.problems == [], "\n".join(page.problems)


def test_help_desk_city_change_redraws_the_visit_rows(new_page, base_url):
    page = new_page("desktop")
    page.goto(f"{base_url}/desk?city=chongqing&age=40")
    page.locator("#id_city").select_option("zhenjiang")
    expect(page.locator("input[name=n_tertiary_other]")).to_be_visible()
    expect(page).to_have_url(re.compile(r"city=zhenjiang"))
    expect(page.locator("#id_age")).to_have_value("40")
