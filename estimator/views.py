"""The walk-through's pages. Thin: forms check, the engine computes, templates render.

Each question page is a GET form, so the whole journey works without JavaScript;
with htmx the page body is swapped in place and the URL kept in step (hx-boost).
"""
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language

from policies import ScenarioError, parse_scenario, run

from . import shells
from .context import language_constants, other_language_url, path_of
from .flow import (STEP_ORDER, Answers, asks_pension, make_form, missing_money, problem_steps, query_values,
                   scenario_from, step_of, steps_for)
from .presenters import check_rows, result_page

MONEY_FIELDS = {"monthly_base": "base", "monthly_pension": "pension", "account_credit_before": "credit_before",
                "account_credit_after": "credit_after"}


def lang() -> str:
    return "en" if get_language() == "en" else "zh"


def base_template(request) -> str:
    """Full page, or only the body for an htmx request (the django-htmx pattern).

    The two headers are read as request.htmx would read them, without building
    request.headers from every header the request has."""
    meta = request.META
    full = meta.get("HTTP_HX_REQUEST") != "true" or meta.get("HTTP_HX_HISTORY_RESTORE_REQUEST") == "true"
    return "base.html" if full else "_partial.html"


def page(request, template, context):
    context["base_template"] = base_template(request)
    return render(request, template, context)


def step_url(step: str, answers: Answers, **extra) -> str:
    query = answers.query(**extra)
    return path_of(step) + (f"?{query}" if query else "")


def start(request):
    return page(request, "start.html", {})


def question(request, step):
    query = query_values(request)
    answers = Answers.from_query(query)
    if step != "city" and answers.city is None:
        return HttpResponseRedirect(step_url("city", answers))
    steps = steps_for(answers) if answers.city else ["city"]
    if step not in steps:
        return HttpResponseRedirect(step_url(steps[-1] if step == "figures" else "city", answers))
    # Answers are re-checked on every request: an earlier page that no longer passes comes first.
    bad = problem_steps(answers, lang())
    for earlier in steps[: steps.index(step)]:
        if earlier in bad:
            return HttpResponseRedirect(step_url(earlier, answers, s=earlier))
    submitted = query.get("s") == step
    returning = query.get("r") == "check"
    form = make_form(step, answers, lang(), bound=submitted)
    needed = missing_money(answers, lang()) if step == "money" else {}
    if submitted and form.is_valid():
        if step == "money":
            # The hint already gives the reason; the error says what to do.
            for field, messages in missing_money(answers, lang()).items():
                name = MONEY_FIELDS[field]
                if name in form.fields:
                    form.add_error(name, form.fields[name].error_messages["required"])
                else:               # a question this page does not show: say so at the top
                    form.add_error(None, messages[0])
        if form.is_valid():
            # From a change link on the check page, go back there (it re-checks everything).
            following = "check" if returning else steps[steps.index(step) + 1]
            return HttpResponseRedirect(step_url(following, answers))
    previous = steps[steps.index(step) - 1] if step != "city" else None
    context = {
        "step": step, "form": form, "answers": answers, "city": answers.city, "needed": needed,
        "hidden": answers.hidden(exclude=set(form.fields) | {"s"}),
        "back_url": step_url("check", answers) if returning else (
            step_url(previous, answers) if previous else path_of("start")),
        "returning": returning,
        "step_number": steps.index(step) + 1, "step_total": len(steps) - 1,
        "city_name": answers.city.name(lang()) if answers.city else "",
        "asks_pension": answers.city is not None and asks_pension(answers.city),
    }
    return page(request, f"questions/{step}.html", context)


def check(request):
    answers = Answers.from_request(request)
    if answers.city is None:
        return HttpResponseRedirect(step_url("city", answers))
    steps = steps_for(answers)
    bad = problem_steps(answers, lang())
    for earlier in steps[:-1]:
        if earlier in bad:
            return HttpResponseRedirect(step_url(earlier, answers, s=earlier))
    context = {"answers": answers, "rows": check_rows(answers, lang()), "city": answers.city,
               "back_url": step_url(steps[-2], answers), "result_url": step_url("result", answers)}
    return page(request, "check.html", context)


def result(request):
    answers = Answers.from_request(request)
    if answers.city is None:
        return HttpResponseRedirect(step_url("city", answers))
    language = lang()
    try:
        estimate = run(parse_scenario(scenario_from(answers, language)))
    except ScenarioError as error:
        step = min((step_of(f) for f in error.problems), key=STEP_ORDER.index)
        return HttpResponseRedirect(step_url(step, answers, s=step))
    context, constants = result_context(request, answers, estimate, language)
    return HttpResponse(shells.render("result.html", context, constants, language))


def result_context(request, answers: Answers, estimate, language: str) -> tuple[dict, dict]:
    """The result page's context as plain data, and its language's constants (see estimator.shells).

    The shells render without the request, so the context processor's values are given here."""
    english = language == "en"
    full_path = request.get_full_path()      # the same as build_absolute_uri's, worked out once
    context = result_page(estimate, answers, language, f"{request.scheme}://{request.get_host()}{full_path}")
    context.update(base_template=shells.Fixed(base_template(request)),
                   back_url=f"{path_of('check', language)}?{answers.query()}",
                   other_language_url=other_language_url(full_path, english))
    return context, language_constants(english)
