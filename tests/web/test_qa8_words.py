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


# ---- finding 7: every row adds up, on its own or with the line under the table -----------------

from decimal import Decimal
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies import load_cities
from tests.web.test_desk_call_and_paper import case_note
from tests.web.test_family_figures import table_rows

CITIES = load_cities()
# The tester's Chongqing retiree, 69 on 1 January, born in May, with ¥850.50 in the account on 1 January.
QA8_7 = ("city=chongqing&status=retired&enrolment=employer&age=69&birth_month=5&year=2024&credit_before=2600"
         "&opening=850.5&n_primary=24&c_primary=60&n_tertiary=3&c_tertiary=600&ph_n=12&ph_c=200&ph_lv=secondary")


def sums(page: str, list_id: str = "table-family-sums") -> list[str]:
    found = re.search(rf'<ul class="list list--sums" id="{list_id}">(.*?)</ul>', page, re.S)
    return [html.unescape(line) for line in re.findall(r"<li>(.*?)</li>", found.group(1))] if found else []


def money(text: str) -> Decimal:
    return Decimal(re.sub(r"[^\d.]", "", text)) * (-1 if text.startswith(("−", "-")) else 1)


def adds_up(line: str) -> tuple[str, Decimal]:
    """A printed sum: its year, and the figure it ends with, after checking the terms make that figure."""
    year, sum_ = re.match(r"(\d{4})(?: 年：|: )(.*)", line).groups()
    left, right = sum_.split(" = ")
    terms = re.split(r" ([+−]) ", left)
    total = money(re.search(r"−?¥[\d,.]+", terms[0]).group(0))
    for sign, term in zip(terms[1::2], terms[2::2]):
        figure = money(re.search(r"−?¥[\d,.]+", term).group(0))
        total += figure if sign == "+" else -figure
    end = money(re.search(r"−?¥[\d,.]+", right).group(0))
    assert total == end, line
    return year, end


def test_with_an_opening_balance_each_row_adds_up_under_the_table_in_the_note_and_in_the_steps(client):
    page = body(client.get(f"/result?{QA8_7}"))
    assert [r[1:] for r in table_rows(page, "table--qa")] == [
        ["¥2,600", "¥5,640", "¥0", "¥3,451", "¥2,189", "¥0"],
        ["¥1,340 （个账减计 ¥1,260）", "¥5,640", "¥3,698", "¥1,942", "¥0", "¥249"]]
    assert "年末的个账结余是这样算出来的：" in text(client.get(f"/result?{QA8_7}"))
    assert sums(page) == ["2023 年：年初结余 ¥851 + 个人账户计入 ¥2,600 − 个人账户支付 ¥3,451 = 个账结余 ¥0。",
                          "2024 年：年初结余 ¥851 + 个人账户计入 ¥1,340 − 个人账户支付 ¥1,942 = 个账结余 ¥249。"]
    # The steps say the year-end balance with the opening balance in it, to the fen.
    assert ("个人负担 ¥1,942.00：个人账户支付 ¥1,942.00，现金支付 ¥0.00；年末个人账户余额 = 年初余额 ¥850.50 + "
            "全年划入 ¥1,340.00 − 个人账户支付 ¥1,942.00 = ¥248.50。") in text(client.get(f"/result?{QA8_7}"))
    en = body(client.get(f"/en/result?{QA8_7}"))
    assert sums(en)[1] == ("2024: ¥851 at the start of the year + ¥1,340 credited − ¥1,942 paid = ¥249 at the end "
                           "of the year.")
    assert ("Your share ¥5,640.00: the account paid ¥3,450.50, cash ¥2,189.50; year-end account balance = ¥850.50 at "
            "the start of the year + ¥2,600.00 credited − ¥3,450.50 paid = ¥0.00.") in text(client.get(f"/en/result?{QA8_7}"))
    # The desk: under its table and in the case note, the same lines.
    desk = client.get(f"/desk?{QA8_7}")
    assert sums(body(desk)) == sums(page)
    note = case_note(desk)
    assert "2024 年：年初结余 ¥851 + 个人账户计入 ¥1,340 − 个人账户支付 ¥1,942 = 个账结余 ¥249。" in note
    assert "2023 年：年初结余 ¥851 + 个人账户计入 ¥2,600 − 个人账户支付 ¥3,451 = 个账结余 ¥0。" in note


