"""Markup built in Python: the result's tables, steps and chart, and the escaping they use.

A template loop with a filter and a translated label per cell cost more than the rest of
the result page's words, so these pieces are written here. The template tags in
templatetags/ui.py and the result page's presenter both call them. Fixed words are
translated and escaped once per language; every other value goes through escaped().
"""
import html
import re
from decimal import Decimal
from functools import cache

from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop

from policies.money import grouped
from policies.result import COLUMNS

NEEDS_ESCAPE = re.compile(r"[&<>\"']").search      # what html.escape would change


def escaped(value) -> str:
    """Django's conditional_escape, the same output, without its lazy-string wrapper:
    a page escapes a few hundred values, most of them plain text or numbers with
    nothing to escape, and the wrapper was half the time."""
    kind = type(value)
    if kind is str:
        return html.escape(value) if NEEDS_ESCAPE(value) else value
    if kind is int or kind is float:
        return str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


# The same contract as django.utils.html.format_html and format_html_join, with escaped().
# SafeString directly: mark_safe is wrapped for lazy strings, which never reach here.
def format_html(template: str, *args):
    return SafeString(template.format(*map(escaped, args)))


def format_html_join(separator: str, template: str, rows):
    return SafeString(separator.join(template.format(*map(escaped, row)) for row in rows))


def yuan(amount) -> str:
    """Whole yuan, as people read them: ¥12,345. (The Q&A table's cells are already whole: ints.)

    Only ¥, digits, commas and a minus sign: the tables write it without escaping."""
    if type(amount) is int:
        return f"−¥{-amount:,}" if amount < 0 else f"¥{amount:,}"
    return grouped(Decimal(amount), places=0)


# Headings of policies.result.COLUMNS, in that order (the account credit first).
QA_HEADINGS = {"account_credit": gettext_noop("Credited to account"), "total_cost": gettext_noop("Total covered cost"),
               "fund_paid": gettext_noop("Paid by the fund"), "account_paid": gettext_noop("Paid from account"),
               "cash_paid": gettext_noop("Paid in cash"), "account_balance": gettext_noop("Account at year end")}
LESS_CREDITED = gettext_noop("(%(amount)s less credited)")
POINT_NOTES = (("person_cost", gettext_noop("(yours)")), ("cost", gettext_noop("(break-even)")),
               ("cap_cost", gettext_noop("(limit reached)")))
WORDS = (*QA_HEADINGS.values(), LESS_CREDITED, *(note for _, note in POINT_NOTES), gettext_noop("Year"),
         gettext_noop("Yearly cost"), gettext_noop("Before"), gettext_noop("After"), gettext_noop("Difference"),
         gettext_noop("Source:"))


def _django_code(language: str) -> str:
    """Django's code for a page language: "en", or Chinese ("zh" or "zh-hans")."""
    return "en" if language == "en" else "zh-hans"


@cache
def translated(message: str, language: str) -> str:
    """A fixed message (marked with gettext_noop) in one language, looked up once: gettext costs µs a call."""
    with translation.override(_django_code(language)):
        return gettext(message)


@cache
def _words(language: str) -> dict[str, str]:
    """WORDS in one language, HTML-escaped: message id → markup."""
    return {word: html.escape(translated(word, language)) for word in WORDS}


def _caption(text, caption_id):
    return format_html('<caption class="table__caption" id="{}">{}</caption>', caption_id, text) if text else ""


def qa_table(rows, language: str, caption="", caption_id="table-caption", cut=0) -> SafeString:
    """The Chongqing Q&A's table (seed 002, item 19): a row per year, whole yuan, each row adding up.

    rows: (year, label, whole-yuan row) for before and after. With `cut`, the after row's
    credit says how much less was credited. On phones CSS turns rows into cards, each
    cell labelled from data-label."""
    words = _words(language)
    labels = [words[QA_HEADINGS[name]] for name in COLUMNS]
    head = "".join(f'<th scope="col">{label}</th>' for label in (words["Year"], *labels))
    body = []
    for i, (year, label, row) in enumerate(rows):
        cells = [yuan(getattr(row, name)) for name in COLUMNS]
        if cut > 0 and i == len(rows) - 1:
            less = words[LESS_CREDITED] % {"amount": yuan(cut)}
            cells[0] = f'<span class="cell">{cells[0]}<br><span class="muted">{less}</span></span>'
        tds = "".join(f'<td data-label="{label}">{cell}</td>' for label, cell in zip(labels, cells))
        body.append(f'<tr><th scope="row">{escaped(label)}<br><span class="muted">{escaped(year)}</span></th>{tds}</tr>')
    return SafeString(f'<table class="table table--qa">{_caption(caption, caption_id)}<thead><tr>{head}</tr></thead>'
                      f'<tbody>{"".join(body)}</tbody></table>')


