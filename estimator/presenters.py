"""Turn answers and an engine estimate into what the templates show."""
from decimal import Decimal
from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from policies import load_cities
from policies.breakeven import break_even
from policies.result import whole_yuan_row

from . import markup
from .chart import chart
from .context import path_of
from .flow import Answers, missing_figures, money_asked
from .forms import ENROLMENT_LABELS, figure_label, parse_decimal
from .markup import translated, yuan
from .shells import Fixed


def _link(step: str, answers: Answers, field: str) -> str:
    return f"{path_of(step)}?{answers.query()}&r=check#id_{field}"


def check_rows(answers: Answers, lang: str) -> list[dict]:
    """GOV.UK check-answers rows: question, answer, and a link back to change it."""
    city, a = answers.city, answers.values
    rows = [
        (_("City"), city.name(lang), "city", "city"),
        (_("Year after the reform"), a.get("year") or str(city.first_full_year), "person", "year"),
        (_("Working or retired"), _("Retired") if a.get("status") == "retired" else _("Working"), "person", "status"),
    ]
    if len(city.enrolments) > 1:
        rows.append((_("Enrolment"), str(ENROLMENT_LABELS[a.get("enrolment") or "employer"]), "person", "enrolment"))
    if a.get("status") == "retired" and a.get("sector"):
        rows.append((_("Retired from"), _("Government or public institution") if a["sector"] == "institution"
                     else _("Company or flexible work"), "person", "sector"))
    rows.append((_("Age"), a.get("age"), "person", "age"))
    if a.get("birth_month"):
        rows.append((_("Birthday month"), a["birth_month"], "person", "birth_month"))
    for key, label in (("base", _("Contribution base a month")), ("pension", _("Basic pension a month")),
                       ("credit_before", _("Account credit before the reform")),
                       ("credit_after", _("Account credit after the reform")),
                       ("opening", _("Account balance at the start of the year"))):
        if a.get(key) and money_asked(a, key):
            rows.append((label, yuan(parse_decimal(a[key])), "money", key))
    any_visit = False
    for lv in city.levels:
        if (a.get(f"n_{lv}") or "0") != "0":
            any_visit = True
            rows.append((city.level_name(lv, lang), _("%(n)s visits × %(cost)s") % {
                "n": a[f"n_{lv}"], "cost": yuan(parse_decimal(a.get(f"c_{lv}", "0")) or 0)}, "visits", f"n_{lv}"))
    for prefix, label in (("ph", _("Pharmacy purchases on a prescription")), ("sp", _("Special-disease visits")),
                          ("aw", _("Visits while away"))):
        if (a.get(f"{prefix}_n") or "0") != "0":
            any_visit = True
            level = city.level_name(a.get(f"{prefix}_lv") or city.levels[0], lang)
            text = _("%(n)s × %(cost)s at %(level)s") % {"n": a[f"{prefix}_n"], "level": level,
                                                        "cost": yuan(parse_decimal(a.get(f"{prefix}_c", "0")) or 0)}
            if prefix == "sp":
                text += _(", schemes pay %(paid)s each") % {"paid": yuan(parse_decimal(a.get("sp_o", "0")) or 0)}
            rows.append((label, text, "visits", f"{prefix}_n"))
    if not any_visit:
        rows.append((_("Outpatient visits"), _("None"), "visits", f"n_{city.levels[0]}"))
    for name in missing_figures(answers):
        value = a.get(f"p_{name}", "")
        rows.append((figure_label(name, city, lang), value, "figures", f"p_{name}"))
    radio_groups = {"city", "status", "enrolment", "sector"}
    return [{"question": q, "answer": ans, "field": field,
             "url": _link(step, answers, f"{field}_0" if field in radio_groups else field)}
            for q, ans, step, field in rows]


def supplied_label(name: str, city, lang: str) -> str:
    if name == "account_credit_before":
        return translated(gettext_noop("Account credit before the reform"), lang)
    if name == "account_credit_after":
        return translated(gettext_noop("Account credit after the reform"), lang)
    return figure_label(name[len("params."):], city, lang)


