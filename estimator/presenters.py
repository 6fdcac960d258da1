"""What the templates show, worked out from one estimate: words for people, in the page's language.

Every figure a page shows comes from the person's estimate (its columns, the rules it
used, the figures supplied), never from the city file directly. All use of the
break-even search and the chart's geometry is in breakeven_context(), so a change in
their shape is met in one place.
"""
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from django.utils.text import capfirst

from policies import load_cities
from policies.breakeven import BREAK_EVEN, CAP, PERSON, break_even
from policies.family import family_rules
from policies.lookup import param_label
from policies.messages import say
from policies.model import UNOFFICIAL
from policies.money import grouped, whole_yuan
from policies.spacing import interpolate
from policies.result import COLUMNS, whole_yuan_row
from policies.summary import FamilyYuan, family_yuan, table_rows
from policies.summary import verdict as table_verdict
from policies.timeline import table_years
from policies.values import Cite, Money, Month, Percent, show_args
from policies.years import rule_changes as year_changes
from policies.years import year_by_year, years_json

from .chart import chart
from .context import is_large
from .forms import ENROLMENT_LABELS, SECTOR_LABELS, BoxesForm, NumberField, as_read, parse_decimal
from .journey import UNKNOWN_PATHS
from .questions import (
    CREDIT_TERM, KINDS, OWN_FIGURE_KINDS, figure_label, for_person, param_name, question_for_path, sentences,
)
from .year_credits import credit_question, main_year, year_of

# A credit rule the sources give whose figure they leave out (policies.engine), in a draft or not.
CREDIT_FIGURE_MISSING = ("credit_figure_missing", "credit_figure_missing_draft")
# Change sentences that say nothing changed in the rules (policies.years): not a year "the rules change".
QUIET_CHANGES = {"year_same", "year_steady", "year_months_spread"}


def yuan(amount) -> str:
    """Whole yuan, as people read them: ¥12,345 (the Q&A table's cells are already whole: ints)."""
    if type(amount) is int:
        return f"−¥{-amount:,}" if amount < 0 else f"¥{amount:,}"
    return grouped(Decimal(amount), places=0)


def fixed_words() -> dict[str, str]:
    """Words the presenters put on every page in the active language, whoever it is for: each translated once
    per language in the process, not by gettext on every request (as estimator.words does for templates)."""
    return _fixed_words(get_language())


@cache
def _fixed_words(language: str) -> dict[str, str]:
    with override(language):
        return {"city": _("City"), "year": _("Year after the reform"), "retired": _("Retired"), "working": _("Working"),
                "dont_know": _("I don't know"),
                "before": _("Before the reform"), "after": _("After the reform"),
                "yours": _("(yours)"), "break_even": _("(break-even)"), "limit": _("(limit reached)")}


def typed_yuan(amount: Decimal) -> str:
    """An amount the person typed, as they typed it: ¥6,000, or ¥1,234.50 (never rounded to the yuan)."""
    amount = Decimal(amount)
    return grouped(amount, places=0 if amount == amount.to_integral_value() else 2)


# ---- problems, in words -------------------------------------------------------------------

def _what(path: str, journey) -> str:
    question = question_for_path(path)
    if question is not None and question.step == "money" and journey.city is not None:
        # As the page asks it: a credit box names its year.
        question = next((q for q in journey.questions("money") if q.path == path), question)
    if question is not None:
        return str(question.what)
    if path.startswith("params."):
        return figure_label(path[len("params."):], journey.city, journey.lang)
    if path.startswith("visits"):
        return _("your visits")
    return _("your answers")


def problem_sentence(path: str, key: str, args: dict, journey) -> str:
    """The engine's problem with one answer, as a sentence that names the question, never a field.

    interpolate (policies.spacing): a figure's name may begin with a year ("2021 年全市…"), which is
    spaced from the Chinese before it."""
    what = _what(path, journey)
    if key == "credit_missing":
        return interpolate(_("Enter %(what)s: the published documents do not give how it was worked out for you. "
                             "Your medical insurance app or account statement shows it."), {"what": what})
    if key == "credit_figure_missing":
        return interpolate(_("Enter %(what)s: it is worked out from %(figure)s, which the published documents do "
                             "not give. Your medical insurance app or account statement shows it."),
                           {"what": what, "figure": show_args(args, journey.lang)["name"]})
    if key == "credit_figure_missing_draft":
        return interpolate(_("Enter %(what)s: the draft for comment works it out from %(figure)s but does not give "
                             "that figure. Your medical insurance app or account statement shows it."),
                           {"what": what, "figure": show_args(args, journey.lang)["name"]})
    if key in ("need_base", "need_pension"):
        instead = [str(year) for _key, year in credits_instead(journey, path)]
        if instead:
            # The credits it is needed for can be typed instead (the boxes below it): say so, with their years.
            return interpolate(ngettext(
                "Enter %(what)s, or instead your account credit for %(years)s in its box below (your medical "
                "insurance app shows it): one of them is needed to work out your account credit.",
                "Enter %(what)s, or instead your account credits for %(years)s in their boxes below (your medical "
                "insurance app shows them): one or the other is needed to work out your account credit.",
                len(instead)), {"what": what, "years": listed(instead)})
        return interpolate(_("Enter %(what)s: it is needed to work out your account credit."), {"what": what})
    if key == "need_sector":
        return _("Select where you retired from: this city credits retired people's accounts differently for each.")
    if key in ("figure_missing", "required"):
        return interpolate(_("Enter %(what)s"), {"what": what})
    if key == "too_many_entries":
        return _("These visits are too many to spread over the year one by one. Enter fewer visits.")
    if key == "too_many_visits":
        return _("That is more than %(max)s visits in a year: check the numbers") % {"max": args.get("high")}
    return interpolate(_("Check %(what)s: the published rules cannot work with this answer."), {"what": what})


