"""The site's own "page not found" and "something went wrong" pages, in the page's language.

The language comes from the path (/en/… is English), as for every other page: a 404 may
come before LocaleMiddleware has activated anything, and a 500 may come from anywhere."""
from django.shortcuts import render
from django.utils import translation


def _language(request) -> str:
    return "en" if request.path_info == "/en" or request.path_info.startswith("/en/") else "zh-hans"


def not_found(request, exception=None):
    with translation.override(_language(request)):
        return render(request, "404.html", {"base_template": "base.html"}, status=404)


def server_error(request):
    # Rendered with as little as possible: whatever failed may fail again.
    with translation.override(_language(request)):
        return render(request, "500.html", {"base_template": "base.html"}, status=500)
