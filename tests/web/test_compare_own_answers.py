"""The comparison across cities asks the person's own answers that other cities need (QA 4, finding 7).

A Chongqing retiree is never asked their pension or where they retired from: Chongqing's rules use
neither. Zhenjiang and Xi'an credit a retiree's account from the pension, and the Henan draft by where
they retired from, so the comparison was a dead end. It now has a box for each, checked as the money and
person pages check them, and says which figures no source gives and which answers it waits for."""
import html
import re
from urllib.parse import parse_qsl

import pytest

CQ = ("city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100"
      "&n_secondary=2&c_secondary=800")
CITIES = ("chongqing", "zaozhuang", "zhenjiang", "xian", "henan-draft")
CJK = re.compile(r"[\u3400-\u9fff]")
GLOSS = re.compile(r" ?\([\u3400-\u9fff]+\)")          # an English term's Chinese name in brackets: "deductible (起付标准)"


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def cards(body: str) -> dict[str, str]:
    """Each city's card on the compare page, as HTML."""
    found = {}
    for city in CITIES:
        start = body.index(f'<section class="city-card" aria-labelledby="city-{city}">')
        found[city] = body[start:body.index("</section>", start)]
    return found


def own_form(body: str) -> str:
    return re.search(r'<form method="get" action="/(?:en/)?compare" novalidate id="own-answers".*?</form>', body,
                     re.S).group(0)


def hidden(form: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))


def listed(card: str, heading: str) -> list[str]:
    """The items of the list under a card's sentence (empty if the card does not say it)."""
    match = re.search(re.escape(heading) + r'</p>\s*<ul class="list">(.*?)</ul>', card, re.S)
    return [visible(item) for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)] if match else []


# ---- 1. the boxes -------------------------------------------------------------------------------

def test_a_chongqing_retiree_gets_a_box_for_the_pension_and_none_for_where_they_retired_from(client):
    """The pension gives Zhenjiang a result. Where they retired from would only tell the Henan draft which
    average pension to read, and the draft gives neither (nor the credit before): no box for it (QA5 finding 2)."""
    response = client.get(f"/compare?{CQ}")
    assert response.status_code == 200
    form = own_form(response.content.decode())
    assert '<label class="label" for="id_pension">基本养老金（元/月）</label>' in form      # the money page's label
    assert 'name="pension" type="text" value="" inputmode="decimal"' in form
    # Xi'an's rules use the pension too, but its document leaves out figures whatever the pension: not named.
    assert '<p class="hint" id="pension-hint">有了它，可以为您计算：镇江市。</p>' in form
    assert "如果已退休，您从哪类单位退休？" not in form and 'name="sector"' not in form
    # Every other answer travels with it, and nothing else: no "I don't know", no step sent.
    assert hidden(form) == dict(parse_qsl(CQ))
    assert "重新计算各个城市" in form


def test_a_link_that_holds_where_they_retired_from_keeps_its_box(client):
    """An answer the link already gives keeps its box, so that it can be seen and changed (or a bad one named),
    and its hint names the cities whose rules use it."""
    form = own_form(client.get(f"/compare?{CQ}&sector=enterprise").content.decode())
    assert 'id="id_sector_0" name="sector" type="radio" value="enterprise" checked' in form
    assert '<p class="hint" id="sector-hint">用到它的城市：河南某市（征求意见稿）。</p>' in form


def test_the_english_page_asks_in_english(client):
    form = own_form(client.get(f"/en/compare?{CQ}").content.decode())
    assert "Your basic pension, yuan a month" in form
    assert "With it we can work out: Zhenjiang." in form
    assert "Work out every city again" in form
    form = own_form(client.get(f"/en/compare?{CQ}&sector=institution").content.decode())
    assert "If you are retired, where did you retire from?" in form
    assert "The cities whose rules use it: a Henan city (draft for comment)." in form


