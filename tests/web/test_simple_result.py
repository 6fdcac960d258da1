"""The result's simple version (简明版; a tester found the large-text result 36 phone screens tall).

/result?…&view=simple shows the heading, the verdict, the Q&A table with its family sums, "Please note" and
the reproduce link, with the change and start-again links and a link back to the full result; the full
result links to it right after its verdict. The key is a display choice, not an answer: the size and
language switches keep it, the links made from the answers never carry it (estimator.result_view)."""
import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

from policies import load_cities
from policies.messages import say

from .test_english_citations import chinese_left_over

HERE = Path(__file__).parent
ZZ_FAMILY = ("city=zaozhuang&status=retired&age=65&credit_before=2400&credit_after=1800&n_primary=12&c_primary=100"
             "&n_secondary=2&c_secondary=800&fam_med=800")            # the tester's case, 28,505 px in large text
CQ_FAMILY = ("city=chongqing&status=in_service&age=32&base=5000&n_tertiary=1&c_tertiary=3000"
             "&fam_res=380&fam_res_m=1&fam_med=800&fam_med_m=3")
# A Zaozhuang retiree whose year table takes their 2022 credit (estimator.year_credits): the main table does not.
ZZ_YEAR_CREDIT = ("city=zaozhuang&year=2024&status=retired&age=65&credit_before=2400&p_average_pension=3000"
                  "&n_primary=6&c_primary=300&cy_2022=2000")
# A Zhenjiang retiree with cash after the reform: the full page adds the serious-illness refund's line.
ZJ_RETIREE = "city=zhenjiang&status=retired&age=70&pension=4000&n_tertiary=20&c_tertiary=1500"
# A Chongqing retiree whose visits leave them worse off ("互助共济" in the English verdict).
CQ_WORSE = "age=62&c_primary=100&city=chongqing&credit_before=2525&n_primary=1&status=retired"


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def main(body: str) -> str:
    return body[body.index('<main id="main"'):body.index("</main>")]


def hrefs(fragment: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'<a [^>]*href="([^"]*)"', fragment)]


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def shown(body: str) -> dict[str, str]:
    """What both versions show, each part as its HTML (or "" where the page has none)."""
    def part(pattern):
        found = re.search(pattern, body, re.S)
        return found.group(found.lastindex or 0) if found else ""
    return {"heading": part(r'<h1 class="heading">.*?</h1>'),
            "verdict": part(r'<div class="panel" id="verdict"[^>]*>.*?</div>'),
            "dropped": part(r'<div class="inset" role="note">.*?</div>'),
            "table": part(r'<table class="table table--qa">.*?</table>'),
            "family_note": part(r'<p class="hint" id="table-family">.*?</p>'),
            "family_sums": part(r'<ul class="list list--sums" id="table-family-sums">.*?</ul>'),
            "warnings": part(r'<div class="warning" role="note">.*?</div>'),
            "answers": part(r'<section class="print-only".*?</section>'),
            "refund": part(r'<p class="inset" id="serious-illness">.*?(?:¥|−¥)[\d,]+'),      # its words differ
            # the same link, as a browser reads it (a hand-made link's "1,000" comes back as "1%2C000")
            "reproduce": parse_qsl(urlsplit(html.unescape(part(r'<p class="reproduce"><a href="([^"]*)"'))).query,
                                   keep_blank_values=True),
            "change": part(r'<a href="[^"]*">(?:修改回答|Change your answers)</a> · <a [^>]*>(?:重新开始|Start again)</a>')}


def simple_link(body: str) -> str:
    return html.unescape(re.search(r'<p class="no-print" id="other-version"><a href="([^"]*)">', body).group(1))


# ---- the link to it, and back ------------------------------------------------------------------------------

def test_the_full_result_offers_the_simple_version_right_after_its_verdict(client):
    body = get(client, f"/result?{ZZ_FAMILY}")
    link = simple_link(body)
    assert body.index('id="verdict"') < body.index('id="other-version"') < body.index('<table class="table table--qa">')
    assert ">只看结论和表格（简明版）</a>" in body
    assert urlsplit(link).path == "/result" and query(link) == {**query(f"?{ZZ_FAMILY}"), "view": "simple"}
    english = get(client, f"/en/result?{ZZ_FAMILY}")
    assert ">Show only the answer and the table (simple version)</a>" in english
    assert urlsplit(simple_link(english)).path == "/en/result"


