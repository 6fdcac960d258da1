"""Issue 15 on the pages: the year-by-year table, the family's use of the account, and large-text mode."""
import html
import re
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest

from policies import parse_scenario, run
from policies.family import family_json
from policies.result import COLUMNS, whole_yuan_row
from policies.years import year_by_year
from tests.web.test_pages import follow, text

# A Zaozhuang retiree in 2024 (枣政办发〔2022〕16号 第七条（二）: 2% of the city's average pension, the
# person's figure); the 2022 and 2023 credits are in no source, so those years say so.
ZZ_RETIREE = ("city=zaozhuang&year=2024&status=retired&age=65&credit_before=2400&p_average_pension=3000"
              "&n_primary=6&c_primary=300")
# A Zaozhuang worker: every year can be worked out (4.25% from 2022-12, 2% from 2024: 第七条（一）).
ZZ_WORKER = "city=zaozhuang&status=in_service&age=40&base=5000&credit_before=3000&n_secondary=4&c_secondary=500"
# The README's family example (Chongqing, in service): January 380 and March 800 from the account.
CQ_FAMILY = ("city=chongqing&status=in_service&age=32&base=5000&n_tertiary=1&c_tertiary=3000"
             "&fam_res=380&fam_res_m=1&fam_med=800&fam_med_m=3")


