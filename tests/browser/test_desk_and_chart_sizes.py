"""Layouts people saw: the desk's header bar narrower than its body at 1280 px, and the chart's labels
smaller in large-text mode than the text around them."""
import pytest

from .conftest import CHROMIUM_ARGS, shot  # noqa: F401  (CHROMIUM_ARGS: the launch flags the fixture uses)

pytestmark = pytest.mark.browser
DESK = "/desk?city=chongqing&status=retired&age=62&credit_before=2525&n_secondary=1&c_secondary=2800"
RESULT = "/result?city=chongqing&status=retired&age=62&credit_before=2525&n_secondary=1&c_secondary=2800"
CONTENT_BOX = """e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                        return [Math.round(r.left + parseFloat(s.paddingLeft)),
                                Math.round(r.right - parseFloat(s.paddingRight))]; }"""


def open_page(browser, url, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("width", [1280, 1600, 360])
@pytest.mark.parametrize("size", ["", "&size=large"])
def test_the_desk_s_header_bar_and_footer_line_up_with_its_body(browser, base_url, width, size):
    context, page = open_page(browser, base_url + DESK + size, width)
    try:
        body = page.eval_on_selector("#main", CONTENT_BOX)
        assert page.eval_on_selector(".header__bar .width", CONTENT_BOX) == body
        assert page.eval_on_selector(".header .phase", CONTENT_BOX) == body
        assert page.eval_on_selector(".footer .width", CONTENT_BOX) == body
        # the site's name starts where the page's heading does
        assert page.eval_on_selector(".header__name", "e => Math.round(e.getBoundingClientRect().left)") == \
            page.eval_on_selector("h1", "e => Math.round(e.getBoundingClientRect().left)")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_other_pages_keep_their_reading_width(browser, base_url, width):
    context, page = open_page(browser, base_url + RESULT, width)
    try:
        body = page.eval_on_selector("#main", CONTENT_BOX)
        assert page.eval_on_selector(".header__bar .width", CONTENT_BOX) == body
        assert body[1] - body[0] <= 960 - 32
    finally:
        context.close()


CHART_TEXT = """() => { const svg = document.querySelector('.chart__svg'), scale = svg.getBoundingClientRect().width /
                        svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('text')].map(t => { const r = t.getBoundingClientRect();
            return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
                    left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }); }"""


@pytest.mark.parametrize("width", [360, 320])
@pytest.mark.parametrize("language", ["", "/en"])
def test_the_chart_s_labels_are_large_text_in_large_text_mode(browser, base_url, width, language):
    # ELDERLY-FRIENDLY.md: in the elderly version, main text at least 18 pt (24 CSS px), as the page's own text.
    context, page = open_page(browser, base_url + language + RESULT + "&size=large", width)
    try:
        labels = page.evaluate(CHART_TEXT)
        assert len(labels) >= 5
        assert page.eval_on_selector("main p", "e => parseFloat(getComputedStyle(e).fontSize)") == 24
        for label in labels:
            assert label["px"] >= 24, label
            assert 0 <= label["left"] and label["right"] <= width, label          # nothing off the screen
        for i, a in enumerate(labels):                                            # and none on another
            for b in labels[i + 1:]:
                apart = (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"]
                         or b["bottom"] <= a["top"])
                assert apart, (a, b)
        shot(page, f"chart-large{language.replace('/', '-')}-{width}")
    finally:
        context.close()
