"""Help-desk mode and the comparison across cities (issue 4).

Help-desk staff answer callers on the phone: one dense page with every input visible,
results that recompute as fields change (htmx, debounced), a script to read out, a
plain-text summary for case notes, and the terms callers ask about. Every figure either
page shows comes from an estimate: the caller's own, or the same person's in each city.
"""
from datetime import date
from functools import cache

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from policies import load_cities
from policies.compare import everywhere, nearest_level
from policies.lookup import SUPPLIED, city_pooling_at, pooling_day
from policies.model import STATUSES

from .context import is_large
from .forms import plain_number, year_choices
from .journey import Journey
from .own_answers import asked_of_person, own_form, wanted
from .presenters import (breakeven_context, check_rows, family_context, known_context, known_lines, lacking, listed,
                         qa_table, row_sums, rules_used, serious_illness_refund, supplied_labels, unknown_offered,
                         verdict, warnings_shown)
from .questions import FAMILY, money_questions
from .views import hidden_answers, lang, page, unfinished
from .year_credits import year_of

DESK_DEFAULTS = {"city": "chongqing", "status": "in_service"}


def compare(request):
    journey = Journey(request.GET, lang())
    if (redirect := unfinished(journey, "result")) is not None:
        return redirect
    language = journey.lang
    rows = []
    years = {}              # (year before, year after) → the cities whose card compares them
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
            years.setdefault((est.year_before, est.year_after), []).append(city.name_in_sentence(language))
        else:
            # What the city's documents do not give, apart from the person's answers it waits for and what
            # only follows from those (镇江's credit after the reform, the same as the year before's). Another
            # city's card says it whatever the person would answer, and asks only answers that give a result.
            if outcome.home:
                entry["lacking"] = lacking([p for p in outcome.problems
                                            if not asked_of_person(p) and p not in outcome.follows], city, language)
                entry["unasked"] = wanted(outcome.problems, form)
            else:
                entry["lacking"] = lacking(outcome.lacks, city, language)
                entry["unasked"] = wanted(outcome.problems, form) if outcome.answerable else []
        rows.append(entry)
    context = {"rows": rows, "back_url": journey.url("result"), "form": form}
    if len(years) > 1:
        # Each card compares its city's own years (the person's year at home, elsewhere the first full year after
        # that city's reform): where they differ, one sentence above the cards says which they are.
        context["years"] = _("The cards do not all compare the same years: %(years)s.") % {
            "years": ("; " if language == "en" else "；").join(
                _("%(cities)s, %(before)s compared with %(after)s") % {"cities": listed(names), "before": before,
                                                                       "after": after}
                for (before, after), names in years.items())}
    if form is not None:
        context["hidden"] = hidden_answers(journey, form, ())
    return page(request, "compare.html", context)


