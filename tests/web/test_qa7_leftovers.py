"""QA7's smaller findings (4 and 5), fixed in session 21: the case note's family line, the desk's error
summary, the compare page's years."""
import re
from html import unescape

import pytest

FAMILY = ("city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100&n_secondary=2"
          "&c_secondary=800&fam_med=1500&year=2024")


def case_note(response) -> list[str]:
    found = re.search(r"<textarea[^>]*>(.*?)</textarea>", response.content.decode(), re.S)
    return unescape(found.group(1)).splitlines()


# The case note speaks about the caller ("Through their employer", "来电人不知道"); its family line said
# "paid for you − paid for your family", the result page's words to the person. Said about the caller, in the
# words of the note's rows ("个人账户划入", "年末账户余额"; the answers' "年初个人账户余额").
@pytest.mark.parametrize("prefix, query, line", [
    ("/en", FAMILY, "2024: ¥1,260 credited − ¥510 paid for the caller − ¥750 paid for their family = ¥0 at the end "
                    "of the year."),
    ("/en", FAMILY + "&opening=300", "2024: ¥300 at the start of the year + ¥1,260 credited − ¥560 paid for the "
                                     "caller − ¥1,000 paid for their family = ¥0 at the end of the year."),
    ("", FAMILY + "&opening=300", "2024 年：年初个人账户余额 ¥300 + 个人账户划入 ¥1,260 − 为来电人支付 ¥560 − "
                                  "为其家人支付 ¥1,000 = 年末账户余额 ¥0。"),
    # A caller who does not know the credit before the reform: the year after is worked out, with its line.
    ("/en", "city=chongqing&status=retired&age=68&dk=credit_before&n_primary=12&c_primary=100&fam_med=1500"
            "&year=2024", "2024: ¥1,260 credited − ¥310 paid for the caller − ¥950 paid for their family = ¥0 at the "
                          "end of the year."),
])
def test_the_case_notes_family_line_is_about_the_caller(client, prefix, query, line):
    lines = case_note(client.get(f"{prefix}/desk?{query}"))
    assert line in lines
    assert not [x for x in lines[:lines.index(line) + 1] if "your" in x or "you " in x]


def test_the_result_page_keeps_speaking_to_the_person(client):
    page = unescape(client.get(f"/en/result?{FAMILY}").content.decode())
    assert "2024: ¥1,260 credited − ¥510 paid for you − ¥750 paid for your family = ¥0 at the end of the year." in page
    assert "2024 年：个人账户计入 ¥1,260 − 个人账户支付 ¥510 − 为家人支付 ¥750 = 个账结余 ¥0。" in unescape(
        client.get(f"/result?{FAMILY}").content.decode())