def needed_hints(journey) -> dict[str, str]:
    """The money page's figures the engine needs for this person, with the reason, by question key."""
    hints = {}
    for path, items in journey.outcome[1].items():
        question = question_for_path(path)
        if question is None or question.step != "money":
            continue
        if path in journey.follows:
            # The rule credits last year's own amount (镇江 2023): worked out once last year's credit is.
            hints[question.key] = _("Optional. If you leave it blank, we work it out from your account credit "
                                    "the year before: this year your account is credited the same amount a month.")
            continue
        for key, args in items:
            if key == "credit_missing":
                hints[question.key] = _("Needed: the published documents do not give how your account was "
                                        "credited that year. Your medical insurance app or account statement "
                                        "shows it.")
            elif key in CREDIT_FIGURE_MISSING:
                # The rule is known and its figure is not: say which, and for a draft that it is one.
                hints[question.key] = interpolate(
                    _("Needed: under the draft for comment your account is credited from %(figure)s, which the "
                      "draft does not give. Your medical insurance app or account statement shows the year's "
                      "credit.") if key.endswith("_draft") else
                    _("Needed: your account is credited from %(figure)s, which the published documents do not "
                      "give. Your medical insurance app or account statement shows the year's credit."),
                    {"figure": show_args(args, journey.lang)["name"]})
    return hints


def follows_last_year(journey) -> set[str]:
    """The money page's credits a rule gives as last year's own amount (镇江 2023): never needed, so no
    "I don't know" box (needed_hints says they are optional)."""
    return {question.key for path in journey.follows if (question := question_for_path(path)) is not None}


# The credit boxes of the money page, and the year (before or after the reform) each is for.
CREDIT_BOXES = (("credit_before", "before"), ("credit_after", "after"))


def credits_instead(journey, path: str) -> list[tuple[str, int]]:
    """The credit boxes (key, year) that, typed, make the person's own base or pension (`path`) unneeded: those
    of the years whose credit rule reads it and that are still empty. A year whose rule credits last year's own
    amount (镇江 2023) needs only the year before's."""
    city, a = journey.city, journey.answers.values
    status, enrolment = a.get("status"), a.get("enrolment") or "employer"
    kind = OWN_FIGURE_KINDS.get(UNKNOWN_PATHS.get(path))
    if kind is None or city is None:
        return []
    years = {"before": city.year_before, "after": main_year(city, a.get("year", ""))}
    boxes = []
    for key, regime in CREDIT_BOXES:
        rules = city.credit_rules_by_month(status, enrolment, years[regime])
        if not a.get(key) and any(r is not None and r.kind == kind for r in rules):
            boxes.append((key, years[regime]))
    return boxes


def dropped_sentence(journey) -> str:
    """What the link carries that this city's pages do not use: left out, or kept only for the comparison."""
    said = []
    if journey.dropped:
        said.append(_("Some answers in this link do not apply in %(city)s and were left out: %(what)s.") % {
            "city": journey.city.name_in_sentence(journey.lang), "what": _(", ").join(journey.dropped)})
    if journey.for_comparison:
        said.append(ngettext("%(city)s's rules do not use %(what)s: it is kept only to compare cities.",
                             "%(city)s's rules do not use these answers, kept only to compare cities: %(what)s.",
                             len(journey.for_comparison)) % {
            "city": journey.city.name(journey.lang), "what": _(", ").join(journey.for_comparison)})
    if journey.changed_from is not None:
        # After a change of city (journey.RECHECKED_STEPS): what was kept, and which answers to check here.
        names = {"old": journey.changed_from.name_in_sentence(journey.lang),
                 "new": journey.city.name_in_sentence(journey.lang)}
        said.insert(0, _("You changed the city from %(old)s to %(new)s. Your other answers are kept.") % names)
        if rechecked := journey.rechecked():
            said.insert(1, _("Check %(what)s on these pages: in %(new)s they can be for a different year.") % {
                **names, "what": listed(rechecked)})
    return ("" if journey.lang == "zh" else " ").join(said)      # Chinese sentences follow on without a space


# ---- check your answers ---------------------------------------------------------------------

# The help desk's case note records the caller's answers as the operator writes them, about the caller
# (estimator.desk); the check page's words are the person's own ("Through my employer", "I don't know").
CALLER_ENROLMENT_LABELS = {
    "employer": gettext_lazy("Through their employer"),
    "flexible": ENROLMENT_LABELS["flexible"],
    "individual_tier1": gettext_lazy("On their own, tier 1 (个人参加职工医保一档)"),
    "individual_tier2": gettext_lazy("On their own, tier 2 (个人参加职工医保二档)"),
}
CALLER_DOES_NOT_KNOW = gettext_lazy("The caller does not know")