def glossary(city, language: str, est=None, answers=None) -> list[dict]:
    """Terms callers ask about, in plain words with their source; the caller's own figures once worked out.

    Every figure and every source is the caller's: the rules their estimate used (`est`: the estimate, or
    the part of it worked out while the caller does not know a credit, policies.partial.Known, whose
    pooling rules do not depend on that credit), or (before it can be worked out) the city's rules for
    the status and enrolment already answered, so that a retiree's glossary never cites the article that
    sets a working person's figure."""
    p = city.params
    used = rules_used(est, language) if est is not None and est.rules and est.rules.ratio else None
    if est is not None:
        status, enrolment, year = est.scenario.status, est.scenario.enrolment, est.year_after
    else:
        answers = answers or {}
        status = answers.get("status") if answers.get("status") in STATUSES else "in_service"
        enrolment = answers.get("enrolment") if answers.get("enrolment") in city.enrolments else "employer"
        year = city.first_full_year
    # The caller's rules once worked out; else the city's on the day pooling is settled (policies.lookup
    # builds every parameter's name).
    rules = est.rules if est is not None and est.rules and est.rules.ratio else city_pooling_at(
        city, status, enrolment, pooling_day(city, year))

    def source(param):
        return param.cite(language) if param is not None and param != SUPPLIED else ""

    def sources(params):
        # One citation per article and note, in the order of the levels (Chongqing's in-service ratios
        # cite "二级及以下医疗机构60%" for two levels and the bare article for the third).
        return ("; " if language == "en" else "；").join(dict.fromkeys(filter(None, map(source, params))))

    # The account credit rule for this caller: the one in force at the end of the year compared, else (a year
    # the documents leave out, as Zaozhuang's for retirees in 2023) the caller's first after the reform.
    rule = next((r for r in reversed(city.credit_rules_by_month(status, enrolment, year)) if r is not None),
                None) or next((r for r in city.credit_rules if r.regime == "after"
                               and r.status in (status, "any") and enrolment in r.enrolments), None)
    kind = p["deductible_kind"]
    entries = [
        (_("Deductible (起付标准)"), _("The part of the year's covered outpatient costs you pay yourself before the "
                                    "fund starts paying."), used[0] if used else "",
         source(rules.deductible_source or kind)),
        (_("Payment ratio (支付比例)"), _("The share of costs above the deductible that the fund pays; the rest is "
                                      "yours, paid from the account or in cash."), used[1] if used else "",
         sources(rules.ratio_source.values())),
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


def shown_when(city, lang: str) -> dict[str, str]:
    """The desk's own-money boxes (base, pension), each with the class that hides it where the money page
    would not ask it: the desk draws every box (its status can change without a new page), and the
    stylesheet hides a box while the status ticked does not use it (a Chongqing retiree needs neither)."""
    asked = {status: {q.key for q in money_questions(city, {"status": status}, lang)} for status in STATUSES}
    shown = {}
    for key in ("base", "pension"):
        statuses = [status for status in STATUSES if key in asked[status]]
        shown[key] = f"desk__asked-{statuses[0]}" if len(statuses) == 1 else "" if statuses else "desk__not-asked"
    return shown


# The desk's "the caller does not know" boxes, in the order the money page and then the figures page show theirs.
UNKNOWN_BOXES = ("base", "pension", "credit_before", "credit_after", "figures")


def unknown_shown(city, values, ticked: set[str]) -> dict[str, str | None]:
    """Each "the caller does not know" box with the class that shows it only for the statuses whose question pages
    offer it (presenters.unknown_offered), as shown_when words it, or None where no status's pages do: a box is
    offered only where ticking it changes something (a Chongqing worker's credit before the reform follows from
    the base; a Zhenjiang retiree's in 2023 is last year's own amount). The desk's enrolment, sector and year
    decide it as the page was drawn. Ticked (`ticked`), a box is always drawn, so that it can be unticked."""
    enrolment = values.get("enrolment") if values.get("enrolment") in city.enrolments else "employer"
    sector = values.get("sector") if values.get("sector") in city.retiree_sectors else (
        city.retiree_sectors[0] if city.retiree_sectors else "")
    year = plain_number(values.get("year", ""))
    year = int(year) if year in {str(y) for y in year_choices(city)} else city.first_full_year
    offered = {status: _offered(city.id, status, enrolment, sector, year) for status in STATUSES}
    shown = {}
    for key in UNKNOWN_BOXES:
        statuses = [status for status in STATUSES if key in offered[status]]
        if key in ticked or len(statuses) == len(STATUSES):
            shown[key] = ""
        else:
            shown[key] = f"desk__asked-{statuses[0]}" if statuses else None
    return shown


@cache
def _offered(city_id: str, status: str, enrolment: str, sector: str, year: int) -> frozenset[str]:
    """The "I don't know" boxes the money and figures pages offer a person of this status, enrolment and year:
    before they give their own figure (a base or pension, which then has its box) and once they have (a credit
    the rules cannot give even then). The city's data and these answers alone decide it, so it is worked out once."""
    offered = set()
    for own in ({}, {"base": "6000", "pension": "3000"}):
        answers = QueryDict(mutable=True)
        answers.update({"city": city_id, "status": status, "enrolment": enrolment, "year": str(year),
                        "age": "45" if status == "in_service" else "70", "n_primary": "1", "c_primary": "100", **own})
        if sector:
            answers["sector"] = sector
        journey = Journey(answers, "zh", every_question=True)
        offered.update(unknown_offered(journey, "money"), unknown_offered(journey, "figures"))
    return frozenset(offered)


def kept_year(values, shown_city: str, language: str) -> str:
    """The operator's year across a change of city (`shown_city` is the city the form was drawn for):
    kept where the new city's year list offers it; else the new city's first full year, and the
    sentence that says so (returned; "" when nothing changed), since the answer read to the caller
    would otherwise be for a year nobody chose (QA5 finding 1)."""
    city = load_cities()[values["city"]]
    given = values.get("year", "")
    if not shown_city or shown_city == city.id or not given or plain_number(given) in {
            str(y) for y in year_choices(city)}:
        return ""
    values["year"] = str(city.first_full_year)
    return _("Estimates for %(city)s start in %(year)s, so the year was changed to %(year)s.") % {
        "city": city.name_in_sentence(language), "year": city.first_full_year}


# The visits page's rows that take a level from a list (pharmacy, special-disease, away, the year's total), each
# with the boxes that hold its visits: the form always sends the list's choice, typed visits or not.
LEVEL_CHOICES = {"ph_lv": ("ph_n", "ph_c"), "sp_lv": ("sp_n", "sp_c"), "aw_lv": ("aw_n", "aw_c"), "total_lv": ("total",)}


def moved_visits(values, shown_city: str, language: str) -> str:
    """The operator's visits across a change of city (`shown_city`: the city the form was drawn for): each level's
    visits put under the level of the new city that the compare page counts them as (policies.compare.nearest_level),
    and the sentence that says where, since the new city names its levels differently and may pay them differently
    ("" when no visit was typed). A level the new city lacks would otherwise lose its visits; two old levels that
    fall on one new level keep the first's (a row has one cost), and the sentence says what was left out."""
    cities = load_cities()
    city, old = cities[values["city"]], cities.get(shown_city)
    if old is None or old.id == city.id:
        return ""
    pairs, left = {}, []
    # The levels the new city also has keep their rows; then the others move to theirs, if still free.
    for level in sorted(old.levels, key=lambda lv: lv not in city.levels):
        typed = [values.get(f"{part}_{level}", "") for part in ("n", "c")]
        if not any(typed):
            continue
        target = nearest_level(level, city)
        if target != level:
            for part in ("n", "c"):
                values.pop(f"{part}_{level}", None)
            if values.get(f"n_{target}") or values.get(f"c_{target}"):
                left.append(old.level_in_sentence(level, language))
                continue
            for part, value in zip(("n", "c"), typed):
                values[f"{part}_{target}"] = value
        pairs[level] = target
    for key, visits in LEVEL_CHOICES.items():
        level = values.get(key, "")
        if level in old.levels:
            values[key] = nearest_level(level, city)
            if any(values.get(typed) for typed in visits):
                pairs.setdefault(level, values[key])
    if not pairs and not left:
        return ""
    shown = ("; " if language == "en" else "；").join(
        f"{old.level_in_sentence(a, language)} → {city.level_in_sentence(b, language)}" for a, b in pairs.items())
    said = _("The caller's visits were put under %(city)s's levels: %(mapping)s.") % {
        "city": city.name(language), "mapping": shown} if pairs else ""
    if left:
        said += ("" if language != "en" or not said else " ") + _(
            "Not moved, because the level they would go under already has visits: %(levels)s. Type them again if "
            "needed.") % {"levels": _(", ").join(left)}
    return said


def desk(request):
    values = request.GET.copy()
    # The city the page showed when its form was sent (a hidden field): a change of city keeps the year if it can.
    shown_city = values.pop("shown_city", [""])[-1]
    for key, default in DESK_DEFAULTS.items():
        values.setdefault(key, default)
    if values.get("city") not in load_cities():
        values["city"] = DESK_DEFAULTS["city"]
    year_changed = kept_year(values, shown_city, lang())
    visits_moved = moved_visits(values, shown_city, lang())
    # The family's spending a caller's link carries is counted, as the result page it opens counts it (the
    # figures read out are the ones the caller then sees); the desk shows its boxes only then (journey).
    family_given = any(values.get(q.key) for q in FAMILY)
    # The desk does not show the year table, whose missing credits the result page asks (cy_<year>): left out.
    set_aside, left_out = {}, []
    for key in sorted(k for k in values if year_of(k) is not None):
        if value := values.pop(key)[-1]:
            set_aside[key] = value
            left_out.append(_("the caller's account credit in %(year)s") % {"year": year_of(key)})
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
    forms["person"].fields["year"].hint = year_changed     # said beside the year box, and in the results
    named = _("%(where)s: %(what)s")                # each input names its level: "一级医疗机构：就诊次数"
    for row in journey.visit_rows:
        where = row.name or row.count.short
        for q in row.questions:
            bound = forms["visits"][q.key]          # the bound field took its label when the form was checked
            bound.label = named % {"where": where, "what": bound.label}
    forms["visits"].fields[journey.visit_rows[0].count.key].accesskey = "3"
    # The answers set aside still travel: in the form (so a change keeps them) and in the link that opens the
    # result page, which shows them; the case note's link reproduces only what the desk showed.
    # The city's name is said inside the case note's first line ("…estimate: a Henan city, 2021 compared…").
    context = {"journey": journey, "city": city, "city_name": city.name_in_sentence(language), "forms": forms, "filled": filled,
               "set_aside": sorted(set_aside.items()), "shown_when": shown_when(city, language),
               "cities": [(c.id, c.name(language)) for c in load_cities().values()],
               "year_changed": year_changed, "visits_moved": visits_moved}
    if left_out:           # said, so that the operator knows the caller's link holds more than the desk shows
        context["left_out"] = _("The desk does not show the year-by-year table, so these answers in the caller's "
                                "link were left out: %(what)s. The result page shows them.") % {
                                    "what": _(", ").join(left_out)}
    context["family_given"] = family_given
    est = None
    if filled:
        if all(f.is_valid() for f in forms.values()):
            est = journey.estimate
        # What the engine still needs and no field on the page asks for.
        context["problems"] = [m for f in forms.values() for m in f.non_field_errors()]
        # A box to change: the results name each one, with a link to it (the error summary).
        context["fix"] = any(set(f.errors) - {NON_FIELD_ERRORS} for f in forms.values())
    context["unknown"] = {key: key in journey.unknown for key in UNKNOWN_BOXES}
    context["unknown_shown"] = unknown_shown(city, values, journey.unknown)
    valid = filled and all(f.is_valid() for f in forms.values())       # forms cache their check
    if est is None and valid and journey.known is not None:
        # The caller does not know a figure: what can be worked out, and where they can find the rest.
        # The operator reads about the caller ("the caller's account credit"); the script, read aloud,
        # speaks to them ("your account credit"): the same figures, worded for each.
        reproduce = request.build_absolute_uri(journey.url("result"))
        known = context["known"] = known_context(journey, reproduce, caller=True)
        context["spoken"] = {**known, **known_lines(journey)}
        context.update(reproduce_url=known["reproduce_url"], result_url=journey.url("result", **set_aside),
                       compare_url=journey.url("compare"))
        # A script and a case note from the same numbers as the partial result page (QA4 finding 4).
        note = {**context, "answers": check_rows(journey, caller=True), "today": date.today(), "qa": known["qa"],
                "sums": row_sums(known["qa"]["rows"], caller=True)["sums"] if known["qa"] else [],
                "year_before": known["year_before"], "year_after": known["year_after"],
                "script_template": "desk/_script_partial.html"}
        context["summary"] = render_to_string("desk/_summary.txt", note, request=request).strip()
    if est is not None:
        context.update(estimate=est, answers=check_rows(journey, caller=True), today=date.today(), qa=qa_table(est), verdict=verdict(est),
                       breakeven=breakeven_context(est, is_large(journey.answers.values)), compare_url=journey.url("compare"),
                       family=family_context(est),
                       # 镇江's serious-illness refund, outside the table: the result page's figure, said here too.
                       refund=serious_illness_refund(est),
                       # What the estimate assumed (an unofficial rate, the caller's own figures): the operator
                       # reads the figures out, so the page shows what they rest on, as the result page does.
                       warnings=warnings_shown(est.notes.warnings_in(language)),
                       supplied=supplied_labels(est, language, by_year=False),
                       reproduce_url=request.build_absolute_uri(journey.url("result")),
                       result_url=journey.url("result", **set_aside))
        context["summary"] = render_to_string("desk/_summary.txt", {
            **context, "year_before": est.year_before, "year_after": est.year_after,
            "sums": row_sums(context["qa"]["rows"], caller=True)["sums"],
            "script_template": "desk/_script.html"}, request=request).strip()
    # The glossary's figures: the caller's estimate, else the part of it known without the credit they do not know.
    context["glossary"] = glossary(city, language, est if est is not None else journey.known if valid else None,
                                   journey.answers.values)
    if request.htmx and request.htmx.target == "desk-results":
        return page(request, "desk/_results_only.html", context)
    return page(request, "desk/desk.html", context)
