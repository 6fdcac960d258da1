"""Issue 13: people who don't know a figure still get what can be worked out; terms and sources in plain words."""
import re
from html import unescape

import pytest

from estimator.journey import Journey
from estimator.questions import MONEY
from tests.helpers import main_text as text

ZZ = "city=zaozhuang&status=in_service&age=40&base=5000&n_secondary=5&c_secondary=300"
XIAN = "city=xian&status=in_service&age=40&base=5000&n_secondary=5&c_secondary=300"
XIAN_FIGURES = "&p_deductible.in_service=800&p_ratio.in_service.secondary=60&p_cap.in_service=2000"




def test_the_money_page_offers_i_dont_know_where_the_old_credit_is_needed(client):
    page = client.get(f"/money?{ZZ}")
    html = page.content.decode()
    assert 'name="dk" type="checkbox" value="credit_before"' in html
    assert "我不知道改革前那一年的划入金额" in html
    # Chongqing workers: the old rate comes from a web page, so the credit is not required: no box.
    cq = client.get("/money?city=chongqing&status=in_service&age=40&base=5000").content.decode()
    assert 'name="dk"' not in cq


def test_blank_credit_without_dont_know_is_still_asked_for(client):
    page = client.get(f"/money?{ZZ}&s=money")
    assert page.status_code == 200
    assert "请填写改革前" in text(page) or "公开文件没有说明" in text(page)


def test_dont_know_the_2021_credit_reaches_the_after_only_result(client):
    sent = client.get(f"/money?{ZZ}&dk=credit_before&s=money")
    assert sent.status_code == 302 and "dk=credit_before" in sent["Location"]
    assert client.get(f"/check?{ZZ}&dk=credit_before").status_code == 200
    assert "我不知道" in text(client.get(f"/check?{ZZ}&dk=credit_before"))
    page = client.get(f"/result?{ZZ}&dk=credit_before")
    assert page.status_code == 200
    shown = text(page)
    # Only the old credit is missing: where the reform turns from gain to loss (2550 − 840 + 1500).
    assert "只差您 2021 年的个人账户划入。如果它少于 ¥3,210，改革后您更合算" in shown
    # The after-reform year in full: credit, total, fund, account, cash, balance (第七条（一）, 第五条).
    assert "改革后 2023 ¥2,550 ¥1,500 ¥660 ¥840 ¥0 ¥1,710" in shown
    assert "改革前 2021" not in shown
    assert "改革前一年（2021 年）个人账户的全年划入金额" in shown
    assert "医保 App 或个人账户明细里可以查到" in shown and "12393" in shown
    assert 'id="id_credit_before"' in page.content.decode()      # type it here to complete the table


def test_typing_the_credit_on_the_partial_result_gives_the_full_table(client):
    page = client.get(f"/result?{ZZ}&dk=credit_before&credit_before=2000")
    assert page.status_code == 200
    shown = text(page)
    assert "还不能判断" not in shown
    assert "改革前 2021 ¥2,000" in shown and "改革后 2023 ¥2,550" in shown


def test_english_partial_result_is_wholly_english(client):
    shown = text(client.get(f"/en/result?{ZZ}&dk=credit_before"))
    assert "Only your account credit for 2021 is missing. If it was less than ¥3,210" in shown
    assert "12393 medical insurance service line" in shown
    assert "还不能" not in shown


def test_xian_citizen_who_knows_no_figures_sees_what_is_known(client):
    page = client.get(f"/figures?{XIAN}")
    html = page.content.decode()
    assert 'value="figures"' in html
    # each term in one plain sentence with an example of its size
    assert "起付标准是一年门诊费用中先由自己负担" in html and "700 元" in html
    assert "支付比例是超过起付标准的费用中由统筹基金支付的比例" in html
    assert "最高支付限额是统筹基金一年内为您的门诊最多支付的金额" in html
    sent = client.get(f"/figures?{XIAN}&dk=figures&s=figures")
    assert sent.status_code == 302 and "/check" in sent["Location"]
    shown = text(client.get(f"/result?{XIAN}&dk=figures"))
    assert "改革前 2021 ¥1,620 ¥1,500 ¥0 ¥1,500 ¥0 ¥120" in shown
    assert "改革后 2023 年个人账户全年划入：¥1,200" in shown
    assert "统筹基金支付比例不低于 50%" in shown and "四（三）" in shown
    assert "本市普通门诊统筹的数字" in shown and "12393" in shown


