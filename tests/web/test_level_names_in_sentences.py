"""A level's English name reads as an ordinary noun in the middle of a sentence ("visits at primary
(community or township)"); where it starts a line (a heading, an option, a step) it keeps its capital.
A name that is a hospital's own name (Zhenjiang's) keeps its capitals everywhere.

Each test failed before the level names were kept in their in-sentence form."""
import re
from html import unescape

import pytest

CQ = "city=chongqing&status=in_service&age=40&base=5000"
# Every English level name that is an ordinary noun, as it reads at the start of a line.
COMMON = ["Primary (community or township)", "Secondary (level 2) hospital", "Tertiary (level 3) hospital",
          "Township hospital or community health centre", "Other county or city hospital (level 2)",
          "Other level 3 hospital", "Provincial grade 3A hospital", "Primary (level 1 or below)",
          "Level 2 hospital", "Level 3 hospital", "Level 1 or below (incl. village clinics, community stations)",
          "Community health centre or township hospital", "Other level 1 or other institution"]


def text_of(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def pieces_of(response) -> list[str]:
    """The page's text, a piece for each line of text between tags (a heading, an option, a line of the
    desk's case note)."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return [t for t in (unescape(p).strip() for p in re.split(r"<[^>]+>|\n", html)) if t]


@pytest.mark.parametrize("url, sentence", [
    (f"/en/check?{CQ}&n_primary=x&c_primary=100",
     "Enter the number of visits at primary (community or township) as a whole number, like 1"),
    (f"/en/check?{CQ}&n_secondary=1&c_secondary=-5",
     "The cost of a visit at secondary (level 2) hospital cannot be less than 0"),
    (f"/en/check?{CQ}&n_tertiary=1&c_tertiary=300&ph_n=2&ph_c=80&ph_lv=primary",
     "2 purchases × ¥80, on a prescription from a primary (community or township) institution"),
    (f"/en/check?{CQ}&total=3000&total_lv=secondary",
     "¥3,000 in all, counted as one visit at secondary (level 2) hospital"),
    (f"/en/compare?{CQ}&n_primary=3&c_primary=100",
     "Your visits counted as: primary (community or township) → community health centre or township hospital"),
    ("/en/compare?city=zaozhuang&status=in_service&age=40&base=5000&credit_before=2000&n_tertiary=1&c_tertiary=900",
     "level 3 hospital → First People's Hospital or Jiangsu University Affiliated Hospital"),
    ("/en/result?city=zaozhuang&status=in_service&age=40&base=5000&credit_before=2000&n_secondary=2&c_secondary=900",
     "Deductible by level (level 2 hospital ¥"),
    ("/en/compare?city=zaozhuang&status=in_service&age=40&base=5000&credit_before=2000&n_secondary=2&c_secondary=900",
     "Share the fund pays: level 2 hospital "),
])
def test_a_level_named_inside_a_sentence_reads_as_an_ordinary_noun(client, url, sentence):
    assert sentence in text_of(client.get(url, follow=True))


@pytest.mark.parametrize("url, line", [
    (f"/en/visits?{CQ}", "Primary (community or township)"),
    (f"/en/result?{CQ}&n_primary=3&c_primary=100", "Primary (community or township): above the deductible, "
                                                   "the fund pays 60%."),
    (f"/en/check?{CQ}&n_primary=3&c_primary=100", "Primary (community or township)"),
])
def test_a_level_name_that_starts_a_line_keeps_its_capital(client, url, line):
    assert line in pieces_of(client.get(url, follow=True))


def test_a_hospital_s_own_name_keeps_its_capitals_inside_a_sentence(client):
    page = text_of(client.get("/en/check?city=zhenjiang&status=in_service&age=40&base=5000&birth_month=6"
                              "&n_tertiary=x&c_tertiary=100", follow=True))
    assert ("Enter the number of visits at First People's Hospital or Jiangsu University Affiliated Hospital "
            "as a whole number, like 1") in page


@pytest.mark.parametrize("url", [
    f"/en/check?{CQ}&n_primary=x&c_secondary=-1&n_tertiary=2",
    f"/en/result?{CQ}&n_primary=10&c_primary=100&n_secondary=3&c_secondary=400&sp_n=2&sp_c=300&sp_o=100",
    f"/en/compare?{CQ}&n_primary=10&c_primary=100&n_secondary=3&c_secondary=400&n_tertiary=1&c_tertiary=900",
    f"/en/desk?{CQ}&n_primary=10&c_primary=100&aw_n=1&aw_c=300&aw_lv=secondary&ph_n=1&ph_c=50",
    "/en/compare?city=henan-draft&status=in_service&age=40&base=5000&credit_before=2000&credit_after=900"
    "&n_primary=2&c_primary=100&n_secondary=1&c_secondary=300&n_tertiary_provincial_a=1&c_tertiary_provincial_a=900",
    "/en/desk?city=xian&status=retired&age=70&credit_before=2000&credit_after=900&n_primary=2&c_primary=300"
    "&p_deductible=1000&p_ratio.retired.primary=70&p_ratio.retired.secondary=60&p_ratio.retired.tertiary=50"
    "&p_cap.retired=3000",
])
def test_no_english_page_capitalises_a_level_name_in_the_middle_of_a_line(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    for piece in pieces_of(response):
        for name in COMMON:
            assert name not in piece[1:], piece


def test_the_figures_a_person_gave_are_named_inside_their_sentence(client):
    # Before: "…not from a published document: Account credit before the reform, The yearly limit the fund pays
    # (最高支付限额) for working people, yuan a year, The deductible…" (headings with capitals and units).
    page = text_of(client.get("/en/result?city=xian&status=in_service&age=40&base=5000&credit_before=2000"
                              "&n_primary=2&c_primary=300&p_cap.in_service=1000&p_deductible.in_service=200"
                              "&p_ratio.in_service.primary=50&p_ratio.in_service.secondary=70"
                              "&p_ratio.in_service.tertiary=50", follow=True))
    assert ("These figures are yours, not from a published document: account credit before the reform, the yearly "
            "limit the fund pays (最高支付限额) for working people, the deductible (起付标准) for working people, the "
            "payment ratio (支付比例) at primary care institutions (level 1 or below) for working people,") in page
