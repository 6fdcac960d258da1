"""English pages cite a document by its Chinese title, number and article (a reader may need them to
find it), but every note said about it is in English: no Chinese sentence in brackets after an article.

Before: "Source: 《重庆市…实施细则》（渝医保发〔2023〕32号）第五条（退休人员增加10个百分点）" on English pages."""
import html
import json
import re
from pathlib import Path

import pytest

from policies import load_cities

HERE = Path(__file__).parent
HAN = re.compile(r"[\u4e00-\u9fff]")
NUMBERING = "第条款章一二三四五六七八九十百零（）；、 0-9"


def _without_titles(text: str) -> str:
    """The text with each 《title》 (titles nest: 《关于《…》的起草说明》) taken out."""
    out, depth = [], 0
    for ch in text:
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def chinese_left_over(text: str) -> list[str]:
    """Chinese in an English page's text other than a document's title, number or article, a Chinese term
    in brackets after its English ("Personal account (个人账户)") and the switch to the Chinese site."""
    text = _without_titles(text)
    text = re.sub(r"\([^()A-Za-z]*[\u4e00-\u9fff][^()A-Za-z]*\)", " ", text)        # (术语) after its English
    text = re.sub(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号", " ", text)                     # document numbers
    text = re.sub(r"问答[一二三四五六七八九十]+(?: 例 \d)?|[一二三四五六七八九十]+例\d", " ", text)  # the Q&A's items, examples
    text = re.sub(rf"[{NUMBERING}]*[第条款章一二三四五六七八九十（）][{NUMBERING}]*", " ", text)
    text = text.replace("中文", " ")
    return [m.group(0) for m in re.finditer(r"\S*[\u4e00-\u9fff]\S*", text)]


def english_links():
    links = json.loads((HERE / "data" / "saved_links.json").read_text())
    queries = sorted({entry["link"].split("?", 1)[1] for entry in links})
    cities = {q: re.search(r"city=([a-z-]+)", q).group(1) for q in queries}
    # a few of each city's links: enough to meet every rule the data cites
    chosen = []
    for city in load_cities():
        chosen += [q for q in queries if cities[q] == city][:12]
    return chosen


def test_the_check_finds_a_chinese_note_and_passes_a_citation():
    assert chinese_left_over("Source: 《重庆市实施细则》（渝医保发〔2023〕32号）第五条（退休人员增加10个百分点）") \
        == ["退休人员增加10个百分点"]
    assert chinese_left_over("Source: 《关于《细则（征求意见稿）》的起草说明》 (draft for comment, 2022) 二 第三章 "
                             "(60% elsewhere); Personal account (个人账户); 问答十五; 问答十九 例 1; 四（三）") == []


@pytest.mark.parametrize("page", ["result", "desk", "compare"])
def test_english_pages_have_no_chinese_notes_only_titles_numbers_articles_and_terms(client, page):
    found = {}
    for query in english_links():
        response = client.get(f"/en/{page}?{query}", follow=True)
        html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
        for piece in re.split(r"<[^>]+>|\n", html):
            for left in chinese_left_over(piece.replace("&#39;", "'")):
                found.setdefault(left, query)
    assert found == {}


def test_a_figures_name_inside_a_message_reads_as_a_noun(client):
    # Xi'an's documents leave the pooling figures out (seed 004 四（五）): a message naming one read
    # "Enter The deductible (起付标准) for working people, yuan a year as a number of yuan…".
    query = ("city=xian&status=in_service&age=50&base=5000&n_primary=5&c_primary=200&credit_before=1800"
             "&p_deductible.in_service=abc&s=figures")
    body = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(f"/en/figures?{query}").content.decode()))
    assert "Enter the deductible (起付标准) for working people as a number of yuan, like 700 or 700.50" in html.unescape(body)
    assert "Enter The" not in body
