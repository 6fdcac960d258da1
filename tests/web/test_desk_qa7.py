"""QA7 (a tester's walk-through of the merged session-20 fixes): the desk shows what its figures rest on.

The operator reads the figures out; the result page the caller then opens lists under "Please note" what the
estimate assumed (an unofficial rate, a before-reform column without the old pooled segment, the caller's own
figures). The desk showed none of it, so a Zhenjiang retiree heard "¥10,000 better off" without the page's
"this overstates your costs before the reform".
"""
import re
from html import unescape


def note(response) -> str:
    found = re.search(r'<div class="warning" role="note">(.*?)</div>', response.content.decode(), re.S)
    assert found, "the desk shows no 'Please note' box"
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))).strip()


ZJ_HIGH = ("city=zhenjiang&status=retired&age=66&pension=3500&n_primary=12&c_primary=100&n_tertiary=20"
           "&c_tertiary=1500&year=2023")


def test_the_desk_says_what_the_result_page_says_the_estimate_assumed(client):
    # 镇江: the old three-segment outpatient model has no published amounts (README: readings we chose).
    shown = note(client.get(f"/desk?{ZJ_HIGH}"))
    assert ("改革前镇江门诊分个人账户、自付段、统筹段三段，公开资料没有各段的金额，所以改革前一栏按统筹基金不支付普通门诊计算；"
            "费用高时，这会高估您改革前的负担。") in shown
    assert shown.startswith("请注意")


def test_the_desk_names_the_callers_own_figures(client):
    xian = ("city=xian&status=in_service&age=40&base=5000&n_primary=3&c_primary=200&p_deductible.in_service=1000"
            "&p_ratio.in_service.primary=50&p_cap.in_service=2000")
    shown = note(client.get(f"/en/desk?{xian}"))
    assert ("Xi'an's document sets only the principles; the deductible, ratios and cap must be supplied.") in shown
    assert ("These figures are yours, not from a published document: the deductible (起付标准) for working people, "
            "the payment ratio (支付比例) at primary care institutions (level 1 or below) for working people, the "
            "yearly limit the fund pays (最高支付限额) for working people") in shown


def test_the_desk_notes_figures_given_when_one_credit_is_unknown(client):
    zz = "city=zaozhuang&status=retired&age=68&credit_before=2400&n_primary=12&c_primary=100&dk=credit_after"
    assert "以下数字由您提供，不是来自公开文件：改革前个人账户划入" in note(client.get(f"/desk?{zz}"))


def test_the_credit_after_box_follows_the_desks_year(client):
    # 镇江 2023: a retiree's account is credited last year's own amount a month (镇政办发〔2022〕73号 二（三）), so
    # the caller's credit after the reform is never missing and the box would do nothing; from 2024 it comes from
    # the city's average pension, which no source gives, so the box is offered.
    zj = "city=zhenjiang&status=retired&age=66&pension=3500&n_primary=12&c_primary=100"
    assert 'value="credit_after"' not in client.get(f"/desk?{zj}&year=2023").content.decode()
    assert 'value="credit_after"' not in client.get(f"/desk?{zj}").content.decode()      # 2023, the first full year
    assert 'value="credit_after"' in client.get(f"/desk?{zj}&year=2024").content.decode()


def test_the_case_note_adds_up_a_row_the_account_also_paid_the_family_from(client):
    # The after row's balance (¥0) also counts the ¥750 the account paid for the family: the note gives the line
    # that adds it up, as the page does under its table (QA7 finding 5).
    query = ("city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100&n_secondary=2"
             "&c_secondary=800&fam_med=1500&year=2024")
    found = re.search(r"<textarea[^>]*>(.*?)</textarea>", client.get(f"/desk?{query}").content.decode(), re.S)
    lines = unescape(found.group(1)).splitlines()
    after = lines.index("改革后（2024 年）：个人账户划入 ¥1,260；政策范围内费用合计 ¥2,800；统筹基金支付 ¥1,890；"
                        "个人账户支付 ¥510；现金支付 ¥400；年末账户余额 ¥0")
    assert lines[after + 1] == "2024 年：个人账户划入 ¥1,260 − 为来电人支付 ¥510 − 为其家人支付 ¥750 = 年末账户余额 ¥0。"