def cells(page: str, table_id: str) -> list[tuple[str, list[str]]]:
    """(row heading's first word, the row's cells as text) for each body row of a table."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S).group(0)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1], re.S):
        head = re.sub(r"<[^>]+>", " ", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)).split()[0]
        rows.append((head, [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip()
                            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]))
    return rows


def yuan_int(cell: str) -> int:
    return int(cell.replace("¥", "").replace(",", "").replace("−", "-"))


# ---- 1. year by year ----------------------------------------------------------------------------

@pytest.mark.parametrize("query, scenario", [
    (ZZ_WORKER, {"city": "zaozhuang", "status": "in_service", "age": 40, "monthly_base": "5000",
                 "account_credit_before": "3000", "visits": [{"level": "secondary", "cost": "500", "count": 4}]}),
    (ZZ_RETIREE, {"city": "zaozhuang", "year": 2024, "status": "retired", "age": 65, "account_credit_before": "2400",
                  "params": {"average_pension": "3000"}, "visits": [{"level": "primary", "cost": "300", "count": 6}]}),
])
def test_the_year_table_matches_the_engine_and_each_row_adds_up(client, query, scenario):
    page = client.get(f"/result?{query}").content.decode()
    shown = cells(page, "years-table")
    sc = parse_scenario(scenario)
    est = run(sc)
    rows = year_by_year(sc, est)
    assert [year for year, _c in shown] == [str(r.year) for r in rows]
    for (year, row_cells), row in zip(shown, rows):
        if row.column is None:
            assert len(row_cells) == 1 and row_cells[0].startswith("无法计算：公开文件没有给出")
            assert f"{year} 年您的个人账户怎么划入" in row_cells[0]
            continue
        numbers = [yuan_int(c) for c in row_cells]
        expected = whole_yuan_row(row.column, sc.opening_balance)
        assert numbers == [getattr(expected, c) for c in COLUMNS]
        credit, total, fund, account, cash, _balance = numbers
        assert fund + account + cash == total


def test_the_zaozhuang_retiree_sees_which_years_cannot_be_worked_out_in_words(client):
    page = text(client.get(f"/result?{ZZ_RETIREE}"))
    assert "逐年变化" in page
    assert "规则在 2022、2023、2024 年发生变化；从 2024 年起不再变化。" in page
    assert "2022 年12月起实行改革" in page                         # the change sentence, with its source
    assert "枣政办发〔2022〕16号）第四条" in page
    for internal in ("account_credit_by_year", "params.", "credit_missing", "None"):
        assert internal not in page
    english = text(client.get(f"/en/result?{ZZ_RETIREE}"))
    assert "Year by year" in english and "Cannot be worked out: the published documents do not give how your " \
        "account was credited in 2022 (no rule in the sources covers you)." in english
    assert "The rules change in 2022, 2023 and 2024; from 2024 on they stay the same." in english
    assert "The reform from December" in english


def test_a_year_that_needs_a_figure_names_it_zhenjiang_2024(client):
    # 镇政办发〔2022〕73号 二（三）: from 2024, 2.5% of the reform year's city average pension, which it does not give.
    body = text(client.get("/result?city=zhenjiang&status=retired&age=66&pension=3000&credit_before=1800"
                           "&n_primary=5&c_primary=200"))
    # the rule is known: the year lacks only the figure it uses
    assert "无法计算：公开文件没有给出全市退休人员月平均基本养老金。" in body
    assert "规则在 2023、2024 年发生变化；从 2024 年起不再变化。" in body


def test_the_year_table_runs_the_engine_once_for_the_main_year(client, monkeypatch):
    import policies.years as years
    runs = []
    real = years.run
    monkeypatch.setattr(years, "run", lambda sc: runs.append(sc.year) or real(sc))
    assert client.get(f"/result?{ZZ_WORKER}").status_code == 200
    assert 2023 not in runs                                          # the main year is the page's own estimate


def test_no_year_table_where_the_reform_came_in_one_step(client):
    assert "逐年变化" not in text(client.get("/result?city=chongqing&status=retired&age=62&credit_before=2525"
                                              "&n_secondary=1&c_secondary=2800"))


# ---- 2. the family's share of the account -----------------------------------------------------------

def test_the_family_row_and_the_household_verdict(client):
    page = client.get(f"/result?{CQ_FAMILY}").content.decode()
    sc = parse_scenario({"city": "chongqing", "status": "in_service", "age": 32, "monthly_base": "5000",
                         "visits": [{"level": "tertiary", "cost": "3000", "count": 1}],
                         "family": [{"kind": "medical", "amount": "800", "month": 3},
                                    {"kind": "resident_contribution", "amount": "380", "month": 1}]})
    est = run(sc)
    after = family_json(est.after.family, est.after.cash_paid)
    assert after["account_paid"] == "1180.00" and after["cash_paid"] == "0.00"      # README's hand calculation
    body = text(client.get(f"/result?{CQ_FAMILY}"))
    assert "个人账户为家人支付的费用（家庭共济）" in body
    family = re.search(r'<table class="table table--family">.*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", family.split("<tbody>")[1], re.S)
    before_row, after_row = (re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)) for r in rows)
    assert "改革前个人账户不能为家人支付（见下文）。 家人自己付了 ¥1,180。" in before_row
    assert "¥1,180 ¥1,180 ¥0 ¥1,580" in after_row                    # spent, account paid, own cash, household
    # Chongqing's Q&A presents family use as new (二十 "拓"): the before row is empty and says so, citing it.
    assert "改革前个人账户不能支付家人的费用：家人的花费 ¥1,180.00 全部由家人自己付现金。" in body
    assert "二十" in body
    # Household cash: the person's cash + the family's own cash, from the table's whole yuan.
    person_before, person_after = (whole_yuan_row(c, sc.opening_balance) for c in (est.before, est.after))
    house_before = person_before.cash_paid + 1180
    house_after = person_after.cash_paid + 0
    assert f"您和家人一共付现金：改革前 ¥{house_before:,}，改革后 ¥{house_after:,}。" in body
    net = (person_after.account_balance - house_after) - (person_before.account_balance - house_before)
    word = "多了" if net > 0 else "少了"
    assert f"再把家人付的现金也算上，改革让您全家{word} ¥{abs(net):,}。" in body


def test_the_q_and_a_table_stays_the_persons_own(client):
    without = client.get("/result?" + CQ_FAMILY.split("&fam_")[0]).content.decode()
    with_family = client.get(f"/result?{CQ_FAMILY}").content.decode()
    fund = re.compile(r'data-label="医保基金报销">(.*?)</td>')
    assert fund.findall(without) == fund.findall(with_family)       # the fund never pays for the family
    # The family's January and March use comes first, so the person's July visit finds less in the
    # account: more of it is the person's cash (README: 20 left, cash 1580), the same account shared.
    cash = re.compile(r'data-label="现金支付">(.*?)</td>')
    assert (cash.findall(without)[1], cash.findall(with_family)[1]) == ("¥400", "¥1,580")


def test_family_answers_are_asked_on_the_money_page_and_checked(client):
    body = text(client.get("/money?city=chongqing&status=in_service&age=32&base=5000&fam_med_m=3&s=money"))
    assert "请填写家人的医疗费用" in body                               # a month without its amount
    body = text(client.get("/money?city=chongqing&status=in_service&age=32&base=5000&fam_res=-5&s=money"))
    assert "家人的居民医保缴费不能小于 0" in body
    page = client.get(f"/money?{CQ_FAMILY}").content.decode()
    assert '<details class="details" id="family-details" open>' in page     # opened: it holds answers
    page = client.get("/money?city=chongqing&status=in_service&age=32&base=5000").content.decode()
    assert '<details class="details" id="family-details">' in page          # folded: one line on a phone
    rows = text(client.get(f"/check?{CQ_FAMILY}"))
    assert "家人的医疗费用 ¥800" in rows and "家人医疗费用的月份 3" in rows


# ---- 3. large-text mode -------------------------------------------------------------------------------

LARGE_PAGES = [
    "/?size=large", "/en/?size=large", "/city?size=large",
    f"/person?city=chongqing&size=large", f"/money?{CQ_FAMILY}&size=large", f"/visits?{CQ_FAMILY}&size=large",
    f"/check?{CQ_FAMILY}&size=large", f"/result?{CQ_FAMILY}&size=large", f"/en/result?{ZZ_RETIREE}&size=large",
    f"/compare?{CQ_FAMILY}&size=large", "/desk?size=large", f"/desk?{CQ_FAMILY}&size=large",
    "/no-such-page?size=large",
]


def links_and_forms(page: str):
    hrefs = [html.unescape(h) for h in re.findall(r'<a [^>]*href="([^"]*)"', page)]
    forms = re.findall(r"<form [^>]*>.*?</form>", page, re.S)
    return hrefs, forms


@pytest.mark.parametrize("url", LARGE_PAGES)
def test_every_link_and_form_on_a_large_text_page_keeps_the_key(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    page = response.content.decode()
    assert "css/large-text" in page
    hrefs, forms = links_and_forms(page)
    switch = html.unescape(re.search(r'<a class="header__size" href="([^"]*)"', page).group(1))
    lost = [h for h in hrefs if not h.startswith(("#", "data:"))
            and dict(parse_qsl(urlsplit(h).query)).get("size") != "large"]
    assert lost == [switch]                      # only the switch back to standard text drops it
    assert all('name="size" value="large"' in form for form in forms)


@pytest.mark.parametrize("url", ["/", f"/result?{CQ_FAMILY}", "/desk"])
def test_the_standard_pages_load_no_large_text_and_offer_the_switch(client, url):
    page = client.get(url).content.decode()
    assert "large-text" not in page and ">大字版<" in page
    switch = re.search(r'<a class="header__size" href="([^"]*)"', page).group(1)
    assert dict(parse_qsl(urlsplit(html.unescape(switch)).query)).get("size") == "large"


def test_only_large_is_a_size(client):
    page = client.get("/city?size=huge").content.decode()
    assert "css/large-text" not in page and '<input type="hidden" name="size"' not in page
    assert '<a class="header__size" href="/city?size=large"' in page


def submit(client, page: str, answers: dict):
    """Send a question page's form as a browser would: its hidden fields, the typed answers."""
    form = re.search(r'<form method="get" action="([^"]*)"[^>]*>(.*?)</form>', page, re.S)
    data = dict(re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', form.group(2)))
    data.update(answers)
    return client.get(urlsplit(html.unescape(form.group(1))).path, {k: html.unescape(v) for k, v in data.items()})


def test_the_key_is_dropped_nowhere_through_a_whole_walk_through(client):
    response = client.get("/?size=large")
    start = re.search(r'class="button button--start" href="([^"]*)"', response.content.decode()).group(1)
    page = client.get(html.unescape(start)).content.decode()
    steps = [{"city": "chongqing"}, {"status": "in_service", "age": "32"}, {"base": "5000", "fam_med": "800"},
             {"n_tertiary": "1", "c_tertiary": "3000"}]
    for answers in steps:
        response = submit(client, page, answers)
        assert response.status_code == 302 and "size=large" in response["Location"]
        page = client.get(response["Location"]).content.decode()
        assert "css/large-text" in page
    # the check page: every change link and the result link keep it
    hrefs, _forms = links_and_forms(page)
    result = next(h for h in hrefs if h.startswith("/result?"))
    assert "size=large" in result
    page = follow(client, result).content.decode()
    assert "个人账户为家人支付的费用" in page and "css/large-text" in page
    back = re.search(r'<a class="back-link" href="([^"]*)"', page).group(1)
    assert "size=large" in html.unescape(back)
