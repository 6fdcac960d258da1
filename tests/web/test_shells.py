"""The result page rendered in two passes (estimator.shells) is the page Django renders in one.

The shells keep the template's markup per language and shape and put each request's
values in; these tests render every kind of result page both ways and compare the
bytes, check that values are escaped as Django escapes them, that a template using a
value as more than text is refused, and that no figure someone typed is kept.
"""
from urllib.parse import urlencode

import pytest
from django.template import engines
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation
from django_htmx.middleware import HtmxDetails
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from estimator import shells, views
from estimator.flow import Answers, scenario_from
from policies import ScenarioError, parse_scenario, run

LEVELS = {"chongqing": ("primary", "secondary", "tertiary"), "zaozhuang": ("primary", "secondary", "tertiary"),
          "zhenjiang": ("primary", "other", "secondary", "tertiary_other", "tertiary"),
          "xian": ("primary", "secondary", "tertiary"),
          "henan-draft": ("primary", "secondary", "tertiary", "tertiary_provincial_a")}
XIAN_FIGURES = {"p_deductible.in_service": "800", "p_deductible.retired": "600", "p_cap.in_service": "3000",
                "p_cap.retired": "4000", **{f"p_ratio.{who}.{lv}": "60" for who in ("in_service", "retired")
                                           for lv in LEVELS["xian"]}}
# One of each kind of page: better and worse off, never breaking even, no cut, no visits
# (an assumed mix), warnings and supplied figures, both languages, full pages and htmx's.
PAGES = [
    "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired",
    "/en/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired&opening=100",
    "/result?age=62&c_secondary=0&city=chongqing&credit_before=2525&status=retired",
    "/result?age=40&status=in_service&city=zhenjiang&base=6000&n_primary=10&c_primary=300&n_tertiary=3&c_tertiary=5000",
    "/en/result?age=40&status=in_service&city=zaozhuang&base=6000&credit_before=3000&n_primary=2&c_primary=100",
    "/en/result?age=45&status=in_service&city=zaozhuang&base=4000&credit_before=3000&year=2024",
    "/result?age=30&status=in_service&enrolment=individual_tier1&city=chongqing&base=5000&credit_before=1000",
    "/result?age=66&status=retired&city=henan-draft&sector=enterprise&pension=3000&credit_before=1500"
    "&credit_after=800&n_primary=4&c_primary=200",
    "/result?age=50&status=in_service&city=xian&base=6000&credit_before=2000&credit_after=900&n_primary=5"
    "&c_primary=400&p_deductible.in_service=800&p_ratio.in_service.primary=60&p_cap.in_service=3000",
    "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired&zz=%3Cb%3E%22x%27%26",
]


def both_ways(url: str, htmx: bool = False) -> tuple[str, str] | None:
    """The page through the shells, and the same context rendered by Django in one pass."""
    path, _, query = url.partition("?")
    language = "en" if path.startswith("/en/") else "zh"
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    request = RequestFactory().get(url, HTTP_HOST="127.0.0.1", **headers)
    request.htmx = HtmxDetails(request)
    with translation.override("en" if language == "en" else "zh-hans"):
        answers = Answers.from_query(request.GET)
        try:
            estimate = run(parse_scenario(scenario_from(answers, language)))
        except ScenarioError:
            return None
        context, constants = views.result_context(request, answers, estimate, language)
        direct = get_template("result.html").render({**constants, **context})
        twice = [shells.render("result.html", context, constants, language) for _ in range(2)]
    assert twice[0] == twice[1]                 # the first render builds the shell, the second reuses it
    return twice[1], direct


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("htmx", [False, True])
def test_each_kind_of_result_page_is_the_page_django_renders(url, htmx):
    shown, direct = both_ways(url, htmx)
    assert shown == direct
    assert "<h1" in shown and "breakeven" in shown and ("<!doctype html>" in shown) is not htmx


def test_the_view_sends_the_shells_page(client):
    response = client.get(PAGES[0], HTTP_HOST="127.0.0.1")
    assert response.content.decode() == both_ways(PAGES[0])[0]


def test_values_are_escaped_as_django_escapes_them():
    shown, _ = both_ways(PAGES[-1])
    assert "zz=%3Cb%3E%22x%27%26" in shown            # the reproduce link, as typed (already URL-encoded)
    assert "<b>" not in shown
    shown, direct = both_ways("/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1"
                         "&status=retired&zz=<b>\"'&")
    assert shown == direct
    assert "zz=%3Cb%3E%22&#x27;&amp;" in shown and "%22'&" not in shown     # Django encodes < > ", not ' &