def verdict(before, after) -> dict:
    """Plain-language comparison: cash paid, year-end balance, and the two together."""
    cash_change = after.cash_paid - before.cash_paid
    balance_change = after.account_balance - before.account_balance
    net_change = balance_change - cash_change
    return {"cash_change": cash_change, "cash_less": -cash_change, "balance_change": balance_change,
            "balance_less": -balance_change, "net_change": net_change, "net_worse": -net_change,
            "better": net_change > 0, "worse": net_change < 0,
            "cash_down": cash_change < 0, "cash_up": cash_change > 0,
            "balance_up": balance_change > 0, "balance_down": balance_change < 0}


def shown_verdict(before, after) -> dict:
    """The verdict with its amounts as people read them (¥, whole yuan, no sign: the words say which way)."""
    return {k: (yuan(abs(v)) if isinstance(v, Decimal) else v) for k, v in verdict(before, after).items()}


def qa_rows(est, lang: str) -> list[tuple]:
    """The Q&A table's rows: (year, label, the column in whole yuan)."""
    opening = est.scenario.opening_balance
    return [(est.year_before, translated(gettext_noop("Before the reform"), lang), whole_yuan_row(est.before, opening)),
            (est.year_after, translated(gettext_noop("After the reform"), lang), whole_yuan_row(est.after, opening))]


QA_CAPTION = gettext_noop("Your year, in yuan (rounded to the yuan; each row still adds up)")
CHART_TITLE = gettext_noop("Your net position (account balance minus cash paid) against yearly outpatient cost, "
                           "before and after the reform")
CHART_AXIS = gettext_noop("Outpatient cost in the year")
POINTS_CAPTION = gettext_noop("The chart's key points (net position = account balance − cash paid)")


def result_page(est, answers: Answers, lang: str, reproduce_url: str) -> dict:
    """The result page's context, as plain data for estimator.shells: strings are shown, flags shape the page."""
    sc, city = est.scenario, est.scenario.city
    rows = qa_rows(est, lang)
    steps, warnings = est.notes.render(lang)
    return {
        "city_name": city.name(lang), "year_before": str(est.year_before), "year_after": str(est.year_after),
        "verdict": shown_verdict(est.before, est.after),
        "qa_table": markup.qa_table(rows, lang, translated(QA_CAPTION, lang),
                                    cut=rows[0][2].account_credit - rows[1][2].account_credit),
        "compare_url": path_of("compare", lang) + "?" + answers.query(),
        "breakeven": breakeven_shown(break_even(est), lang),
        "warnings": [str(w) for w in warnings],
        "supplied": [str(supplied_label(name, city, lang)) for name in sc.supplied],
        "steps_before": markup.steps_list([s for s in steps if s["regime"] == "before"], lang),
        "steps_after": markup.steps_list([s for s in steps if s["regime"] == "after"], lang),
        "explanations": explanations(city.id, lang),
        "reproduce_url": reproduce_url,
    }


@cache
def explanations(city_id: str, lang: str) -> tuple[dict, ...]:
    """What did not change, what the account may pay for, other help: the city's own words, per language."""
    city = load_cities()[city_id]
    return tuple({"key": Fixed(e.key), "text": e.text(lang), "source": e.cite()}
                 for e in (city.explained(k) for k in ("unchanged", "account_uses", "other_benefits")) if e)


def desk_result(est, answers: Answers, lang: str) -> dict:
    """What the help desk's result shows: the verdict, the table, the break-even and the script's figures."""
    be = break_even(est)
    return {"estimate": est, "city_name": est.scenario.city.name(lang), "rows": qa_rows(est, lang),
            "verdict": shown_verdict(est.before, est.after), "be": be, "breakeven": breakeven_shown(be, lang),
            "compare_url": path_of("compare", lang) + "?" + answers.query()}


def breakeven_shown(be, lang: str) -> dict:
    """The break-even section (_breakeven.html): flags that shape it, amounts as shown, the chart and its table."""
    drawn = chart(be)
    return {
        "no_cut": be.cut <= 0, "never": be.never, "assumed_mix": be.assumed_mix,
        "above": be.cost is not None and be.person_cost >= be.cost,
        "mark_person": "person" in drawn["marks"], "mark_even": "even" in drawn["marks"],
        "most": yuan(be.max_pooled), "cut": yuan(be.cut), "cost": "" if be.cost is None else yuan(be.cost),
        "person_cost": yuan(be.person_cost),
        "chart": markup.chart_svg(drawn, translated(CHART_TITLE, lang), translated(CHART_AXIS, lang)),
        "points": markup.points_table(be, be.key_points, translated(POINTS_CAPTION, lang), lang),
    }
