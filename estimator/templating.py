"""The pages' template engine: Jinja2, through Django's own Jinja2 backend (issue 12).

Django's template language spent about 3 µs a node, 5 µs a `{% translate %}` and 10 µs an
include on this machine, and the result page has some 360 nodes; Jinja2 compiles each
template to Python once: the result page renders in about 0.57 ms instead of 1.7 ms. Translation stays
Django's: `_()`, `gettext()` and `{% trans %}` blocks call django.utils.translation, with the
active language and the same message catalogue (a `{% trans %}` block's message id is the one
`{% blocktranslate %}` gave, so no translation changed). Autoescaping is on; Django's safe
strings stay safe (markupsafe reads their `__html__`).
"""
from django.forms import BaseForm
from django.utils.translation import gettext, ngettext, npgettext, pgettext
from jinja2 import ChainableUndefined, Environment
from markupsafe import Markup

from policies.values import Percent

from .presenters import yuan


def touched(form, keys: str) -> bool:
    """Whether any of these fields (space-separated keys) holds an answer or an error: its disclosure opens.
    A list's choice alone is no answer: a fold's level list always holds one (with JavaScript, the address a
    question page keeps for Back carries it; static/js/site.js)."""
    return any(form[k].errors or "options" not in form[k].shown and form[k].shown["value"] not in ("", "0")
               for k in keys.split() if k in form.fields)


class DjangoLookups(Environment):
    """`a.b` reads a dictionary's key before an attribute, in the order Django's templates look
    (the presenters hand the templates plain dictionaries). Jinja2's own order, attribute first,
    would also make every such read raise and catch an AttributeError: about half a
    microsecond each, some 300 times on a result page."""

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        elif isinstance(obj, BaseForm) and attribute in obj.fields:
            # `form.age` is the form's field, as in Django's templates (a form is read by key first);
            # Jinja2 would first try an attribute and raise and catch an AttributeError for every field.
            return obj[attribute]
        return super().getattr(obj, attribute)


def environment(**options) -> Environment:
    # A missing value prints nothing, as in Django's templates, however many dots deep.
    options["undefined"] = ChainableUndefined
    env = DjangoLookups(extensions=["jinja2.ext.i18n"], **options)
    # Django's own gettext. A `{% trans %}` block escapes its values and marks the sentence safe
    # (as `{% blocktranslate %}` did); `_("…")` is escaped like any other value.
    env.install_gettext_callables(gettext, ngettext, newstyle=False, pgettext=pgettext, npgettext=npgettext)
    # `_` straight to Django's gettext (the extension's alias would look `gettext` up in every page's context
    # first, a cost the result page paid some 60 times; no page brings a gettext of its own).
    env.globals["_"] = gettext
    env.filters["yuan"] = yuan
    env.filters["percent"] = lambda fraction: Percent(fraction).show("")     # 0.1 → "10%"
    env.globals["touched"] = touched
    # HTML of words only (an included page part) as the text it shows, for a plain-text template
    # (the desk's case note): Jinja2 escapes an included .html template whatever includes it.
    env.filters["plain_text"] = lambda html: Markup(html).unescape()
    return env