def test_the_simple_version_links_back_to_the_same_full_result(client):
    body = get(client, f"/result?{ZZ_FAMILY}&view=simple")
    full = [html.unescape(h) for h in re.findall(r'<a href="([^"]*)"[^>]*>看完整结果和计算过程</a>', body)]
    assert len(full) == 2                         # after the verdict, and where the working would begin
    assert all(urlsplit(h).path == "/result" and query(h) == query(f"?{ZZ_FAMILY}") for h in full)
    assert body.index('id="verdict"') < body.index("看完整结果和计算过程") < body.index("table--qa")
    assert body.index('class="warning"') < body.rindex("看完整结果和计算过程") < body.index('class="reproduce"')


# ---- what it shows, and what it leaves out -----------------------------------------------------------------

def test_the_simple_version_shows_the_answer_the_table_and_what_they_rest_on(client):
    body = get(client, f"/result?{ZZ_FAMILY}&view=simple")
    assert "<title>您的结果（简明版） – " in body and '<p class="caption">简明版</p>' in body
    assert "<h1 class=\"heading\">您在枣庄市一年的门诊费用：改革前后对比</h1>" in body
    assert "今年改革让您和家人合算了 ¥900。" in body
    assert '<caption class="table__caption" id="table-caption">全年情况（单位：元。' in body
    assert "<li>2023 年：个人账户计入 ¥1,800 − 个人账户支付 ¥1,133 − 为家人支付 ¥667 = 个账结余 ¥0。</li>" in body
    # "Please note", whole sentences: the family's before column and the person's own credits.
    warning = shown(body)["warnings"]
    assert "<h2 class=\"heading heading--s\">请注意</h2>" in warning
    assert f"<li>{say('warn_family_before_reading', 'zh')}</li>" in warning
    assert "<li>以下数字由您提供，不是来自公开文件：改革前个人账户划入、改革后个人账户划入</li>" in warning
    assert '<h2 class="heading heading--m" id="answers-title">您填写的情况</h2>' in body   # printed with it
    assert f'<p class="reproduce"><a href="http://testserver/result?{ZZ_FAMILY.replace("&", "&amp;")}"' in body
    assert ">修改回答</a> · <a " in body and ">重新开始</a>" in body


@pytest.mark.parametrize("answers", [ZZ_FAMILY, CQ_FAMILY, ZJ_RETIREE, ZZ_YEAR_CREDIT])
def test_the_simple_version_leaves_out_the_chart_the_steps_and_the_rest(client, answers):
    full, simple = get(client, f"/result?{answers}"), get(client, f"/result?{answers}&view=simple")
    gone = {"chart": '<section class="breakeven"', "steps": '<ol class="steps">', "working": ">计算过程</h2>",
            "unchanged": ">哪些没有变</h2>", "compare": 'id="compare-link"', "years": 'id="years"',
            "family": 'id="family"'}
    for what, mark in gone.items():
        assert mark not in simple, what
    assert all(mark in full for what, mark in gone.items() if what in ("chart", "steps", "working", "compare"))
    assert ('id="years"' in full) == (answers in (ZZ_FAMILY, ZZ_YEAR_CREDIT, ZJ_RETIREE))


def test_a_serious_illness_refund_stays_under_the_table(client):
    # Thousands of yuan back on a costly year's cash: part of the answer, so the simple version keeps the line,
    # saying where its working is.
    full, simple = get(client, f"/result?{ZJ_RETIREE}"), get(client, f"/result?{ZJ_RETIREE}&view=simple")
    amount = re.search(r'id="serious-illness">职工大病保险还可能从您改革后付的现金中报销约 (¥[\d,]+)。这笔钱不计入上表，'
                       r'怎么算的见下面的“计算过程”。</p>', full).group(1)
    assert (f'<p class="inset" id="serious-illness">职工大病保险还可能从您改革后付的现金中报销约 {amount}。'
            "这笔钱不计入上表，怎么算的请看完整结果。</p>") in simple
    assert simple.index("table--qa") < simple.index('id="serious-illness"') < simple.index('class="warning"')


