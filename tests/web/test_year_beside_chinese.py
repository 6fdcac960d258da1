"""A year beside Chinese is set apart by a space, as the site writes it everywhere ("在 2022、2023 年",
"2022 年您的个人账户怎么划入"): also where the year begins the figure a sentence names.

Before: the Zaozhuang retiree's year table read "无法计算：公开文件没有给出2022 年您的个人账户怎么划入…" and
the API "资料没有给出2022年您的个人账户划入办法…"; a month ("3月") and an amount stay as their sentences
write them, and English is filled in as `%` fills it."""
import pytest

from policies import ScenarioError, estimate
from policies.spacing import format_spaced, interpolate
from tests.web.test_pages import text

# 枣政办发〔2022〕16号 第七条（二）: no source gives a retiree's 2022 credit (the year table says so).
ZZ_RETIREE = "city=zaozhuang&status=retired&age=65&credit_before=2400&credit_after=2400&n_primary=10&c_primary=120"


def test_the_year_table_spaces_the_year_that_begins_what_is_missing(client):
    page = text(client.get(f"/result?{ZZ_RETIREE}"))
    assert "无法计算：公开文件没有给出 2022 年您的个人账户怎么划入（资料中没有适用于您的划入规则）。" in page
    assert "没有给出2022" not in page
    english = text(client.get(f"/en/result?{ZZ_RETIREE}"))
    assert ("Cannot be worked out: the published documents do not give how your account was credited in 2022 "
            "(no rule in the sources covers you).") in english


@pytest.mark.parametrize("lang, sentence", [
    ("zh", "资料没有给出 2022 年您的个人账户划入办法（资料中没有适用于您的划入规则）。请填写全年划入金额（可在医保 App "
           "或账户明细中查到）。"),
    ("en", "No source gives how your personal account was credited in 2022 (no rule in the sources covers you). "
           "Enter the year's credit (your medical insurance app or statement shows it)."),
])
def test_the_api_spaces_the_year_it_names(lang, sentence):
    with pytest.raises(ScenarioError) as raised:
        estimate({"city": "zaozhuang", "status": "retired", "age": 65, "year": 2022, "account_credit_before": "2400",
                  "visits": [], "lang": lang})
    assert raised.value.messages(lang) == {"account_credit_after": [sentence]}


@pytest.mark.parametrize("template, args, expected", [
    ("公开文件没有给出%(what)s。", {"what": "2022 年您的个人账户怎么划入"}, "公开文件没有给出 2022 年您的个人账户怎么划入。"),
    ("请填写%(what)s：它按%(figure)s计算", {"what": "改革后这一年个人账户全年划入", "figure": "2021 年全市平均水平"},
     "请填写改革后这一年个人账户全年划入：它按 2021 年全市平均水平计算"),
    ("按%(figure)s计算", {"figure": "全市退休人员月平均基本养老金"}, "按全市退休人员月平均基本养老金计算"),
    ("%(what)s不能小于 0", {"what": "2021 年全市平均水平"}, "2021 年全市平均水平不能小于 0"),
    ("从%(month)s开始，%(share)s，第%(n)s步", {"month": "3月", "share": "20%", "n": 2}, "从3月开始，20%，第2步"),
    ("截至%(year)s年", {"year": 2024}, "截至 2024 年"),
    ("100%% of %(what)s", {"what": "2021"}, "100% of 2021"),
    ("Enter %(what)s as a number of yuan, like %(example)s", {"what": "the city's 2021 average", "example": 700},
     "Enter the city's 2021 average as a number of yuan, like 700"),
])
def test_interpolate_spaces_a_year_beside_chinese_and_nothing_else(template, args, expected):
    assert interpolate(template, args) == expected
    assert format_spaced(template.replace("%%", "%").replace("%(", "{").replace(")s", "}"), args) == expected