def check_rows(journey, caller: bool = False, links: bool = True) -> list[dict]:
    """GOV.UK check-answers rows: question, answer, and a link back to the step that asks it (`caller`: the
    answers said of the caller, for the desk's case note; not with `links` False: the result page prints
    the answers without links)."""
    city, lang, a = journey.city, journey.lang, journey.answers.values
    words = fixed_words()
    enrolments = CALLER_ENROLMENT_LABELS if caller else ENROLMENT_LABELS
    dont_know = str(CALLER_DOES_NOT_KNOW) if caller else words["dont_know"]
    rows = [(words["city"], city.name(lang), "city", "city_0"),
            (words["year"], a.get("year") or str(city.first_full_year), "person", "year")]
    # The desk asks every money question (its status can change without a new page): its case note lists only
    # those the money page asks for the status chosen, so a base typed before choosing 退休 is not recorded.
    for q in journey.questions("person") + for_person(city, journey.questions("money"), a):
        value = a.get(q.key)
        if q.key == "year":
            continue
        if q.key == "status":
            rows.append((q.short, words["retired"] if value == "retired" else words["working"], "person", "status_0"))
        elif q.key == "enrolment":
            rows.append((q.short, enrolments[value or "employer"], "person", "enrolment_0"))
        elif q.key == "sector":
            if a.get("status") == "retired" and value:
                rows.append((q.short, SECTOR_LABELS[value], "person", "sector_0"))
        elif value and q.kind == "money":
            rows.append((q.short, typed_yuan(parse_decimal(value)), "money", q.key))
        elif q.key in journey.unknown:
            rows.append((q.short, dont_know, "money", q.key))
        elif value:
            rows.append((q.short, as_read(value, q.kind == "whole"), q.step, q.key))
    # The year table's credits the person gave, asked by their boxes on the result page.
    given = sorted((year, v) for year, v in ((year_of(k), v) for k, v in a.items()) if year is not None)
    credits = [(credit_question(year), value) for year, value in given]
    for q, value in credits:
        try:
            amount = NumberField(q).clean(value)
            shown = typed_yuan(amount) if amount is not None else ""
        except ValidationError as problem:
            # Its box is on the result page, which shows the message beside it: here the row says it too,
            # so a figure that cannot be used never reads as if it were fine.
            shown = _("%(typed)s (%(problem)s)") % {"typed": as_read(value), "problem": problem.messages[0]}
        rows.append((q.short, shown, "result", q.key))
    any_visit = False
    for row in journey.visit_rows:
        typed = a.get(row.count.key)
        if not typed:
            continue                    # most rows are left empty: read as no visits ("0"), without reading
        n = as_read(typed, whole=True)
        if n == "0":
            continue
        any_visit = True
        count = ngettext("%(n)s visit", "%(n)s visits", int(n) if n.isdecimal() else 2) % {"n": n}
        cost = typed_yuan(parse_decimal(a.get(row.cost.key, "0")) or 0)
        if row.level_id:
            rows.append((city.level_name(row.level_id, lang), f"{count} × {cost}", "visits", row.count.key))
            continue
        level_id = a.get(row.level.key) or city.levels[0]
        if row.prefix == "ph":      # purchases, not visits, on a prescription from a level (not a visit there)
            count = ngettext("%(n)s purchase", "%(n)s purchases", int(n) if n.isdecimal() else 2) % {"n": n}
            text = _("%(n)s × %(cost)s, on a prescription from %(level)s") % {
                "n": count, "cost": cost, "level": city.level_with_article(level_id, lang)}
        else:
            text = _("%(n)s × %(cost)s at %(level)s") % {"n": count, "level": city.level_in_sentence(level_id, lang),
                                                         "cost": cost}
        if row.other is not None:
            text += _(", schemes pay %(paid)s each") % {"paid": typed_yuan(parse_decimal(a.get("sp_o", "0")) or 0)}
        rows.append((KINDS[row.prefix][0], text, "visits", row.count.key))
    if a.get("total") and parse_decimal(a["total"]):
        any_visit = True
        level = city.level_in_sentence(a.get("total_lv") or city.levels[0], lang)
        rows.append((_("Outpatient spending in a year"),
                     _("%(cost)s in all, counted as one visit at %(level)s") % {
                         "cost": typed_yuan(parse_decimal(a["total"])), "level": level}, "visits", "total"))
    if not any_visit:
        rows.append((_("Outpatient visits"), _("No visits"), "visits", journey.visit_rows[0].count.key))
    for q in journey.questions("figures"):
        answer = as_read(a.get(q.key, ""), q.kind == "whole") or (dont_know if "figures" in journey.unknown else "")
        rows.append((q.short, answer, "figures", q.key))
    if not links:
        return [{"question": q, "answer": answer} for q, answer, _step, _anchor in rows]
    urls = {step: f"{journey.url(step)}&r=check#id_" for step in {step for _q, _a, step, _k in rows}}
    if credits:
        urls["result"] = f"{journey.url('result')}#id_"          # the result page is where they are asked
    return [{"question": q, "answer": answer, "url": urls[step] + anchor} for q, answer, step, anchor in rows]


# ---- the result ------------------------------------------------------------------------------

def verdict(est) -> dict:
    """Plain-language comparison: cash paid, year-end balance, and the two together.

    Its figures are the Q&A table's own (policies.summary, worked out once per estimate),
    so a sentence never differs by a yuan from what a person reads off the table."""
    v = table_verdict(est)
    # The effect is the person's own net (summary.Verdict.own_change): the table's net, and with family
    # spending the table's net with what the account paid for the family added back, which is also the
    # household's change. So the verdict, the chart's row for the person and the family's section agree.
    # Each change is said as an amount either way ("¥625 less", "¥625 more"): formatted once.
    cash, balance, net = yuan(abs(v.cash_change)), yuan(abs(v.balance_change)), yuan(abs(v.own_change))
    return {"cash_change": cash, "cash_less": cash, "balance_change": balance, "balance_less": balance,
            "net_change": net, "net_worse": net,
            "better": v.own_change > 0, "worse": v.own_change < 0, "cash_down": v.cash_change < 0,
            "cash_up": v.cash_change > 0, "balance_up": v.balance_change > 0, "balance_down": v.balance_change < 0}


def qa_rows(est) -> list[dict]:
    """The Q&A table's rows (seed 002, item 19): each year in whole yuan, still adding up.

    "row" holds the whole-yuan figures; "cells" the same as people read them, in COLUMNS order;
    "exact" what the row was rounded from, for the line under the table (row_sums)."""
    before, after = table_rows(est)
    words = fixed_words()
    opening = est.scenario.opening_balance
    rows = [(words["before"], est.year_before, before, est.before), (words["after"], est.year_after, after, est.after)]
    return [{"label": label, "year": str(year), "row": row, "cells": [yuan(getattr(row, c)) for c in COLUMNS],
             "exact": (opening, col)} for label, year, row, col in rows]


def qa_table(est, caption: str = "") -> dict:
    rows = qa_rows(est)
    cut = rows[0]["row"].account_credit - rows[1]["row"].account_credit
    return {"rows": rows, "cut": yuan(cut) if cut > 0 else "", "caption": caption, **row_sums(rows)}


def row_sums(rows: list[dict], caller: bool = False) -> dict:
    """Under a Q&A table, for each year whose row does not add up by its columns alone, the sum that
    does: with an opening balance ("¥851 at the start of the year + ¥1,340 credited − ¥1,942 paid = ¥249"),
    with what the account also paid for the family (policies.result.YuanRow.family_paid), or both.
    "sums": the lines in the rows' order; "family_sums": whether one of them has the family's payment (the
    pages say so above them; the name is the one those pages tested before the opening balance had a line).
    `caller`: said about the caller, in the words of the rows above it, for the help desk's case note.

    Each line is the table's own whole yuan, which add up. Where they cannot (the person's payments,
    each rounded, come to more than the account had: 8.36 + 79.20 − 87.44 shown as 8 + 79 − 88, while
    the table must show what saved links showed), the line gives the same sum to the fen instead."""
    lines, family = [], False
    for r in rows:
        row = r["row"]
        if row.opening + row.account_credit - row.account_paid - row.family_paid == row.account_balance:
            if not (row.opening or row.family_paid):
                continue                                   # adds up on its own
            figures = {"opening": row.opening, "credit": row.account_credit, "account": row.account_paid,
                       "family": row.family_paid, "balance": row.account_balance}
            shown, exact = yuan, ""
        else:
            opening, col = r["exact"]
            figures = {"opening": opening, "credit": col.account_credit, "account": col.account_paid,
                       "family": col.family.account_paid if col.family else 0, "balance": col.account_balance}
            shown, exact = _to_the_fen, _(" These figures are to the fen; the table rounds each to whole yuan.")
        family = family or bool(figures["family"])
        lines.append(_sum_line(r["year"], {k: shown(v) for k, v in figures.items()},
                               bool(figures["opening"]), bool(figures["family"]), caller) + exact)
    return {"sums": lines, "family_sums": family}


