"""CONTRACT.md "Web links": every reproduce link made before the plain-Django rebuild (issue 12)
still gives the same Q&A table. The links and their tables were saved from the code as it
was then (tests/web/data/capture_links.py made them): five cities, both languages, every
kind of visit, supplied figures, full-width digits, and keys a city does not use."""
import json
import re
from pathlib import Path

import pytest

SAVED = json.loads((Path(__file__).parent / "data" / "saved_links.json").read_text())


def qa_table(html: str) -> list[list[str]]:
    table = re.search(r'<table class="table table--qa">.*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows]


def test_the_saved_links_cover_every_city_and_both_languages():
    links = [s["link"] for s in SAVED]
    assert len(links) > 150
    for city in ("chongqing", "zaozhuang", "zhenjiang", "xian", "henan-draft"):
        assert any(f"city={city}" in link for link in links)
    assert any(link.startswith("/en/") for link in links)


@pytest.mark.parametrize("saved", SAVED, ids=[s["link"][:90] for s in SAVED])
def test_a_saved_link_gives_the_same_table(client, saved):
    response = client.get(saved["link"])
    assert response.status_code == 200, response.get("Location")
    assert qa_table(response.content.decode()) == saved["table"]
