from django import template

from estimator.presenters import yuan

register = template.Library()
register.filter("yuan", yuan)


@register.filter
def shown(form, name):
    """What a form's field shows, for a field whose name is held in a variable: form|shown:row.count.key."""
    return form[name].shown


@register.filter
def touched(form, keys):
    """Whether any of these fields (space-separated keys) holds an answer or an error: its disclosure opens."""
    return any(form[k].shown["value"] not in ("", "0") or form[k].errors for k in keys.split() if k in form.fields)