def test_xian_figures_typed_on_the_partial_result_fill_the_table(client):
    page = client.get(f"/result?{XIAN}&dk=figures{XIAN_FIGURES}")
    shown = text(page)
    assert "还不能判断" not in shown
    assert "改革前 2021" in shown and "改革后 2023" in shown


def test_typing_dont_know_in_a_money_box_points_to_the_box(client):
    page = client.get(f"/money?{ZZ}&credit_before=不知道&s=money")
    assert "如果不知道 2021 年（改革前一年）的个人账户划入，请把这一格空着；需要这个数时，请勾选下面的“我不知道”" in text(page)
    assert 'value="credit_before"' in page.content.decode()           # and the box is there to tick
    figures = client.get(f"/figures?{XIAN}&p_deductible.in_service=不清楚&s=figures")
    assert "请勾选下面的“我不知道”" in text(figures) and 'value="figures"' in figures.content.decode()
    english = client.get(f"/en/money?{ZZ}&credit_before=don't know&s=money")
    assert "tick \"I don't know\" below it" in text(english)
    # a number that is not a number gets an example of the figure's own size
    wrong = client.get(f"/figures?{XIAN}&p_deductible.in_service=abc&s=figures")
    assert "例如 700 或 700.50" in text(wrong)
    assert "6000" not in text(wrong)


@pytest.mark.parametrize("key", ["base", "pension", "credit_before", "credit_after", "opening"])
def test_every_money_question_has_an_example_of_its_size(key):
    question = next(q for q in MONEY if q.key == key)
    assert question.example and question.example < 10000


def test_dk_is_read_from_ticked_boxes_and_kept_links_alike(rf):
    ticked = Journey(rf.get("/result", {"city": "xian", "dk": ["figures", "credit_before", "nonsense"]}).GET, "zh")
    kept = Journey(rf.get("/result?city=xian&dk=credit_before,figures").GET, "zh")
    assert ticked.unknown == kept.unknown == {"credit_before", "figures"}
    assert "dk=credit_before%2Cfigures" in ticked.answers.query()


def test_a_link_without_dk_means_what_it_always_meant(client):
    old = client.get(f"/result?{ZZ}")
    assert old.status_code == 302 and "/money" in old["Location"]


def test_unofficial_sources_sit_behind_a_disclosure(client):
    page = client.get("/result?city=chongqing&status=in_service&age=40&base=5000&n_secondary=1&c_secondary=300")
    html = page.content.decode()
    assert "<details class=\"sources\"><summary>查看依据</summary>" in html
    body = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    assert "非官方资料）" not in body            # the page's own citation only behind 查看依据
    assert "http://" not in re.sub(r'<a href="[^"]*"|id="reproduce-link">[^<]*', "", body)
    assert "改革前的个人账户划入比例按网上的非官方资料估算" in text(page)
    assert "与问答" not in html


def test_unofficial_sources_sit_behind_a_disclosure_in_english_too(client):
    # An English citation of a web page ends " (unofficial source)", not "（非官方资料）": it too goes behind "Sources".
    html = client.get("/en/result?city=chongqing&status=in_service&age=40&base=5000&n_secondary=1"
                      "&c_secondary=300").content.decode()
    assert '<details class="sources"><summary>Sources</summary>' in html
    body = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    assert "(unofficial source)" not in body


@pytest.mark.parametrize("city", ["chongqing", "zhenjiang"])
def test_an_old_rate_from_an_unofficial_page_says_so_and_can_be_replaced(client, city):
    page = client.get(f"/money?city={city}&status=in_service&age=40")
    assert "不填时，我们按网上非官方资料中的比例估算" in text(page)
    typed = client.get(f"/result?city={city}&status=in_service&age=40&base=5000&credit_before=1999")
    assert "¥1,999" in text(typed)
    assert "非官方资料估算" not in text(typed)         # the person's own figure replaced the web page's rate


def test_zaozhuang_credit_before_is_asked_for_not_estimated(client):
    assert "不填时" not in text(client.get("/money?city=zaozhuang&status=in_service&age=40"))


