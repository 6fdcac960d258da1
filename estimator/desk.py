"""Help-desk mode, the comparison across cities and the glossary (issue 4).

Help-desk staff answer callers on the phone: one dense page with every input visible,
results that recompute as fields change (htmx, debounced), a script to read out, a
plain-text summary for case notes, and the terms callers ask about with the city's figures.
"""

from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from policies import ScenarioError, load_cities, parse_scenario, run
from policies.compare import everywhere

from .flow import Answers, make_form, missing_figures, scenario_from
from .presenters import desk_result, qa_rows, shown_verdict, yuan
from .views import lang, page, step_url

DESK_DEFAULTS = {"city": "chongqing", "status": "in_service"}


def rules_summary(city, status: str, enrolment: str, levels, language: str) -> list[str]:
    """The rules that differ between cities, in a line each, for this person."""
    p = city.params
    kind = p["deductible_kind"].value

    def value(name):
        return p[name].value if name in p else None

    lines = []
    if kind == "annual":
        amount = value(f"deductible.{status}")
        lines.append(_("Deductible: %(amount)s a year, counted over the year") % {
            "amount": yuan(amount) if amount is not None else _("not published")})
    elif kind == "level_topup":
        amounts = " / ".join(yuan(value(f"deductible.{lv}")) for lv in city.levels)
        lines.append(_("Deductible by level: %(amounts)s a year, topping up when moving up a level") % {"amounts": amounts})
    else:
        amounts = " / ".join(f"{city.level_name(lv, language)} {yuan(value(f'deductible_per_visit.{lv}'))}"
                             for lv in city.levels)
        lines.append(_("Deductible per visit: %(amounts)s") % {"amounts": amounts})
    ratios = []
    for lv in levels:
        ratio = value(f"ratio.{status}.{lv}")
        ratios.append(f"{city.level_name(lv, language)} " + (f"{ratio * 100:.0f}%" if ratio is not None else _("not published")))
    if ratios:
        lines.append(_("Share the fund pays: %(ratios)s") % {"ratios": "; ".join(ratios)})
    cap = value(city.cap_name(status, enrolment))
    lines.append(_("Yearly limit: %(cap)s") % {"cap": yuan(cap) if cap is not None else _("not published")})
    return lines


def compare(request):
    answers = Answers.from_request(request)
    if answers.city is None:
        return HttpResponseRedirect(step_url("city", answers))
    language = lang()
    data = scenario_from(answers, language)
    try:
        parse_scenario(data)
    except ScenarioError:
        return HttpResponseRedirect(step_url("check", answers))
    rows = []
    for outcome in everywhere(data):
        city = load_cities()[outcome.city_id]
        entry = {"outcome": outcome, "name": city.name(language), "draft": city.document_status == "draft",
                 "mapping": [(answers.city.level_name(a, language), city.level_name(b, language))
                             for a, b in outcome.level_map.items() if not outcome.home and a in answers.city.levels]}
        if outcome.estimate:
            est = outcome.estimate
            levels = sorted({v.level for v in est.scenario.visits}, key=city.levels.index)
            entry.update(
                table=qa_rows(est, language),
                rules=rules_summary(city, est.scenario.status, est.scenario.enrolment, levels, language),
                verdict=shown_verdict(est.before, est.after))
        rows.append(entry)
    context = {"rows": rows, "answers": answers, "city": answers.city,
               "back_url": step_url("result", answers)}
    return page(request, "compare.html", context)


def glossary(city, language: str) -> list[dict]:
    """Terms callers ask about, each with this city's figures (working and retired) and the source."""
    p = city.params
    entries = []

    def add(term, meaning, figure="", source=""):
        entries.append({"term": term, "meaning": meaning, "figure": figure, "source": source})

    by_status = {s: rules_summary(city, s, "employer", city.levels, language) for s in ("in_service", "retired")}

    def both(i):
        return f"{_('working people')}: {by_status['in_service'][i]}；{_('retired people')}: {by_status['retired'][i]}"

    kind_param = p["deductible_kind"]
    add(_("Deductible (起付标准)"), _("The part of the year's covered outpatient costs you pay yourself before the fund starts paying."),
        both(0), (p.get("deductible.in_service") or kind_param).cite())
    add(_("Payment ratio (支付比例)"), _("The share of costs above the deductible that the fund pays; the rest is yours, paid from the account or in cash."),
        both(1), p[f"ratio.in_service.{city.levels[0]}"].cite())
    cap_param = p[city.cap_name("in_service", "employer")]
    add(_("Yearly limit (最高支付限额)"), _("The most the fund pays towards ordinary outpatient costs in a calendar year; it does not carry over."),
        both(2), cap_param.cite())
    rule = next((r for r in city.credit_rules if r.regime == "after"), None)
    add(_("Personal account (个人账户)"), _("Your own account. Each month some money is credited to it; it pays your share of bills, and what is left stays yours, carries over and can be inherited."),
        "", rule.cite() if rule else "")
    add(_("Pooled fund (统筹基金)"), _("The shared fund that everyone's contributions go into; after the reform it also pays part of ordinary outpatient bills (互助共济)."))
    pharmacy = p["pharmacy"]
    add(_("Outside prescription (外配处方)"), _("A prescription from a hospital that you fill at a designated pharmacy."),
        _("Paid at the level of the hospital that wrote it") if pharmacy.value == "prescriber_level"
        else _("This city's document does not say how it is paid"), pharmacy.cite())
    if kind_param.value == "level_topup":
        add(_("Top-up of the deductible (累计补差)"), _("The deductible depends on the hospital's level and counts over the year: moving up a level, you pay only the difference still owed."),
            by_status["in_service"][0], kind_param.cite())
    add(_("Hypertension and diabetes, special diseases, negotiated drugs (两病、特病、国谈药)"),
        _("Separate outpatient schemes that pay first; what is left of a bill then goes to general outpatient pooling."),
        "", p["other_schemes"].cite())
    return entries


def desk(request):
    values = request.GET.copy()
    for key, default in DESK_DEFAULTS.items():
        values.setdefault(key, default)
    if values.get("city") not in load_cities():
        values["city"] = DESK_DEFAULTS["city"]
    answers = Answers.from_query(values)
    language = lang()
    city = answers.city
    filled = "age" in answers.values
    forms = {step: make_form(step, answers, language, bound=filled, every_question=True)
             for step in ("person", "money", "visits")}
    figures = missing_figures(answers)
    if figures:
        forms["figures"] = make_form("figures", answers, language, bound=filled)
    context = {"answers": answers, "city": city, "forms": forms, "filled": filled,
               "cities": [(c.id, c.name(language)) for c in load_cities().values()],
               "glossary": glossary(city, language),
               "reset_url": reverse("desk")}
    if filled and all(f.is_valid() for f in forms.values()):
        try:
            est = run(parse_scenario(scenario_from(answers, language)))
        except ScenarioError as error:
            context["problems"] = [m for ms in error.messages(language).values() for m in ms]
        else:
            context.update(desk_result(est, answers, language))
            context["reproduce_url"] = request.build_absolute_uri(step_url("result", answers))
            context["summary"] = render_to_string("desk/_summary.txt", context, request=request).strip()
    target = request.htmx.target if request.htmx else None
    if target == "desk-results":
        return page(request, "desk/_results_only.html", context)
    return page(request, "desk/desk.html", context)
