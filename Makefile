# Diaspora Engagement Platform — developer and operator commands.
# `make run` starts everything locally; `make test` runs the whole suite against real
# Kafka and Postgres (started by the harness when KAFKA_BOOTSTRAP_SERVERS / DATABASE_URL
# are not given).

SHELL := /bin/bash
UV ?= uv
RUN := $(UV) run --frozen
SERVICES := profiles resources alliance notifications

.DEFAULT_GOAL := help

.PHONY: help
help: ## list targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

.PHONY: install
install: portal/node_modules/.installed sdk/typescript/node_modules/.installed ## install Python deps (locked), the Kafka jars, the npm packages of the portal and the TypeScript SDK (locked)
	@command -v $(UV) >/dev/null || python3 -m pip install --quiet uv
	$(UV) sync --frozen
	$(RUN) python -m devstack jars

# the developer portal's assets and the AsyncAPI parser, from portal/package-lock.json
portal/node_modules/.installed: portal/package.json portal/package-lock.json
	cd portal && npm ci --no-audit --no-fund
	@touch $@

sdk/typescript/node_modules/.installed: sdk/typescript/package.json sdk/typescript/package-lock.json
	cd sdk/typescript && npm ci --no-audit --no-fund
	@touch $@

# TOPOLOGY=cluster: three Kafka nodes, a Postgres standby, two of every process
# (libs/devstack/src/devstack/topology.py); single (the default) otherwise
TOPOLOGY ?=

.PHONY: run
run: install ## start the platform locally (TOPOLOGY=cluster: 3 brokers, a Postgres standby, 2 of each process); on a running one, start what is missing
	$(RUN) python -m devstack up $(if $(TOPOLOGY),--topology $(TOPOLOGY))

.PHONY: status
status: ## show each local process, its health and memory
	$(RUN) python -m devstack status

.PHONY: stop
stop: ## stop everything `make run` started (state is kept)
	$(RUN) python -m devstack stop

.PHONY: logs
logs: ## tail the logs of the local platform
	$(RUN) python -m devstack logs

# Go programs the deploy checks run, built from the Go module proxy into .local/bin (once per
# version: the stamp names it). promtool is Prometheus' own module (3.x is v0.3xx.y).
TOOLS_BIN := $(CURDIR)/.local/bin
KUBECONFORM_VERSION := v0.8.0
PROMETHEUS_VERSION := v0.316.0

.PHONY: tools
tools: ## kubeconform and promtool (Go module proxy) into .local/bin, for the deploy checks
	@mkdir -p $(TOOLS_BIN)
	@command -v go >/dev/null || { echo "Go is needed to build kubeconform and promtool"; exit 1; }
	@test -f $(TOOLS_BIN)/.kubeconform-$(KUBECONFORM_VERSION) || { \
	  echo "building kubeconform $(KUBECONFORM_VERSION) (one-off)"; \
	  GOBIN=$(TOOLS_BIN) GOFLAGS=-buildvcs=false go install github.com/yannh/kubeconform/cmd/kubeconform@$(KUBECONFORM_VERSION) \
	  && touch $(TOOLS_BIN)/.kubeconform-$(KUBECONFORM_VERSION); }
	@test -f $(TOOLS_BIN)/.promtool-$(PROMETHEUS_VERSION) || { \
	  echo "building promtool $(PROMETHEUS_VERSION) (one-off, a few minutes)"; \
	  GOBIN=$(TOOLS_BIN) GOFLAGS=-buildvcs=false go install github.com/prometheus/prometheus/cmd/promtool@$(PROMETHEUS_VERSION) \
	  && touch $(TOOLS_BIN)/.promtool-$(PROMETHEUS_VERSION); }

.PHONY: test
test: install tools web-assets ## the whole test suite (real Kafka + Postgres, Chromium for the web)
	$(RUN) pytest -p no:cacheprovider

.PHONY: test-unit
test-unit: ## fast tests that need no infrastructure (under a minute; make test runs them too)
	$(RUN) pytest -p no:cacheprovider -m "not infra and not slow"

.PHONY: test-slow
test-slow: install ## the tests that need no infrastructure but take seconds (external tools, timers)
	$(RUN) pytest -p no:cacheprovider -m "slow and not infra"

