from django import template

from estimator.presenters import yuan

register = template.Library()
register.filter("yuan", yuan)


@register.filter
def field(form, name):
    """A form's bound field by a name held in a variable: {% with f=form|field:key %}."""
    return form[name]
