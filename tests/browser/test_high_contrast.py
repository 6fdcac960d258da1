"""High-contrast mode (高对比度, contrast=high) in real Chromium: the computed colours of body text, links, buttons,
error text and the chart measured against WCAG 2.2 1.4.6 (AAA, 7:1) at 360 px, in Chinese and English, in
standard and large text; links underlined, the focus ring seen, the chart's lines told apart without colour, the
header's switches inside a 320 px screen, and a Windows contrast theme still in charge of the chart's colours."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import shot
from .test_qa6_elderly_figures import CQ_RETIREE, FORCED, VISIBLE, assert_controls

pytestmark = pytest.mark.browser

RESULT = ("/result?age=62&c_primary=120&c_secondary=650&city=chongqing&credit_before=2525&n_primary=10"
          "&n_secondary=3&status=retired")
PAGES = {"start": "/", "error": "/person?city=chongqing&age=abc&status=retired&s=person", "result": RESULT}

COLOURS = """const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return +((Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)).toFixed(2); };
  const bg = e => { for (; e && e.nodeType === 1; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                      if (rgb(c).length === 3 || rgb(c)[3] !== 0) return c; } return getComputedStyle(document.body).backgroundColor; };"""

# Every piece of text on screen, sorted into body text, links, buttons and error text, with its colour's ratio to
# the background behind it (a table card's label, drawn by ::before, too); every mark of the chart and its legend
# against the chart's background; and whether each link is underlined.
MEASURE = "() => { " + VISIBLE + COLOURS + """
  const out = {text: [], links: [], buttons: [], errors: [], chart: [], plain_links: []};
  const own = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('svg') || !shown(e)) continue;
    if (e.matches('td[data-label]')) {
      const s = getComputedStyle(e, '::before');
      if (s.content !== 'none') out.text.push(['label ' + e.dataset.label, ratio(s.color, bg(e))]);
    }
    if (!own(e)) continue;
    const kind = e.closest('.button') ? 'buttons' : e.closest('.error-message, .error-summary__list') ? 'errors'
               : e.closest('a') ? 'links' : 'text';
    out[kind].push([(e.className || e.tagName) + ' ' + e.textContent.trim().slice(0, 16),
                    ratio(getComputedStyle(e).color, bg(e))]);
  }
  for (const a of document.querySelectorAll('a:not(.button):not(.skip-link)'))
    if (shown(a) && !getComputedStyle(a).textDecorationLine.includes('underline')) out.plain_links.push(a.textContent.trim());
  const svg = document.querySelector('.chart__svg');
  if (svg) {
    const behind = bg(svg);
    for (const e of svg.querySelectorAll('line, polyline, circle, text')) {
      const s = getComputedStyle(e);
      for (const paint of [s.stroke, s.fill]) if (paint !== 'none' && !(e.matches('.chart__even') && paint === behind))
        out.chart.push([e.getAttribute('class'), ratio(paint, behind)]);
    }
    for (const e of document.querySelectorAll('.chart__legend .swatch')) {
      const s = getComputedStyle(e), paint = e.matches('.swatch--cap') ? s.backgroundColor : s.borderTopColor;
      out.chart.push([e.className, ratio(paint, bg(e.parentElement))]);
    }
  }
  return out; }"""

LINES = """() => Object.fromEntries(['after', 'before', 'you', 'grid'].map(k => {
  const s = getComputedStyle(document.querySelector('.chart__' + k));
  return [k, {dash: s.strokeDasharray, width: parseFloat(s.strokeWidth)}]; }))"""

FOCUS = "() => { " + COLOURS + """
  const e = document.activeElement, s = getComputedStyle(e), behind = bg(e.parentElement);
  const band = s.boxShadow.match(/rgba?\\([^)]*\\)/);
  return {cls: e.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
          ring: Math.max(ratio(s.outlineColor, behind), band ? ratio(band[0], behind) : 1),
          text: ratio(s.color, bg(e))}; }"""


def measured_low(found: dict) -> dict:
    return {kind: [item for item in items if item[1] < 7] for kind, items in found.items() if kind != "plain_links"}


@pytest.mark.parametrize("size", ["", "&size=large"])
@pytest.mark.parametrize("lang", ["", "/en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_high_contrast_text_links_buttons_errors_and_chart_are_at_least_7_to_1(browser, base_url, name, lang, size):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    path = PAGES[name]
    page.goto(base_url + lang + path + ("&" if "?" in path else "?") + "contrast=high" + size)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    found = page.evaluate(MEASURE)
    assert found["text"] and found["links"], found
    # Every page has a button (the result's is "Read the answer aloud", shown where the browser can speak).
    assert found["buttons"] and bool(found["errors"]) == (name == "error")
    assert bool(found["chart"]) == (name == "result")
    assert measured_low(found) == {"text": [], "links": [], "buttons": [], "errors": [], "chart": []}
    assert found["plain_links"] == []
    # axe's own reading of the same rule (it also looks behind positioned and overlapping boxes)
    enhanced = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]}})
    assert enhanced.response["violations"] == [], [n["target"] for v in enhanced.response["violations"]
                                                   for n in v["nodes"]]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if name == "result":
        lines = page.evaluate(LINES)
        # after: solid and thickest; before: dashed; your cost: another dash; the grid: thinnest
        assert lines["after"]["dash"] == "none" and "none" not in (lines["before"]["dash"], lines["you"]["dash"])
        assert lines["before"]["dash"] != lines["you"]["dash"]
        assert lines["after"]["width"] > lines["before"]["width"] > lines["you"]["width"] > lines["grid"]["width"]
    if not lang:
        shot(page, f"high-contrast-{name}-360{size.replace('&size=', '-')}")
    # the focus ring: the skip link, the site's name on the black bar, then the next control
    for _ in range(6):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        assert focus["outline"] == "solid" and focus["width"] >= 4 and focus["ring"] >= 7 and focus["text"] >= 7, focus
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_high_contrast_at_1280_px(browser, base_url, name):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + PAGES[name] + ("&" if "?" in PAGES[name] else "?") + "contrast=high")
    assert measured_low(page.evaluate(MEASURE)) == {"text": [], "links": [], "buttons": [], "errors": [], "chart": []}
    shot(page, f"high-contrast-{name}-1280")
    context.close()


@pytest.mark.parametrize("size, need", [("", 44), ("&size=large", 60)])
@pytest.mark.parametrize("lang", ["", "/en"])
def test_the_header_switches_fit_a_320_px_screen(browser, base_url, lang, size, need):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    for contrast in ("", "&contrast=high"):
        page.goto(f"{base_url}{lang}/city?city={contrast}{size}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        boxes = page.evaluate("""() => [...document.querySelectorAll('.header__bar a')].map(a => {
            const r = a.getBoundingClientRect(), s = getComputedStyle(a);
            const inside = r.height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
            return {text: a.textContent, left: r.left, right: r.right, width: r.width, height: r.height,
                    lines: Math.round(inside / parseFloat(s.lineHeight))}; })""")
        assert len(boxes) == 4 and all(b["left"] >= 0 and b["right"] <= 320 for b in boxes), boxes
        assert all(b["width"] >= need and b["height"] >= need for b in boxes), boxes
        assert [b["lines"] for b in boxes[1:]] == [1, 1, 1], f"a switch wraps onto two lines: {boxes}"
    assert_controls(page, need, f"high contrast{size} {lang}/city")
    context.close()


def test_a_windows_contrast_theme_still_draws_the_chart_in_its_own_colours(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, forced_colors="active")
    page = context.new_page()
    page.goto(f"{base_url}/result?{CQ_RETIREE}&contrast=high")
    found = page.evaluate(FORCED)
    assert not found["text"], found["text"]
    assert not found["marks"], f"chart marks not in the theme's colours {found['system']}: {found['marks']}"
    context.close()


def test_the_switch_turns_the_mode_on_and_off_and_htmx_pages_keep_it(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base_url}/city?size=large")
    page.locator(".header__contrast").click()                       # a full load: the stylesheet is in the head
    expect(page).to_have_url(f"{base_url}/city?contrast=high&size=large")
    black = "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('.hint, p')).color") == black
    page.locator("input[type=radio][name=city][value=chongqing]").check()
    page.get_by_role("button").last.click()                          # htmx swaps the body; the head stays
    expect(page).to_have_url(re.compile(r"/person\?city=chongqing&contrast=high&size=large$"))
    assert page.locator("link[href*='high-contrast']").count() == 1
    expect(page.locator(".header__contrast")).to_have_text("标准对比度")
    page.locator(".header__contrast").click()
    # The switch keeps what is on the screen (the page's own choices too, as shown: site.js), contrast aside.
    expect(page).to_have_url(re.compile(r"/person\?city=chongqing&(\w+=\w+&)*size=large(&\w+=\w+)*$"))
    assert "contrast" not in page.url
    assert page.locator("link[href*='high-contrast']").count() == 0
    assert page.evaluate("getComputedStyle(document.querySelector('.hint')).color") != black
    context.close()
