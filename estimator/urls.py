from django.urls import path

from . import api

urlpatterns = [
    path("api/estimate", api.estimate_view, name="api-estimate"),
    path("healthz", api.healthz, name="healthz"),
]