def test_without_an_opening_balance_or_family_a_row_adds_up_on_its_own_and_has_no_line(client):
    page = body(client.get("/result?city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100"))
    assert 'class="list list--sums"' not in page
    assert "年末个人账户余额 = " not in page


def test_a_row_whose_whole_yuan_cannot_add_up_has_its_sum_to_the_fen(client):
    # A saved link (tests/web/data/saved_links.json) whose table must stay as it was: the account paid all of
    # its ¥996.33, shown as ¥997 so that the columns make the total. Under it, the same sum to the fen.
    link = ("/result?age=58&base=13206.31&c_primary=2012.5&c_secondary=777.51&city=henan-draft&credit_after=996.33"
            "&credit_before=3308&n_primary=20&n_secondary=13&sp_c=598&sp_lv=tertiary&sp_n=9&sp_o=163"
            "&status=in_service&year=2024")
    page = body(client.get(link))
    assert table_rows(page, "table--qa")[1][1::3] == ["¥996 （个账减计 ¥2,312）", "¥997"]
    assert sums(page) == ["2024 年：个人账户计入 ¥996.33 − 个人账户支付 ¥996.33 = 个账结余 ¥0.00。"
                          "这一行精确到分，上表每个数都取整到元。"]


@st.composite
def links(draw):
    """Answers as a link carries them, with fen amounts (where rounding bites), an opening balance and family
    spending now and then."""
    city = CITIES[draw(st.sampled_from(sorted(CITIES)))]
    status = draw(st.sampled_from(["in_service", "retired"]))
    fen = st.decimals(0, 4000, places=2).map(str)
    q = {"city": city.id, "status": status, "age": str(draw(st.integers(25, 90))),
         "base" if status == "in_service" else "pension": str(draw(st.integers(1000, 12000))),
         "credit_before": draw(fen), "credit_after": draw(fen)}
    if city.retiree_sectors and status == "retired":
        q["sector"] = draw(st.sampled_from(city.retiree_sectors))
    for level in draw(st.lists(st.sampled_from(city.levels), max_size=3, unique=True)):
        q[f"n_{level}"] = str(draw(st.integers(1, 15)))
        q[f"c_{level}"] = str(draw(st.decimals("0.01", 3000, places=2)))
    if draw(st.booleans()):
        q["opening"] = draw(fen)
    if draw(st.booleans()):
        q["fam_med"] = str(draw(st.decimals(1, 3000, places=2)))
    if city.id == "xian":
        q.update({f"p_deductible.{status}": "300", f"p_cap.{status}": "2000"})
        q.update({f"p_ratio.{status}.{lv}": "60" for lv in city.levels})
    return q


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(answers=links(), language=st.sampled_from(["", "/en"]))
def test_every_printed_sum_adds_up_and_every_row_adds_up_or_has_one(client, answers, language):
    page = body(client.get(f"{language}/result?{urlencode(answers)}"))
    if 'class="table table--qa"' not in page:
        return                                   # not a result (a figure this person's city lacks)
    lines = {}
    for line in sums(page):
        year, end = adds_up(line)
        lines[year] = end
    for row in table_rows(page, "table--qa"):
        year = re.search(r"\d{4}", row[0]).group(0)
        credit, account, balance = (money(row[i].split(" ")[0]) for i in (1, 4, 6))
        if credit - account != balance:
            assert year in lines, (row, sums(page))
        if year in lines and lines[year] == lines[year].to_integral_value():
            assert lines[year] == balance            # a whole-yuan line ends with the table's balance
    # The year table's lines too, where the page has one.
    years = re.search(r'<section class="years".*?</section>', page, re.S)
    if years:
        for line in re.findall(r'<ul class="list list--sums">(.*?)</ul>', years.group(0), re.S):
            for item in re.findall(r"<li>(.*?)</li>", line):
                adds_up(html.unescape(item))


# ---- finding 10: pharmacy purchases said as purchases, in the steps and on the check page ---------

