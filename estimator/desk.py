"""Help-desk mode and the comparison across cities (issue 4).

Help-desk staff answer callers on the phone: one dense page with every input visible,
results that recompute as fields change (htmx, debounced), a script to read out, a
plain-text summary for case notes, and the terms callers ask about. Every figure either
page shows comes from an estimate: the caller's own, or the same person's in each city.
"""
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from policies import load_cities
from policies.compare import everywhere
from policies.lookup import SUPPLIED, city_pooling_at, pooling_day

from .context import is_large, path_of
from .journey import Journey
from .own_answers import asked_of_person, own_form, wanted
from .presenters import breakeven_context, check_rows, known_context, lacking, qa_table, rules_used, verdict
from .questions import FAMILY
from .views import hidden_answers, lang, page, unfinished
from .year_credits import credit_question, year_of

DESK_DEFAULTS = {"city": "chongqing", "status": "in_service"}


def compare(request):
    journey = Journey(request.GET, lang())
    if (redirect := unfinished(journey, "result")) is not None:
        return redirect
    language = journey.lang
    rows = []
    outcomes = everywhere(journey.scenario())
    form = own_form(journey, outcomes)       # boxes for the answers other cities need and this city does not ask
    for outcome in outcomes:
        city = load_cities()[outcome.city_id]
        entry = {"outcome": outcome, "name": city.name(language), "draft": city.document_status == "draft",
                 "mapping": [(journey.city.level_in_sentence(a, language), city.level_in_sentence(b, language))
                             for a, b in outcome.level_map.items() if not outcome.home and a in journey.city.levels]}
        if outcome.estimate:
            est = outcome.estimate
            entry.update(qa=qa_table(est), rules=rules_used(est, language), verdict=verdict(est))
        else:
            # What the city's documents do not give, apart from the person's answers it waits for and what
            # only follows from those (镇江's credit after the reform, the same as the year before's).
            entry["lacking"] = lacking({p: m for p, m in outcome.problems.items()
                                        if not asked_of_person(p) and p not in outcome.follows}, city, language)
            entry["unasked"] = wanted(outcome.problems, form)
        rows.append(entry)
    context = {"rows": rows, "back_url": journey.url("result"), "form": form}
    if form is not None:
        context["hidden"] = hidden_answers(journey, form, ())
    return page(request, "compare.html", context)


def glossary(city, language: str, est=None) -> list[dict]:
    """Terms callers ask about, in plain words with their source; the caller's own figures once worked out."""
    p = city.params
    used = rules_used(est, language) if est is not None and est.rules and est.rules.ratio else None
    # Whose rules: the caller's, once worked out; else a working person's, as the city's documents give them
    # on the day pooling is settled (policies.lookup builds every parameter's name).
    status, enrolment = (est.scenario.status, est.scenario.enrolment) if est is not None else ("in_service", "employer")
    rules = est.rules if est is not None and est.rules and est.rules.ratio else city_pooling_at(
        city, status, enrolment, pooling_day(city, city.first_full_year))

    def source(param):
        return param.cite(language) if param is not None and param != SUPPLIED else ""

    rule = next((r for r in city.credit_rules if r.regime == "after"), None)
    kind = p["deductible_kind"]
    entries = [
        (_("Deductible (起付标准)"), _("The part of the year's covered outpatient costs you pay yourself before the "
                                    "fund starts paying."), used[0] if used else "",
         source(rules.deductible_source or kind)),
        (_("Payment ratio (支付比例)"), _("The share of costs above the deductible that the fund pays; the rest is "
                                      "yours, paid from the account or in cash."), used[1] if used else "",
         source(next(iter(rules.ratio_source.values()), None))),
        (_("Yearly limit (最高支付限额)"), _("The most the fund pays towards ordinary outpatient costs in a calendar "
                                        "year; it does not carry over."), used[2] if used else "",
         source(rules.cap_source)),
        (_("Personal account (个人账户)"), _("Your own account. Each month some money is credited to it; it pays your "
                                         "share of bills, and what is left stays yours, carries over and can be "
                                         "inherited."), "", rule.cite(language) if rule else ""),
        (_("Pooled fund (统筹基金)"), _("The shared fund that everyone's contributions go into; after the reform it "
                                    "also pays part of ordinary outpatient bills (互助共济)."), "", ""),
        (_("Outside prescription (外配处方)"), _("A prescription from a hospital that you fill at a designated pharmacy."),
         _("Paid at the level of the hospital that wrote it") if p["pharmacy"].value == "prescriber_level"
         else _("This city's document does not say how it is paid"), source(p["pharmacy"])),
    ]
    if kind.value == "level_topup":
        entries.append((_("Top-up of the deductible (累计补差)"), _("The deductible depends on the hospital's level and "
                        "counts over the year: moving up a level, you pay only the difference still owed."), "",
                        source(kind)))
    entries.append((_("Hypertension and diabetes, special diseases, negotiated drugs (两病、特病、国谈药)"),
                    _("Separate outpatient schemes that pay first; what is left of a bill then goes to general "
                      "outpatient pooling."), "", source(p["other_schemes"])))
    return [{"term": t, "meaning": m, "figure": f, "source": s} for t, m, f, s in entries]