def test_without_the_family_section_the_table_does_not_point_below(client):
    # The person's own visits emptied the account before the family's December costs: no sums line, a hint.
    answers = ("city=chongqing&status=retired&age=68&credit_before=3000&n_secondary=10&c_secondary=2800"
               "&fam_med=500&fam_med_m=12")
    full, simple = get(client, f"/result?{answers}"), get(client, f"/result?{answers}&view=simple")
    assert '<p class="hint">上表只算您本人；家人的花费见下文。</p>' in full
    assert '<p class="hint">上表只算您本人；家人的花费请看完整结果。</p>' in simple and "见下文" not in simple


def test_a_year_credit_only_the_year_table_uses_is_not_listed_as_used(client):
    # The full page lists the 2022 credit among the person's own figures: its year table uses it. The simple
    # version shows no year table, so its figures do not rest on it.
    full, simple = get(client, f"/result?{ZZ_YEAR_CREDIT}"), get(client, f"/result?{ZZ_YEAR_CREDIT}&view=simple")
    assert "2022 年" in shown(full)["warnings"] and "2022 年" not in shown(simple)["warnings"]
    assert "改革前个人账户划入" in shown(simple)["warnings"]


def test_it_works_out_nothing_it_does_not_show(client, monkeypatch):
    """No break-even search, no steps' sentences, no year table, no year-credit boxes: each would fail here."""
    def fails(*args, **kwargs):
        raise AssertionError("worked out for a page that does not show it")
    monkeypatch.setattr("estimator.presenters.break_even", fails)
    monkeypatch.setattr("estimator.presenters.year_by_year", fails)
    monkeypatch.setattr("estimator.views.credits_context", fails)
    monkeypatch.setattr("policies.steps.Notes.render", fails)
    for answers in (ZZ_FAMILY, ZZ_YEAR_CREDIT, ZJ_RETIREE):
        assert "table--qa" in get(client, f"/result?{answers}&view=simple")
    with pytest.raises(AssertionError):
        client.get(f"/result?{ZZ_FAMILY}")


# ---- the same figures as the full page, in every city -------------------------------------------------------

def saved_links_by_city() -> dict[str, list[str]]:
    links = [entry["link"] for entry in json.loads((HERE / "data" / "saved_links.json").read_text())]
    return {city: [link for link in links if query(link)["city"] == city] for city in load_cities()}


@pytest.mark.parametrize("city", sorted(load_cities()))
def test_every_figure_it_shows_is_the_full_pages(client, city):
    links = saved_links_by_city()[city]
    assert len(links) >= 15
    family = [f"/result?{a}" for a in (ZZ_FAMILY, CQ_FAMILY, ZJ_RETIREE, ZZ_YEAR_CREDIT) if f"city={city}&" in a]
    # Every second saved link (some are English) and the cases above, and in English every fourth and the cases.
    english = [link if link.startswith("/en/") else f"/en{link}" for link in links[1::4] + family]
    for url in dict.fromkeys(links[::2] + family + english):
        url = quote(url, safe="/?&=,%")          # as a browser sends a link typed with "６２" or "元" in it
        full, simple = get(client, url), get(client, f"{url}&view=simple")
        assert shown(simple)["verdict"] and shown(simple)["table"]
        if url.endswith(ZZ_YEAR_CREDIT):         # the year table's own figure (below) apart, the same
            assert {k: v for k, v in shown(simple).items() if k != "warnings"} == \
                {k: v for k, v in shown(full).items() if k != "warnings"}
            continue
        assert shown(simple) == shown(full), url


# ---- the key: kept by the switches, never by the answers' links ---------------------------------------------

