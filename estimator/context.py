"""Values every page template uses."""
from django.conf import settings


def site(request):
    return {"debug": settings.DEBUG}