def test_each_missing_answer_links_to_its_box(client):
    found = cards(client.get(f"/compare?{CQ}").content.decode())
    assert '<li><a href="#id_pension">月基本养老金</a></li>' in found["zhenjiang"]
    assert "还需要您的回答" not in found["xian"] and "还需要您的回答" not in found["henan-draft"]


def test_a_pension_given_there_makes_zhenjiang_show_its_table(client):
    body = client.get(f"/compare?{CQ}&pension=3000&sector=enterprise").content.decode()
    found = cards(body)
    zhenjiang = visible(found["zhenjiang"])
    assert "改革前 2022 ¥2,160 ¥2,800 ¥0 ¥2,160 ¥640 ¥0" in zhenjiang          # 3,000 × 12 × 6%
    assert "改革后 2023 ¥2,160 ¥2,800 ¥1,930 ¥870 ¥0 ¥1,290" in zhenjiang      # the same credit, 二（三）
    assert "还不能为您计算" not in zhenjiang
    # Xi'an no longer waits for the pension, only for what its document leaves out.
    assert listed(found["xian"], "还需要您的回答：") == []
    assert "退休人员的普通门诊起付标准（元/年）" in listed(found["xian"], "公开的政策文件没有给出：")
    # Where they retired from is used too: the Henan draft now needs only what the draft does not give.
    assert listed(found["henan-draft"], "还需要您的回答：") == []
    assert listed(found["henan-draft"], "公开的政策文件没有给出：") == ["改革前个人账户划入", "改革后个人账户划入"]
    # The boxes stay, holding what was given, so it can be changed.
    form = own_form(body)
    assert 'name="pension" type="text" value="3000"' in form and 'value="enterprise" checked' in form
    assert "pension" not in hidden(form) and "sector" not in hidden(form)


def test_the_english_page_works_it_out_too(client):
    zhenjiang = visible(cards(client.get(f"/en/compare?{CQ}&pension=3000").content.decode())["zhenjiang"])
    assert "Before the reform 2022 ¥2,160 ¥2,800 ¥0 ¥2,160 ¥640 ¥0" in zhenjiang


@pytest.mark.parametrize("typed, message", [
    ("abc", "基本养老金请填写金额（元），例如 3200 或 3200.50"),
    ("-5", "基本养老金不能小于 0"),
    ("3000.123", "基本养老金最多精确到分（两位小数）"),
])
def test_a_bad_pension_is_named_beside_its_box_and_the_rest_is_kept(client, typed, message):
    response = client.get(f"/compare?{CQ}&pension={typed}")
    assert response.status_code == 200                      # no redirect: the box is on this page
    body = response.content.decode()
    form = own_form(body)
    assert (f'<p class="error-message" id="pension-error"><span class="visually-hidden">错误：</span> {message}</p>'
            in form)
    assert f'value="{html.escape(typed)}"' in form and "input--error" in form      # what was typed, kept
    assert f'<a href="#id_pension">{message}</a>' in body                        # and in the summary
    assert hidden(form) == dict(parse_qsl(CQ))
    found = cards(body)
    assert "合算 ¥150" in visible(found["chongqing"])                            # the person's own city still works
    assert listed(found["zhenjiang"], "还需要您的回答：") == ["月基本养老金"]        # a bad figure is not used


def test_a_bad_choice_of_where_they_retired_from_is_named(client):
    response = client.get(f"/en/compare?{CQ}&sector=elsewhere")
    assert response.status_code == 200
    form = own_form(response.content.decode())
    assert '<span class="visually-hidden">Error:</span> Select where you retired from</p>' in form


def test_a_working_person_is_not_asked_a_pension(client):
    """A working person's base is asked in every city, and no city wants their pension or retiree sector."""
    body = client.get("/compare?city=chongqing&status=in_service&age=40&base=6000&credit_before=2400"
                      "&n_primary=2&c_primary=100").content.decode()
    assert 'id="own-answers"' not in body and 'name="pension"' not in body