.PHONY: lint
lint: ## ruff + mypy
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	@# the tests' fakes too: mypy holds them to the service layer's repository protocols
	$(RUN) mypy contracts/src libs/*/src services/*/src web/src deploy/tools tools services/*/tests/*_fakes.py

.PHONY: fmt
fmt: ## format and autofix
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

.PHONY: schemas
schemas: ## refresh the JSON Schema snapshots of events (refuses breaking changes)
	$(RUN) python -m contracts.schemas write

.PHONY: docs
docs: ## generate the AsyncAPI 3 and OpenAPI 3.1 documents into docs/api/ (per service, merged, partners) and the vocabulary reference
	$(RUN) python -m contracts.vocabulary --out docs/vocabulary.md
	$(RUN) python tools/promise_map.py --out docs/promises.md
	$(RUN) python -m devstack.apidocs

.PHONY: webhook-receiver
webhook-receiver: ## example partner receiver: registers itself, verifies signatures (needs make run WEBHOOK_ALLOWED_PRIVATE=127.0.0.1)
	$(RUN) python -m devstack.webhook_receiver --register $(RECEIVER_ARGS)

.PHONY: i18n
i18n: ## gettext catalogues: extract the messages, update every locale's .po, compile the .mo
	cd contracts && ../.venv/bin/pybabel extract -F babel.cfg --no-location --omit-header \
	  --sort-output -o src/contracts/vocabulary/locale/vocabulary.pot src/contracts/vocabulary
	cd contracts && ../.venv/bin/pybabel update --no-fuzzy-matching --ignore-pot-creation-date \
	  -i src/contracts/vocabulary/locale/vocabulary.pot -d src/contracts/vocabulary/locale -D vocabulary
	cd contracts && ../.venv/bin/pybabel compile --statistics -d src/contracts/vocabulary/locale -D vocabulary
	cd services/notifications && ../../.venv/bin/pybabel extract -F babel.cfg --no-location \
	  --omit-header --sort-output -o src/notifications/locale/notifications.pot \
	  src/notifications/adapters/texts.py
	cd services/notifications && ../../.venv/bin/pybabel update --no-fuzzy-matching --ignore-pot-creation-date \
	  -i src/notifications/locale/notifications.pot -d src/notifications/locale -D notifications
	cd services/notifications && ../../.venv/bin/pybabel compile --statistics \
	  -d src/notifications/locale -D notifications

.PHONY: sdk
sdk: docs ## regenerate the Python and TypeScript SDKs (sdk/) from docs/api/platform.openapi.json, build the TypeScript one
	cd sdk/python && $(RUN) openapi-python-client generate --path ../../docs/api/platform.openapi.json \
	  --config generator.yaml --meta none --output-path src/diaspora_platform_client --overwrite
	cd sdk/typescript && npm run -s generate && npm run -s build

.PHONY: web-assets
web-assets: ## the web client's browser assets from npm (lockfile): htmx vendored, axe-core for tests
	cd web && npm ci --no-audit --no-fund --loglevel=error
	cp web/node_modules/htmx.org/dist/htmx.min.js web/src/web/static/vendor/htmx.min.js

.PHONY: web-messages
web-messages: ## re-extract the web client's texts and merge them into the fr/es/ar catalogs
	cd web && $(RUN) pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
	  -o src/web/locale/messages.pot src/web
	cd web && $(RUN) pybabel update -i src/web/locale/messages.pot -d src/web/locale \
	  --width 100

.PHONY: test-web
test-web: install web-assets ## browser tests, every journey and page (CI runs the core set)
	WEB_TESTS=full $(RUN) pytest -p no:cacheprovider tests/web web/tests

.PHONY: web-screenshots
web-screenshots: install web-assets ## regenerate docs/screenshots/ from the browser tests
	WEB_TESTS=full WEB_SCREENSHOTS=$(CURDIR)/docs/screenshots $(RUN) pytest -p no:cacheprovider \
	  tests/web/test_web_screenshots.py tests/web/test_web_arabic.py tests/web/test_web_moderation.py tests/web/test_web_mapping.py \
	  tests/web/test_web_organisation.py tests/web/test_web_partner.py \
	  tests/web/test_web_representative.py \
	  tests/web/test_web_secretariat.py tests/web/test_web_secretariat_pipeline.py \
	  tests/web/test_web_secretariat_commitments.py \
	  tests/web/test_web_admin.py

.PHONY: clean
clean: stop ## stop and delete all local state (.local/)
	rm -rf .local

.PHONY: migration
migration: ## autogenerate a migration: make migration SERVICE=profiles MSG="add people" [STREAM=folder]
	@test -n "$(SERVICE)" -a -n "$(MSG)" || { echo 'usage: make migration SERVICE=<svc> MSG="..."'; exit 2; }
	$(RUN) python -m devstack.migration $(SERVICE) "$(MSG)" $(if $(STREAM),--stream $(STREAM))

.PHONY: journeys
journeys: install ## only the black-box journeys, one per kind of user, through the gateway (make test runs them all too)
	$(RUN) pytest -p no:cacheprovider tests/journeys

.PHONY: chaos
chaos: install ## fault injection, every fault (TOPOLOGY=cluster: on the cluster, not in make test; CI runs a reduced single-node set); reports in docs/reliability/
	CHAOS_MODE=full CHAOS_REPORT=1 $(RUN) pytest -p no:cacheprovider \
	  tests/chaos/$(if $(filter cluster,$(TOPOLOGY)),test_cluster_chaos.py,test_chaos.py)

.PHONY: hostile
hostile: install ## hostile input, large: schemathesis (many examples, stateful) + OWASP API Top 10
	HOSTILE_MODE=full $(RUN) pytest -p no:cacheprovider tests/hostile

.PHONY: privacy-attacks
privacy-attacks: install ## the mapping statistics' attack suite, full (CI runs a reduced set) + its controls
	PRIVACY_ATTACK_MODE=full $(RUN) pytest -p no:cacheprovider -s tests/privacy_attacks

.PHONY: deploy-render
deploy-render: ## regenerate deploy/k8s and services/*/Dockerfile from the code
	$(RUN) python deploy/tools/generate.py

.PHONY: deploy-check
deploy-check: tools ## offline: drift, render, CRD schemas (kubeconform), alerts (promtool), hadolint, checkov
	$(RUN) python deploy/tools/generate.py --check
	$(RUN) hadolint services/*/Dockerfile
	$(RUN) pytest -p no:cacheprovider tests/deploy

.PHONY: bench-tools
bench-tools: ## the HTTP load generator of bench_api (wrk, a Debian package), installed if missing
	@command -v wrk >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }

.PHONY: bench
bench: install bench-tools ## every benchmark (bench/bench_*.py; BENCH_ARGS=--quick for small sizes); reports in docs/benchmarks/
	@for b in bench/bench_*.py; do echo "== $$b"; $(RUN) python $$b $(BENCH_ARGS) || exit 1; done
