from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from . import api, desk, errors, views

urlpatterns = [
    path("api/estimate", api.estimate_view, name="api-estimate"),
    path("healthz", api.healthz, name="healthz"),
]

# Chinese at /, English under /en/: the language is in the URL, so links and
# reproduce links carry it and no cookie is needed.
urlpatterns += i18n_patterns(
    path("", views.start, name="start"),
    path("city", views.question, {"step": "city"}, name="city"),
    path("person", views.question, {"step": "person"}, name="person"),
    path("money", views.question, {"step": "money"}, name="money"),
    path("visits", views.question, {"step": "visits"}, name="visits"),
    path("figures", views.question, {"step": "figures"}, name="figures"),
    path("check", views.check, name="check"),
    path("result", views.result, name="result"),
    path("compare", desk.compare, name="compare"),
    path("desk", desk.desk, name="desk"),
    prefix_default_language=False,
)

handler404 = errors.not_found
handler500 = errors.server_error