def test_a_city_that_asks_the_pension_itself_offers_no_box_for_it(client):
    body = client.get("/compare?city=zhenjiang&status=retired&age=68&pension=3000&n_primary=2&c_primary=100"
                      ).content.decode()
    assert 'name="pension" type="text"' not in body
    # Nor for where they retired from: the Henan draft, which uses it, could not be worked out with it.
    assert 'id="own-answers"' not in body and 'name="sector" type="radio"' not in body


# ---- 2. what each city lacks, said precisely --------------------------------------------------

def test_each_city_says_which_figures_no_source_gives_and_which_answers_it_waits_for(client):
    found = cards(client.get(f"/compare?{CQ}").content.decode())
    lacks, waits = "公开的政策文件没有给出：", "还需要您的回答："
    # Zaozhuang: no source gives a retiree's credit, before or after.
    assert listed(found["zaozhuang"], lacks) == ["改革前个人账户划入", "改革后个人账户划入"]
    assert listed(found["zaozhuang"], waits) == []
    # Zhenjiang: its rules are all given; the credit after follows from the pension, so only the pension is missing.
    assert listed(found["zhenjiang"], lacks) == [] and lacks not in found["zhenjiang"]
    assert listed(found["zhenjiang"], waits) == ["月基本养老金"]
    assert "改革后个人账户划入" not in visible(found["zhenjiang"])
    # Xi'an: its framework document leaves out the retiree credit after the reform and the pooling figures, so
    # the pension (which its old credit uses) could not give it a result: it is not asked.
    assert listed(found["xian"], lacks) == [
        "改革后个人账户划入", "退休人员的普通门诊起付标准（元/年）", "退休人员在基层医疗机构（一级及以下）的统筹基金支付比例（%）",
        "退休人员在二级医疗机构的统筹基金支付比例（%）", "退休人员的普通门诊统筹年度最高支付限额（元/年）"]
    assert listed(found["xian"], waits) == [] and waits not in found["xian"]
    # The Henan draft: no source gives the old credit, nor either average pension the new one is a share of,
    # so it says both credits now, and does not ask where they retired from.
    assert listed(found["henan-draft"], lacks) == ["改革前个人账户划入", "改革后个人账户划入"]
    assert listed(found["henan-draft"], waits) == [] and waits not in found["henan-draft"]
    for city in ("zaozhuang", "zhenjiang", "xian", "henan-draft"):
        assert "还不能为您计算。" in visible(found[city])
    # Figures given for the person's own city still stay there.
    assert "您为自己城市填写的数字（已知的划入金额、该市未公布的数字）不用于其他城市。" in visible(
        client.get(f"/compare?{CQ}").content.decode())


def test_the_english_lists_are_wholly_english(client):
    body = client.get(f"/en/compare?{CQ}").content.decode()
    found = cards(body)
    assert listed(found["zhenjiang"], "It still needs your answer:") == ["Basic pension a month"]
    assert listed(found["zhenjiang"], "The published documents do not give:") == []
    assert listed(found["zaozhuang"], "The published documents do not give:") == [
        "Account credit before the reform", "Account credit after the reform"]
    for city in ("zaozhuang", "zhenjiang", "xian", "henan-draft"):
        card = visible(found[city][found[city].index("</h2>"):])
        assert "Cannot be worked out for you yet." in card and not CJK.search(GLOSS.sub("", card)), card
    assert not CJK.search(GLOSS.sub("", visible(own_form(body))))


# ---- 3. a card says first what its documents leave out, and asks only answers that give it a result --------

HOMES = [CQ,
         "city=zhenjiang&status=retired&age=68&pension=3000&n_primary=2&c_primary=100",
         "city=zaozhuang&status=retired&age=66&credit_before=1500&credit_after=1200&n_primary=4&c_primary=150",
         "city=chongqing&status=retired&age=75&credit_before=3600&n_tertiary=3&c_tertiary=900"]