def desk(request):
    values = request.GET.copy()
    # The city the page showed when its form was sent (a hidden field): when the caller's city
    # changes, the year goes back to that city's own first full year, as the walk-through's does.
    shown_city = values.pop("shown_city", [""])[-1]
    for key, default in DESK_DEFAULTS.items():
        values.setdefault(key, default)
    if values.get("city") not in load_cities():
        values["city"] = DESK_DEFAULTS["city"]
    if shown_city and shown_city != values["city"] and "year" in values:
        values["year"] = str(load_cities()[values["city"]].first_full_year)
    # The desk does not ask about the family's spending (the money page does): a link that carries it
    # would otherwise reproduce figures the desk did not show.
    left_out = [str(q.what) for q in FAMILY if values.pop(q.key, None)]
    # Nor does it show the year table, whose missing credits the result page asks (cy_<year>): left out too.
    for key in sorted(k for k in values if year_of(k) is not None):
        if values.pop(key):
            left_out.append(str(credit_question(year_of(key)).what))
    journey = Journey(values, lang(), every_question=True)
    city, language = journey.city, journey.lang
    filled = "age" in journey.answers.values
    forms = {step: journey.form(step, bound=filled) for step in journey.steps if step != "city"}
    for step, form in forms.items():
        for field in form.fields.values():
            field.private = True                     # a shared workstation: the browser keeps no typed figures
            if step != "figures":
                field.hint = ""                      # a dense page: the figures' sources are its only hints
    forms["person"].fields["age"].accesskey = "2"
    named = _("%(where)s: %(what)s")                # each input names its level: "一级医疗机构：就诊次数"
    for row in journey.visit_rows:
        where = row.name or row.count.short
        for q in row.questions:
            bound = forms["visits"][q.key]          # the bound field took its label when the form was checked
            bound.label = named % {"where": where, "what": bound.label}
    forms["visits"].fields[journey.visit_rows[0].count.key].accesskey = "3"
    context = {"journey": journey, "city": city, "city_name": city.name(language), "forms": forms, "filled": filled,
               "cities": [(c.id, c.name(language)) for c in load_cities().values()],
               "reset_url": path_of("desk")}
    if left_out:           # said, so that the operator knows the caller's link holds more than the desk shows
        context["left_out"] = _("The desk shows neither the family's spending nor the year-by-year table, so these "
                                "answers in the link were left out: %(what)s. The result page shows them.") % {
                                    "what": _(", ").join(left_out)}
    est = None
    if filled:
        if all(f.is_valid() for f in forms.values()):
            est = journey.estimate
        # What the engine still needs and no field on the page asks for.
        context["problems"] = [m for f in forms.values() for m in f.non_field_errors()]
    context["unknown"] = {key: key in journey.unknown for key in ("credit_before", "credit_after")}
    valid = filled and all(f.is_valid() for f in forms.values())       # forms cache their check
    if est is None and valid and journey.known is not None:
        # The caller does not know a figure: what can be worked out, and where they can find the rest.
        context["known"] = known_context(journey, request.build_absolute_uri(journey.url("result")))
        context["reproduce_url"] = context["known"]["reproduce_url"]
    if est is not None:
        context.update(estimate=est, answers=check_rows(journey), today=date.today(), qa=qa_table(est), verdict=verdict(est),
                       breakeven=breakeven_context(est, is_large(journey.answers.values)), compare_url=journey.url("compare"),
                       reproduce_url=request.build_absolute_uri(journey.url("result")))
        context["summary"] = render_to_string("desk/_summary.txt", context, request=request).strip()
    context["glossary"] = glossary(city, language, est)
    if request.htmx and request.htmx.target == "desk-results":
        return page(request, "desk/_results_only.html", context)
    return page(request, "desk/desk.html", context)