def test_a_worker_who_does_not_know_the_base_still_learns_what_the_fund_pays(client):
    start = "city=zhenjiang&status=in_service&age=40&n_secondary=2&c_secondary=1000"
    money = client.get(f"/money?{start}").content.decode()
    assert 'value="base"' in money and "我不知道我的缴费基数" in money
    page = client.get(f"/result?{start}&dk=base")
    shown = text(page)
    assert page.status_code == 200 and "还不能判断" in shown
    # 二（一）: level 2 after the deductible; the fund's share needs no base (the same as with a base given).
    full = text(client.get(f"/result?{start}&base=6000"))
    assert "普通门诊统筹支付 ¥900" in shown and "¥900" in full
    assert "您每月的缴费基数" in shown and "工资条" in shown
    assert "12333" not in shown


CQ_RETIREE = "city=chongqing&status=retired&age=62&n_secondary=1&c_secondary=2800"


def test_only_the_old_credit_missing_says_where_the_reform_turns_from_gain_to_loss(client):
    # policies.partial: 1260 − 910 + 2800 = 3150 (细则 第四条, 第五条, 第九条第二款; 问答 二, 十九例1).
    zh = text(client.get(f"/result?{CQ_RETIREE}&dk=credit_before"))
    assert ("只差您 2023 年的个人账户划入。如果它少于 ¥3,150，改革后您更合算；如果多于 ¥3,150，"
            "改革前对您更合算；正好 ¥3,150，两年一样。") in zh
    assert "还不能判断" not in zh
    en = text(client.get(f"/en/result?{CQ_RETIREE}&dk=credit_before"))
    assert ("Only your account credit for 2023 is missing. If it was less than ¥3,150, the reform leaves you "
            "better off; if it was more, you were better off before the reform; at exactly ¥3,150, the two "
            "years come out the same.") in en
    # The full result agrees on each side of it.
    assert "改革让您全年合算了 ¥1。" in text(client.get(f"/result?{CQ_RETIREE}&credit_before=3149"))
    assert "改革让您全年合算" not in text(client.get(f"/result?{CQ_RETIREE}&credit_before=3151"))


def test_with_other_figures_missing_nothing_is_said_of_a_turning_point(client):
    # A Xi'an worker who knows none of the pooling figures the documents leave open: no after year.
    page = text(client.get(f"/result?{XIAN}&dk=figures"))
    assert "还不能判断改革后您是多得还是少得" in page and "只差您" not in page


ZZ_RETIREE = ("city=zaozhuang&status=retired&age=68&credit_before=2400&n_primary=12&c_primary=100"
              "&n_secondary=2&c_secondary=800&dk=credit_after")


def test_only_the_new_credit_missing_says_where_the_reform_turns_from_loss_to_gain(client):
    # policies.partial: 2400 − 2800 + (2800 − 1500) = 900 (第五条; 2021 credit given).
    zh = text(client.get(f"/result?{ZZ_RETIREE}"))
    assert ("只差您 2023 年的个人账户划入。如果它多于 ¥900，改革后您更合算；如果少于 ¥900，改革前对您更合算；"
            "正好 ¥900，两年一样。") in zh
    en = text(client.get(f"/en/result?{ZZ_RETIREE}"))
    assert ("Only your account credit for 2023 is missing. If it is more than ¥900, the reform leaves you better "
            "off; if it is less, you were better off before the reform; at exactly ¥900, the two years come out "
            "the same.") in en
    full = ZZ_RETIREE.replace("&dk=credit_after", "")
    assert "改革让您全年合算了 ¥1。" in text(client.get(f"/result?{full}&credit_after=901"))
    assert "改革让您全年合算" not in text(client.get(f"/result?{full}&credit_after=899"))


def test_the_desk_says_for_the_operator_that_one_credit_decides_it(client):
    page = client.get(f"/desk?{ZZ_RETIREE}").content.decode()
    panel = re.search(r'<section class="desk__results".*?<div class="panel">(.*?)</div>', page, re.S).group(1)
    assert (unescape(re.sub(r"<[^>]+>", "", panel)).strip() ==
            "只差来电人 2023 年的个人账户划入。它正好是 ¥900 时两年一样；哪一边对来电人更合算，见下面读给来电人听的话。")
    assert "只差您 2023 年的个人账户划入。如果它多于 ¥900" in unescape(page)        # the script, to the caller


