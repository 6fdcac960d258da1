"""QA4 item 18 in real Chromium: in large-text mode the arrow of every fold-out question (<details>) sat on
the first character of its text ("▶只" read as one mark), on /visits and /money, in Chinese and English.

The arrow is the summary's ::before (a CSS triangle): its box is worked out from its computed position and
borders, the text's from a Range over the summary's words; the two must not overlap, closed or open. Failed
before the fix (large-text.css set the summary's padding to `.9rem 0`, taking away the arrow's room)."""
import pytest

from .conftest import shot

pytestmark = pytest.mark.browser

CQ = "city=chongqing&status=retired&age=62&credit_before=2525"
PAGES = [f"/visits?{CQ}", f"/money?{CQ}", f"/en/visits?{CQ}", f"/en/money?{CQ}"]

# For each summary: the arrow's box and the first line of its text, in CSS px.
MEASURE = """() => [...document.querySelectorAll("summary.details__summary")].map(s => {
  const box = s.getBoundingClientRect(), arrow = getComputedStyle(s, "::before");
  const px = v => parseFloat(v) || 0;
  const left = box.left + px(arrow.left), top = box.top + px(arrow.top);
  const range = document.createRange();
  range.selectNodeContents(s);
  const line = range.getClientRects()[0];
  return {text: s.textContent.trim().slice(0, 12),
          arrow: {left, top, right: left + px(arrow.borderLeftWidth) + px(arrow.borderRightWidth),
                  bottom: top + px(arrow.borderTopWidth) + px(arrow.borderBottomWidth)},
          line: {left: line.left, top: line.top, right: line.right, bottom: line.bottom}};
})"""


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("size", ["large", "standard"])
@pytest.mark.parametrize("path", PAGES)
def test_the_fold_out_arrow_never_covers_its_text(new_page, base_url, path, size):
    page = new_page("phone")
    page.goto(f"{base_url}{path}" + ("&size=large" if size == "large" else ""))
    for state in ("closed", "open"):
        if state == "open":
            for summary in page.locator("summary.details__summary").all():
                summary.click()
        found = page.evaluate(MEASURE)
        assert found, "no fold-out question on the page"
        for s in found:
            arrow, line = s["arrow"], s["line"]
            assert arrow["right"] > arrow["left"] and arrow["bottom"] > arrow["top"], s     # it is drawn
            assert not overlaps(arrow, line), f"{state}: the arrow covers {s['text']!r}: {s}"
            assert line["left"] - arrow["right"] >= 4, f"{state}: no gap before {s['text']!r}: {s}"
            assert line["top"] <= (arrow["top"] + arrow["bottom"]) / 2 <= line["bottom"], \
                f"{state}: the arrow is not beside the first line of {s['text']!r}: {s}"
    if size == "large" and "/visits" in path:
        shot(page, "qa4-large-summary" + ("-en" if path.startswith("/en") else ""))
