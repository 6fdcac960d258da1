"""The walk-through in real Chromium: every city, phone and desktop, with and without JavaScript."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import shot

pytestmark = pytest.mark.browser
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Each flow: answers per step, then the expected table rows (before, after) in whole yuan,
# (credit, total, fund, account, cash, balance), worked by hand in tests/policies.
FLOWS = {
    # Q&A example 1.
    "chongqing": dict(person={"status": "retired", "age": "62"}, money={"credit_before": "2525"},
                      visits={"n_secondary": "1", "c_secondary": "2800"}, figures={},
                      rows=[("¥2,525", "¥2,800", "¥0", "¥2,525", "¥275", "¥0"),
                            ("¥1,260", "¥2,800", "¥1,890", "¥910", "¥0", "¥350")]),
    # 2023: 4.25% × 5000 × 12 = 2550. Two primary visits of 300: 70 + 210 = 280 from the fund.
    "zaozhuang": dict(person={"status": "in_service", "age": "40"}, money={"base": "5000", "credit_before": "3000"},
                      visits={"n_primary": "2", "c_primary": "300"}, figures={},
                      rows=[("¥3,000", "¥600", "¥0", "¥600", "¥0", "¥2,400"),
                            ("¥2,550", "¥600", "¥280", "¥320", "¥0", "¥2,230")]),
    # Before 4% × 6000 × 12 = 2880 (secondary source); after 2% = 1440. Fund 150 + 750 = 900.
    "zhenjiang": dict(person={"status": "in_service", "age": "44"}, money={"base": "6000"},
                      visits={"n_secondary": "2", "c_secondary": "1000"}, figures={},
                      rows=[("¥2,880", "¥2,000", "¥0", "¥2,000", "¥0", "¥880"),
                            ("¥1,440", "¥2,000", "¥900", "¥1,100", "¥0", "¥340")]),
    # Figures supplied: deductible 800, 60%, cap 2000: fund 120 + 600 = 720. Before 2.7% = 1620.
    "xian": dict(person={"status": "in_service", "age": "40"}, money={"base": "5000"},
                 visits={"n_secondary": "2", "c_secondary": "1000"},
                 figures={"p_deductible.in_service": "800", "p_ratio.in_service.secondary": "60",
                          "p_cap.in_service": "2000"},
                 rows=[("¥1,620", "¥2,000", "¥0", "¥1,620", "¥380", "¥0"),
                       ("¥1,200", "¥2,000", "¥720", "¥1,200", "¥80", "¥0")]),
    # Retired at community centres: 80% with no deductible: 10 × 80 = 800.
    "henan-draft": dict(person={"status": "retired", "sector": "enterprise", "age": "65"},
                        money={"credit_before": "1000", "credit_after": "800"},
                        visits={"n_primary": "10", "c_primary": "100"}, figures={},
                        rows=[("¥1,000", "¥1,000", "¥0", "¥1,000", "¥0", "¥0"),
                              ("¥800", "¥1,000", "¥800", "¥200", "¥0", "¥600")]),
}


def submit(page, path: str):
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{path}(\?|$)"))
    page.wait_for_load_state()


def check_accessibility(page, name):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]
    assert not violations, f"{name}: {violations}"


def fill(page, answers: dict):
    for name, value in answers.items():
        radio = page.locator(f"input[type=radio][name='{name}'][value='{value}']")
        if radio.count():
            radio.check()
        else:
            page.locator(f"[name='{name}']").fill(value)


def table_rows(page):
    rows = []
    for row in page.locator("table.table--qa tbody tr").all():
        cells = [c.inner_text().split("\n")[0].strip() for c in row.locator("td").all()]
        rows.append(tuple(cells))
    return rows


def walk(page, base_url, city, flow, tag, axe=False):
    """Start page to result, as a person would, checking each page on the way."""
    page.goto(base_url + "/")
    pages = [("start", None), ("city", {"city": city}), ("person", flow["person"]),
             ("money", flow["money"]), ("visits", flow["visits"])]
    if flow["figures"]:
        pages.append(("figures", flow["figures"]))
    for i, (name, answers) in enumerate(pages):
        shot(page, f"{tag}-{i}-{name}")
        if axe:
            check_accessibility(page, name)
        next_path = pages[i + 1][0] if i + 1 < len(pages) else "check"
        if name == "start":
            page.locator("a.button--start").click()
            expect(page).to_have_url(re.compile(r"/city$"))
            continue
        fill(page, answers)
        submit(page, next_path)
    shot(page, f"{tag}-{len(pages)}-check")
    if axe:
        check_accessibility(page, "check")
    page.locator("main a.button").click()
    expect(page).to_have_url(re.compile(r"/result\?"))
    expect(page.locator("#verdict")).to_be_visible()
    shot(page, f"{tag}-{len(pages) + 1}-result")
    if axe:
        check_accessibility(page, "result")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("city", list(FLOWS))
def test_complete_the_flow(new_page, base_url, city, size, javascript):
    page = new_page(size, javascript)
    flow = FLOWS[city]
    walk(page, base_url, city, flow, f"{city}-{size}-{'js' if javascript else 'nojs'}",
         axe=javascript and size == "desktop")
    assert table_rows(page) == flow["rows"]
    width = page.evaluate("document.documentElement.scrollWidth") if javascript else None
    if width is not None:
        assert width <= SIZES_WIDTH[size], f"page is {width}px wide"
    assert page.problems == []


SIZES_WIDTH = {"phone": 390, "desktop": 1280}


def test_nothing_overflows_at_360px(new_page, base_url):
    page = new_page("phone")
    page.set_viewport_size({"width": 360, "height": 740})
    walk(page, base_url, "zhenjiang", FLOWS["zhenjiang"], "zhenjiang-360")
    for path in ("/", "/city", page.url):
        page.goto(path if path.startswith("http") else base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    small = page.evaluate("""() => [...document.querySelectorAll('main a, main button, main input, main select')]
        .filter(e => e.offsetParent && !e.closest('.source') && !e.closest('p'))
        .map(e => e.getBoundingClientRect()).filter(r => r.height < 44 && r.width > 0).length""")
    assert small == 0


def test_change_link_returns_to_check_answers(new_page, base_url):
    page = new_page()
    walk(page, base_url, "chongqing", FLOWS["chongqing"], "change-link")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/check\?"))
    page.locator("a[href*='#id_age']").click()
    expect(page).to_have_url(re.compile(r"/person\?"))
    page.locator("#id_age").fill("70")
    submit(page, "check")
    expect(page.locator("main")).to_contain_text("70")
    page.locator("main a.button").click()
    expect(page).to_have_url(re.compile(r"/result\?"))
    # At 70: 115 × 12 = 1380; (2800 − 100) × 70% = 1890; account pays 910, balance 470.
    assert table_rows(page)[1] == ("¥1,380", "¥2,800", "¥1,890", "¥910", "¥0", "¥470")


def test_reproduce_link_gives_the_same_table_in_a_fresh_page(new_page, base_url):
    page = new_page()
    walk(page, base_url, "xian", FLOWS["xian"], "reproduce")
    link = page.locator("#reproduce-link").get_attribute("href")
    fresh = new_page("phone", javascript=False)
    fresh.goto(link)
    assert table_rows(fresh) == FLOWS["xian"]["rows"]


def test_switch_language_keeps_the_answers(new_page, base_url):
    page = new_page()
    walk(page, base_url, "chongqing", FLOWS["chongqing"], "language")
    expect(page.locator("h1")).to_contain_text("改革前后对比")
    page.locator(".header__lang").click()
    expect(page).to_have_url(re.compile(r"/en/result\?"))
    expect(page.locator("h1")).to_contain_text("before and after the reform")
    assert table_rows(page) == FLOWS["chongqing"]["rows"]
    check_accessibility(page, "result-en")
    shot(page, "language-en-result")


def test_error_summary_links_to_the_field(new_page, base_url):
    page = new_page("phone")
    page.goto(base_url + "/person?city=chongqing")
    page.locator("#id_age").fill("abc")
    page.locator("main button[type=submit]").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    check_accessibility(page, "person-error")
    shot(page, "error-summary")
    summary.locator("a[href='#id_age']").click()
    expect(page.locator("#id_age")).to_be_focused()
    expect(page.locator("#id_age")).to_have_value("abc")
