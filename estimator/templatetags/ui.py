from django import template

from estimator.presenters import yuan

register = template.Library()
register.filter("yuan", yuan)


@register.filter
def shown(form, name):
    """What a form's field shows, for a field whose name is held in a variable: form|shown:row.count.key."""
    return form[name].shown
