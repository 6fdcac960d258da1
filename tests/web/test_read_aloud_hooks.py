"""What a screen reader and the read-aloud button (朗读; ELDERLY-FRIENDLY.md) find in a result page's HTML.

- The verdict is a region with a name, so a screen reader can go straight to it.
- The Q&A table has a caption that names its region, and every head cell says what it heads (scope).
- The chart is an image whose text alternative says what it shows: its title and the break-even sentence.
- A figure below zero is written with a real minus (−, which a screen reader says "minus"), never a hyphen.
- The read-aloud button waits hidden (site.js shows it where the browser can speak), names the parts of the page it
  reads, and carries its words in the page's language; it sits on the result pages only, and no script is inline
  (the CSP allows none).
The browser tests (tests/browser/test_read_aloud.py) check what it says."""
from html import unescape
from html.parser import HTMLParser

import pytest

CQ_RETIREE = ("city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100"
              "&n_secondary=2&c_secondary=800")
ZZ_PARTIAL = "city=zaozhuang&status=retired&age=65&credit_before=1000&n_primary=15&c_primary=300&dk=credit_after"
EN_FAILED = "Your browser could not read it aloud. Your phone or computer may have a read-aloud setting of its own."
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "path", "line", "circle", "polyline"}                            # SVG's leaves here are written self-closed


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else " " + c.text() + " " for c in self.children).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        return [e for e in self.iter() if (tag is None or e.tag == tag)
                and all(e.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]


class Tree(HTMLParser):
    """The page as elements (the stdlib's parser; the pages are well-formed enough for it)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = self.open = Element("#document", {}, None)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.open)
        self.open.children.append(element)
        if tag not in VOID:
            self.open = element

    def handle_startendtag(self, tag, attrs):
        self.open.children.append(Element(tag, attrs, self.open))

    def handle_endtag(self, tag):
        element = self.open
        while element is not self.root and element.tag != tag:
            element = element.parent
        if element is not self.root:
            self.open = element.parent

    def handle_data(self, data):
        self.open.children.append(data)


def page(client, url) -> Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return Tree(response.content.decode()).root


def by_id(root: Element, id_: str) -> Element:
    found = root.find_all(id=id_)
    assert len(found) == 1, (id_, len(found))
    return found[0]


RESULTS = [f"/result?{CQ_RETIREE}", f"/en/result?{CQ_RETIREE}", f"/result?{ZZ_PARTIAL}", f"/en/result?{ZZ_PARTIAL}",
           f"/result?{CQ_RETIREE}&size=large"]


@pytest.mark.parametrize("url", RESULTS)
def test_the_verdict_is_a_named_region(client, url):
    verdict = by_id(page(client, url), "verdict")
    assert verdict.attrs.get("role") == "region"
    assert verdict.attrs.get("aria-label") == ("The answer" if url.startswith("/en/") else "结论")
    assert verdict.find_all("p"), "the verdict says something"


@pytest.mark.parametrize("url", RESULTS)
def test_the_table_has_a_caption_naming_its_region_and_heads_with_scope(client, url):
    root = page(client, url)
    caption = by_id(root, "table-caption")
    assert caption.tag == "caption" and caption.text()
    table = caption.parent
    assert table.tag == "table" and "table--qa" in table.attrs["class"]
    assert table.parent.attrs.get("role") == "region" and table.parent.attrs.get("aria-labelledby") == "table-caption"
    heads = table.find_all("thead")[0].find_all("th")
    assert len(heads) == 7 and all(th.attrs.get("scope") == "col" for th in heads)
    rows = table.find_all("tbody")[0].find_all("tr")
    assert rows and all(row.children[0].tag == "th" and row.children[0].attrs.get("scope") == "row" for row in rows)
    assert all(len(row.find_all("td")) == 6 for row in rows)


@pytest.mark.parametrize("prefix, title, sentence", [
    ("", "改革前后，您的净额（个人账户余额减去现金支付）随全年门诊费用的变化",
     "一年门诊费用超过 ¥2,586，改革后就更合算。您预计的 ¥2,800 高于这个数。"),
    ("/en", "Your net position (account balance minus cash paid) against yearly outpatient cost, before and after "
            "the reform", "Above ¥2,586 of outpatient costs a year, the reform leaves you better off. Your expected "
                          "¥2,800 is above that."),
])
def test_the_chart_says_in_words_what_it_shows(client, prefix, title, sentence):
    root = page(client, f"{prefix}/result?{CQ_RETIREE}")
    svg = root.find_all("svg", class_="chart__svg")[0]
    assert svg.attrs["role"] == "img"
    named = [by_id(root, id_).text() for id_ in svg.attrs["aria-labelledby"].split()]
    assert named == [title, sentence]


@pytest.mark.parametrize("url", [f"/result?{CQ_RETIREE}", f"/en/result?{CQ_RETIREE}", f"/desk?{CQ_RETIREE}&year=2024"])
def test_a_figure_below_zero_has_a_real_minus(client, url):
    html = unescape(client.get(url).content.decode())
    assert "−¥7,000" in html                           # the chart's key points: ¥10,000 of visits, before the reform
    assert "-¥" not in html and "- ¥" not in html


@pytest.mark.parametrize("url, words", [
    (f"/result?{CQ_RETIREE}", {"start": "朗读结论", "stop": "停止朗读", "sentence": "{heading}：{figures}。",
                               "join": "{first}，{second}", "yuan": "{amount}元", "minus": "负{amount}",
                               "failed": "您的浏览器现在不能朗读。手机或电脑的设置里可能有自带的朗读功能。"}),
    (f"/en/result?{CQ_RETIREE}", {"start": "Read the answer aloud", "stop": "Stop reading",
                                  "sentence": "{heading}: {figures}.", "join": "{first}, {second}", "yuan": "{amount} yuan",
                                  "minus": "minus {amount}", "failed": EN_FAILED}),
    (f"/result?{ZZ_PARTIAL}", {"start": "朗读结论", "stop": "停止朗读", "sentence": "{heading}：{figures}。",
                               "join": "{first}，{second}", "yuan": "{amount}元", "minus": "负{amount}",
                               "failed": "您的浏览器现在不能朗读。手机或电脑的设置里可能有自带的朗读功能。"}),
    (f"/en/result?{ZZ_PARTIAL}&size=large", {"start": "Read the answer aloud", "stop": "Stop reading",
                                             "sentence": "{heading}: {figures}.", "join": "{first}, {second}",
                                             "yuan": "{amount} yuan", "minus": "minus {amount}",
                                             "failed": EN_FAILED}),
])
def test_the_read_aloud_button_waits_hidden_with_its_words_in_the_page_s_language(client, url, words):
    root = page(client, url)
    parts = root.find_all("div", class_="read-aloud no-print")
    assert len(parts) == 1 and "hidden" in parts[0].attrs
    buttons = parts[0].find_all("button")
    assert len(buttons) == 1
    button = buttons[0]
    assert button.attrs["type"] == "button"                  # never sends a form
    assert button.text() == words["start"]
    assert {key: button.attrs[f"data-{key}"] for key in words} == words
    # It reads what it names: the verdict, then the Q&A table (found by its caption); both are on the page.
    assert button.attrs["data-read-aloud"] == "verdict table-caption"
    assert by_id(root, "verdict") and by_id(root, "table-caption").tag == "caption"
    assert all(svg.attrs.get("aria-hidden") == "true" for svg in button.find_all("svg"))
    # Its status line, after it: a live region, empty until the browser fails to speak.
    status = parts[0].find_all(role="status")
    assert len(status) == 1 and status[0].text() == "" and parts[0].children.index(status[0]) > parts[0].children.index(button)
    # It comes just before the verdict, the first thing it reads.
    siblings = [c for c in parts[0].parent.children if isinstance(c, Element)]
    assert siblings[siblings.index(parts[0]) + 1] is by_id(root, "verdict")


@pytest.mark.parametrize("url", RESULTS)
def test_nothing_is_inline_script(client, url):
    root = page(client, url)
    assert root.find_all("script") and all("src" in e.attrs for e in root.find_all("script"))
    assert not [(e.tag, k) for e in root.iter() for k in e.attrs if k.startswith("on")]


@pytest.mark.parametrize("url", ["/", f"/check?{CQ_RETIREE}", f"/desk?{CQ_RETIREE}&year=2024",
                                 f"/compare?{CQ_RETIREE}", "/nope"])
def test_only_the_result_pages_offer_to_read_aloud(client, url):
    assert b"data-read-aloud" not in client.get(url).content
