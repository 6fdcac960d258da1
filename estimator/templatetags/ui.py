import html
import re
from functools import cache

from django import forms, template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from estimator.presenters import yuan
from estimator.templatetags.i18n_remembered import render_language
from policies.result import COLUMNS

register = template.Library()


@register.filter
def anchor(bound_field) -> str:
    """The id an error-summary link points at: the first radio for a radio group."""
    suffix = "_0" if isinstance(bound_field.field.widget, forms.RadioSelect) else ""
    return f"id_{bound_field.html_name}{suffix}"


register.filter("yuan", yuan)


@register.filter
def field(form, name):
    return form[name]


# ---- form fields ----------------------------------------------------------------------
# The markup of the GOV.UK text input, radios and select, built here rather than in one
# included template per field: a question page renders in a fraction of the time.


_NEEDS_ESCAPE = re.compile(r"[&<>\"']").search


def _escaped(value) -> str:
    """Django's conditional_escape, the same output, without its lazy-string wrapper:
    a page escapes a few hundred values, most of them plain text or numbers with
    nothing to escape, and the wrapper was half the time."""
    kind = type(value)
    if kind is str:
        return html.escape(value) if _NEEDS_ESCAPE(value) else value
    if kind is int or kind is float:
        return str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


# The same contract as django.utils.html.format_html and format_html_join, with _escaped.
# SafeString directly: mark_safe is wrapped for lazy strings, which never reach here.
def format_html(template: str, *args):
    return SafeString(template.format(*map(_escaped, args)))


def format_html_join(separator: str, template: str, rows):
    return SafeString(separator.join(template.format(*map(_escaped, row)) for row in rows))


class _Shown:
    """What a field's markup needs, each looked up once (BoundField makes a new error list per call)."""

    def __init__(self, f, hint=""):
        self.name, self.label, self.errors = f.html_name, f.label, f.errors
        self.hint = hint or f.help_text
        value = f.value()
        self.current = "" if value is None else str(value)
        self.error_class = " field--error" if self.errors else ""

    def errors_html(self):
        return format_html_join("", '<p class="error-message" id="{}-error"><span class="visually-hidden">{}</span> {}</p>',
                                ((self.name, gettext("Error:"), m) for m in self.errors))

    def describedby(self, hint=True) -> str:
        ids = ([f"{self.name}-hint"] if hint and self.hint else []) + ([f"{self.name}-error"] if self.errors else [])
        return format_html(' aria-describedby="{}"', " ".join(ids)) if ids else ""

    def hint_html(self):
        return format_html('<p class="hint" id="{}-hint">{}</p>', self.name, self.hint) if self.hint else ""


@register.simple_tag
def text_field(f, width="10", hint="", label="", key=""):
    s = _Shown(f, hint)
    return format_html(
        '<div class="field{}"><label class="label" for="id_{}">{}</label>{}{}'
        '<input class="input input--{}{}" id="id_{}" name="{}" type="text" value="{}" inputmode="{}" '
        'autocomplete="off" spellcheck="false"{}{}></div>',
        s.error_class, s.name, label or s.label, s.hint_html(), s.errors_html(),
        width, " input--error" if s.errors else "", s.name, s.name, s.current,
        f.field.widget.attrs.get("inputmode", "text"),
        format_html(' accesskey="{}"', key) if key else "", s.describedby())


@register.simple_tag
def radio_field(f, hint="", heading=False):
    s = _Shown(f, hint)
    options = format_html_join(
        "", '<div class="radio"><input class="radio__input" id="id_{0}_{1}" name="{0}" type="radio" value="{2}"{3}>'
            '<label class="radio__label" for="id_{0}_{1}">{4}</label></div>',
        ((s.name, i, value, mark_safe(" checked") if str(value) == s.current else "", text)
         for i, (value, text) in enumerate(f.field.choices)))
    legend = format_html('<h1 class="heading">{}</h1>', s.label) if heading else s.label
    return format_html(
        '<div class="field{}"><fieldset class="fieldset"{}><legend class="legend{}">{}</legend>{}{}'
        '<div class="radios">{}</div></fieldset></div>',
        s.error_class, s.describedby(), " legend--heading" if heading else "",
        legend, s.hint_html(), s.errors_html(), options)


@register.simple_tag
def select_field(f, label=""):
    s = _Shown(f)
    options = format_html_join("", '<option value="{}"{}>{}</option>',
                               ((value, mark_safe(" selected") if str(value) == s.current else "", text)
                                for value, text in f.field.choices))
    return format_html(
        '<div class="field{}"><label class="label" for="id_{}">{}</label>{}'
        '<select class="select" id="id_{}" name="{}"{}>{}</select></div>',
        s.error_class, s.name, label or s.label, s.errors_html(),
        s.name, s.name, s.describedby(hint=False), options)


