"""Issue 12, "What people saw", items 4 to 8 and 10 (item 9, the Back button, is a browser test).

Each test failed on the code before the plain-Django rebuild."""
import re
from html import unescape
from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies import load_cities
from policies.scenario import MAX_COUNT, MAX_ENTRIES

CITIES = load_cities()
CQ = "city=chongqing&status=retired&age=62&credit_before=2525"
PAGES = ["city", "person", "money", "visits", "figures", "check", "result", "compare", "desk"]
MANY = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def land(client, url: str, limit: int = 2):
    """Follow redirects as a browser would, at most `limit` of them; the page it lands on."""
    response = client.get(url)
    hops = 0
    while response.status_code in (301, 302, 303, 307, 308):
        hops += 1
        assert hops <= limit, f"more than {limit} redirects from {url}"
        response = client.get(response["Location"])
    return response


# ---- 4. a half-filled visit row is an error naming the missing half -------------------------

@pytest.mark.parametrize("row, message", [
    ("c_secondary=2800", "请填写在二级医疗机构的就诊次数"),
    ("n_secondary=2", "请填写在二级医疗机构每次的费用"),
    ("sp_c=500", "请填写特病等门诊的次数"),
])
def test_a_half_filled_visit_row_is_an_error_naming_the_missing_half(client, row, message):
    response = client.get(f"/visits?{CQ}&{row}&s=visits")
    assert response.status_code == 200
    assert message in visible_text(response.content.decode())


def test_a_cost_without_a_count_is_not_silently_dropped_from_the_result(client):
    # Before: the verdict flipped from "合算 ¥625" to "吃亏 ¥1,265" with the 2800 ignored.
    response = client.get(f"/result?{CQ}&c_secondary=2800")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/visits" and "s=visits" in target.query
    assert "请填写在二级医疗机构的就诊次数" in visible_text(client.get(response["Location"]).content.decode())


# ---- 5. no redirect loops; answers the city cannot use are dropped, saying so ----------------

@pytest.mark.parametrize("query, sentence", [
    ("city=xian&status=in_service&age=40&base=5000&credit_before=1000&ph_n=2&ph_c=100&ph_lv=primary",
     "链接里有些回答不适用于西安市，已略去：凭外配处方在药店购药"),
    ("city=henan-draft&status=in_service&age=40&base=5000&credit_before=1000&ph_n=2&ph_c=100",
     "链接里有些回答不适用于河南某市（征求意见稿），已略去"),
    ("city=zaozhuang&status=in_service&age=40&base=5000&credit_before=3000&enrolment=individual_tier1", "已略去：参保方式"),
    (f"{CQ}&p_no_such_figure=5&n_secondary=1&c_secondary=2800", "已略去：该市不使用的参数"),
])
@pytest.mark.parametrize("page", ["result", "check", "visits"])
def test_answers_the_city_cannot_use_are_dropped_with_a_sentence(client, query, sentence, page):
    response = land(client, f"/{page}?{query}")
    assert response.status_code == 200
    assert sentence in visible_text(response.content.decode())


@pytest.mark.parametrize("typed", ["6 2", "62元", "６２"])
def test_an_age_the_form_accepts_is_an_age_the_engine_accepts(client, typed):
    response = land(client, "/result?" + urlencode({"city": "chongqing", "status": "retired", "age": typed,
                                                    "credit_before": "2525", "n_secondary": "1",
                                                    "c_secondary": "2800"}), limit=0)
    assert "年龄都按 62 岁" in visible_text(response.content.decode())


def test_a_count_with_a_thousands_comma_is_understood_or_named(client):
    # "1,000" is 1000 visits: allowed (MAX_COUNT), but more than a year holds with the others.
    response = land(client, f"/result?{CQ}&n_primary=1,000&c_primary=10")
    assert response.status_code == 200


def test_the_form_and_the_engine_share_the_count_limit(client):
    ok = land(client, f"/result?{CQ}&n_primary={MAX_COUNT}&c_primary=10", limit=0)
    assert ok.status_code == 200 and "table--qa" in ok.content.decode()
    response = land(client, f"/result?{CQ}&n_primary={MAX_COUNT + 1}&c_primary=10", limit=1)
    assert f"不能大于 {MAX_COUNT}" in visible_text(response.content.decode())


def test_more_visit_blocks_than_the_engine_takes_is_an_error_on_the_visits_page(client):
    many = MAX_ENTRIES // 2 + 50           # two kinds alternating: more than MAX_ENTRIES blocks
    response = land(client, f"/result?{CQ}&n_primary={many}&c_primary=10&n_secondary={many}&c_secondary=20")
    body = visible_text(response.content.decode())
    assert response.status_code == 200 and urlsplit(response.request["PATH_INFO"]).path == "/visits"
    assert "就诊记录太多，无法逐次分布到全年" in body


