"""Values every page template uses, worked out once per process where they never change."""
from functools import cache

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from django.utils.translation import get_language, override

PAGES = ("start", "city", "person", "money", "visits", "figures", "check", "result", "compare", "desk")


@cache
def assets() -> dict:
    """Hashed static URLs: looked up in the manifest once, not on every page."""
    return {"css": staticfiles_storage.url("css/site.css"),
            "htmx": staticfiles_storage.url("vendor/htmx-2.0.11.min.js"),
            "js": staticfiles_storage.url("js/site.js")}


@cache
def links(language: str) -> dict:
    with override(language):
        return {name: reverse(name) for name in PAGES}


def path_of(page_name: str, lang: str | None = None) -> str:
    """A page's path in a page language ("zh" or "en"; the active one if not given):
    looked up in links(), not reversed for every link."""
    language = get_language() if lang is None else ("en" if lang == "en" else "zh-hans")
    return links(language)[page_name]


def other_language_url(full_path: str, english: bool) -> str:
    """The same page in the other language. Paths are the same in both; English has /en/ in front."""
    if english:
        rest = full_path[3:] if full_path.startswith("/en/") else full_path
        return rest if rest.startswith("/") else "/" + rest
    return "/en" + full_path


@cache
def language_constants(english: bool) -> dict:
    """What every page shows that depends only on its language."""
    return {
        "debug": settings.DEBUG,
        "lang_is_en": english,
        "other_language_name": "中文" if english else "English",
        "other_language_code": "zh-Hans" if english else "en",
        "assets": assets(),
        "links": links("en" if english else "zh-hans"),
    }


def site(request):
    english = get_language() == "en"
    return {**language_constants(english), "other_language_url": other_language_url(request.get_full_path(), english)}
