"""The walk-through's architecture (issue 12): one table of questions, a step registry, and
the engine run at most once per request."""
from fractions import Fraction

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from estimator import journey
from estimator.journey import STEPS, Journey
from estimator.questions import FAMILY, MONEY, PERSON, TOTAL, visit_rows
from policies import load_cities

CQ = "city=chongqing&status=retired&age=62&credit_before=2525&n_secondary=1&c_secondary=2800"
XIAN = ("city=xian&status=in_service&age=40&base=5000&n_secondary=2&c_secondary=1000&p_deductible.in_service=800"
        "&p_ratio.in_service.secondary=60&p_cap.in_service=2000")


@pytest.fixture
def engine_runs(monkeypatch):
    calls = []
    real = journey.run

    def counted(scenario):
        calls.append(scenario)
        return real(scenario)
    monkeypatch.setattr(journey, "run", counted)
    return calls


@pytest.mark.parametrize("url", [
    f"/person?{CQ}", f"/money?{CQ}", f"/money?{CQ}&s=money", f"/visits?{CQ}", f"/visits?{CQ}&s=visits",
    f"/check?{CQ}", f"/result?{CQ}", f"/en/result?{CQ}", f"/desk?{CQ}", f"/figures?{XIAN}&s=figures",
    f"/result?{XIAN}", f"/result?{CQ}&age=abc", f"/visits?{CQ}&c_primary=100&s=visits",
])
def test_a_page_runs_the_engine_at_most_once(client, engine_runs, url):
    assert client.get(url).status_code in (200, 302)
    assert len(engine_runs) <= 1


def test_a_question_page_before_the_money_needs_no_engine(client, engine_runs):
    assert client.get("/person?city=chongqing").status_code == 200
    assert engine_runs == []


@pytest.mark.parametrize("city_id", sorted(load_cities()))
def test_the_forms_ask_exactly_the_questions_in_the_table(rf, city_id):
    city = load_cities()[city_id]
    j = Journey(rf.get("/", {"city": city_id, "status": "retired"}).GET, "zh")
    assert set(j.form("visits", bound=False).fields) == {q.key for row in visit_rows(city, "zh") for q in row.questions} | {
        q.key for q in TOTAL}
    person = {q.key for q in PERSON if q.applies(city, {"status": "retired"})}
    assert set(j.form("person", bound=False).fields) == person
    money = set(j.form("money", bound=False).fields)
    assert money <= {q.key for q in MONEY + FAMILY} and {q.key for q in FAMILY} <= money


def test_every_step_names_its_form_template_and_the_step_before():
    names = list(STEPS)
    assert names == ["city", "person", "money", "visits", "figures"]
    for before, step in zip([None] + names, names):
        assert STEPS[step].previous == before and STEPS[step].template == f"questions/{step}.html"


# ---- the visits spread over the year (Journey.spread) --------------------------------------------

def _midpoint_order(counts: list[int]) -> list[int]:
    """The rule in its own words: kind k's i-th visit of n falls at (2i + 1) / 2n of the year; on a tie
    the kind listed first goes first."""
    return [k for _, k in sorted((Fraction(2 * i + 1, 2 * n), k) for k, n in enumerate(counts) for i in range(n))]


def test_a_realistic_year_is_spread_as_the_midpoints_fall(rf):
    j = Journey(rf.get("/", {"city": "chongqing"}).GET, "zh")
    entries = j.spread({"n_primary": 10, "c_primary": 120, "n_secondary": 3, "c_secondary": 650})
    assert [(e["level"], e["count"]) for e in entries] == [
        ("primary", 2), ("secondary", 1), ("primary", 3), ("secondary", 1), ("primary", 3), ("secondary", 1),
        ("primary", 2)]
    assert all(e["cost"] == ("120" if e["level"] == "primary" else "650") for e in entries)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 500), min_size=3, max_size=3), st.integers(0, 1))
def test_visits_are_spread_evenly_each_kind_in_turn(counts, with_total):
    """Whatever the counts: every visit is in one entry, same-kind neighbours are merged, and the order is
    the midpoints' order (the scenario the engine gets, so saved links keep their figures)."""
    j = Journey(QueryDict("city=chongqing"), "zh")
    visits = {f"n_{lv}": n for lv, n in zip(("primary", "secondary", "tertiary"), counts)}
    visits.update({f"c_{lv}": 100 + i for i, lv in enumerate(("primary", "secondary", "tertiary"))})
    if with_total:
        visits.update(total=5000, total_lv="tertiary")
    entries = j.spread(visits)
    kinds = [(n, f"{100 + i}") for i, n in enumerate(counts) if n] + ([(1, "5000")] if with_total else [])
    expected = [kinds[k][1] for k in _midpoint_order([n for n, _ in kinds])]
    assert [e["cost"] for e in entries for _ in range(e["count"])] == expected
    assert all(a["cost"] != b["cost"] for a, b in zip(entries, entries[1:]))


def test_the_options_of_a_choice_are_the_city_s_in_the_page_s_language(rf):
    zh = Journey(rf.get("/", {"city": "zhenjiang"}).GET, "zh").form("visits", bound=False)
    en = Journey(rf.get("/", {"city": "zhenjiang"}).GET, "en").form("visits", bound=False)
    city = load_cities()["zhenjiang"]
    assert list(zh.fields["total_lv"].choices) == [(lv, city.level_name(lv, "zh")) for lv in city.levels]
    assert list(en.fields["total_lv"].choices) == [(lv, city.level_name(lv, "en")) for lv in city.levels]
    assert zh.fields["total_lv"].choices != en.fields["total_lv"].choices
    # A link's later year is not added to the list: the form offers the years the engine works out (QA4 15).
    later = Journey(rf.get("/", {"city": "zhenjiang", "year": "2030"}).GET, "zh").form("person", bound=False)
    assert [v for v, _ in later.fields["year"].choices] == ["2023", "2024", "2025", "2026"]
