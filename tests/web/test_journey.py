"""The walk-through's architecture (issue 12): one table of questions, a step registry, and
the engine run at most once per request."""
import pytest

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