# 重庆 实施细则 第十二条: purchases on an outside prescription are settled at the prescriber's level.
PHARMACY = ("city=chongqing&status=retired&enrolment=employer&age=68&year=2024&credit_before=3000"
            "&n_primary=12&c_primary=100&n_secondary=2&c_secondary=800&ph_n=6&ph_c=150&ph_lv=secondary")


def test_the_steps_say_a_levels_line_includes_the_pharmacy_purchases_settled_there(client):
    zh = text(client.get(f"/result?{PHARMACY}"))
    assert ("二级医疗机构（含药店购药 ¥900.00）：(计入统筹的费用 ¥2,500.00 − 起付部分 ¥0.00) × 70% = ¥1,750.00，"
            "由统筹基金支付。") in zh
    assert "一级及以下医疗机构（社区、乡镇）：(计入统筹的费用" in zh          # a level without purchases: as before
    only = PHARMACY.replace("&n_secondary=2&c_secondary=800", "")
    assert "二级医疗机构（含药店购药 ¥900.00）：(计入统筹的费用 ¥900.00 − " in text(client.get(f"/result?{only}"))
    assert ("Secondary (level 2) hospital (including ¥900.00 of pharmacy purchases on its prescriptions): "
            "(cost counted by pooling ¥2,500.00 − ") in text(client.get(f"/en/result?{PHARMACY}"))


def test_the_check_page_counts_purchases_on_a_prescription_from_a_level(client):
    en, zh = text(client.get(f"/en/check?{PHARMACY}")), text(client.get(f"/check?{PHARMACY}"))
    assert "Pharmacy purchases on a prescription 6 purchases × ¥150, on a prescription from a secondary (level 2) " \
           "hospital" in en
    assert "visits × ¥150" not in en
    assert "凭外配处方在药店购药 6 次 × ¥150，处方由二级医疗机构开具" in zh
    one = "city=zhenjiang&status=retired&age=68&year=2023&credit_before=2400&ph_n=1&ph_c=150&ph_lv=tertiary"
    assert "1 purchase × ¥150, on a prescription from the First People's Hospital or Jiangsu University " \
           "Affiliated Hospital" in text(client.get(f"/en/check?{one}"))


# ---- finding 10: the visits page explains its terms and where to find the figures ----------------

VISITS = "city=chongqing&status=retired&enrolment=employer&age=68&year=2024&credit_before=3000"


def test_the_visits_page_says_what_covered_costs_are_and_where_they_show(client):
    # 重庆 实施细则 第二条: the costs within the lists (医保目录) of medicines, treatments, supplies and services.
    zh, en = client.get(f"/visits?{VISITS}"), client.get(f"/en/visits?{VISITS}")
    assert ("政策范围内费用，就是医保目录里的药品、检查、治疗等费用；医保不管、要全部自己出钱的自费项目不算。"
            "付费时拿到的结算单上一般会列出这些钱，医保 App 的就医记录里也能查到。") in text(zh)
    assert ("The part the insurance covers (政策范围内费用) means medicines, tests and treatments on the insurance's "
            "lists (医保目录); things you pay for wholly yourself (自费) do not count. The settlement slip (结算单) you "
            "get when you pay usually shows them, and so do the visit records in the medical insurance app.") in text(en)


def test_what_the_special_schemes_paid_has_a_hint_tied_to_its_box(client):
    # 重庆 问答十四: these schemes pay first; the rest of the covered cost goes to outpatient pooling.
    zh, en = client.get(f"/visits?{VISITS}"), client.get(f"/en/visits?{VISITS}")
    assert re.search(r'<p class="hint" id="sp_o-hint">每次看病时，“两病”、特病或国谈药待遇先报销的钱；剩下的才算进普通门诊'
                     r'统筹。结算单上医保报销的钱里就有这一笔，具体多少可以问医院的收费窗口。</p>', body(zh))
    assert re.search(r'id="id_sp_o"[^>]*aria-describedby="[^"]*sp_o-hint', body(zh))
    assert ("What those schemes paid for each visit, before anything else: only the rest goes to outpatient pooling. "
            "On your settlement slip (结算单) it is part of what the insurance paid; the hospital's payment desk can "
            "tell you how much.") in html.unescape(body(en))
