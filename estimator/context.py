"""Values every page template uses."""
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    here = get_language()
    other = "en" if here != "en" else "zh-hans"
    full_path = request.get_full_path()
    path, _, query = full_path.partition("?")
    switched = translate_url(path, other)
    return {
        "debug": settings.DEBUG,
        "lang_is_en": here == "en",
        "other_language_url": switched + (f"?{query}" if query else ""),
        "other_language_name": "English" if other == "en" else "中文",
        "other_language_code": "en" if other == "en" else "zh-Hans",
    }
