# Two commands matter: `make run` (install, build, migrate, load demo data, serve) and `make test`.
# Everything is installed into this folder: .venv for Python, node_modules for front-end packages.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV := DJANGO_DEBUG=1
# Values that only exist so `check --deploy` can read the production settings; never used to serve.
DEPLOY_CHECK_ENV := DJANGO_SECRET_KEY=deploy-check-$(shell printf '%064d' 0) DJANGO_ALLOWED_HOSTS=childsafe.example.org

.PHONY: run test install assets system-libraries chromium lint deploy-check bench clean

run: system-libraries install assets
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo_data
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

test: system-libraries install assets chromium lint deploy-check
	$(PY) -m pytest

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: staticfiles/.collected

build/static/.built: node_modules/.installed $(shell find childsafe -name '*.scss')
	rm -rf build/static
	mkdir -p build/static/govuk build/static/childsafe
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js build/static/govuk/
	cp -r node_modules/govuk-frontend/dist/govuk/assets build/static/govuk/assets
	node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps \
		childsafe/web/assets/app.scss build/static/childsafe/app.css
	touch $@

staticfiles/.collected: build/static/.built $(VENV)/.installed $(shell find childsafe -path '*/static/*' -type f)
	$(DEV) $(PY) manage.py collectstatic --noinput --clear -v0
	touch $@

# PDFs are drawn by WeasyPrint, which needs Pango and a font from Debian (Chromium brings them too).
system-libraries:
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list 2>/dev/null | grep -qi liberation || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation >/dev/null; }

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

deploy-check: install assets
	$(DEPLOY_CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING

bench: install assets
	$(PY) bench/pages.py

clean:
	rm -rf $(VENV) node_modules build staticfiles db.sqlite3*