def _to_the_fen(amount) -> str:
    return grouped(Decimal(amount))


def _sum_line(year: str, figures: dict, opening: bool, family: bool, caller: bool) -> str:
    if opening and family and caller:
        line = _("%(year)s: %(opening)s at the start of the year + %(credit)s credited − %(account)s paid for "
                 "the caller − %(family)s paid for their family = %(balance)s at the end of the year.")
    elif family and caller:
        line = _("%(year)s: %(credit)s credited − %(account)s paid for the caller − %(family)s paid for their "
                 "family = %(balance)s at the end of the year.")
    elif opening and family:
        line = _("%(year)s: %(opening)s at the start of the year + %(credit)s credited − %(account)s paid for "
                 "you − %(family)s paid for your family = %(balance)s at the end of the year.")
    elif family:
        line = _("%(year)s: %(credit)s credited − %(account)s paid for you − %(family)s paid for your family "
                 "= %(balance)s at the end of the year.")
    elif opening:
        line = _("%(year)s: %(opening)s at the start of the year + %(credit)s credited − %(account)s paid "
                 "= %(balance)s at the end of the year.")
    else:
        line = _("%(year)s: %(credit)s credited − %(account)s paid = %(balance)s at the end of the year.")
    return line % {**figures, "year": year}


def supplied_labels(est, lang: str, by_year: bool = True) -> list[str]:
    """The figures the person gave, named for the list after "These figures are yours…:". In English the
    names read inside that sentence ("account credit before the reform, the yearly limit the fund pays…"),
    not as the questions' headings with their units; Chinese has no capitals and keeps the units."""
    labels, city = [], est.scenario.city
    for name in est.scenario.supplied:
        if name.startswith("account_credit_by_year."):         # a year of the year table (the result page asks it)
            if not by_year:
                continue                                       # a page without the year table does not use it
            short = str(credit_question(int(name.rsplit(".", 1)[1])).short)
            labels.append(short[:1].lower() + short[1:] if lang == "en" else short)
        elif name.startswith("params.") and lang == "en":
            labels.append(param_label(city, param_name(city, name[len("params."):]), lang))
        elif name.startswith("params."):
            labels.append(figure_label(name[len("params."):], city, lang))
        elif lang == "en":
            short = str(question_for_path(name).short)
            labels.append(short[:1].lower() + short[1:])       # a common noun inside the sentence
        else:
            labels.append(str(question_for_path(name).short))
    return labels


def warnings_shown(rendered: list[str]) -> list[str]:
    """The estimate's warnings (as est.notes.render gave them, in the page's language), each once."""
    return list(dict.fromkeys(rendered))


# How a secondary web page's citation ends in each language (policies.model.Source.cite): full-width brackets
# in Chinese, plain ones in English.
UNOFFICIAL_MARKS = (f"（{UNOFFICIAL['zh']}）", f" ({UNOFFICIAL['en']})")


def steps_shown(steps: list[dict]) -> dict:
    """Each column's steps; a step resting on an unofficial web page says so (its source goes behind "Sources")."""
    shown = {"before": [], "after": []}
    for s in steps:
        column = shown.get(s["regime"])
        if column is not None:
            column.append({**s, "unofficial": s["source"].endswith(UNOFFICIAL_MARKS)})
    return shown


def explanations(city, lang: str) -> list[dict]:
    """What did not change, what the account may pay for, other help: the city's own words."""
    return list(_explanations(city.id, lang))


@cache
def _explanations(city_id: str, lang: str) -> tuple[dict, ...]:
    # The same for everyone in a city and language: worded once.
    city = load_cities()[city_id]
    return tuple({"key": e.key, "text": e.text(lang), "source": e.cite(lang)}
                 for e in (city.explained(k) for k in ("unchanged", "account_uses", "other_benefits")) if e)


def result_context(journey, reproduce_url: str) -> dict:
    est, lang = journey.estimate, journey.lang
    steps, warnings = est.notes.render(lang)
    years = years_context(est)
    return {
        **_answer_context(journey, reproduce_url, warnings, supplied_labels(est, lang), family_context(est, years)),
        "breakeven": breakeven_context(est, is_large(journey.answers.values)),
        "steps": steps_shown(steps), "explanations": explanations(est.scenario.city, lang),
        "years": years, "compare_url": journey.url("compare"),
    }


def simple_result_context(journey, reproduce_url: str) -> dict:
    """The simple version of the result (简明版): the verdict, the table and what its figures rest on, the
    same figures as the full page's, and Zhenjiang's serious-illness refund under the table. Nothing it does
    not show is worked out: no break-even search, no steps' sentences, no year table (so a year's credit
    given for that table is not listed among the figures it used)."""
    est, lang = journey.estimate, journey.lang
    return _answer_context(journey, reproduce_url, est.notes.warnings_in(lang),
                           supplied_labels(est, lang, by_year=False), family_context(est))


def _answer_context(journey, reproduce_url: str, warnings: list[str], supplied: list[str], family) -> dict:
    """What the full and the simple result both show."""
    est, lang = journey.estimate, journey.lang
    return {
        "city_name": est.scenario.city.name_in_sentence(lang), "year_before": str(est.year_before),
        "year_after": str(est.year_after),
        "verdict": verdict(est),
        "qa": qa_table(est, _("Your year, in yuan (rounded to whole yuan; so that each row adds up, a figure may differ by ¥1 from the exact amount)")),
        "warnings": warnings_shown(warnings), "supplied": supplied,
        "dropped": dropped_sentence(journey), "family": family,
        # Zhenjiang's refund on the year's cash: thousands of yuan for a costly year, so part of the answer.
        "refund": serious_illness_refund(est),
        "back_url": journey.url("check"), "reproduce_url": reproduce_url,
    }