def points_table(be, points, caption, language: str) -> SafeString:
    """The break-even chart's key points, for people who cannot see the chart or prefer numbers."""
    words = _words(language)
    before, after, difference = words["Before"], words["After"], words["Difference"]
    notes = [(getattr(be, name), words[note]) for name, note in POINT_NOTES]
    head = "".join(f'<th scope="col">{label}</th>' for label in (words["Yearly cost"], before, after, difference))

    def row(p) -> str:
        marks = "".join(f'<br><span class="muted">{note}</span>' for cost, note in notes if p.cost == cost)
        return (f'<tr><th scope="row">{yuan(p.cost)}{marks}</th><td data-label="{before}">{yuan(p.net_before)}</td>'
                f'<td data-label="{after}">{yuan(p.net_after)}</td>'
                f'<td data-label="{difference}">{yuan(p.net_after - p.net_before)}</td></tr>')
    body = "".join(map(row, points))
    return SafeString(f'<table class="table table--points">{_caption(caption, "points-caption")}<thead><tr>{head}</tr></thead>'
                      f'<tbody>{body}</tbody></table>')


def steps_list(steps, language: str) -> SafeString:
    """How we worked it out: each step, and the article it comes from."""
    source = _words(language)["Source:"]
    items = "".join(f'<li>{escaped(s["text"])}' + (f'<br><span class="source">{source} {escaped(s["source"])}</span>'
                                                    if s["source"] else "") + "</li>" for s in steps)
    return SafeString(f'<ol class="steps">{items}</ol>')


def chart_svg(chart, title, axis_label) -> SafeString:
    """The break-even chart as inline SVG, built in one pass (a template loop per tick is slow).

    Coordinates are numbers worked out in estimator.chart and written as they are; only
    the words (title, labels, ticks) are escaped. Colours come from CSS classes: the
    strict CSP allows no inline styles."""
    c = chart
    left, right, top, bottom = c["left"], c["right"], c["top"], c["bottom"]
    grid = "".join(f'<line class="chart__grid" x1="{left}" x2="{right}" y1="{t.at}" y2="{t.at}"/>'
                   f'<text class="chart__tick" x="{left - 6}" y="{t.at}" text-anchor="end" dominant-baseline="middle">'
                   f'{escaped(t.label)}</text>' for t in c["y_ticks"])
    xticks = "".join(f'<text class="chart__tick" x="{t.at}" y="{bottom + 16}" text-anchor="middle">{escaped(t.label)}</text>'
                     for t in c["x_ticks"])
    zero = (f'<line class="chart__zero" x1="{left}" x2="{right}" y1="{c["zero_y"]}" y2="{c["zero_y"]}"/>'
            if c["zero_y"] is not None else "")
    person, even = c["marks"].get("person"), c["marks"].get("even")
    you_line = f'<line class="chart__you" x1="{person["x"]}" x2="{person["x"]}" y1="{top}" y2="{bottom}"/>' if person else ""
    curves = (f'<polyline class="chart__before" points="{c["before"]}"/>'
              f'<polyline class="chart__after" points="{c["after"]}"/>')
    dots = (f'<circle class="chart__dot chart__dot--before" cx="{person["x"]}" cy="{person["y_before"]}" r="4"/>'
            f'<circle class="chart__dot chart__dot--after" cx="{person["x"]}" cy="{person["y_after"]}" r="4.5"/>'
            if person else "")
    even_dot = f'<circle class="chart__even" cx="{even["x"]}" cy="{even["y"]}" r="6"/>' if even else ""
    return SafeString(
        f'<svg class="chart__svg" viewBox="0 0 {c["width"]} {c["height"]}" role="img" '
        f'aria-labelledby="chart-title breakeven-sentence" focusable="false"><title id="chart-title">{escaped(title)}</title>'
        f'{grid}{xticks}{zero}'
        f'<line class="chart__axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}"/>'
        f'<line class="chart__axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>'
        f'{you_line}{curves}{dots}{even_dot}<text class="chart__label" x="{c["x_mid"]}" y="{c["label_y"]}" text-anchor="middle">'
        f'{escaped(axis_label)}</text></svg>')