ANSWERED = ["&pension=3000&sector=enterprise", "&pension=3000&sector=institution"]
LACKS = {"zh": "公开的政策文件没有给出：", "en": "The published documents do not give:"}
WAITS = {"zh": "还需要您的回答：", "en": "It still needs your answer:"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("home", HOMES)
def test_answering_never_adds_to_what_a_card_says_is_missing(client, home, lang):
    """Whatever the person answers in the boxes, no card learns only then that its documents leave a figure
    out (QA5 finding 2: the Henan card asked where they retired from, then named its credit after the reform
    as missing). And a card asks an answer only where answering gives it its table."""
    prefix = "/en" if lang == "en" else ""
    response = client.get(f"{prefix}/compare?{home}")
    assert response.status_code == 200
    first = cards(response.content.decode())
    given = [cards(client.get(f"{prefix}/compare?{home}{extra}").content.decode()) for extra in ANSWERED]
    home_city = dict(parse_qsl(home))["city"]
    for city in CITIES:
        if city == home_city:
            continue
        said = listed(first[city], LACKS[lang])
        asks = listed(first[city], WAITS[lang])
        for answered in given:
            if asks:
                # it asked: with the answers it has its table (or, if it still lacks a figure, that figure
                # was named before the answer)
                assert "city-card__verdict" in answered[city] or listed(answered[city], LACKS[lang]) == said, city
            else:
                assert listed(answered[city], LACKS[lang]) == said, city
        if said:
            assert not asks, city            # a card that cannot be worked out whatever is answered asks nothing


# ---- the person's own city is unaffected ------------------------------------------------------

def _without_links(body: str) -> str:
    body = re.sub(r'(href|action)="[^"]*"', "", body)
    body = re.sub(r'<input type="hidden"[^>]*>\s*', "", body)
    return re.sub(r"https?://testserver/[^<\s]*|/result\?[^<\s]*", "", body)


KEPT = {"zh": '<div class="inset" role="note"><p>重庆市的规则用不到基本养老金、退休前单位，只在比较各个城市时使用。</p></div>',
        "en": '<div class="inset" role="note"><p>Chongqing&#39;s rules do not use these answers, kept only to compare '
              'cities: your pension, where you retired from.</p></div>'}


@pytest.mark.parametrize("page", ["result", "check", "person", "money", "en/result"])
def test_the_own_citys_pages_are_the_same_with_the_answers_it_does_not_use(client, page):
    """The person's own answers the city does not use change nothing but one sentence saying why the link
    keeps them (QA4 finding 15); a bad one is named where it is asked, on the compare page."""
    plain = client.get(f"/{page}?{CQ}").content.decode()
    kept = KEPT["en" if page.startswith("en/") else "zh"]
    for extra in ("&pension=3000&sector=institution", "&pension=abc&sector=elsewhere"):
        response = client.get(f"/{page}?{CQ}{extra}")
        assert response.status_code == 200
        body = response.content.decode()
        assert body.count(kept) == 1
        assert _without_links(body.replace(kept, "")) == _without_links(plain)


def test_the_answers_travel_from_the_comparison_to_the_result_and_back(client):
    body = client.get(f"/compare?{CQ}&pension=3000&sector=institution").content.decode()
    back = html.unescape(re.search(r'<a href="(/result\?[^"]+)">返回您的结果</a>', body).group(1))
    assert "pension=3000" in back and "sector=institution" in back
    result = client.get(back).content.decode()
    again = html.unescape(re.search(r'<a href="(/compare\?[^"]+)" id="compare-link">', result).group(1))
    assert "pension=3000" in again and "sector=institution" in again


def test_a_city_that_asks_where_they_retired_from_still_uses_it(client):
    """The Henan draft asks it on its own person page; its result follows it as before."""
    query = "city=henan-draft&status=retired&age=65&credit_before=2400&credit_after=1200&n_primary=2&c_primary=100"
    assert client.get(f"/result?{query}").status_code == 302                  # it must be answered there
    assert client.get(f"/result?{query}&sector=enterprise").status_code == 200