def serious_illness_refund(est) -> str:
    """Zhenjiang's serious-illness refund on the year's cash, for its line under the table (the city's
    "other help" promises it there, apart from the table); "" when there is none."""
    refund = est.serious_illness.refund if est.serious_illness is not None else 0
    return yuan(refund) if refund > 0 else ""


def breakeven_context(est, large: bool = False) -> dict:
    """The break-even section, the chart and its key points, and the figures the desk's script reads.

    The one place that reads policies.breakeven and estimator.chart; `large`: the large-text chart."""
    be = break_even(est)
    if be.missing:
        # With no visits the curve assumes a usual mix, whose rules may need figures the
        # city has not published and the person had no reason to give (Xi'an): no chart then.
        return {"unavailable": True, "chart": {"marks": {}}}
    # The page's language, as the estimate has it. The template writes its numbers as Python does (str()):
    # Jinja2, unlike Django's template language, does not localise them, so they need no text of their own.
    drawn = chart(be, est.scenario.lang, large)
    # Every mark named, None where the curve has no such point: the template asks for each.
    drawn["marks"] = {name: drawn["marks"].get(name) for name in ("person", "even", "cap")}
    # Each row's note says what its figures show (policies.breakeven.KeyPoint.kinds).
    words = fixed_words()
    notes = ((PERSON, words["yours"]), (BREAK_EVEN, words["break_even"]), (CAP, words["limit"]))
    points = []
    for p in be.key_points:
        row = {"cost": yuan(p.cost), "before": yuan(p.before_yuan), "after": yuan(p.after_yuan),
               "difference": yuan(p.difference_yuan),
               "notes": [note for kind, note in notes if kind in p.kinds and (kind != BREAK_EVEN or p.cost > 0)]}
        last = points[-1] if points else None
        if last is not None and all(last[k] == row[k] for k in ("cost", "before", "after", "difference")):
            # Two points that read the same (a yuan or less apart) are one row: "¥2,800 (yours) (break-even)".
            last["notes"] = [note for _kind, note in notes if note in last["notes"] or note in row["notes"]]
        else:
            points.append(row)
    v = table_verdict(est)
    # The desk's reason: what the fund pays more after the reform than before, against the cut, both read off
    # the table's rows. The 两病/特病/国谈药 schemes paid their part in both years, so only the difference is
    # the reform's (the key points' difference is the same two figures' difference).
    more, cut = v.after.fund_paid - v.before.fund_paid, v.before.account_credit - v.after.account_credit
    return {
        "unavailable": False, "no_cut": be.cut <= 0, "never": be.never, "assumed_mix": be.assumed_mix,
        "where": _where(be, v.own_change),
        "most": yuan(be.max_pooled), "cut": yuan(be.cut), "cost": "" if be.cost is None else yuan(be.cost),
        "person_cost": yuan(be.person_cost), "chart": drawn, "points": points,
        "net_change": yuan(abs(v.own_change)),
        # for the desk's script: the reasons in a sentence
        "more_shown": yuan(more), "more_paid": more > 0, "cut_shown": yuan(cut),
        "reason": _reason(be.cut, est.after.cap_reached, v.own_change, more, cut),
        # Nothing reached the fund because all the caller's own share went to the deductible: said so, not "¥0".
        "unpaid": more <= 0 and not est.after.pooled_paid
        and est.after.deductible_used >= est.after.total_cost - est.after.other_paid,
        "cap": yuan(est.after.cap) if est.after.cap is not None else "",
    }


def _reason(exact_cut, cap_reached: bool, own_change: int, more: int, cut: int) -> str:
    """How the desk's script says why, comparing the fund's added payment (`more`) with the cut, as the verdict
    words the change: "more" only when better off, "less" (or "cap", the fund's yearly limit reached) only when
    worse off, "equal" only when the same. The table's rows round each figure, so the two can stand a yuan off the
    verdict's change; then "about" (a sentence never calls one of two equal figures more)."""
    if exact_cut <= 0:
        return "no_cut"
    if own_change > 0 and more > cut:
        return "more"
    if own_change == 0 and more == cut:
        return "equal"
    if own_change < 0 and more < cut:
        return "cap" if cap_reached else "less"
    return "about"


def _where(be, own_change: int) -> str:
    """Where the person's expected cost sits against the break-even cost, as the page shows both (whole
    yuan) and as the verdict words the change: "above"/"below" only when the two figures differ that way
    and the verdict agrees; "at" when they read the same and the verdict says the same; "near" when the
    verdict says the same and the figures are a yuan apart; "close" for a change of a yuan or two that
    the figures cannot show (a sentence never calls one of two equal figures higher)."""
    if be.cost is None:
        return ""
    person, even = whole_yuan(be.person_cost), whole_yuan(be.cost)
    if own_change > 0 and person > even:
        return "above"
    if own_change < 0 and person < even:
        return "below"
    if own_change == 0:
        return "at" if person == even else "near"
    return "close"


# ---- the rules an estimate used (compare, desk) -----------------------------------------------

def rules_used(est, lang: str) -> list[str]:
    """The after-reform pooling rules this person's estimate used, a line each, from the estimate itself, or
    from the part of one worked out without a credit the person does not know (policies.partial.Known)."""
    rules, city = est.rules, est.scenario.city
    after = est.after if est.after is not None else est.pooled_only    # Known: the credit after unknown
    if rules is None or not rules.ratio:
        return [_("No visits reached outpatient pooling, so none of its rules were used.")]
    levels = [lv for lv in city.levels if lv in rules.ratio]
    lines = []
    if rules.kind == "annual":
        lines.append(_("Deductible: %(amount)s a year, counted over the year") % {"amount": yuan(rules.annual_deductible)})
    elif rules.kind == "level_topup":
        amounts = " / ".join(f"{city.level_in_sentence(lv, lang)} {yuan(rules.level_deductible[lv])}" for lv in levels)
        lines.append(_("Deductible by level: %(amounts)s a year, topping up when moving up a level") % {"amounts": amounts})
    else:
        amounts = " / ".join(f"{city.level_in_sentence(lv, lang)} {yuan(rules.visit_deductible[lv])}" for lv in levels)
        lines.append(_("Deductible per visit: %(amounts)s") % {"amounts": amounts})
    # A ratio as the data has it (62.5%, not 62%); Chinese lists take a full-width semicolon.
    ratios = ("; " if lang == "en" else "；").join(f"{city.level_in_sentence(lv, lang)} {Percent(rules.ratio[lv]).show(lang)}"
                                                  for lv in levels)
    lines.append(_("Share the fund pays: %(ratios)s") % {"ratios": ratios})
    lines.append(_("Yearly limit: %(cap)s") % {"cap": yuan(after.cap if after is not None and after.cap is not None
                                                           else rules.cap)})
    return lines


