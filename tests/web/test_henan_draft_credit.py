"""What a Henan retiree is told about the after-reform account credit. Seed 000 (起草说明 of a 实施细则
征求意见稿), 第二章: retirees are credited 2% of the city's 2021 average monthly basic pension of
enterprise retirees (flexible workers included) or of public-institution retirees, and the note gives
neither average. So the rule is known and its figure is not; and the rules are a draft for comment.

Before: "需要填写：公开文件没有说明这一年您的个人账户怎么划入" (as if there were no rule), the API's "No
source gives how your personal account was credited in 2023 (the rule needs …)", and "A Henan city (draft
for comment)'s rules come from a draft for comment"."""
import re
from html import unescape

import pytest

from policies import ScenarioError, estimate

RETIREE = "city=henan-draft&status=retired&age=66&credit_before=1800"


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("lang, sector, sentence", [
    ("", "enterprise", "需要填写：按征求意见稿，个人账户按 2021 年全市企业单位退休人员基本养老金月平均水平计算划入，但征求意见稿"
                       "没有给出这个数。"
                       "医保 App 或个人账户明细里可以查到全年划入金额。"),
    ("/en", "institution", "Needed: under the draft for comment your account is credited from the city's 2021 average "
                           "monthly basic pension of retirees from government bodies and public institutions, which "
                           "the draft does not give. Your medical insurance app or account statement shows the "
                           "year's credit."),
])
def test_the_money_page_says_the_draft_s_rule_needs_an_average_it_does_not_give(client, lang, sector, sentence):
    page = text(client.get(f"{lang}/money?{RETIREE}&sector={sector}"))
    assert sentence in page
    assert "公开文件没有说明这一年您的个人账户怎么划入" not in page
    assert "do not give how your account was credited" not in page


def test_sending_the_money_page_without_it_names_the_figure_and_the_draft(client):
    page = text(client.get(f"/en/money?{RETIREE}&sector=enterprise&s=money"))
    assert ("Enter the account credit in 2023 (after the reform): the draft for comment works it out from the "
            "city's 2021 average monthly basic pension of enterprise retirees but does not give that figure. Your medical "
            "insurance app or account statement shows it.") in page


@pytest.mark.parametrize("lang, sentence", [
    ("zh", "按征求意见稿，2023 年您的个人账户按 2021 年全市企业单位退休人员基本养老金月平均水平计算划入，但征求意见稿"
           "没有给出这个数，"
           "所以算不出金额。请填写全年划入金额（可在医保 App 或账户明细中查到）。"),
    ("en", "Under the draft for comment, in 2023 your personal account is credited from the city's 2021 average "
           "monthly basic pension of enterprise retirees, which the draft does not give, so the amount cannot be worked "
           "out. "
           "Enter the year's credit (your medical insurance app or statement shows it)."),
])
def test_the_api_says_the_same(lang, sentence):
    with pytest.raises(ScenarioError) as raised:
        estimate({"city": "henan-draft", "status": "retired", "retiree_sector": "enterprise", "age": 66,
                  "account_credit_before": "1800", "visits": [], "lang": lang})
    assert raised.value.messages(lang) == {"account_credit_after": [sentence]}


def test_the_result_says_once_and_plainly_that_the_rules_are_a_draft(client):
    page = text(client.get(f"/en/result?{RETIREE}&sector=enterprise&credit_after=700&n_secondary=3&c_secondary=300"))
    assert "These rules come from a draft for comment, not rules in force; the final rules may differ." in page
    assert "(draft for comment)'s" not in page
    assert "Cannot be worked out: the published documents do not give the city's 2021 average monthly basic " \
           "pension of enterprise retirees." in page
    chinese = text(client.get(f"/result?{RETIREE}&sector=enterprise&credit_after=700&n_secondary=3&c_secondary=300"))
    assert "这些规则来自征求意见稿，不是正式施行的文件，最终规定可能不同。" in chinese
    assert "河南某市（征求意见稿）的规则来自征求意见稿" not in chinese


def test_a_henan_worker_s_credit_is_worked_out_from_the_draft_s_2_percent():
    # 第二章: 在职职工……计入标准为本人参保缴费基数的 2%: 5000 × 2% × 12 = 1200, nothing asked.
    result = estimate({"city": "henan-draft", "status": "in_service", "age": 40, "monthly_base": "5000",
                       "account_credit_before": "1800", "visits": [], "lang": "en"})
    assert result["after"]["account_credit"] == "1200.00"
    assert "Account credit: base ¥5,000.00 a month × 2% × 12 months = ¥1,200.00." in [s["text"] for s in result["steps"]]


