"""A page's fixed words, translated once per language in the process.

A template's `_("…")` and `{% trans %}` words are the same for every page in a language, yet
each went through Django's gettext on every request: about 1.5 µs each (most of it reading
the active language from a thread- and task-local), some 60 times on a result page. Django's
gettext still translates each word, with its catalogue, the first time a process needs it in
that language; the answer is kept, by language and message id, for the life of the process
(catalogues do not change while it runs).
"""
from functools import cache

from django.utils.translation import gettext, override


@cache
def gettext_for(language: str | None):
    """Django's gettext in `language` (as get_language() names it), each message id looked up once.

    Only for message ids written in the code and templates (a fixed set): never for text that
    comes from a person or from the engine's data."""
    @cache
    def translated(message: str) -> str:
        with override(language):
            return gettext(message)
    return translated