def lacking(problems: dict, city, lang: str) -> list[str]:
    """What a city's sources lack for this person, named for people (compare page)."""
    names = []
    for path in problems:
        if path.startswith("params."):
            name = figure_label(path[len("params."):], city, lang)
        else:
            question = question_for_path(path)
            name = str(question.short) if question is not None else _("some of your answers")
        if name not in names:
            names.append(name)
    return names


# ---- "I don't know": what can be worked out, and what is missing --------------------------------

def unofficial_credit_hint(journey) -> str:
    """For the old credit where its rate comes only from an unofficial web page (Chongqing, Zhenjiang,
    Xi'an): say so, and that the person's own figure replaces it."""
    city, status = journey.city, journey.answers.get("status")
    if status not in ("in_service", "retired"):
        return ""
    enrolment = journey.answers.get("enrolment") or "employer"
    rules = [r for r in city.credit_rules_by_month(status, enrolment, city.year_before) if r is not None]
    if not any(r.source.kind == "secondary" for r in rules):
        return ""
    return _("Optional. If you leave it blank, we estimate it from an unofficial web page's rate; the figure in "
             "your medical insurance app or account statement is better.")


def unknown_offered(journey, step: str) -> list[str]:
    """The "I don't know" boxes a step shows (the dk key's values): only for figures this person needs."""
    if step == "money":
        needed = set(needed_hints(journey)) - follows_last_year(journey)
        problems = journey.outcome[1]
        needed |= {key for path, key in (("monthly_base", "base"), ("monthly_pension", "pension")) if path in problems}
        return [key for key in ("base", "pension", "credit_before", "credit_after")
                if key in needed or key in journey.unknown]
    if step == "figures" and journey.figure_questions:
        return ["figures"]
    return []


FIND_CREDIT = gettext_lazy("Your medical insurance app (医保 App) or your personal account statement shows it. "
                           "You can also ask the city's medical insurance bureau: call the 12393 medical insurance "
                           "service line, or read the bureau's public account (公众号).")
FIND_BASE = gettext_lazy("It is on your payslip, in your medical insurance app (医保 App) or your social insurance "
                         "statement; it is usually close to last year's average monthly wage.")
FIND_PENSION = gettext_lazy("It is on your pension statement or on the bank record of each month's payment.")
# The help desk's operator reads these about the caller (estimator.desk): the same places, said of the caller.
FIND_CREDIT_CALLER = gettext_lazy("The caller's medical insurance app (医保 App) or personal account statement shows it. "
                                  "They can also ask the city's medical insurance bureau: call the 12393 medical "
                                  "insurance service line, or read the bureau's public account (公众号).")
FIND_BASE_CALLER = gettext_lazy("It is on the caller's payslip, in their medical insurance app (医保 App) or their social "
                                "insurance statement; it is usually close to last year's average monthly wage.")
FIND_PENSION_CALLER = gettext_lazy("It is on the caller's pension statement or on the bank record of each month's "
                                   "payment.")
FIND_FIGURES = gettext_lazy("The city's medical insurance bureau publishes them: call the 12393 medical insurance "
                            "service line, or read the bureau's public account (公众号) or website.")


def missing_items(journey, caller: bool = False) -> list[dict]:
    """What the result lacks, each with where a person can find it (`caller`: said of the caller, for the desk).
    A credit that only follows from the year before's (镇江 2023, journey.follows) is not listed: the year
    before's figure is, with a sentence saying that it is enough for both years."""
    known, items = journey.known, []
    figures = []
    missing = [path for path in known.missing if path not in journey.follows]
    find_credit = str(FIND_CREDIT_CALLER if caller else FIND_CREDIT)
    same = (" " if journey.lang == "en" else "") + _("The credit in %(year)s is the same amount, so this one figure "
                                                     "is enough.") % {"year": known.year_after} if journey.follows else ""
    if {"account_credit_before", "account_credit_after"} <= set(missing):      # one place to look for both
        items.append({"what": (_("The caller's account credit in %(before)s and in %(after)s") if caller else
                               _("Your account credit in %(before)s and in %(after)s"))
                      % {"before": known.year_before, "after": known.year_after}, "where": find_credit})
    for path in missing:
        if path.startswith("params."):
            # Inside the sentence: the figure's name alone, not the question with its unit.
            city = journey.city
            figures.append(param_label(city, param_name(city, path[len("params."):]), journey.lang))
        elif items and path.startswith("account_credit_"):
            continue
        elif path in ("monthly_base", "monthly_pension"):
            base = path == "monthly_base"
            what = ((_("The caller's monthly contribution base (缴费基数)") if caller else
                     _("Your monthly contribution base (缴费基数)")) if base else
                    (_("The caller's basic pension a month") if caller else _("Your basic pension a month")))
            where = str((FIND_BASE_CALLER if caller else FIND_BASE) if base else
                        (FIND_PENSION_CALLER if caller else FIND_PENSION))
            if instead := [str(year) for _key, year in credits_instead(journey, path)]:
                # Typing the credits it is needed for does as well (their boxes are on the page).
                where = sentences(journey.lang, where, (ngettext(
                    "Or instead: the caller's account credit in %(years)s, which their medical insurance app (医保 App) "
                    "or account statement shows.",
                    "Or instead: the caller's account credits in %(years)s, which their medical insurance app "
                    "(医保 App) or account statement shows.", len(instead)) if caller else ngettext(
                    "Or instead: your account credit in %(years)s, which your medical insurance app (医保 App) or "
                    "account statement shows.",
                    "Or instead: your account credits in %(years)s, which your medical insurance app (医保 App) or "
                    "account statement shows.", len(instead))) % {"years": listed(instead)})
                if "credit_before" in {key for key, _year in credits_instead(journey, path)}:
                    where += same
            items.append({"what": what, "where": where})
        elif path == "account_credit_before":
            items.append({"what": (_("The caller's account credit in %(year)s, the year before the reform") if caller
                                   else _("Your account credit in %(year)s, the year before the reform"))
                          % {"year": known.year_before}, "where": find_credit + same})
        elif path == "account_credit_after":
            items.append({"what": (_("The caller's account credit in %(year)s") if caller else
                                   _("Your account credit in %(year)s")) % {"year": known.year_after},
                          "where": find_credit})
    if figures:
        # The result lists the names one per line (a sentence of four long names is hard to read).
        items.append({"what": _("The city's outpatient pooling figures: %(names)s") % {"names": _(", ").join(figures)},
                      "heading": _("The city's outpatient pooling figures:"), "names": [capfirst(f) for f in figures],
                      "where": str(FIND_FIGURES)})
    return items