def test_with_both_credits_missing_the_desk_says_it_cannot_tell_yet(client):
    page = client.get(f"/desk?{ZZ_RETIREE.replace('credit_before=2400&', '')}&dk=credit_before,credit_after")
    panel = re.search(r'<section class="desk__results".*?<div class="panel">(.*?)</div>', page.content.decode(), re.S)
    assert unescape(re.sub(r"<[^>]+>", "", panel.group(1))).strip() == "还不能判断：来电人不知道对比所需的 2 个数字。"


# QA6 finding 1: a turning credit of ¥0 or less. A credit is never below ¥0, so every credit the person can have
# falls on one side: the sentence says which, never "if it is less than −¥500". Zaozhuang retiree, 2021 credit 1000,
# 15 × 300 at primary: the fund pays more after the reform than the old credit, 1000 − 4500 + (4500 − 1500 −…) < 0.
ZZ_HIGH = "city=zaozhuang&status=retired&age=65&credit_before=1000&n_primary=15&c_primary=300"


def test_a_turning_credit_below_zero_says_the_reform_leaves_the_person_better_off_whatever_the_credit(client):
    zh = text(client.get(f"/result?{ZZ_HIGH}&dk=credit_after"))
    assert "只差您 2023 年的个人账户划入。不管它是多少，改革后您都更合算，合算的钱等于这笔划入再加 ¥500。" in zh
    assert "−¥" not in zh and "如果它多于" not in zh
    en = text(client.get(f"/en/result?{ZZ_HIGH}&dk=credit_after"))
    assert ("Only your account credit for 2023 is missing. Whatever it is, the reform leaves you better off: "
            "by ¥500 more than that credit.") in en
    # The full result agrees: a credit of ¥0 leaves the person ¥500 better off, ¥100 leaves them ¥600 better off.
    assert "改革让您全年合算了 ¥500。" in text(client.get(f"/result?{ZZ_HIGH}&credit_after=0"))
    assert "改革让您全年合算了 ¥600。" in text(client.get(f"/result?{ZZ_HIGH}&credit_after=100"))


def test_the_desk_says_one_side_is_better_whatever_the_credit(client):
    page = client.get(f"/desk?{ZZ_HIGH}&dk=credit_after").content.decode()
    panel = re.search(r'<section class="desk__results".*?<div class="panel">(.*?)</div>', page, re.S).group(1)
    assert (unescape(re.sub(r"<[^>]+>", "", panel)).strip() ==
            "只差来电人 2023 年的个人账户划入。不管它是多少，改革后都对来电人更合算；合算多少，见下面读给来电人听的话。")
    assert "−¥" not in unescape(page)


HENAN_EVEN_AT_ZERO = ("city=henan-draft&status=retired&age=66&sector=enterprise&credit_before=2000&n_primary=15"
                      "&c_primary=300&n_secondary=13&c_secondary=100&n_tertiary=1&c_tertiary=800&opening=500")


def test_a_turning_credit_of_zero_says_the_gain_is_the_credit(client):
    zh = text(client.get(f"/result?{HENAN_EVEN_AT_ZERO}&dk=credit_after"))
    assert "只差您 2023 年的个人账户划入。改革后您合算的钱正好等于这笔划入；如果它是 ¥0，两年一样。" in zh
    en = text(client.get(f"/en/result?{HENAN_EVEN_AT_ZERO}&dk=credit_after"))
    assert ("Only your account credit for 2023 is missing. The reform leaves you better off by as much as that "
            "credit; if it is ¥0, the two years come out the same.") in en


@pytest.mark.parametrize("even, sentence", [
    # No city's rules give these today (what a person bears before the reform is at least what they bear after),
    # but the sentence must still never offer a credit below ¥0.
    ({"after": False, "year": "2023", "amount": "−¥80", "one_side": True, "margin": "¥80"},
     "Only your account credit for 2023 is missing. Whatever it was, you were better off before the reform: "
     "by ¥80 more than that credit."),
    ({"after": False, "year": "2023", "amount": "¥0", "one_side": True, "margin": ""},
     "Only your account credit for 2023 is missing. You were better off before the reform by as much as that "
     "credit; if it was ¥0, the two years come out the same."),
])
def test_an_unknown_old_credit_with_a_turning_point_at_or_below_zero(even, sentence):
    from django.template.loader import render_to_string
    from django.utils import translation
    with translation.override("en"):
        assert render_to_string("components/even_credit.html", {"even": even}) == sentence
