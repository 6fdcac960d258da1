"""Values every page template uses. Static file names and page paths never change while the
process runs, so they are looked up once (the manifest and the URL resolver cost more than a page's words)."""
from functools import cache

from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from django.utils.translation import get_language, override

from .display import CONTRAST_KEY, LARGE, MODES, SIZE_KEY, is_on, modes_on, switch_urls
from .words import gettext_for

PAGES = ("start", "city", "person", "money", "visits", "figures", "check", "result", "compare", "desk")


@cache
def assets() -> dict:
    return {"css": staticfiles_storage.url("css/site.css"),
            "htmx": staticfiles_storage.url("vendor/htmx-2.0.11.min.js"),
            "js": staticfiles_storage.url("js/site.js"),
            "large_css": staticfiles_storage.url("css/large-text.css"),
            "contrast_css": staticfiles_storage.url("css/high-contrast.css")}


@cache
def links(language: str) -> dict:
    with override(language):
        return {name: reverse(name) for name in PAGES}


def path_of(page_name: str, lang: str | None = None) -> str:
    """A page's path in a page language ("zh" or "en"; the active one if not given)."""
    language = get_language() if lang is None else ("en" if lang == "en" else "zh-hans")
    return links("en" if language == "en" else "zh-hans")[page_name]


def other_language_url(full_path: str, english: bool) -> str:
    """The same page in the other language. Paths are the same in both; English has /en/ in front."""
    if english:
        rest = full_path[3:] if full_path.startswith("/en/") else full_path
        return rest if rest.startswith("/") else "/" + rest
    return "/en" + full_path


def is_large(query) -> bool:
    return is_on(query, SIZE_KEY)


@cache
def display_links(language: str, shown: str) -> dict:
    """Every page's path with the display modes' query `shown` (estimator.display), for pages whose links carry
    no other answers. Four ways a page can be shown, two languages: each worked out once."""
    return {name: f"{path}?{shown}" for name, path in links(language).items()} if shown else links(language)


def large_links(language: str) -> dict:
    """Every page's path with the large-text key alone."""
    return display_links(language, f"{SIZE_KEY}={LARGE}")


def size_switch_url(request, large: bool) -> str:
    """The same page and answers in the other text size: the size key added or taken away."""
    return switch_urls(request, {SIZE_KEY: large, CONTRAST_KEY: is_on(request.GET, CONTRAST_KEY)})[SIZE_KEY]


def site(request):
    active = get_language()
    english = active == "en"
    language = "en" if english else "zh-hans"
    shown = modes_on(request.GET)                 # the display modes on: (key, value) pairs, in key order
    on = {key: (key, value) in shown for key, value in MODES.items()}
    switches = switch_urls(request, on)
    words = gettext_for(active)
    return {
        # The templates' `_()` and `{% trans %}` words, translated once per language (estimator.words).
        "_": words, "gettext": words,
        "lang_is_en": english,
        "other_language_name": "中文" if english else "English",
        "other_language_code": "zh-Hans" if english else "en",
        "other_language_url": other_language_url(request.get_full_path(), english),
        "assets": assets(),
        # The modes' keys and values are plain words: joined as they are, not encoded.
        "links": display_links(language, "&".join(map("=".join, shown))),
        "display_modes": shown,               # for a form whose every other field is on the page (the desk)
        "size_large": on[SIZE_KEY],
        "size_switch_url": switches[SIZE_KEY],
        "contrast_high": on[CONTRAST_KEY],
        "contrast_switch_url": switches[CONTRAST_KEY],
    }