def known_rules(known, lang: str) -> list[dict]:
    """Rules the sources do give, when the pooling figures are missing (Xi'an: the 50% floor of 四（三）)."""
    city = known.scenario.city
    if known.rules is not None or not city.has("ratio_floor"):
        return []
    from policies.lookup import pooling_day
    floor = city.params["ratio_floor"].at(pooling_day(city, known.year_after))
    if floor is None:
        return []
    share = floor.value * 100
    shown = f"{share:.0f}" if share == share.to_integral_value() else f"{share:f}"
    return [{"text": _("Above the deductible, the fund pays at least %(floor)s%% of the covered cost.")
             % {"floor": shown}, "source": floor.cite(lang)}]


def even_credit(known) -> dict | None:
    """The one missing credit at which the reform turns from gain to loss, for the sentence that says so.

    A credit is never below ¥0. Where the turning credit is ¥0 or less, every credit the person can have
    falls on one side of it: the sentence then says which side, and by at least how much (`margin`),
    never "if it is less than −¥500"."""
    if known.even_credit_before is not None:
        after, year, even = False, known.year_before, known.even_credit_before
    elif known.even_credit_after is not None:
        after, year, even = True, known.year_after, known.even_credit_after
    else:
        return None
    return {"after": after, "year": str(year), "amount": typed_yuan(even),
            "one_side": even <= 0, "margin": typed_yuan(-even) if even < 0 else ""}


def known_lines(journey, caller: bool = False) -> dict:
    """The partial result's lines said to someone: what the documents tell and what is missing, to the
    person, or (`caller`) of the caller, as the help desk's operator reads them. Everything else on the
    page is the same for both."""
    known, credits = journey.known, []
    if known.pooled_only is not None:
        credits.append((_("After the reform (%(year)s), outpatient pooling pays %(fund)s of the caller's %(total)s of "
                           "visits (the rest is paid from their account, then in cash)") if caller else
                        _("After the reform (%(year)s), outpatient pooling pays %(fund)s of your %(total)s of visits "
                          "(the rest is paid from your account, then in cash)"))
                       % {"year": known.year_after, "fund": yuan(known.pooled_only.fund_paid),
                          "total": yuan(known.pooled_only.total_cost)})
    if known.credit_after is not None and known.after is None:
        credits.append((_("The caller's account credit in %(year)s, after the reform: %(amount)s") if caller else
                        _("Your account credit in %(year)s, after the reform: %(amount)s"))
                       % {"year": known.year_after, "amount": yuan(known.credit_after)})
    # Each missing path is one figure (a credit, the base, one of the city's pooling figures): how many, in words.
    return {"credits": credits, "missing": missing_items(journey, caller), "missing_count": len(known.missing)}


def known_context(journey, reproduce_url: str, caller: bool = False) -> dict:
    """The result page for a person who does not know a figure: what can be worked out, and what cannot.
    `caller`: the help desk's words, which its operator reads about the caller."""
    known, lang = journey.known, journey.lang
    steps, warnings = known.render(lang)
    rows = []
    for label, year, col in ((_("Before the reform"), known.year_before, known.before),
                             (_("After the reform"), known.year_after, known.after)):
        if col is not None:
            row = whole_yuan_row(col, known.scenario.opening_balance)
            rows.append({"label": label, "year": str(year), "row": row,
                         "cells": [yuan(getattr(row, c)) for c in COLUMNS], "exact": (known.scenario.opening_balance, col)})
    qa = {"rows": rows, "cut": "",
          "caption": _("The year we can work out, in yuan (rounded to whole yuan; so that each row adds up, a figure may differ by ¥1 from the exact amount)"),
          **row_sums(rows)} if rows else None
    # A box for each missing figure, and for the credits that can stand in for a missing base or pension; a
    # credit that follows the year before's (镇江 2023) is given by that year's box. The boxes are bound to what
    # was typed in them, so that a figure failing its check is named beside its box (Journey.typed_in_result),
    # as under the year table.
    wanted = {"credit_before" if path in journey.follows else UNKNOWN_PATHS.get(path) for path in known.missing}
    wanted |= {key for path in known.missing for key, _year in credits_instead(journey, path)}
    asked = {q.key: q for q in journey.questions("money")}
    questions = [asked[key] for key in ("base", "pension", "credit_before", "credit_after")
                 if key in wanted and key in asked]
    if any(path.startswith("params.") for path in known.missing):
        questions += journey.questions("figures")
    boxes = BoxesForm({**journey.answers.values, **journey.mistyped}, questions)
    for key in ("credit_before", "credit_after"):
        if key in boxes.fields:
            boxes.fields[key].hint = str(CREDIT_TERM)
    typed = [boxes[q.key].shown for q in questions]
    typed_keys = set(boxes.fields)
    return {
        "city_name": known.scenario.city.name_in_sentence(lang), "year_before": str(known.year_before),
        "year_after": str(known.year_after), "qa": qa, **known_lines(journey, caller),
        "rules_known": known_rules(known, lang),
        "warnings": warnings_shown(warnings), "supplied": supplied_labels(known, lang, by_year=False),
        "steps": steps_shown(steps), "typed": typed, "boxes": boxes,
        "hidden": sorted((k, v) for k, v in journey.answers.values.items() if k not in typed_keys),
        "dropped": dropped_sentence(journey), "back_url": journey.url("check"), "reproduce_url": reproduce_url,
        # Only one year's credit missing: the credit at which the two years come out the same (policies.partial).
        "even": even_credit(known),
    }


# ---- the reform year by year ------------------------------------------------------------------

