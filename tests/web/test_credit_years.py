"""QA8 finding 4: the credit boxes name the calendar years they are for, on the money page, the check page and the
desk, in Chinese and English. The year before the reform is the city's (Zaozhuang's and the Henan draft's is 2021,
whatever year after the reform is chosen); the year after is the one chosen."""
import re
from html import unescape

import pytest


def labels(response) -> dict[str, str]:
    html = response.content.decode()
    return {name: unescape(label) for name, label in
            re.findall(r'<label class="label" for="id_(credit_before|credit_after)">(.*?)</label>', html)}


@pytest.mark.parametrize("query, before, after", [
    ("city=zaozhuang&status=in_service&age=45&enrolment=employer&year=2023", 2021, 2023),
    ("city=zaozhuang&status=in_service&age=45&enrolment=employer&year=2025", 2021, 2025),
    ("city=henan-draft&status=retired&sector=enterprise&age=66&year=2024", 2021, 2024),
    ("city=chongqing&status=retired&age=68&year=2026", 2023, 2026),
    ("city=zhenjiang&status=retired&age=68&year=2023", 2022, 2023),
])
def test_the_money_page_names_the_years(client, query, before, after):
    assert labels(client.get(f"/money?{query}")) == {
        "credit_before": f"{before} 年（改革前一年）个人账户全年划入（元）",
        "credit_after": f"{after} 年（改革后）个人账户全年划入（元）"}
    assert labels(client.get(f"/en/money?{query}")) == {
        "credit_before": f"Account credit in {before} (the year before the reform), yuan",
        "credit_after": f"Account credit in {after} (after the reform), yuan"}


def test_the_check_page_and_its_messages_name_the_years(client):
    query = "city=zaozhuang&status=in_service&age=45&base=5000&year=2025&credit_before=2000&n_primary=1&c_primary=100"
    page = unescape(client.get(f"/check?{query}").content.decode())
    assert re.search(r"2021 年（改革前）个人账户划入\s*</dt>\s*<dd[^>]*>\s*¥2,000", page)
    page = unescape(client.get(f"/en/check?{query}&dk=credit_after").content.decode())
    assert re.search(r"Account credit in 2025 \(after the reform\)\s*</dt>\s*<dd[^>]*>\s*I don't know", page)
    # A message names the box as its label does.
    page = unescape(client.get(f"/money?{query.replace('credit_before=2000', 'credit_before=abc')}&s=money")
                    .content.decode())
    assert "2021 年（改革前一年）的个人账户划入请填写金额（元），例如 2500 或 2500.50" in page


def test_the_desk_names_the_years(client):
    query = "city=zaozhuang&status=retired&age=70&year=2024&n_primary=1&c_primary=100"
    assert labels(client.get(f"/desk?{query}")) == {"credit_before": "2021 年（改革前一年）个人账户全年划入（元）",
                                                     "credit_after": "2024 年（改革后）个人账户全年划入（元）"}
    page = client.get(f"/en/desk?{query}&dk=credit_before,credit_after").content.decode()
    note = unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1))
    assert "Account credit in 2021 (before the reform): The caller does not know" in note
    # The year box redraws the desk (the labels follow it), as the city box does.
    year_box = re.search(r'<div hx-get="/en/desk"[^>]*>\s*<div class="field">\s*<label class="label" for="id_year">', page)
    assert year_box and 'hx-target="#desk-page"' in year_box.group(0) and "change consume" in year_box.group(0)