def test_the_size_and_language_switches_keep_it(client):
    body = get(client, f"/result?{ZZ_FAMILY}&view=simple")
    size = html.unescape(re.search(r'<a class="header__size" href="([^"]*)"', body).group(1))
    lang = html.unescape(re.search(r'<a class="header__lang" href="([^"]*)"', body).group(1))
    assert query(size)["view"] == "simple" and query(size)["size"] == "large"
    assert urlsplit(lang).path == "/en/result" and query(lang)["view"] == "simple"
    large = get(client, size)
    assert "css/large-text" in large and '<p class="caption">简明版</p>' in large
    back = html.unescape(re.search(r'<a class="header__size" href="([^"]*)"', large).group(1))
    assert query(back)["view"] == "simple" and "size" not in query(back)
    assert '<p class="caption">Simple version</p>' in get(client, lang)


def test_the_answers_links_do_not_carry_it(client):
    """Change your answers, Back and the reproduce link open the full result's way: the same links as on the
    full page (a shared link opens the full result, which shows its working and offers the simple one)."""
    full, simple = get(client, f"/result?{ZZ_FAMILY}"), get(client, f"/result?{ZZ_FAMILY}&view=simple")
    carrying = [h for h in hrefs(main(simple)) if "view" in query(h)]
    assert carrying == []
    assert shown(simple)["reproduce"] == shown(full)["reproduce"] and shown(simple)["change"] == shown(full)["change"]
    back = re.search(r'<a class="back-link" href="([^"]*)"', simple).group(1)
    assert back == re.search(r'<a class="back-link" href="([^"]*)"', full).group(1)
    # on the full page only the link to the simple version carries it
    assert [h for h in hrefs(main(full)) if "view" in query(h)] == [simple_link(full)]


def test_a_question_page_or_the_check_page_reached_with_it_drops_it(client):
    for page in ("check", "visits"):
        body = main(get(client, f"/{page}?{ZZ_FAMILY}&view=simple"))    # (the header's switches keep any key)
        assert "view=" not in body and 'name="view"' not in body and "table--qa" not in body


def test_only_simple_is_a_version(client):
    for other in ("full", "SIMPLE", "", "simple2"):
        body = get(client, f"/result?{ZZ_FAMILY}&view={other}")
        assert '<p class="caption">简明版</p>' not in body and '<ol class="steps">' in body
        assert query(simple_link(body))["view"] == "simple"          # the link sets the one value, once
        assert simple_link(body).count("view=") == 1
    assert '<p class="caption">简明版</p>' in get(client, f"/result?{ZZ_FAMILY}&view=%20simple%20")


def test_htmx_swaps_in_the_simple_body_with_its_title(client):
    body = client.get(f"/result?{ZZ_FAMILY}&view=simple", headers={"HX-Request": "true"}).content.decode()
    assert body.startswith("<title>您的结果（简明版） – ") and "<html" not in body and "table--qa" in body


def test_the_partial_result_is_shown_as_it_is(client):
    # Out of scope: a result with a figure the person does not know is its own page (what can be worked out,
    # and boxes for the rest); the key changes nothing there.
    answers = "city=chongqing&status=retired&age=62&dk=credit_before&n_primary=2&c_primary=100"
    simple, full = main(get(client, f"/result?{answers}&view=simple")), main(get(client, f"/result?{answers}"))
    assert "目前能算出的部分</h1>" in simple and "简明版" not in simple
    assert simple.replace("&amp;view=simple", "") == full       # (the reproduce link is the page's own)


# ---- words --------------------------------------------------------------------------------------------------

def english_cases() -> list[str]:
    first = [links[0].split("?", 1)[1] for links in saved_links_by_city().values()]
    return first + [ZZ_FAMILY, CQ_FAMILY, ZJ_RETIREE, CQ_WORSE, ZZ_YEAR_CREDIT]


@pytest.mark.parametrize("answers", english_cases())
def test_the_english_simple_version_is_wholly_english(client, answers):
    body = get(client, f"/en/result?{answers}&view=simple")
    assert '<p class="caption">Simple version</p>' in body, body[:300]
    text = visible(main(body)) + " " + re.search(r"<title>(.*?)</title>", body).group(1)
    assert chinese_left_over(text) == []
    assert "See the full result and how we worked it out" in text
