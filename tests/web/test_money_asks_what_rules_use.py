"""QA8 finding 10: the money page asks a person's own base or pension only where a credit rule for their status and
enrolment reads it. A Chongqing tier 1 member (个人参加职工医保一档) is credited nothing (seed 001 第九条), so no base:
the page asked "缴费基数" as required though the result came out the same without it."""
import re
from html import unescape

from estimator.questions import city_uses
from policies import load_cities

TIER1 = "city=chongqing&status=in_service&enrolment=individual_tier1&age=40&year=2024"


def text(response) -> str:
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def test_a_chongqing_tier1_member_is_not_asked_the_base(client):
    html = client.get(f"/money?{TIER1}").content.decode()
    assert 'name="base"' not in html and 'name="credit_before"' in html
    sent = client.get(f"/money?{TIER1}&credit_before=1200&s=money")
    assert sent.status_code == 302 and "/visits?" in sent["Location"]
    # Tier 2 and employer-enrolled members are credited a share of it (第九条第一款): asked.
    for enrolment in ("individual_tier2", "employer"):
        assert 'name="base"' in client.get(f"/money?{TIER1.replace('individual_tier1', enrolment)}").content.decode()


def test_a_base_the_link_carries_is_kept_for_the_comparison_and_said(client):
    visits = "&credit_before=1200&n_primary=12&c_primary=100"
    without = text(client.get(f"/result?{TIER1}{visits}"))
    given = text(client.get(f"/result?{TIER1}{visits}&base=6000"))
    assert "重庆市的规则用不到缴费基数，只在比较各个城市时使用。" in given
    table = re.compile(r"改革前 2023 .*?改革后 2024 [^A-Za-z您]*")
    assert table.search(without).group(0) == table.search(given).group(0)
    assert "base=6000" in client.get(f"/compare?{TIER1}{visits}&base=6000").content.decode()


def test_whether_a_rule_reads_the_own_figure_follows_the_city_data():
    cities = load_cities()
    assert not city_uses(cities["chongqing"], "base", {"status": "in_service", "enrolment": "individual_tier1"})
    assert city_uses(cities["chongqing"], "base", {"status": "in_service", "enrolment": "individual_tier2"})
    assert not city_uses(cities["chongqing"], "pension", {"status": "retired"})
    # Zhenjiang credited employer-enrolled retirees 6% of their pension before the reform; not flexible workers.
    assert city_uses(cities["zhenjiang"], "pension", {"status": "retired", "enrolment": "employer"})
    assert not city_uses(cities["zhenjiang"], "pension", {"status": "retired", "enrolment": "flexible"})
