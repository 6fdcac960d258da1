"""The walk-through's pages. Thin: forms check, the engine computes (once), templates render.

Each question page is a GET form, so the whole journey works without JavaScript; with
htmx the page body is swapped in place and the URL kept in step (hx-boost). A page
redirects at most once, straight to the first step whose answers need attention; that
step's page shows what is wrong, so no query can send a browser round in circles.
"""
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language

from .journey import STEPS, UNKNOWN_KEY, Journey
from .presenters import (
    check_rows, dropped_sentence, known_context, needed_hints, result_context, simple_result_context,
    unknown_offered, unofficial_credit_hint,
)
from .questions import CREDIT_TERM, FAMILY, sentences
from .result_view import is_simple, other_version_url
from .year_credits import credits_context


def lang() -> str:
    return "en" if get_language() == "en" else "zh"


def page(request, template: str, context: dict):
    """Full page, or only the body for an htmx request (the django-htmx pattern)."""
    full = not request.htmx or request.htmx.history_restore_request
    context["base_template"] = "base.html" if full else "_partial.html"
    return render(request, template, context)


def start(request):
    return page(request, "start.html", {})


def unfinished(journey: Journey, page_name: str):
    """Where to send someone who opened `page_name` before an earlier step was done, or None."""
    if journey.city is None:
        if page_name == "city":
            return None
        return HttpResponseRedirect(journey.redirect_url("city", **({"s": "city"} if "city" in journey.answers.values
                                                                     else {})))
    if page_name in STEPS and page_name not in journey.steps:        # a step this city does not ask
        first = journey.first_unfinished()
        return HttpResponseRedirect(journey.redirect_url(first, s=first) if first else journey.redirect_url("check"))
    first = journey.first_unfinished(before=page_name if page_name in STEPS else None)
    if first is not None:
        return HttpResponseRedirect(journey.redirect_url(first, s=first))
    return None


def question(request, step):
    journey = Journey(request.GET, lang())
    if (redirect := unfinished(journey, step)) is not None:
        return redirect
    submitted = journey.submitted == step
    form = journey.form(step, bound=submitted)
    if submitted and form.is_valid():
        if step == "city" and journey.changed_from is not None:
            # A new city: on to the questions whose answers can mean something else there, shown unsent (even
            # from the check page, which would open the first one with an error for a question not yet seen).
            return HttpResponseRedirect(journey.redirect_url(journey.following(step)))
        # From a change link on the check page, go back there (it re-checks everything).
        return HttpResponseRedirect(journey.url("check" if journey.returning else journey.following(step)))
    if step == "money":
        needed = needed_hints(journey)
        if "credit_before" not in needed and (unofficial := unofficial_credit_hint(journey)):
            needed["credit_before"] = unofficial
        for key in ("credit_before", "credit_after"):         # why this figure is needed, in place of "Optional."
            form.fields[key].hint = sentences(journey.lang, needed.get(key, form.fields[key].hint), CREDIT_TERM)
    offered = unknown_offered(journey, step)
    if submitted:
        # A "不知道" typed in a box whose "I don't know" box this page does not show: the message names none.
        for key, errors in form.errors.as_data().items():
            if key not in offered and "figures" not in offered and any(e.code == "unknown" for e in errors):
                form.errors[key] = form.error_class([form.fields[key].unknown_message(box=False)])
    if step == "money":
        # The folded family section opens when it holds an answer or a problem.
        family_keys = [q.key for q in FAMILY if q.key in form.fields]
        context_extra = {"family_open": any(journey.answers.get(k) or form.errors.get(k) for k in family_keys)}
    else:
        context_extra = {}
    steps = journey.steps
    previous = journey.previous(step)
    context = {
        "step": step, "form": form, "journey": journey, "city": journey.city,
        "city_name": journey.city.name(journey.lang) if journey.city else "",
        "hidden": hidden_answers(journey, form, offered) + journey.controls(step),
        "unknown": {key: key in journey.unknown for key in offered},
        "returning": journey.returning,
        "back_url": journey.url("check") if journey.returning else (
            journey.url(previous) if previous else journey.url("start")),
        "step_number": steps.index(step) + 1, "step_total": len(steps) if journey.city else 0,
        "dropped": dropped_sentence(journey) if journey.city else "",
        **context_extra,
    }
    return page(request, STEPS[step].template, context)


def hidden_answers(journey: Journey, form, offered) -> list[tuple[str, str]]:
    """The answers this page does not ask, to travel on; "I don't know" only for figures asked elsewhere."""
    hidden = sorted((k, v) for k, v in journey.answers.values.items() if k not in form.fields and k != UNKNOWN_KEY)
    elsewhere = ",".join(sorted(journey.unknown - set(offered)))
    return sorted(hidden + [(UNKNOWN_KEY, elsewhere)]) if elsewhere else hidden


def check(request):
    journey = Journey(request.GET, lang())
    if (redirect := unfinished(journey, "check")) is not None:
        return redirect
    context = {"rows": check_rows(journey), "dropped": dropped_sentence(journey),
               "back_url": journey.url(journey.steps[-1]), "result_url": journey.url("result")}
    return page(request, "check.html", context)


def result(request):
    journey = Journey(request.GET, lang())
    if (redirect := unfinished(journey, "result")) is not None:
        return redirect
    if journey.submitted == "result" and not journey.mistyped:
        # The "Found them?" box's figures passed their checks and replaced the ticks: the result's own address.
        return HttpResponseRedirect(journey.url("result"))
    if journey.estimate is None and journey.known is not None:     # "I don't know": what can be worked out
        return page(request, "result_partial.html", known_context(journey, request.build_absolute_uri()))
    if is_simple(request.GET):
        # The simple version: only what it shows is worked out. Its reproduce link is the full result's.
        full_url = other_version_url(request, simple=True)
        context = simple_result_context(journey, request.build_absolute_uri(full_url))
        context.update(simple=True, other_version_url=full_url)
    else:
        context = result_context(journey, request.build_absolute_uri())
        context["credits"] = credits_context(journey, context["years"])     # the year table's missing credits
        context["other_version_url"] = other_version_url(request, simple=False)
    # Printed with the result (what it was worked out from), without the check page's change links.
    context["answers"] = check_rows(journey, links=False)
    return page(request, "result.html", context)
