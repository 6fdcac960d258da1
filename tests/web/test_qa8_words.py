"""QA8 (session 21): words that explain the figures a person reads.

Finding 7: a row that does not add up by its columns alone (an opening balance, the family) has the sum
that does under the table, in the desk's case note and in the steps. Finding 10: pharmacy purchases said
as purchases; "您今年会满 70 岁" where the age makes it certain; hints for the visits page's terms.
"""
import html
import re

from tests.web.test_desk_call_and_paper import body, text


def words(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body(response))))


# ---- finding 10: a retiree aged 69 on 1 January turns 70 that year ------------------------------

def test_a_retiree_one_year_below_the_band_is_told_they_turn_70_this_year(client):
    # The age is asked "on 1 January" (questions.py), and 重庆 实施细则 第九条第二款 credits 70 and over
    # more: at 69 the person certainly turns 70 in the year; only the month is unknown.
    link = "city=chongqing&status=retired&age=69&year=2024&credit_before=3000&n_primary=12&c_primary=100"
    zh, en = words(client.get(f"/result?{link}")), words(client.get(f"/en/result?{link}"))
    assert "您今年会满 70 岁，从生日当月起划入标准会变；可填写出生月份算得更准。" in zh
    assert "如果您今年满" not in zh
    assert "You turn 70 this year, and the credit changes from your birthday month; give your birthday month " \
           "for a closer figure." in en
    # With the month given, the credit is worked out month by month and nothing is said.
    assert "满 70 岁" not in words(client.get(f"/result?{link}&birth_month=5"))