@register.simple_tag
def chart_svg(chart, title, axis_label):
    """The break-even chart as inline SVG, built in one pass (a template loop per tick is slow).

    Colours come from CSS classes: the strict CSP allows no inline styles."""
    c = chart
    grid = format_html_join("", '<line class="chart__grid" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>'
                                '<text class="chart__tick" x="{3}" y="{2}" text-anchor="end" dominant-baseline="middle">{4}</text>',
                            ((c["left"], c["right"], t.at, c["left"] - 6, t.label) for t in c["y_ticks"]))
    xticks = format_html_join("", '<text class="chart__tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                              ((t.at, c["bottom"] + 16, t.label) for t in c["x_ticks"]))
    zero = (format_html('<line class="chart__zero" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>', c["left"], c["right"], c["zero_y"])
            if c["zero_y"] is not None else "")
    person, even = c["marks"].get("person"), c["marks"].get("even")
    you_line = (format_html('<line class="chart__you" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>', person["x"], c["top"], c["bottom"])
                if person else "")
    dots = (format_html('<circle class="chart__dot chart__dot--before" cx="{0}" cy="{1}" r="4"/>'
                        '<circle class="chart__dot chart__dot--after" cx="{0}" cy="{2}" r="4.5"/>',
                        person["x"], person["y_before"], person["y_after"]) if person else "")
    even_dot = format_html('<circle class="chart__even" cx="{}" cy="{}" r="6"/>', even["x"], even["y"]) if even else ""
    return format_html(
        '<svg class="chart__svg" viewBox="0 0 {} {}" role="img" aria-labelledby="chart-title breakeven-sentence" '
        'focusable="false"><title id="chart-title">{}</title>{}{}{}'
        '<line class="chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/><line class="chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '{}<polyline class="chart__before" points="{}"/><polyline class="chart__after" points="{}"/>{}{}'
        '<text class="chart__label" x="{}" y="{}" text-anchor="middle">{}</text></svg>',
        c["width"], c["height"], title, grid, xticks, zero,
        c["left"], c["left"], c["top"], c["bottom"], c["left"], c["right"], c["bottom"], c["bottom"],
        you_line, c["before"], c["after"], dots, even_dot, c["x_mid"], c["label_y"], axis_label)


# ---- tables -----------------------------------------------------------------------------
# Built here for the same reason as the fields: a template loop with a filter and a
# translated label per cell cost more than the rest of the result page's words. Their
# fixed words are translated and escaped once per language; every other value goes
# through _escaped.

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


@cache
def _words(language: str) -> dict[str, str]:
    """WORDS in one language, HTML-escaped: message id → markup."""
    with translation.override(language):
        return {word: html.escape(gettext(word)) for word in WORDS}


def _caption(text, caption_id):
    return format_html('<caption class="table__caption" id="{}">{}</caption>', caption_id, text) if text else ""


def _money(amount) -> str:
    return _escaped(yuan(amount))


@register.simple_tag(takes_context=True)
def qa_table(context, rows, caption="", caption_id="table-caption", cut=0):
    """The Chongqing Q&A's table (seed 002, item 19): a row per year, whole yuan, each row adding up.

    rows: (year, label, whole-yuan row) for before and after. With `cut`, the after row's
    credit says how much less was credited. On phones CSS turns rows into cards, each
    cell labelled from data-label."""
    words = _words(render_language(context))
    labels = [words[QA_HEADINGS[name]] for name in COLUMNS]
    head = "".join(f'<th scope="col">{label}</th>' for label in (words["Year"], *labels))
    body = []
    for i, (year, label, row) in enumerate(rows):
        cells = [_money(getattr(row, name)) for name in COLUMNS]
        if cut > 0 and i == len(rows) - 1:
            less = words[LESS_CREDITED] % {"amount": _money(cut)}
            cells[0] = f'<span class="cell">{cells[0]}<br><span class="muted">{less}</span></span>'
        tds = "".join(f'<td data-label="{label}">{cell}</td>' for label, cell in zip(labels, cells))
        body.append(f'<tr><th scope="row">{_escaped(label)}<br><span class="muted">{_escaped(year)}</span></th>{tds}</tr>')
    return SafeString(f'<table class="table table--qa">{_caption(caption, caption_id)}<thead><tr>{head}</tr></thead>'
                      f'<tbody>{"".join(body)}</tbody></table>')


@register.simple_tag(takes_context=True)
def points_table(context, be, points, caption):
    """The break-even chart's key points, for people who cannot see the chart or prefer numbers."""
    words = _words(render_language(context))
    before, after, difference = words["Before"], words["After"], words["Difference"]
    notes = [(getattr(be, name), words[note]) for name, note in POINT_NOTES]
    head = "".join(f'<th scope="col">{label}</th>' for label in (words["Yearly cost"], before, after, difference))

    def row(p) -> str:
        marks = "".join(f'<br><span class="muted">{note}</span>' for cost, note in notes if p.cost == cost)
        return (f'<tr><th scope="row">{_money(p.cost)}{marks}</th><td data-label="{before}">{_money(p.net_before)}</td>'
                f'<td data-label="{after}">{_money(p.net_after)}</td>'
                f'<td data-label="{difference}">{_money(p.net_after - p.net_before)}</td></tr>')
    body = "".join(map(row, points))
    return SafeString(f'<table class="table table--points">{_caption(caption, "points-caption")}<thead><tr>{head}</tr></thead>'
                      f'<tbody>{body}</tbody></table>')


@register.simple_tag(takes_context=True)
def steps_list(context, steps):
    """How we worked it out: each step, and the article it comes from."""
    source = _words(render_language(context))["Source:"]
    items = "".join(f'<li>{_escaped(s["text"])}' + (f'<br><span class="source">{source} {_escaped(s["source"])}</span>'
                                                     if s["source"] else "") + "</li>" for s in steps)
    return SafeString(f'<ol class="steps">{items}</ol>')
