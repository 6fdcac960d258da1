from django import forms, template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from estimator import markup
from estimator.markup import format_html, format_html_join, yuan
from estimator.templatetags.i18n_remembered import render_language

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


# ---- the Q&A table, for the comparison and the help desk ----------------------------------
# (the result page's presenter builds its pieces with estimator.markup directly)

@register.simple_tag(takes_context=True)
def qa_table(context, rows, caption="", caption_id="table-caption", cut=0):
    return markup.qa_table(rows, render_language(context), caption, caption_id, cut)