KEYS = ["city", "status", "enrolment", "sector", "age", "birth_month", "year", "base", "pension", "credit_before",
        "credit_after", "opening", "n_primary", "c_primary", "n_secondary", "c_secondary", "n_tertiary", "c_tertiary",
        "n_other", "c_other", "sp_n", "sp_c", "sp_o", "sp_lv", "ph_n", "ph_c", "ph_lv", "aw_n", "aw_c", "aw_lv",
        "p_deductible.in_service", "p_deductible.retired", "p_cap.in_service", "p_ratio.in_service.secondary",
        "p_nonsense", "p_reform_start_month", "s", "r"]
values = st.one_of(
    st.sampled_from(["", "0", "1", "2", "62", "6 2", "62元", "1,000", "３", "-1", "abc", "None", "%%", "1e400", "NaN",
                     "2022", "2024", "2031", "999", "5000", "2800.50", "12.345", "check", "city", "person", "money",
                     "visits", "figures"]),
    st.sampled_from(sorted(CITIES) + ["atlantis", "in_service", "retired", "employer", "flexible",
                                      "individual_tier1", "enterprise", "institution", "primary", "secondary",
                                      "other", "tertiary_provincial_a"]),
    st.integers(-5, 5000).map(str),
    st.text(max_size=8),
)
queries = st.lists(st.tuples(st.sampled_from(KEYS), values), max_size=4)


