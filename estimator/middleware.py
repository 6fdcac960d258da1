"""Headers every response carries (issue 5): a strict CSP and the browser features we never use;
no-store on answers that carry figures (issue 14); the locale and htmx middleware for pages only."""
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django_htmx.middleware import HtmxMiddleware

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
])
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", PERMISSIONS)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class NoStoreAnswersMiddleware:
    """Nothing that carries a person's figures is kept by a shared cache or on disk.

    The figures travel in the query string (pages, and the redirects between them) and in
    the API's body, and come back in the answer. So whatever the views do, an answer to a
    request with a query string or a body, any redirect (its Location holds the query) and
    every /api/ answer is `no-store`. It is the outermost middleware, so that it also sees
    the redirects and refusals of the others (the HTTPS redirect, a bad Host). Static files
    keep whitenoise's year-long immutable caching; a page without figures (the start
    page) keeps whatever caching it has.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.static = settings.STATIC_URL

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path_info
        if path.startswith(self.static):
            return response
        if (request.META.get("QUERY_STRING") or request.method not in ("GET", "HEAD")
                or 300 <= response.status_code < 400 or speaks_no_language(path)):
            response["Cache-Control"] = "no-store"
        return response


# The JSON door and the health check speak no language: they skip the locale middleware,
# which cost about an eighth of an API request (issue 12).
def speaks_no_language(path: str) -> bool:
    return path.startswith("/api/") or path == "/healthz"


class PageLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, for the pages only (see speaks_no_language)."""

    def __call__(self, request):
        if speaks_no_language(request.path_info):
            translation.deactivate()     # whatever the last page of this thread left active
            return self.get_response(request)
        return super().__call__(request)


# The JSON door never answers htmx: reading the htmx headers for it is wasted (issue 12). /healthz keeps
# the whole stack: it checks that every middleware is wired. (CSRF stays for the door too: Django's deploy
# check knows CsrfViewMiddleware only by its name, and its one view is csrf_exempt anyway.)
def is_json_door(path: str) -> bool:
    return path.startswith("/api/")


class PageHtmxMiddleware(HtmxMiddleware):
    """django-htmx's middleware (request.htmx), but for the JSON door (see is_json_door)."""

    def __call__(self, request):
        if not self.async_mode and is_json_door(request.path_info):
            return self.get_response(request)
        return super().__call__(request)
