import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """The test client renders templates without a collectstatic manifest."""
    settings.STORAGES = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
