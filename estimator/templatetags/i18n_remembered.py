"""Django's i18n template tags, with `translate` and `blocktranslate` looking each message
up once per language.

Django's own tags build and look up the message on every render (6 µs for translate,
11 for blocktranslate; the result page has 80 and 12 of them, a third of its template
time). A message's translation depends only on the active language, so each tag keeps
it per language; blocktranslate still fills in its values on every render. The active
language itself is looked up once per render (get_language() costs more than a
remembered message), and the `language` tag keeps that up to date inside its block.
Templates `{% load i18n_remembered %}` instead of `i18n`; the tags' names and syntax are
Django's, so makemessages still finds every message.
"""
from django import template
from django.template.base import render_value_in_context
from django.templatetags import i18n as django_i18n
from django.utils import translation
from django.utils.translation import get_language, gettext

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)


def render_language(context) -> str:
    """The language of this render: looked up once, kept up to date by the language tag."""
    try:
        return context.active_language
    except AttributeError:
        context.active_language = get_language()
        return context.active_language


class _Remembering(template.Node):
    """Wraps one of Django's nodes, which parsed the tag and still renders the unusual cases."""
    child_nodelists = ()

    def __init__(self, node: template.Node):
        self.node = node
        self.by_language = {}


class RememberedTranslation(_Remembering):
    def render(self, context):
        key = (render_language(context), context.autoescape)
        try:
            text = self.by_language[key]
        except KeyError:
            shown = self.node.render(context)
            text = self.by_language[key] = context[self.node.asvar] if self.node.asvar else shown
        if self.node.asvar:
            context[self.node.asvar] = text
            return ""
        return text


@register.tag("translate")
@register.tag("trans")
def translate(parser, token):
    node = django_i18n.do_translate(parser, token)
    expression = node.filter_expression
    literal = (expression.var.literal is not None and not expression.filters
               and not node.noop and node.message_context is None)
    return RememberedTranslation(node) if literal else node


class RememberedBlockTranslation(_Remembering):
    def render(self, context):
        language = render_language(context)
        try:
            message, names = self.by_language[language]
        except KeyError:
            singular, names = self.node.render_token_list(self.node.singular)
            message = gettext(singular)
            self.by_language[language] = (message, names)
        given = {name: value.resolve(context) for name, value in self.node.extra_context.items()}
        if any(name not in given and name not in context for name in names):
            return self.node.render(context)          # Django's way with a missing value
        data = {name: render_value_in_context(given[name] if name in given else context[name], context)
                for name in names}
        try:
            return message % data
        except (KeyError, ValueError):
            return self.node.render(context)          # a broken translation: Django falls back to the source


@register.tag("blocktranslate")
@register.tag("blocktrans")
def block_translate(parser, token):
    node = django_i18n.do_block_translate(parser, token)
    simple = not node.plural and node.message_context is None and not node.asvar
    return RememberedBlockTranslation(node) if simple else node


class LanguageBlock(template.Node):
    """Django's `{% language %}` block, telling the remembering tags inside it which language is active."""

    def __init__(self, node: django_i18n.LanguageNode):
        self.node = node
        self.nodelist = node.nodelist

    def render(self, context):
        outer = render_language(context)
        with translation.override(self.node.language.resolve(context)):
            context.active_language = get_language()
            try:
                return self.nodelist.render(context)
            finally:
                context.active_language = outer


@register.tag("language")
def language(parser, token):
    return LanguageBlock(django_i18n.language(parser, token))
