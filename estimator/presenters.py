"""Turn answers and an engine estimate into what the templates show."""
from decimal import Decimal

from django.utils.translation import gettext as _

from policies.breakeven import break_even
from policies.money import grouped
from policies.result import whole_yuan_row

from .chart import chart, key_points
from .context import path_of
from .flow import Answers, missing_figures, money_asked
from .forms import ENROLMENT_LABELS, figure_label, parse_decimal


def yuan(amount) -> str:
    return grouped(Decimal(amount), places=0)


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
        return str(_("Account credit before the reform"))
    if name == "account_credit_after":
        return str(_("Account credit after the reform"))
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


def qa_rows(est) -> list[tuple]:
    """The Q&A table's rows: (year, label, the column in whole yuan)."""
    opening = est.scenario.opening_balance
    return [(est.year_before, _("Before the reform"), whole_yuan_row(est.before, opening)),
            (est.year_after, _("After the reform"), whole_yuan_row(est.after, opening))]


def result_context(est, answers: Answers, lang: str, request) -> dict:
    sc, city = est.scenario, est.scenario.city
    rows = qa_rows(est)
    steps, warnings = est.notes.render(lang)
    explanations = [e for e in (city.explained(k) for k in ("unchanged", "account_uses", "other_benefits")) if e]
    return {
        "estimate": est, "city": city, "city_name": city.name(lang), "rows": rows,
        "cut": rows[0][2].account_credit - rows[1][2].account_credit,
        "verdict": shown_verdict(est.before, est.after),
        "steps_before": [s for s in steps if s["regime"] == "before"],
        "steps_after": [s for s in steps if s["regime"] == "after"],
        "warnings": warnings, "supplied": [supplied_label(name, city, lang) for name in sc.supplied],
        "explanations": [{"key": e.key, "text": e.text(lang), "source": e.cite()} for e in explanations],
        "reproduce_url": request.build_absolute_uri(),
        **breakeven_context(est),
        "compare_url": path_of("compare") + "?" + answers.query(),
        "answers": answers,
    }


def breakeven_context(est) -> dict:
    be = break_even(est)
    return {"be": be, "chart": chart(be), "points": key_points(be)}
