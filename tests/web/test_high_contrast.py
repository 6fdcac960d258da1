"""High-contrast mode (高对比度, ELDERLY-FRIENDLY.md: "high-contrast background") on the pages: contrast=high in the
link loads high-contrast.css and is kept by every link, form and redirect, alone or with size=large; any other
value is no mode and is not kept; the engine never sees it. The browser test measures the colours
(tests/browser/test_high_contrast.py)."""
import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict

from estimator import context, display
from estimator.journey import Journey, read_answers
from tests.web.test_pages import follow, text
from tests.web.test_years_family_large_text import CQ_FAMILY, ZZ_RETIREE, links_and_forms, submit

HIGH, BOTH = "contrast=high", "contrast=high&size=large"
PAGES = [
    "/", "/en/", "/city", "/person?city=chongqing", f"/money?{CQ_FAMILY}", f"/visits?{CQ_FAMILY}",
    f"/check?{CQ_FAMILY}", f"/result?{CQ_FAMILY}", f"/en/result?{ZZ_RETIREE}", f"/compare?{CQ_FAMILY}", "/desk",
    f"/desk?{CQ_FAMILY}", "/no-such-page",
    # a partial result ("I don't know"), with its form for the missing figure
    "/result?city=chongqing&status=retired&age=68&dk=credit_before&n_primary=12&c_primary=100",
]


def with_query(url: str, extra: str) -> str:
    return url + ("&" if "?" in url else "?") + extra


def switch(page: str, name: str) -> str:
    return html.unescape(re.search(rf'<a class="header__{name}" href="([^"]*)"', page).group(1))


def query_of(href: str) -> dict:
    return dict(parse_qsl(urlsplit(href).query))


@pytest.mark.parametrize("modes", [HIGH, BOTH])
@pytest.mark.parametrize("url", PAGES)
def test_every_link_and_form_on_a_high_contrast_page_keeps_the_keys(client, url, modes):
    response = client.get(with_query(url, modes))
    assert response.status_code in (200, 404)
    page = response.content.decode()
    assert page.count("css/high-contrast") == 1
    hrefs, forms = links_and_forms(page)
    hrefs = [h for h in hrefs if not h.startswith(("#", "data:"))]
    assert hrefs
    # only the switch back to standard contrast drops contrast=high; it keeps the text size and the answers
    assert [h for h in hrefs if query_of(h).get("contrast") != "high"] == [switch(page, "contrast")]
    assert query_of(switch(page, "contrast")) == {k: v for k, v in query_of(switch(page, "size")).items()
                                                  if k not in ("contrast", "size")} | (
        {"size": "large"} if modes == BOTH else {})
    assert all('<input type="hidden" name="contrast" value="high">' in form for form in forms)
    if modes == BOTH:
        assert "css/large-text" in page
        assert [h for h in hrefs if query_of(h).get("size") != "large"] == [switch(page, "size")]
        assert all('<input type="hidden" name="size" value="large">' in form for form in forms)
        # the large-text sheet first, so that the high-contrast one wins where both set a colour
        assert page.index("css/large-text") < page.index("css/high-contrast")


@pytest.mark.parametrize("url", ["/", f"/result?{CQ_FAMILY}", "/desk", "/en/city?size=large"])
def test_a_standard_contrast_page_loads_no_high_contrast_and_offers_the_switch(client, url):
    page = client.get(url).content.decode()
    assert "high-contrast" not in page and 'name="contrast"' not in page
    assert (">High contrast<" if url.startswith("/en/") else ">高对比度<") in page
    assert query_of(switch(page, "contrast"))["contrast"] == "high"
    assert query_of(switch(page, "contrast")).get("size") == ("large" if "size=large" in url else None)


def test_the_switches_read_in_both_languages(client):
    assert ">标准对比度<" in client.get("/?contrast=high").content.decode()
    english = client.get("/en/?contrast=high&size=large").content.decode()
    assert ">Standard contrast<" in english and ">Standard text<" in english
    assert switch(english, "contrast") == "/en/?size=large" and switch(english, "size") == "/en/?contrast=high"


@pytest.mark.parametrize("value", ["", "yes", "HIGH", "low", "high2", "1"])
def test_only_high_is_a_contrast(client, value):
    page = client.get(f"/person?city=chongqing&contrast={value}").content.decode()
    assert "css/high-contrast" not in page and 'name="contrast"' not in page
    assert '<a class="header__contrast" href="/person?city=chongqing&amp;contrast=high"' in page
    # The header's three switches keep the query as it came, apart from their own key; every other link drops it.
    header = {switch(page, name) for name in ("contrast", "size", "lang")}
    assert [h for h in links_and_forms(page)[0] if "contrast" in h and h not in header] == []
    assert "contrast" not in read_answers(QueryDict(f"city=chongqing&contrast={value}"))


def test_the_last_value_of_a_repeated_key_counts_and_spaces_are_trimmed(client):
    assert "contrast" not in read_answers(QueryDict("contrast=high&contrast=low"))
    assert read_answers(QueryDict("contrast=%20high%20"))["contrast"] == "high"
    assert "css/high-contrast" in client.get("/city?contrast=%20high%20").content.decode()
    assert "css/high-contrast" not in client.get("/city?contrast=high&contrast=low").content.decode()


