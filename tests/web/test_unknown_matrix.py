"""QA8 finding 1: whoever does not know a figure can always go on, and the money page's hints, "I don't know"
boxes, errors and partial result agree, for every city, status, enrolment, where they retired from and year.

A Zhenjiang retiree in 2023 (镇政办发〔2022〕73号 二（三）: the 2023 credit is the own 2022 credit, monthly) who
ticked "我不知道我的养老金" was stopped with an error on a box whose hint said it was optional."""
import re
from html import unescape

import pytest

from policies import load_cities
from policies.scenario import covered_years
from tests.helpers import main_text as text

OPTIONAL = ("可不填", "Optional")


def people():
    for city in load_cities().values():
        for status in ("in_service", "retired"):
            sectors = city.retiree_sectors if status == "retired" and city.retiree_sectors else ("",)
            for enrolment in city.enrolments:
                for sector in sectors:
                    for year in covered_years(city):
                        yield (f"city={city.id}&status={status}&enrolment={enrolment}&year={year}"
                               f"&age={70 if status == 'retired' else 40}" + (f"&sector={sector}" if sector else ""))


def fields_with_errors(html: str) -> dict[str, tuple[str, str]]:
    """Each text box that shows an error: (its hint, its error), as people read them."""
    shown = {}
    for box in re.findall(r'<div class="field field--error">(.*?)</div>', html, re.S):
        name = re.search(r'name="([^"]+)"', box).group(1)
        hint = re.search(r'<p class="hint"[^>]*>(.*?)</p>', box, re.S)
        error = re.search(r'<p class="error-message"[^>]*>(.*?)</p>', box, re.S)
        shown[name] = tuple(unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else "" for m in (hint, error))
    return shown


@pytest.mark.parametrize("lang", ["", "/en"])
def test_leaving_every_optional_box_empty_and_ticking_every_offered_dont_know_reaches_a_result(client, lang):
    dead, contradicted = [], []
    for person in people():
        page = client.get(f"{lang}/money?{person}")
        assert page.status_code == 200, person
        offered = re.findall(r'name="dk" type="checkbox" value="(\w+)"', page.content.decode())
        # Sent with nothing typed and nothing ticked: an error never sits under a hint that says "optional".
        empty = client.get(f"{lang}/money?{person}&s=money")
        if empty.status_code == 200:
            contradicted += [(person, name, shown) for name, shown in fields_with_errors(empty.content.decode()).items()
                             if shown[0].startswith(OPTIONAL)]
        ticked = "".join(f"&dk={key}" for key in offered)
        sent = client.get(f"{lang}/money?{person}&s=money{ticked}")
        if sent.status_code != 302:
            dead.append((person, offered, list(fields_with_errors(sent.content.decode()).values())))
            continue
        # The steps after it (the figures Xi'an's document leaves out: "I don't know these" too) lead to a result.
        answers = f"{person}{ticked}&n_primary=12&c_primary=100"
        visits = client.get(f"{lang}/visits?{answers}&s=visits")
        assert visits.status_code == 302, person
        if "/figures?" in visits["Location"]:
            answers += "&dk=figures"
        result = client.get(f"{lang}/result?{answers}")
        assert result.status_code == 200, (person, result.get("Location"))
        assert 'id="reproduce-link"' in result.content.decode(), person
    assert dead == []
    assert contradicted == []


ZJ_RETIRED_2023 = "city=zhenjiang&status=retired&enrolment=employer&age=72&year=2023&n_primary=12&c_primary=80"




def test_zhenjiang_retiree_without_pension_is_told_that_last_years_credit_is_enough(client):
    page = client.get(f"/money?{ZJ_RETIRED_2023}&s=money")
    boxes = fields_with_errors(page.content.decode())
    # The one error sits on the pension box and says what else will do; the 2023 box (optional) shows none.
    assert list(boxes) == ["pension"]
    assert boxes["pension"][1] == ("错误： 请填写基本养老金，或者在下面的框里填写 2022 年的个人账户划入（医保 App 里可以查到）："
                                   "两者有一个就能算出个人账户划入。")
    assert "公开文件没有说明" not in text(page)
    typed = client.get(f"/money?{ZJ_RETIRED_2023}&s=money&credit_before=2400")
    assert typed.status_code == 302 and "/visits?" in typed["Location"]


def test_zhenjiang_retiree_who_knows_neither_gets_a_partial_result_saying_what_is_missing(client):
    sent = client.get(f"/money?{ZJ_RETIRED_2023}&s=money&dk=pension")
    assert sent.status_code == 302 and "/visits?" in sent["Location"]
    page = client.get(f"/result?{ZJ_RETIRED_2023}&dk=pension")
    shown = text(page)
    assert "普通门诊统筹支付 ¥414" in shown
    assert ("您每月的基本养老金 养老金发放明细或每月到账的银行记录里可以查到。也可以改为填写：您 2022 年的个人账户划入，"
            "医保 App 或个人账户明细里可以查到。2023 年的划入和它一样多，所以有这一个数就够了。") in shown
    html = page.content.decode()
    assert 'id="id_pension"' in html and 'id="id_credit_before"' in html and 'id="id_credit_after"' not in html
    # Typing last year's credit there completes the table: 2023's is the same amount.
    full = text(client.get(f"/result?{ZJ_RETIRED_2023}&dk=pension&credit_before=2400"))
    assert "改革前 2022 ¥2,400" in full and "改革后 2023 ¥2,400" in full


def test_zhenjiang_flexible_retiree_who_does_not_know_the_2022_credit_is_asked_that_one_figure(client):
    person = ZJ_RETIRED_2023.replace("employer", "flexible")
    page = client.get(f"/result?{person}&dk=credit_before")
    shown = text(page)
    assert ("改革前一年（2022 年）个人账户的全年划入金额 医保 App 或个人账户明细里可以查到。也可以问本市医保局：拨打 12393 "
            "医保服务热线，或看医保局的公众号。2023 年的划入和它一样多，所以有这一个数就够了。") in shown
    assert "2022 年和 2023 年" not in shown
    html = page.content.decode()
    assert 'id="id_credit_before"' in html and 'id="id_credit_after"' not in html


def test_desk_zhenjiang_retiree_error_names_the_box_and_what_will_do(client):
    page = client.get("/desk?city=zhenjiang&status=retired&age=70&dk=credit_before&n_primary=12&c_primary=100")
    shown = text(page)
    assert "公开文件没有说明" not in shown
    assert "请填写基本养老金，或者在下面的框里填写 2022 年的个人账户划入" in shown
