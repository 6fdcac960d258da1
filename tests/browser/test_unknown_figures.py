"""Issue 13 in real Chromium: people who don't know a figure reach what can be worked out (360 px and
1280 px, JavaScript on and off), and axe (with the best-practice rules) finds nothing on those pages."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import shot
from .test_walkthrough import AXE_TAGS, fill, submit, table_rows

pytestmark = pytest.mark.browser
WIDTHS = {"phone": 360, "desktop": 1280}


def check_accessibility(page, name):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS + ["best-practice"]}})
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]
    assert not violations, f"{name}: {violations}"


def open_page(new_page, size, javascript):
    page = new_page("phone" if size == "phone" else "desktop", javascript)
    page.set_viewport_size({"width": WIDTHS[size], "height": 740 if size == "phone" else 800})
    return page


def answer(page, tag, steps, axe):
    """Each (page, answers, boxes ticked, next page) in turn, from the city page."""
    for name, answers, ticked, following in steps:
        expect(page).to_have_url(re.compile(rf"/{name}(\?|$)"))
        fill(page, answers)
        for value in ticked:
            page.locator(f"input[name=dk][value={value}]").check()
        shot(page, f"{tag}-{name}")
        if axe:
            check_accessibility(page, f"{tag} {name}")
        submit(page, following)


def fits(page, size):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTHS[size], f"page is {width}px wide"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_zaozhuang_worker_who_does_not_know_the_2021_credit(new_page, base_url, size, javascript):
    page = open_page(new_page, size, javascript)
    tag = f"unknown-zaozhuang-{size}-{'js' if javascript else 'nojs'}"
    page.goto(base_url + "/city")
    answer(page, tag, [
        ("city", {"city": "zaozhuang"}, [], "person"),
        ("person", {"status": "in_service", "age": "40"}, [], "money"),
        ("money", {"base": "5000"}, ["credit_before"], "visits"),
        ("visits", {"n_secondary": "5", "c_secondary": "300"}, [], "check"),
    ], axe=javascript)
    expect(page.locator("main")).to_contain_text("我不知道")
    page.locator("main a.button").click()
    expect(page).to_have_url(re.compile(r"/result\?"))
    # Only the old credit is missing: the verdict says where the reform turns from gain to loss, 1,710 + 1,500.
    expect(page.locator("#verdict")).to_contain_text("只差您 2021 年的个人账户划入。如果它少于 ¥3,210，改革后您更合算")
    # 第七条（一）: 5000 × 4.25% × 12 = 2550; 第五条: 400 deductible at level 2, 60% of 1100 = 660.
    assert table_rows(page) == [("¥2,550", "¥1,500", "¥660", "¥840", "¥0", "¥1,710")]
    expect(page.locator("#missing")).to_contain_text("12393")
    shot(page, f"{tag}-result")
    fits(page, size)
    if javascript:
        check_accessibility(page, f"{tag} result")
    assert page.problems == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_xian_citizen_who_knows_no_figures_then_types_them(new_page, base_url, size, javascript):
    page = open_page(new_page, size, javascript)
    tag = f"unknown-xian-{size}-{'js' if javascript else 'nojs'}"
    page.goto(base_url + "/city")
    answer(page, tag, [
        ("city", {"city": "xian"}, [], "person"),
        ("person", {"status": "in_service", "age": "40"}, [], "money"),
        ("money", {"base": "5000"}, [], "visits"),
        ("visits", {"n_secondary": "2", "c_secondary": "1000"}, [], "figures"),
        ("figures", {}, ["figures"], "check"),
    ], axe=javascript)
    page.locator("main a.button").click()
    expect(page).to_have_url(re.compile(r"/result\?"))
    expect(page.locator("#verdict")).to_contain_text("还不能判断")
    # Known: the before year (2.7% × 5000 × 12 = 1620, secondary), the after credit (四（一）, 2%), the 50% floor.
    assert table_rows(page) == [("¥1,620", "¥2,000", "¥0", "¥1,620", "¥380", "¥0")]
    expect(page.locator("#known")).to_contain_text("¥1,200")
    expect(page.locator("#known")).to_contain_text("不低于 50%")
    shot(page, f"{tag}-partial")
    fits(page, size)
    if javascript:
        check_accessibility(page, f"{tag} partial")
    fill(page, {"p_deductible.in_service": "800", "p_ratio.in_service.secondary": "60", "p_cap.in_service": "2000"})
    submit(page, "result")
    expect(page.locator("#verdict")).not_to_contain_text("还不能判断")
    # deductible 800, 60%, cap 2000: fund 120 + 600 = 720 (as in the walk-through).
    assert table_rows(page) == [("¥1,620", "¥2,000", "¥0", "¥1,620", "¥380", "¥0"),
                                ("¥1,200", "¥2,000", "¥720", "¥1,200", "¥80", "¥0")]
    shot(page, f"{tag}-full")
    assert page.problems == []
