"""Read aloud (朗读; ELDERLY-FRIENDLY.md: "read-aloud support") in real Chromium.

The browser's voice is replaced by a recorder (page.add_init_script, before the page's own script runs): it keeps
each utterance's text and language, and says when it was cancelled. What is read must be the page's own text: the
verdict, then the Q&A table a column at a time, with exactly the figures the page shows (¥ said as yuan, − as minus).
Without JavaScript, or without speech, there is no button."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import shot

pytestmark = pytest.mark.browser

CQ_RETIREE = ("city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100"
              "&n_secondary=2&c_secondary=800")
# A Zaozhuang retiree who does not know the credit after the reform: the partial result, one row worked out.
ZZ_PARTIAL = "city=zaozhuang&status=retired&age=65&credit_before=1000&n_primary=15&c_primary=300&dk=credit_after"

# The browser's speech, recorded. Each press's utterances queue; "finish" ends them as a voice would, "fail" fails
# the first as a browser with no voice does.
RECORDER = """(() => {
  const spoken = [], queue = [];
  const synth = {
    speaking: false, pending: false, cancelled: 0, spoken,
    speak(u) { spoken.push({text: u.text, lang: u.lang}); queue.push(u); this.speaking = true; },
    cancel() { this.cancelled += 1; this.speaking = false;
               queue.splice(0).forEach(u => u.onerror && u.onerror({error: 'interrupted'})); },
    finish() { this.speaking = false; queue.splice(0).forEach(u => u.onend && u.onend({})); },
    fail() { const u = queue[0]; u && u.onerror && u.onerror({error: 'synthesis-failed'}); },   // no voice to speak with
    pause() {}, resume() {}, getVoices() { return []; },
    addEventListener() {}, removeEventListener() {},
  };
  function Utterance(text) { this.text = text; this.lang = ''; this.onend = null; this.onerror = null; }
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {value: Utterance, configurable: true});
})();"""
NO_SPEECH = """Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"""

SPOKEN = "() => window.speechSynthesis.spoken.map(u => [u.text, u.lang])"


def speaking_page(new_page, size="desktop"):
    page = new_page(size)
    page.add_init_script(RECORDER)
    return page


def spoken(page) -> list[tuple[str, str]]:
    return [tuple(u) for u in page.evaluate(SPOKEN)]


ZH = [
    "改革前后您付的现金一样，年末个人账户余额多 150元。",
    "把个人账户的钱也算作您自己的钱，改革让您全年合算了 150元。",
    "时间：改革前 2023，改革后 2024。",
    "个人账户计入：改革前 3,000元，改革后 1,260元 （个账减计 1,740元）。",
    "全年政策范围内医疗费用：改革前 2,800元，改革后 2,800元。",
    "医保基金报销：改革前 0元，改革后 1,890元。",
    "个人账户支付：改革前 2,800元，改革后 910元。",
    "现金支付：改革前 0元，改革后 0元。",
    "个账结余：改革前 200元，改革后 350元。",
]
EN = [
    "Your cash payments are the same, and your account ends the year 150 yuan higher.",
    "Counting your account as your own money, the reform leaves you 150 yuan better off.",
    "Year: Before the reform 2023, After the reform 2024.",
    "Credited to account: Before the reform 3,000 yuan, After the reform 1,260 yuan (1,740 yuan less credited).",
    "Total covered cost: Before the reform 2,800 yuan, After the reform 2,800 yuan.",
    "Paid by the fund: Before the reform 0 yuan, After the reform 1,890 yuan.",
    "Paid from account: Before the reform 2,800 yuan, After the reform 910 yuan.",
    "Paid in cash: Before the reform 0 yuan, After the reform 0 yuan.",
    "Account at year end: Before the reform 200 yuan, After the reform 350 yuan.",
]


def shown_figures(page) -> list[str]:
    """Every amount the verdict and the Q&A table show, in the order they are read (the table a column at a time)."""
    verdict = re.findall(r"−?¥[\d,]+", page.locator("#verdict").inner_text())
    rows = page.locator(".table--qa tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].slice(1).map(c => c.textContent))")
    columns = [re.findall(r"−?¥[\d,]+", " ".join(row[c] for row in rows)) for c in range(len(rows[0]))]
    return verdict + [figure for column in columns for figure in column]


def said_figures(texts: list[str]) -> list[str]:
    """The amounts in what was said, written back as the page writes them ("1,260元" / "1,260 yuan" → ¥1,260)."""
    out = []
    for text in texts:
        for minus, amount in re.findall(r"(负|minus )?([\d,]+)(?:元| yuan)", text):
            out.append(("−" if minus else "") + "¥" + amount)
    return out


@pytest.mark.parametrize("prefix, expected, lang, start, stop", [
    ("", ZH, "zh-CN", "朗读结论", "停止朗读"),
    ("/en", EN, "en", "Read the answer aloud", "Stop reading"),
])
def test_the_button_reads_the_verdict_then_the_table_with_the_page_s_own_figures(
        new_page, base_url, prefix, expected, lang, start, stop):
    page = speaking_page(new_page)
    page.goto(f"{base_url}{prefix}/result?{CQ_RETIREE}")
    button = page.locator(".read-aloud__button")
    expect(button).to_be_visible()
    expect(button).to_have_text(start)
    expect(button.locator(".read-aloud__icon--start")).to_be_visible()
    expect(button.locator(".read-aloud__icon--stop")).to_be_hidden()
    button.click()
    expect(button).to_have_text(stop)
    expect(button.locator(".read-aloud__icon--stop")).to_be_visible()           # a stop square, not the speaker
    expect(button.locator(".read-aloud__icon--start")).to_be_hidden()
    said = spoken(page)
    assert [text for text, _ in said] == expected
    assert {language for _, language in said} == {lang}
    assert said_figures([text for text, _ in said]) == shown_figures(page)
    # When the voice comes to the end, the button offers to read again.
    page.evaluate("() => window.speechSynthesis.finish()")
    expect(button).to_have_text(start)
    assert not page.problems


def test_a_second_press_stops_the_reading(new_page, base_url):
    page = speaking_page(new_page)
    page.goto(f"{base_url}/result?{CQ_RETIREE}")
    button = page.locator(".read-aloud__button")
    button.click()
    assert len(spoken(page)) == len(ZH)
    assert page.evaluate("() => window.speechSynthesis.cancelled") == 0
    button.click()
    expect(button).to_have_text("朗读结论")
    assert page.evaluate("() => window.speechSynthesis.cancelled") == 1
    assert len(spoken(page)) == len(ZH)                          # nothing more was queued
    # And a third press reads again from the start.
    button.click()
    expect(button).to_have_text("停止朗读")
    assert [text for text, _ in spoken(page)] == ZH + ZH
    assert not page.problems


@pytest.mark.parametrize("prefix, start, failed", [
    ("", "朗读结论", "您的浏览器现在不能朗读。手机或电脑的设置里可能有自带的朗读功能。"),
    ("/en", "Read the answer aloud",
     "Your browser could not read it aloud. Your phone or computer may have a read-aloud setting of its own."),
])
def test_a_browser_with_no_voice_says_so_instead_of_doing_nothing(new_page, base_url, prefix, start, failed):
    page = speaking_page(new_page)
    page.goto(f"{base_url}{prefix}/result?{CQ_RETIREE}")
    button, status = page.locator(".read-aloud__button"), page.get_by_role("status")
    expect(status).to_have_text("")
    expect(status).to_be_hidden()
    button.click()
    page.evaluate("() => window.speechSynthesis.fail()")
    expect(status).to_have_text(failed)
    expect(status).to_be_visible()
    expect(button).to_have_text(start)
    assert page.evaluate("() => window.speechSynthesis.cancelled") == 1     # the rest is not left queued
    # A press that works clears it.
    button.click()
    expect(status).to_have_text("")
    page.evaluate("() => window.speechSynthesis.finish()")
    expect(status).to_have_text("")
    expect(button).to_have_text(start)
    shot(page, f"read-aloud-failed{prefix.replace('/', '-')}")
    assert not page.problems


def test_the_partial_result_reads_its_verdict_and_the_year_it_can_work_out(new_page, base_url):
    page = speaking_page(new_page)
    page.goto(f"{base_url}/en/result?{ZZ_PARTIAL}")
    page.locator(".read-aloud__button").click()
    texts = [text for text, _ in spoken(page)]
    assert texts[0] == ("Only your account credit for 2023 is missing. Whatever it is, the reform leaves you "
                        "better off: by 500 yuan more than that credit.")
    assert texts[1].startswith("Below is everything the published documents and your answers let us work out.")
    assert texts[2:] == [
        "Year: Before the reform 2021.",
        "Credited to account: Before the reform 1,000 yuan.",
        "Total covered cost: Before the reform 4,500 yuan.",
        "Paid by the fund: Before the reform 0 yuan.",
        "Paid from account: Before the reform 1,000 yuan.",
        "Paid in cash: Before the reform 3,500 yuan.",
        "Account at year end: Before the reform 0 yuan.",
    ]
    assert said_figures(texts) == shown_figures(page)


def test_without_javascript_or_speech_there_is_no_button(new_page, base_url):
    page = new_page(javascript=False)
    page.goto(f"{base_url}/result?{CQ_RETIREE}")
    expect(page.locator("#verdict")).to_be_visible()
    expect(page.locator(".read-aloud__button")).to_be_hidden()
    expect(page.get_by_role("button", name="朗读结论")).to_have_count(0)
    page = new_page()
    page.add_init_script(NO_SPEECH)
    page.goto(f"{base_url}/result?{CQ_RETIREE}")
    expect(page.locator("#verdict")).to_be_visible()
    expect(page.locator(".read-aloud__button")).to_be_hidden()
    assert not page.problems


def test_after_htmx_brings_the_result_page_the_button_reads_it(new_page, base_url):
    page = speaking_page(new_page, "small")
    page.goto(f"{base_url}/check?{CQ_RETIREE}")
    page.evaluate("() => { window.sameDocument = true; }")      # gone if the browser loaded a new document
    page.locator("main a.button").click()
    expect(page).to_have_url(re.compile(r"/result\?"))
    assert page.evaluate("() => window.sameDocument === true"), "htmx did not swap the page in"
    button = page.locator(".read-aloud__button")
    expect(button).to_be_visible()
    button.click()
    assert [text for text, _ in spoken(page)] == ZH
    # Leaving the page while it reads stops the voice; Back brings the page again, with its button.
    page.locator("main a", has_text="修改回答").click()
    expect(page).to_have_url(re.compile(r"/check\?"))
    assert page.evaluate("() => window.speechSynthesis.cancelled") == 1
    page.go_back()
    expect(page).to_have_url(re.compile(r"/result\?"))
    expect(button).to_be_visible()
    expect(button).to_have_text("朗读结论")
    assert not page.problems


@pytest.mark.parametrize("size, width, need", [("large", 320, 60), ("large", 1280, 60), ("", 320, 44)])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_button_is_a_large_enough_target_and_fits_a_narrow_phone(browser, base_url, prefix, size, width, need):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.add_init_script(RECORDER)
    page.goto(f"{base_url}{prefix}/result?{CQ_RETIREE}" + (f"&size={size}" if size else ""))
    box = page.locator(".read-aloud__button").bounding_box()
    assert box["width"] >= need and box["height"] >= need, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    shot(page, f"read-aloud{prefix.replace('/', '-')}-{size or 'standard'}-{width}")
    context.close()