LOOPS = settings(max_examples=200, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@LOOPS
@given(page=st.sampled_from(PAGES[:-2]), language=st.sampled_from(["", "/en"]), answers=st.deferred(lambda: scenarios()),
       edits=queries)
def test_any_query_lands_on_a_200_within_two_redirects(client, page, language, answers, edits):
    """A person's answers, then a few edits of any key to any value (as a hand-edited link would have)."""
    response = land(client, f"{language}/{page}?{urlencode(list(answers.items()) + edits)}")
    assert response.status_code == 200


# ---- 6 and 7. words for people: no internal names; English pages wholly English --------------

INTERNAL = re.compile(r"params\.|account_credit|monthly_base|monthly_pension|opening_balance|retiree_sector|"
                      r"other_scheme_paid|visits\[|\[seed|\.txt|%%|\bNone\b|\b[a-z]+_[a-z_]+\b")


@st.composite
def scenarios(draw):
    """A person's answers for one city, as a link carries them: mostly sensible, sometimes not."""
    city = CITIES[draw(st.sampled_from(sorted(CITIES)))]
    status = draw(st.sampled_from(["in_service", "retired"]))
    q = {"city": city.id, "status": status, "age": str(draw(st.integers(20, 95)))}
    if draw(st.booleans()):
        q["base" if status == "in_service" else "pension"] = str(draw(st.integers(1000, 20000)))
    if draw(st.booleans()):
        q["credit_before"] = str(draw(st.integers(0, 4000)))
    if city.retiree_sectors and status == "retired":
        q["sector"] = draw(st.sampled_from(city.retiree_sectors))
    if draw(st.booleans()):
        q["enrolment"] = draw(st.sampled_from(city.enrolments))
    for level in draw(st.lists(st.sampled_from(city.levels), max_size=3, unique=True)):
        q[f"n_{level}"] = str(draw(st.integers(0, 20)))
        q[f"c_{level}"] = draw(st.sampled_from(["99.99", "500", "2800", ""]))
    if draw(st.booleans()):
        cost = draw(st.integers(1, 800))
        q.update(sp_n=str(draw(st.integers(1, 6))), sp_c=str(cost), sp_o=str(draw(st.integers(0, cost))))
    if city.id == "xian" and draw(st.booleans()):
        q.update({f"p_deductible.{status}": "300", f"p_cap.{status}": "2000"})
        q.update({f"p_ratio.{status}.{lv}": "60" for lv in city.levels})
    return q


def people_text(html: str) -> str:
    """What a person reads, less citations (document titles in 《》 and their article numbers)."""
    html = re.sub(r'<a [^>]*lang="zh-Hans"[^>]*>.*?</a>', " ", html)          # the "中文" link
    # The reproduce link is shown as an address to copy; its keys are the link's, not words.
    html = re.sub(r'<p class="reproduce">.*?</p>|<textarea[^>]*>.*?</textarea>', " ", html, flags=re.S)
    return visible_text(html)


def chinese_outside_citations(text: str) -> list[str]:
    found = []
    for part in re.split(r"(?:Source:|\s{2,})", text):
        if "《" in part or "〔" in part:
            continue                          # a citation: the document's own title, number and article
        part = re.sub(r"（[^）]*）|\([^)]*\)", " ", part)                       # terms in brackets are fine
        found += re.findall(r"[\u3400-\u9fff，。；：、]{2,}", part)
    return found


@MANY
@given(answers=scenarios(), page=st.sampled_from(PAGES))
def test_no_internal_name_reaches_a_person_in_either_language(client, answers, page):
    for language in ("", "/en"):
        response = land(client, f"{language}/{page}?{urlencode(answers)}")
        assert response.status_code == 200
        text = people_text(response.content.decode())
        assert not INTERNAL.search(text), (INTERNAL.search(text).group(0), text[:2000])


@MANY
@given(answers=scenarios(), page=st.sampled_from(PAGES))
def test_english_pages_are_wholly_english(client, answers, page):
    response = land(client, f"/en/{page}?{urlencode(answers)}")
    html = response.content.decode()
    text = people_text(re.sub(r'<(span|p) class="source">.*?</\1>', " ", html, flags=re.S))
    assert chinese_outside_citations(text) == [], text[:2000]


@pytest.mark.parametrize("url, english", [
    ("/en/money?city=zaozhuang&status=in_service&age=40&base=5000&s=money", "Enter the account credit in 2021 (the year before the reform)"),
    ("/en/visits?city=chongqing&status=retired&age=62&credit_before=1&n_primary=1&s=visits",
     "Enter the cost of a visit at"),
    ("/en/check?city=chongqing&status=retired&age=62&credit_before=1&n_primary=1&c_primary=10", "1 visit × ¥10"),
    ("/en/desk?city=zaozhuang&status=in_service&age=40&base=5000", "Enter the account credit in 2021 (the year before the reform)"),
])
def test_english_messages_are_built_in_english(client, url, english):
    text = people_text(client.get(url).content.decode())
    assert english in text and not chinese_outside_citations(text)


# ---- 8. the step count is known from the city, and stays ------------------------------------

def test_the_first_question_does_not_say_of_0_steps(client):
    text = visible_text(client.get("/city").content.decode())
    assert "共 0 步" not in text and "第 1 步，共 4 步（如果所在城市的文件缺少一些数字需要您填写，共 5 步）" in text


@pytest.mark.parametrize("city, total", [("chongqing", 4), ("zaozhuang", 4), ("zhenjiang", 4), ("xian", 5),
                                         ("henan-draft", 4)])
def test_the_step_count_is_known_from_the_city_and_never_changes(client, city, total):
    answers = f"city={city}&status=in_service&age=40&base=5000&credit_before=1000"
    seen = set()
    for number, step in enumerate(["city", "person", "money", "visits"] + (["figures"] if total == 5 else []), 1):
        text = visible_text(client.get(f"/{step}?{answers}").content.decode())
        seen.add(re.search(r"第 \d+ 步，共 (\d+) 步", text).group(1))
        assert f"第 {number} 步" in text
    assert seen == {str(total)}


# ---- 10. site-styled 404 and 500 pages, in the page's language, with a way home --------------

@pytest.mark.parametrize("url, words, home", [("/no-such-page", "找不到这个页面", 'href="/"'),
                                              ("/en/no-such-page", "Page not found", 'href="/en/"')])
def test_page_not_found_is_the_sites_own_in_its_language(client, url, words, home):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert words in visible_text(html) and home in html and 'class="header"' in html
    assert "Not Found" not in html or words == "Page not found"


@pytest.mark.parametrize("url, words, home", [("/result?city=chongqing", "抱歉，服务出了问题", 'href="/"'),
                                              ("/en/result?city=chongqing", "Sorry, there is a problem", 'href="/en/"')])
def test_a_server_error_is_the_sites_own_page_in_its_language(client, monkeypatch, url, words, home):
    from estimator import urls

    def broken(request):
        raise RuntimeError("a fault for the test")
    for pattern in urls.urlpatterns[-1].url_patterns:
        if pattern.name == "result":
            monkeypatch.setattr(pattern, "callback", broken)
    client.raise_request_exception = False
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 500
    assert words in visible_text(html) and home in html and 'class="header"' in html


def test_the_sentence_about_answers_left_out_survives_a_redirect(client):
    # Xi'an cannot use a pharmacy purchase; the money page still needs the credit after: one redirect.
    response = client.get("/en/visits?city=xian&status=retired&age=70&credit_before=1000&ph_n=2&ph_c=100&s=visits")
    assert response.status_code == 302 and "/en/money?" in response["Location"]
    text = visible_text(client.get(response["Location"]).content.decode())
    assert "Some answers in this link do not apply in Xi'an and were left out: pharmacy purchases" in text
