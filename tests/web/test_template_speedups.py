"""The faster template tags give exactly what Django's own would (issue 5's speed work)."""
from django.template import engines
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override
from hypothesis import given
from hypothesis import strategies as st

from estimator.markup import escaped, steps_list

DJANGO = engines["django"]


def render(source: str, language: str, **context) -> str:
    with override(language):
        return DJANGO.from_string(source).render(context)


def test_translate_remembers_each_language_separately():
    template = DJANGO.from_string('{% load i18n_remembered %}{% translate "Start again" %}|'
                                  '{% translate "Back" as back %}{{ back }}')
    seen = []
    for language in ("zh-hans", "en", "zh-hans", "en"):
        with override(language):
            seen.append(template.render({}))
    assert seen == ["重新开始|返回", "Start again|Back", "重新开始|返回", "Start again|Back"]


def test_a_language_block_switches_the_remembered_messages_inside_it_only():
    source = ('{% load i18n_remembered %}{% translate "Back" %}|{% language "en" %}{% translate "Back" %}|'
              '{% blocktranslate with n=1 total=2 %}Step {{ n }} of {{ total }}{% endblocktranslate %}'
              '{% endlanguage %}|{% translate "Back" %}')
    assert render(source, "zh-hans") == "返回|Back|Step 1 of 2|返回"
    assert render(source, "en") == "Back|Back|Step 1 of 2|Back"


def test_blocktranslate_fills_in_fresh_values_every_time_and_escapes_them():
    template = DJANGO.from_string('{% load i18n_remembered %}'
                                  '{% blocktranslate with n=a total=b %}Step {{ n }} of {{ total }}{% endblocktranslate %}')
    with override("zh-hans"):
        assert template.render({"a": 2, "b": 6}) == "第 2 步，共 6 步"
        assert template.render({"a": "<b>", "b": 6}) == "第 &lt;b&gt; 步，共 6 步"
    with override("en"):
        assert template.render({"a": 3, "b": 5}) == "Step 3 of 5"


def test_blocktranslate_with_a_missing_value_behaves_as_django_does():
    source = "{% blocktranslate %}Step {{ n }} of {{ total }}{% endblocktranslate %}"
    ours = render("{% load i18n_remembered %}" + source, "en", n=1)
    theirs = render("{% load i18n %}" + source, "en", n=1)
    assert ours == theirs == "Step 1 of "


@given(st.one_of(st.text(), st.integers(), st.builds(mark_safe, st.text()),
                 st.sampled_from([gettext_lazy("Back"), None, 1.5])))
def test_field_markup_escapes_exactly_as_django(value):
    assert escaped(value) == conditional_escape(value)


def test_forms_share_their_built_fields_without_sharing_errors_or_answers():
    from estimator.flow import Answers, make_form
    bad = make_form("person", Answers({"city": "chongqing", "age": "abc", "status": "retired"}), "zh", bound=True)
    good = make_form("person", Answers({"city": "chongqing", "age": "62", "status": "in_service"}), "zh", bound=True)
    assert not bad.is_valid() and "age" in bad.errors
    assert good.is_valid() and good.cleaned_data["age"] == 62 and good.cleaned_data["status"] == "in_service"
    assert bad.fields["age"] is good.fields["age"]          # shared, not deep-copied per request
    assert bad.fields is not good.fields                    # but each form has its own list of them


def test_table_words_follow_each_render_language_and_values_are_escaped():
    # The tables' fixed words are translated once per language and kept: each render
    # must still get its own language, and the values in the cells are escaped.
    from policies.result import YuanRow
    template = DJANGO.from_string("{% load ui %}{% qa_table rows %}")
    context = {"rows": [(2023, "<before>", YuanRow(2525, 2800, 0, 2525, 275, 0))]}
    steps = [{"text": "a < b", "source": "Art. 5 & 6"}]
    seen = [render_with(template, language, context) + steps_list(steps, language)
            for language in ("zh-hans", "en", "zh-hans")]
    assert "个人账户计入" in seen[0] and "依据：" in seen[0] and "Credited to account" not in seen[0]
    assert "Credited to account" in seen[1] and "Source:" in seen[1] and "个人账户计入" not in seen[1]
    assert seen[2] == seen[0]
    assert "&lt;before&gt;" in seen[1] and "a &lt; b" in seen[1] and "Art. 5 &amp; 6" in seen[1]
    assert "<before>" not in seen[1]


def render_with(template, language, context):
    with override(language):
        return template.render(context)


@given(st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(["age", "c_secondary", "p_ratio.x.y", "a~b"])),
                       st.one_of(st.text(max_size=12), st.integers(0, 10**6).map(str), st.just(""))))
def test_answer_links_encode_exactly_as_urlencode(values):
    # Answers.query skips quote_plus for plain keys and values: the link must not change.
    from urllib.parse import urlencode

    from estimator.flow import _encoded
    assert _encoded(values) == urlencode(sorted((k, v) for k, v in values.items() if v))


query_text = st.one_of(st.text(max_size=40), st.lists(st.tuples(st.sampled_from(["age", "city", "a b", "%", "ä"]),
                                                               st.text(max_size=6))).map(
    lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)))


@given(st.one_of(query_text.map(lambda q: q.encode("utf-8").decode("iso-8859-1")),     # what a WSGI server passes
                 st.binary(max_size=30).map(lambda b: b.decode("iso-8859-1"))))
def test_answers_read_the_query_exactly_as_request_get(raw):
    # flow.query_values skips building a QueryDict: same keys, same last values, same decoding.
    from django.test import RequestFactory

    from estimator.flow import query_values
    request = RequestFactory().get("/result")
    request.environ["QUERY_STRING"] = raw
    assert query_values(request) == dict(request.GET.items())


def test_answers_refuse_too_many_fields_as_request_get_does(settings):
    from django.core.exceptions import TooManyFieldsSent
    from django.test import RequestFactory

    from estimator.flow import query_values
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    request = RequestFactory().get("/result?a=1&b=2&c=3&d=4")
    for read in (lambda: request.GET, lambda: query_values(request)):
        try:
            read()
        except TooManyFieldsSent:
            continue
        raise AssertionError("too many fields were accepted")
