"""Every page and form of the walk-through, through Django's test client."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest

CQ = "city=chongqing&status=retired&age=62&credit_before=2525&n_secondary=1&c_secondary=2800"


def text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def follow(client, url):
    response = client.get(url)
    while response.status_code == 302:
        response = client.get(response["Location"])
    return response


def test_start_page_is_chinese_by_default_and_english_under_en(client):
    assert "门诊共济改革后，您是合算了还是吃亏了" in text(client.get("/"))
    assert "Did the outpatient reform leave you better or worse off?" in text(client.get("/en/"))


def test_every_page_links_to_the_other_language_keeping_answers(client):
    html = client.get(f"/result?{CQ}").content.decode()
    assert f'href="/en/result?{CQ.replace("&", "&amp;")}"' in html
    html = client.get(f"/en/check?{CQ}").content.decode()
    assert f'href="/check?{CQ.replace("&", "&amp;")}"' in html


@pytest.mark.parametrize("url", ["/city", "/en/city"])
def test_city_page_without_an_answer_shows_an_error_summary(client, url):
    response = client.get(url + "?s=city")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in body and 'href="#id_city_0"' in body


def test_city_answer_moves_on_with_the_answer_in_the_url(client):
    response = client.get("/city?city=zhenjiang&s=city")
    assert response.status_code == 302 and response["Location"] == "/person?city=zhenjiang"


def test_unknown_city_is_an_error_not_a_500(client):
    response = client.get("/city?city=atlantis&s=city")
    assert response.status_code == 200 and "请选择您参保的城市" in text(response)


@pytest.mark.parametrize("age, message", [
    ("abc", "年龄请填写整数"), ("200", "年龄不能大于 120"), ("3", "年龄不能小于 16"), ("", "请填写年龄"),
])
def test_person_age_errors_keep_other_answers(client, age, message):
    response = client.get(f"/person?city=chongqing&status=retired&age={age}&birth_month=5&s=person")
    body = text(response)
    assert message in body
    assert 'value="5"' in response.content.decode()            # birth month kept
    assert 'value="retired" checked' in response.content.decode()


def test_henan_retiree_must_say_where_they_retired_from(client):
    response = client.get("/person?city=henan-draft&status=retired&age=66&s=person")
    assert "请选择退休前所在单位类别" in text(response)


def test_full_width_digits_and_commas_are_understood(client):
    response = client.get("/money?city=chongqing&status=in_service&age=40&base=６，０００元&s=money")
    assert response.status_code == 302 and "/visits" in response["Location"]


@pytest.mark.parametrize("base, message", [
    ("-5", "不能小于 0"), ("abc", "请填写金额"), ("12.345", "最多精确到分"), ("99999999999", "不能超过"),
])
def test_money_errors_name_the_field(client, base, message):
    response = client.get(f"/money?city=chongqing&status=in_service&age=40&base={base}&s=money")
    assert "缴费基数" in text(response) and message in text(response)


def test_a_figure_no_source_gives_is_asked_with_the_reason(client):
    url = "/money?city=zaozhuang&status=in_service&age=40&base=5000"
    assert "公开文件没有说明这一年您的个人账户怎么划入" in text(client.get(url))
    response = client.get(url + "&s=money")
    assert response.status_code == 200 and 'href="#id_credit_before"' in response.content.decode()
    assert client.get(url + "&credit_before=3000&s=money").status_code == 302


@pytest.mark.parametrize("query, message", [
    ("n_secondary=x", "请填写整数"),
    ("n_secondary=2", "请填写在二级医疗机构每次的费用"),
    ("n_secondary=5000&c_secondary=10", "不能大于 1000"),
    ("sp_n=1&sp_c=100&sp_o=200", "不能大于每次的费用"),
])
def test_visit_errors(client, query, message):
    response = client.get(f"/visits?city=chongqing&status=retired&age=62&credit_before=1&{query}&s=visits")
    assert message in text(response)


def test_xian_asks_for_the_figures_its_document_leaves_out(client):
    base = "city=xian&status=in_service&age=40&base=5000&n_secondary=2&c_secondary=1000"
    response = client.get(f"/visits?{base}&s=visits")
    assert response["Location"].startswith("/figures?")
    body = text(client.get(f"/figures?{base}"))
    assert "起付标准" in body and "支付比例" in body and "最高支付限额" in body and "市政办发〔2022〕62号" in body
    bad = client.get(f"/figures?{base}&p_deductible.in_service=800&p_ratio.in_service.secondary=150"
                     f"&p_cap.in_service=2000&s=figures")
    assert "0 到 100" in text(bad)


def test_answers_are_rechecked_on_every_request(client):
    response = client.get("/visits?city=chongqing&status=retired&age=999")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/person"
    assert parse_qs(urlsplit(response["Location"]).query)["s"] == ["person"]


def test_check_answers_lists_each_answer_with_a_change_link(client):
    response = client.get(f"/check?{CQ}")
    body = response.content.decode()
    assert "请核对您的回答" in text(response)
    for field in ("city_0", "status_0", "age", "credit_before", "n_secondary"):
        assert f"&amp;r=check#id_{field}" in body
    assert "2 次" not in text(response) and "1 次 × ¥2,800" in text(response)


def test_result_table_matches_the_qa_example_1(client):
    body = text(client.get(f"/result?{CQ}"))
    assert "改革前 2023 ¥2,525 ¥2,800 ¥0 ¥2,525 ¥275 ¥0" in body
    assert "改革后 2024 ¥1,260 （个账减计 ¥1,265） ¥2,800 ¥1,890 ¥910 ¥0 ¥350" in body
    assert "改革后，您全年少付现金 ¥275，年末个人账户余额多 ¥350" in body
    assert "第四条" in body and "第九条" in body                     # sources
    assert "改革前个人账户划入" in body                                # supplied figure named
    assert "历史结余" in body                                          # what did not change (Q&A 16)


def test_result_in_english(client):
    body = text(client.get(f"/en/result?{CQ}"))
    assert "After the reform you pay ¥275 less in cash" in body and "Paid by the fund" in body


def test_result_with_missing_figures_sends_you_to_the_question(client):
    response = client.get("/result?city=zaozhuang&status=in_service&age=40&base=5000")
    assert response.status_code == 302 and urlsplit(response["Location"]).path == "/money"


def test_result_without_a_city_starts_again(client):
    assert client.get("/result").status_code == 302


def test_htmx_requests_get_the_body_only(client):
    response = client.get(f"/result?{CQ}", HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true")
    body = response.content.decode()
    assert "<html" not in body and "<title>" in body and "¥1,890" in body
    full = client.get(f"/result?{CQ}", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in full.content.decode()


@pytest.mark.parametrize("query", [
    "city=chongqing&age=" + "9" * 5000,
    "city=chongqing&status=retired&age=62&n_secondary=1&c_secondary=1e400",
    "city=%00&s=city",
    "city=chongqing&city=xian&s=city",
    "city=chongqing&status=retired&age=62&p_nonsense=5&credit_before=1",
])
@pytest.mark.parametrize("page", ["/city", "/person", "/money", "/visits", "/figures", "/check", "/result"])
def test_odd_queries_never_give_a_500(client, page, query):
    assert follow(client, f"{page}?{query}").status_code == 200


def test_a_change_from_check_answers_returns_to_check_answers(client):
    response = client.get(f"/person?{CQ}&age=70&r=check&s=person")
    assert response.status_code == 302 and urlsplit(response["Location"]).path == "/check"
    page = client.get(f"/person?{CQ}&r=check").content.decode()
    assert '<input type="hidden" name="r" value="check">' in page


def test_check_answers_leaves_out_money_the_person_was_not_asked(client):
    body = text(client.get(f"/check?{CQ}&base=9000"))          # a retired person: base is not asked
    assert "月缴费基数" not in body and "¥9,000" not in body
