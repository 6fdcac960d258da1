"""Bad input on every field of every question page: a message naming the field, no 500,
and every other answer kept."""
import re
from urllib.parse import quote

import pytest

PERSON = "city=henan-draft&status=retired&sector=enterprise&age=65"
MONEY = f"{PERSON}&credit_before=1000&credit_after=800"
ZZ = "city=zaozhuang&status=in_service&age=40&base=5000&credit_before=3000"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize("page, query, field, message", [
    ("person", "city=chongqing&age=40&status=resting", "status", "请选择在职或退休"),
    ("person", "city=henan-draft&age=40&status=retired&sector=army", "sector", "请选择退休前所在单位类别"),
    ("person", "city=chongqing&age=40&status=retired&birth_month=13", "birth_month", "出生月份不能大于 12"),
    ("person", "city=chongqing&age=40&status=retired&birth_month=May", "birth_month", "出生月份请填写整数"),
    ("money", "city=zhenjiang&status=retired&age=65&pension=-1", "pension", "基本养老金不能小于 0"),
    ("money", f"{PERSON}&credit_before=abc", "credit_before", "2021 年（改革前一年）的个人账户划入请填写金额"),
    ("money", f"{PERSON}&credit_before=1&credit_after=1.234", "credit_after", "最多精确到分"),
    ("money", f"{PERSON}&credit_before=1&credit_after=1&opening=NaN", "opening", "年初余额请填写金额"),
    ("visits", f"{MONEY}&n_primary=-2", "n_primary", "不能小于 0"),
    ("visits", f"{MONEY}&n_primary=2&c_primary=abc", "c_primary", "请填写金额"),
    # 元 inside a number, or a comma that is not a thousands comma, is not read as another number
    ("visits", f"{MONEY}&n_primary=2&c_primary=62元5", "c_primary", "请填写金额"),
    ("money", f"{PERSON}&credit_before=62,5", "credit_before", "2021 年（改革前一年）的个人账户划入请填写金额"),
    ("visits", f"{MONEY}&sp_n=1", "sp_c", "请填写特病等门诊每次的费用"),
    ("visits", f"{MONEY}&sp_n=1&sp_c=100", "sp_o", "请填写这些待遇每次报销的金额"),
    ("visits", f"{MONEY}&sp_n=1&sp_c=100&sp_o=10&sp_lv=moon", "sp_lv", "请选择医疗机构级别"),
    ("visits", f"{ZZ}&ph_n=1&ph_c=50&ph_lv=moon", "ph_lv", "请选择医疗机构级别"),
    ("visits", f"{ZZ}&aw_n=x", "aw_n", "临时外出就医的次数请填写整数"),
    ("visits", f"{ZZ}&aw_n=1", "aw_c", "临时外出就医每次的费用"),
])
def test_each_field_names_its_problem_and_keeps_the_rest(client, page, query, field, message):
    response = client.get(f"/{page}?{query}&s={page}")
    assert response.status_code == 200
    body = response.content.decode()
    assert message in text(response), text(response)[:600]
    assert f'href="#id_{field}' in body                                   # the summary links to it
    for key, value in (pair.split("=") for pair in query.split("&")):
        if key not in (field, "s") and value and page != "person":
            assert f'value="{value}"' in body, key                         # nothing else lost


def test_english_messages(client):
    response = client.get("/en/person?city=chongqing&age=abc&status=retired&s=person")
    assert "Enter your age as a whole number, like 45" in text(response)
    assert "There is a problem" in text(response)


@pytest.mark.parametrize("typed, shown", [("6,000元", "2 次 × ¥6,000 "), ("¥1,234.50", "2 次 × ¥1,234.50 "),
                                          ("￥６，０００", "2 次 × ¥6,000 "), ("62元", "2 次 × ¥62 ")])
def test_money_with_yuan_signs_and_thousands_commas_is_read_and_shown_as_typed(client, typed, shown):
    """The check page repeats the amount as typed: ¥1,234.50 is not shown as ¥1,235."""
    response = client.get(f"/check?{MONEY}&n_primary=2&c_primary={quote(typed)}")
    assert response.status_code == 200 and shown in text(response)
