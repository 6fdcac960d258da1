# The two set-up commands of the README:
#   make run    install and run the site on embedded defaults (http://127.0.0.1:8000)
#   make test   install everything the tests need and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx

.PHONY: run test install install-test translations messages static bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(MAKE) --no-print-directory translations static

translations:
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

# After changing words in the code or templates: gather them into the catalogue (then translate the
# new entries in locale/zh_Hans/LC_MESSAGES/django.po and run `make translations`). pybabel reads
# Django's gettext calls and the Jinja2 templates' `_()` and `{% trans %}` (babel.cfg); msgmerge
# keeps every existing translation.
messages: install-test
	$(BIN)/pybabel --quiet extract -F babel.cfg --no-wrap --sort-by-file --project outpatient-reform-estimator \
	  -k gettext_lazy -k gettext_noop -k ngettext_lazy:1,2 -k pgettext:1c,2 -k pgettext_lazy:1c,2 -k npgettext:1c,2,3 \
	  -o locale/django.pot .
	msgmerge --quiet --update --backup=off --no-fuzzy-matching locale/zh_Hans/LC_MESSAGES/django.po locale/django.pot
	rm locale/django.pot

static:
	$(BIN)/python manage.py collectstatic --noinput -v 0

run: install
	$(BIN)/gunicorn -c gunicorn.conf.py estimator.wsgi

install-test: install
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@test -x $(CHROMIUM) || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)
	@test -x $(NGINX) || (apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null)   # tests/test_logs.py: the proxy's logs

test: install-test
	$(BIN)/python -m pytest

bench: install-test
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)   # bench/load.py, bench/proxy.py
	$(BIN)/python bench/engine.py --api
