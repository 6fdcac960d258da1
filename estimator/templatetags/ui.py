from decimal import Decimal

from django import forms, template

from policies.money import grouped

register = template.Library()


@register.filter
def anchor(bound_field) -> str:
    """The id an error-summary link points at: the first radio for a radio group."""
    suffix = "_0" if isinstance(bound_field.field.widget, forms.RadioSelect) else ""
    return f"id_{bound_field.html_name}{suffix}"


@register.filter
def yuan(amount) -> str:
    return grouped(Decimal(amount), places=0)


@register.filter
def field(form, name):
    return form[name]


@register.filter
def is_checked(bound_field, value) -> bool:
    current = bound_field.value()
    return current is not None and str(current) == str(value)


@register.filter
def difference(point):
    return point.net_after - point.net_before