def shows_years(city) -> bool:
    """Whether the city's reform changes in more than one year after it began (Zaozhuang, Zhenjiang, Henan draft)."""
    return _shows_years(city.id)


@cache
def _shows_years(city_id: str) -> bool:
    # Read from every dated value of the city file: the same for every request, so worked out once.
    return len(table_years(load_cities()[city_id])) > 2


def _year_missing(path: str, items: list, year: int, city, lang: str) -> str:
    """What a year that cannot be worked out lacks, in words (never a field name), with the engine's reason."""
    if path.startswith("params."):
        # Inside a sentence: the figure's name alone, not the question with its unit.
        return param_label(city, param_name(city, path[len("params."):]), lang)
    if path.startswith("account_credit_by_year."):
        figures = [show_args(args, lang)["name"] for key, args in items if key in CREDIT_FIGURE_MISSING]
        if figures:
            return figures[0]           # the rule is known; the figure it uses is what the documents lack
        what = _("how your account was credited in %(year)s") % {"year": year}
        reasons = [show_args({"why": args["why"]}, lang)["why"] for _k, args in items if args.get("why")]
        return _("%(what)s (%(why)s)") % {"what": what, "why": reasons[0]} if reasons else what
    question = question_for_path(path)
    return str(question.what) if question is not None else _("some of your answers")


def listed(items: list[str]) -> str:
    """"2022, 2023 and 2024" / "2022、2023、2024"."""
    if len(items) < 2:
        return "".join(items)
    return _(", ").join(items[:-1]) + _(" and ") + items[-1]


def years_context(est) -> dict | None:
    """The "Year by year" table: the same person in every year from the last before the reform to the
    steady state (policies.years), each row in whole yuan and adding up, with what changes when.

    The main estimate is reused (year_by_year works out only the other years)."""
    sc = est.scenario
    if not shows_years(sc.city):
        return None
    lang = sc.lang
    rows = year_by_year(sc, est)
    shown = years_json(rows)
    out, changed = [], []
    for i, (row, entry) in enumerate(zip(rows, shown)):
        label = _("Before the reform") if row.regime == "before" else ""
        if row.from_month:
            label = _("The reform from %(month)s") % show_args({"month": Month(row.from_month)}, lang)
        item = {"year": str(row.year), "label": label, "main": row.year == est.year_after and row.regime == "after",
                "changes": entry["changes"], "steady": row.steady, "row": None, "cells": [], "missing": [],
                # only the year's credit is missing: the person can give it (estimator.year_credits)
                "credit_only": list(row.problems) == [f"account_credit_by_year.{row.year}"]}
        if row.column is None:
            item["missing"] = list(dict.fromkeys(_year_missing(p, items, row.year, sc.city, lang)
                                                 for p, items in row.problems.items()))
            # What is missing may begin with a year ("2022 年您的…"): spaced from "没有给出" (policies.spacing).
            item["missing_sentence"] = interpolate(
                _("Cannot be worked out: the published documents do not give %(what)s."),
                {"what": _(", ").join(item["missing"])})
        else:
            item["row"] = whole_yuan_row(row.column, sc.opening_balance)
            item["cells"] = [yuan(getattr(item["row"], c)) for c in COLUMNS]
            item["exact"] = (sc.opening_balance, row.column)
            if sc.family:
                item["family"] = {"year": str(row.year), **_family_cells(family_yuan(row.column, item["row"]))}
        # The steady year is always one whose rules changed (policies.timeline.steady_year is the latest
        # change); its own row may not show it when the year cannot be worked out.
        if row.regime == "after" and (row.steady or {key for key, _s, _a in year_changes(sc, rows, i)} - QUIET_CHANGES):
            changed.append(str(row.year))
        out.append(item)
    summary = _("The rules change in %(years)s; from %(steady)s on they stay the same.") % {
        "years": listed(changed), "steady": rows[-1].year}
    return {"rows": out, "summary": summary, "family": [r["family"] for r in out if "family" in r],
            **row_sums([r for r in out if r["row"] is not None])}


# ---- the family's share of the account ----------------------------------------------------------

def _family_cells(fam: FamilyYuan) -> dict:
    """The family's row as people read it: the whole-yuan figures of policies.summary.family_yuan."""
    return {"allowed": fam.allowed, **{k: yuan(getattr(fam, k))
                                       for k in ("spending", "account_paid", "cash_paid", "household_cash_paid")}}


def family_context(est, years: dict | None = None) -> dict | None:
    """The family's row before and after (家庭共济), and the verdict counting the family's cash too.

    Every figure is the Q&A table's, in whole yuan: the family's account payment is the table's
    row's (policies.result.YuanRow.family_paid), their own cash the rest of their spending, and the
    household's cash the table's cash + theirs. The household's change is then the person's own
    (summary.Verdict.own_change) by arithmetic: the family spends the same in both years."""
    sc = est.scenario
    if not sc.family:
        return None
    lang = sc.lang
    rules = family_rules()[sc.city.id]
    v = table_verdict(est)
    before, after = family_yuan(est.before, v.before), family_yuan(est.after, v.after)
    house_before, house_after = before.household_cash_paid, after.household_cash_paid
    paid = after.account_paid
    return {
        "rows": [{"label": _("Before the reform"), "year": str(est.year_before), **_family_cells(before)},
                 {"label": _("After the reform"), "year": str(est.year_after), **_family_cells(after)}],
        "before_text": say("step_family_before", lang, **show_args({"spending": Money(est.before.family.spending)}, lang)),
        "before_source": rules.before.cite(lang),
        "before_reading": say("warn_family_before_reading", lang) if rules.before_kind == "reform_measure" else "",
        "house_before": yuan(house_before), "house_after": yuan(house_after),
        "house_change": yuan(abs(house_after - house_before)),
        "house_down": house_after < house_before, "house_up": house_after > house_before,
        # The household's change: the person's own (see above), not worked out a second time.
        "net_change": yuan(abs(v.own_change)), "better": v.own_change > 0, "worse": v.own_change < 0,
        # What the verdict and the chart say of the account's year after the reform, from the table.
        "paid": yuan(paid) if paid else "", "balance_after": yuan(v.after.account_balance),
        "cash_after": yuan(v.after.cash_paid) if v.after.cash_paid else "",
        "own_after": yuan(v.own_after), "own_change": yuan(v.own_change),
        "years": years["family"] if years else [],
    }
