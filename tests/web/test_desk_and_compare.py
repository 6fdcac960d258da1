"""The break-even chart on the result page, the comparison across cities, and help-desk mode."""
import re

CQ = "city=chongqing&status=retired&age=62&credit_before=2525&n_secondary=1&c_secondary=2800"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_result_page_has_an_accessible_chart_and_its_numbers(client):
    response = client.get(f"/result?{CQ}")
    body = response.content.decode()
    assert '<svg class="chart__svg"' in body and 'role="img"' in body
    assert 'aria-labelledby="chart-title breakeven-sentence"' in body and '<title id="chart-title">' in body
    assert "一年门诊费用超过 ¥1,907，改革后就更合算" in text(response)
    assert "¥1,907 （持平）" in text(response) and "¥2,800 （您的）" in text(response)  # labels on their own line
    assert "style=" not in body                         # strict CSP: no inline styles, even in the SVG


def test_result_page_says_plainly_when_the_cap_means_never(client):
    q = "city=zaozhuang&year=2024&status=in_service&age=40&base=10000&credit_before=6000&n_tertiary=1&c_tertiary=1000"
    body = text(client.get(f"/result?{q}"))
    assert "统筹基金一年最多为您报销普通门诊费用 ¥1,500，少于个人账户减少的 ¥3,600" in body and "互助共济" in body


def test_result_links_to_every_city(client):
    body = client.get(f"/result?{CQ}").content.decode()
    link = re.search(r'<a href="(/compare\?[^"]+)" id="compare-link">', body).group(1)
    assert "city=chongqing" in link and "c_secondary=2800" in link


def test_compare_shows_every_city_and_what_is_missing(client):
    body = text(client.get(f"/compare?{CQ}&pension=3000"))
    for name in ("重庆市", "枣庄市", "镇江市", "西安市", "河南某市"):
        assert name in body
    assert "合算 ¥625" in body                                            # Chongqing, as on the result page
    assert "还不能为您计算。 公开的政策文件没有给出： 改革前个人账户划入" in body   # named for people, not as a field
    assert "account_credit_before" not in body and "params." not in body
    assert "起付标准：每年 ¥500" in body                                  # Zhenjiang's retiree deductible named
    assert "二级医疗机构 → 二级医疗机构" in body


def test_desk_empty_form_has_defaults_and_no_result_yet(client):
    response = client.get("/desk")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="in_service" checked' in body and '<option value="chongqing" selected>' in body
    assert "填写来电人的年龄" in text(response)
    for key in ("1", "2", "3", "s", "n", "r"):
        assert f'accesskey="{key}"' in body


def test_desk_answers_with_script_summary_and_glossary(client):
    response = client.get(f"/desk?{CQ}")
    body = text(response)
    assert "按您说的情况，改革后您一年少付现金 ¥275，年末个人账户余额多 ¥350" in body
    assert "主要原因：统筹基金比改革前多为您报销了 ¥1,890 门诊费用，比个人账户少划入的 ¥1,265 还多" in body
    summary = re.search(r'<textarea[^>]*id="desk-summary"[^>]*>(.*?)</textarea>', response.content.decode(), re.S).group(1)
    assert "改革后（2024 年）：" in summary and "http://testserver/result?" in summary
    assert "起付标准" in body and "第四条" in body and "外配处方" in body     # glossary with figures and sources


def test_desk_htmx_returns_only_the_results(client):
    response = client.get(f"/desk?{CQ}", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="desk-results")
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="desk__results" id="desk-results"') and "<form" not in body


def test_desk_names_missing_figures_for_zaozhuang(client):
    body = text(client.get("/desk?city=zaozhuang&status=in_service&age=40&base=5000"))
    assert "请填写 2021 年（改革前一年）的个人账户划入：公开文件没有说明您这一项怎么计算" in body
    assert "有问题需要修改" in body                 # the results' error summary (QA7 finding 5)


def test_desk_bad_input_is_shown_beside_the_field(client):
    body = text(client.get("/desk?city=chongqing&status=retired&age=abc"))
    assert "年龄请填写整数" in body and "有问题需要修改" in body


def test_desk_glossary_names_the_top_up_only_where_it_applies(client):
    assert "累计补差" in text(client.get("/desk?city=zaozhuang"))
    assert "累计补差" not in text(client.get("/desk?city=chongqing"))


def test_desk_glossary_gives_the_callers_figures_from_the_estimate(client):
    assert "起付标准：每年 ¥" not in text(client.get("/desk?city=chongqing"))       # no caller yet: no figures
    body = text(client.get(f"/desk?{CQ}"))
    assert "起付标准：每年 ¥100，全年累计" in body and "年度最高支付限额：¥4,000" in body   # a retiree's, as used


def test_compare_names_rules_and_missing_figures_in_the_citys_order_of_levels(client):
    """Visits at two levels: Chongqing's ratios in Chinese, joined as Chinese lists are; Xi'an's
    missing ratios named level by level in the city's order, the same on every request (they
    came out in a set's order, which changes from one process to the next)."""
    body = text(client.get("/compare?city=chongqing&status=retired&age=62&credit_before=2525"
                           "&n_primary=10&c_primary=120&n_secondary=3&c_secondary=650"))
    assert "统筹基金支付比例：一级及以下医疗机构（社区、乡镇） 70%；二级医疗机构 70%" in body     # Chongqing's, seed 002
    assert "%; " not in body
    primary = body.index("退休人员在基层医疗机构（一级及以下）的统筹基金支付比例（%）")
    secondary = body.index("退休人员在二级医疗机构的统筹基金支付比例（%）")
    assert primary < secondary


def test_the_case_note_is_plain_text_escaped_once_on_the_page(client):
    """The case note takes the desk's script (an HTML part): "others' care" must not reach the
    caller's notes as "others&#39; care" (a review of the Jinja2 templates found it did)."""
    page = client.get("/en/desk?city=chongqing&status=in_service&age=30&base=4567.89&credit_before=12000")
    body = page.content.decode()
    note = re.search(r"<textarea[^>]*>(.*?)</textarea>", body, re.S).group(1)
    assert "that money helps pay for others&#39; care." in note          # escaped once, in the page's HTML
    assert "&amp;#" not in note                                         # never escaped twice