answers = st.fixed_dictionaries({
    "city": st.sampled_from(sorted(LEVELS)), "status": st.sampled_from(["in_service", "retired"]),
    "age": st.integers(18, 90).map(str), "base": st.integers(0, 40000).map(str),
    "pension": st.integers(0, 20000).map(str), "credit_before": st.integers(0, 6000).map(str),
    "opening": st.one_of(st.just(""), st.integers(0, 5000).map(str)),
    "year": st.sampled_from(["", "2023", "2024"]),
    "visits": st.lists(st.tuples(st.integers(0, 4), st.integers(0, 30), st.integers(0, 8000)), max_size=3),
    "lang": st.sampled_from(["", "/en"]), "extra": st.text(max_size=8),
})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers, st.booleans())
def test_any_result_page_is_the_page_django_renders(given_answers, htmx):
    a = dict(given_answers)
    city, lang, visits, extra = a.pop("city"), a.pop("lang"), a.pop("visits"), a.pop("extra")
    query = {k: v for k, v in a.items() if v}
    query.update(city=city, zz=extra)
    if city == "xian":
        query.update(XIAN_FIGURES, credit_after="1000")
    if city == "henan-draft":
        query.update(sector="enterprise", credit_after="800")
    levels = LEVELS[city]
    for level, count, cost in visits:
        query.update({f"n_{levels[level % len(levels)]}": str(count), f"c_{levels[level % len(levels)]}": str(cost)})
    pair = both_ways(f"{lang}/result?{urlencode(query)}", htmx)
    assume(pair is not None)
    assert pair[0] == pair[1]


def _with_template(monkeypatch, source: str):
    template = engines["django"].from_string(source)
    monkeypatch.setattr(shells, "get_template", lambda name: template)
    shells._shells.clear()


def test_a_number_or_an_object_in_the_context_is_refused(monkeypatch):
    _with_template(monkeypatch, "{{ amount }}")
    with pytest.raises(TypeError):
        shells.render("number.html", {"amount": 2800}, {}, "zh")
    assert shells.render("number.html", {"amount": "2800"}, {}, "zh") == "2800"


def test_a_template_that_changes_a_value_is_refused(monkeypatch):
    _with_template(monkeypatch, "{{ name|slice:':2' }}")
    with pytest.raises(ValueError):
        shells.render("filtered.html", {"name": "abcdef"}, {}, "zh")


def test_flags_shape_the_page_and_each_shape_has_its_own_shell(monkeypatch):
    _with_template(monkeypatch, "{% if better %}better by {{ amount }}{% else %}worse by {{ amount }}{% endif %}"
                                "{% for w in warnings %}<li>{{ w }}</li>{% endfor %}{% if kind == 'a' %}A{% endif %}")
    render = shells.render
    assert render("t.html", {"better": True, "amount": "¥5", "warnings": [], "kind": shells.Fixed("a")}, {}, "zh") \
        == "better by ¥5A"
    assert render("t.html", {"better": False, "amount": "<5>", "warnings": ["x", "y & z"], "kind": shells.Fixed("b")},
                  {}, "zh") == "worse by &lt;5&gt;<li>x</li><li>y &amp; z</li>"
    assert len(shells._shells) == 2


def test_the_shells_keep_no_figure_anyone_typed(client):
    shells._shells.clear()
    response = client.get("/result?age=62&c_secondary=13579&city=chongqing&credit_before=24681&n_secondary=1"
                          "&status=retired&opening=97531", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200 and "24,681" in response.content.decode()
    kept = " ".join(shells._shells.values()) + " ".join(map(repr, shells._shells))
    for figure in ("24681", "24,681", "13579", "13,579", "97531", "97,531", "chongqing"):
        assert figure not in kept


def test_the_number_of_shells_is_bounded(monkeypatch):
    _with_template(monkeypatch, "{% if a %}a{% endif %}{% if b %}b{% endif %}")
    monkeypatch.setattr(shells, "MAX_SHELLS", 2)
    for a, b in ((True, True), (True, False), (False, True), (False, False)):
        assert shells.render("t.html", {"a": a, "b": b}, {}, "zh") == ("a" if a else "") + ("b" if b else "")
    assert len(shells._shells) == 2
