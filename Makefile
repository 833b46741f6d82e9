# The two set-up commands of the README: `make demo` and `make test`.
# make test ADDONS=qms_iso9001_tthc      test one addon (installed with the core)
# make test TAGS=/qms_iso9001:TestX      any Odoo --test-tags selection
# make loadtest LOAD_OPS=500            50 JSON-RPC clients on 4 workers, faults, backup
# make bench BENCH_ONLY=deadlines       figures of bench/figures/ in a dedicated database
SHELL := /bin/bash
export ADDONS TAGS KEEP_DB VERBOSE
export LOAD_OPS LOAD_CLIENTS LOAD_WORKERS LOAD_SCENARIOS LOAD_DB LOAD_KEEP_DB LOAD_OWN_PG
export BENCH_ONLY BENCH_RUNS BENCH_DB BENCH_KEEP_DB BENCH_INSTALL_RUNS

.PHONY: help bootstrap demo test lint i18n openapi loadtest bench
help:
	@echo "make demo | make test [ADDONS=...] [TAGS=...] | make lint | make i18n ADDON=... | make loadtest [LOAD_OPS=...] | make bench [BENCH_ONLY=...] [BENCH_RUNS=...]"

bootstrap:
	@bash tools/bootstrap.sh

demo:
	@bash tools/demo.sh

test:
	@bash tools/test.sh

lint:
	@bash tools/lint.sh

i18n:
	@bash tools/i18n.sh $(ADDON)

openapi:
	@bash tools/openapi.sh

loadtest:
	@bash tools/loadtest.sh

bench:
	@bash tools/bench.sh