def test_a_redirect_keeps_both_keys(client):
    # the result asked before the person's answers: sent to the first question, the modes still on
    response = client.get(f"/result?city=chongqing&{BOTH}")
    assert response.status_code == 302
    assert {"contrast": "high", "size": "large"}.items() <= query_of(response["Location"]).items()
    page = follow(client, response["Location"]).content.decode()
    assert "css/high-contrast" in page and "css/large-text" in page


def test_both_keys_are_dropped_nowhere_through_a_whole_walk_through(client):
    page = client.get(f"/?{BOTH}").content.decode()
    start = re.search(r'class="button button--start" href="([^"]*)"', page).group(1)
    page = client.get(html.unescape(start)).content.decode()
    for answers in [{"city": "chongqing"}, {"status": "retired", "age": "62"}, {"credit_before": "2525"},
                    {"n_primary": "10", "c_primary": "120"}]:
        response = submit(client, page, answers)
        assert response.status_code == 302
        assert {"contrast": "high", "size": "large"}.items() <= query_of(response["Location"]).items()
        page = client.get(response["Location"]).content.decode()
        assert "css/high-contrast" in page and "css/large-text" in page
    result = next(h for h in links_and_forms(page)[0] if h.startswith("/result?"))
    page = follow(client, result).content.decode()
    assert "css/high-contrast" in page and "改革前后对比" in page
    assert {"contrast": "high", "size": "large"}.items() <= query_of(
        html.unescape(re.search(r'<a class="back-link" href="([^"]*)"', page).group(1))).items()


def test_the_desk_keeps_the_keys_in_its_form_and_its_new_caller_link(client):
    page = client.get(f"/desk?{CQ_FAMILY}&{BOTH}").content.decode()
    form = re.search(r'<form id="desk-form".*?</form>', page, re.S).group(0)
    assert '<input type="hidden" name="contrast" value="high"><input type="hidden" name="size" value="large">' in form
    assert re.search(r'<a class="button button--secondary" href="/desk\?contrast=high&amp;size=large"', form)
    standard = client.get(f"/desk?{CQ_FAMILY}").content.decode()
    assert re.search(r'<a class="button button--secondary" href="/desk"', standard)


@pytest.mark.parametrize("url", [f"/result?{CQ_FAMILY}", f"/en/result?{ZZ_RETIREE}", f"/compare?{CQ_FAMILY}"])
def test_the_mode_is_not_an_answer_the_figures_are_the_same(client, url):
    shown, plain = (re.sub(r"\s+", " ", text(client.get(u))) for u in (with_query(url, HIGH), url))
    # The page's own link (the reproduce link, printed in full) keeps the mode, as it keeps the text size.
    assert ("&amp;contrast=high " in shown) == ("/result?" in url)
    assert shown.replace("标准对比度", "高对比度").replace("Standard contrast", "High contrast").replace(
        "&amp;contrast=high ", " ") == plain
    journey = Journey(QueryDict(with_query(url, BOTH).split("?", 1)[1]), "zh")
    assert journey.answers.values["contrast"] == "high"
    assert "contrast" not in str(journey.scenario()) and "high" not in str(journey.scenario())


def test_the_display_keys_are_one_table():
    assert display.MODES == {"size": "large", "contrast": "high"}
    assert display.modes_on(QueryDict("size=large&contrast=high&city=x")) == (("contrast", "high"), ("size", "large"))
    assert display.modes_on(QueryDict("size=big&contrast=high")) == (("contrast", "high"),)
    # the large-text names keep their meaning
    assert context.is_large(QueryDict("size=large")) and not context.is_large(QueryDict("size=huge"))
    assert context.large_links("zh-hans")["city"] == "/city?size=large"
    assert context.display_links("en", "contrast=high&size=large")["result"] == "/en/result?contrast=high&size=large"
    assert context.display_links("zh-hans", "") is context.links("zh-hans")


@pytest.mark.parametrize("query", [
    "", "s=city", "city=chongqing&s=person&age=62", "size=large", "contrast=high&size=large&city=zaozhuang",
    "size=huge&contrast=high&zz=1&a=%26%3D", "contrast=low&contrast=high&size=large&size=large", "sizes=1&contrasts=2",
    "c_primary=100&city=chongqing&contrast=high&credit_before=2400&n_primary=3&year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94",
])
def test_each_switch_is_the_query_sorted_with_its_own_key_turned_the_other_way(rf, query):
    """The switches encode the answers once between them; each must read as if written on its own (the large-text
    switch's old way): every other pair kept and sorted, "s" left out, its key added or taken away."""
    from urllib.parse import urlencode
    request = rf.get(f"/check?{query}")
    on = {key: key in dict(display.modes_on(request.GET)) for key in display.MODES}
    urls = display.switch_urls(request, on)
    for key, value in display.MODES.items():
        pairs = [(k, v) for k, values in request.GET.lists() for v in values if k not in (key, "s")]
        expected = urlencode(sorted(pairs + ([] if on[key] else [(key, value)])))
        assert urls[key] == "/check" + (f"?{expected}" if expected else "")
    assert context.size_switch_url(request, on["size"]) == urls["size"]