# 第二章 names the averages itself: "按照 2021 年全市企业单位退休人员基本养老金月平均水平的 2%划入" (and 机关事业单位
# likewise). Before, every page called it "全市企业退休人员月平均基本养老金" / "the city's average basic pension of
# enterprise retirees", without the year the person has to look up and without saying it is a monthly average.
TERM = {("zh", "enterprise"): "2021 年全市企业单位退休人员基本养老金月平均水平",
        ("zh", "institution"): "2021 年全市机关事业单位退休人员基本养老金月平均水平",
        ("en", "enterprise"): "the city's 2021 average monthly basic pension of enterprise retirees",
        ("en", "institution"): "the city's 2021 average monthly basic pension of retirees from government bodies and "
                               "public institutions"}


@pytest.mark.parametrize("lang, sector", sorted(TERM))
def test_the_supplied_average_is_named_by_the_draft_s_own_term(client, lang, sector):
    term = TERM[lang, sector]
    prefix = "/en" if lang == "en" else ""
    answers = f"{RETIREE}&sector={sector}&p_average_pension.{sector}=3000&n_secondary=3&c_secondary=300"
    check = text(client.get(f"{prefix}/check?{answers}"))
    result = text(client.get(f"{prefix}/result?{answers}"))
    if lang == "en":
        assert f"{term[0].upper()}{term[1:]}, yuan a month" in check
        assert f"These figures are yours, not from a published document: account credit before the reform, {term}" \
            in result
        assert f"Account credit: {term} ¥3,000.00 a month × 2% × 12 months = ¥720.00." in result
    else:
        assert f"{term}（元/月）" in check
        assert f"以下数字由您提供，不是来自公开文件：改革前个人账户划入、{term}" in result
        assert f"个人账户划入：{term} ¥3,000.00/月 × 2% × 12 个月 = ¥720.00。" in result
    for page in (check, result):
        assert "月平均基本养老金" not in page and "the city's average basic pension" not in page


@pytest.mark.parametrize("lang, sentence", [
    ("zh", "无法计算：公开文件没有给出 2021 年全市企业单位退休人员基本养老金月平均水平。"),
    ("en", "Cannot be worked out: the published documents do not give the city's 2021 average monthly basic pension "
           "of enterprise retirees."),
])
def test_the_year_table_names_the_average_it_lacks_by_the_draft_s_term(client, lang, sentence):
    prefix = "/en" if lang == "en" else ""
    page = text(client.get(f"{prefix}/result?{RETIREE}&sector=enterprise&credit_after=700&n_secondary=3&c_secondary=300"))
    assert sentence in page


def test_the_money_page_s_error_names_the_draft_s_term(client):
    page = text(client.get(f"/money?{RETIREE}&sector=enterprise&s=money"))
    assert ("请填写 2023 年（改革后）的个人账户划入：征求意见稿按 2021 年全市企业单位退休人员基本养老金月平均水平计算这一项，但没有给出"
            "这个数。医保 App 或个人账户明细里可以查到。") in page



@pytest.mark.parametrize("sector", ["enterprise", "institution"])
def test_each_retiree_s_credit_step_cites_the_draft_s_sentence_for_their_sector(client, sector):
    # Before: the one credit rule of both sectors quoted only the enterprise sentence, so a public-institution
    # retiree's step cited "people retired from enterprises … of enterprise retirees".
    page = text(client.get(f"/en/result?{RETIREE}&sector={sector}&p_average_pension.{sector}=3000"
                           "&n_secondary=3&c_secondary=300"))
    source = page.split("= ¥720.00. Source: ", 1)[1].split(" Source: ")[0]
    assert source.startswith("《关于《建立健全职工基本医疗保险门诊共济保障机制的实施细则（征求意见稿）》的起草说明》 (draft "
                             "for comment, 2022) 二 第二章 (")
    assert f"2% of {TERM['en', sector]}" in source
    chinese = text(client.get(f"/result?{RETIREE}&sector={sector}&p_average_pension.{sector}=3000"
                              "&n_secondary=3&c_secondary=300"))
    zh_sector = {"enterprise": "企业单位（含灵活就业人员）", "institution": "机关事业单位"}[sector]
    assert f"{zh_sector}退休人员按照2021年全市" in chinese
