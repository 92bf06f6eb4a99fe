# The README's two commands, and a few more. Meson + Ninja do the building;
# this file only strings the steps together.
#
#   make demo   install what is missing, build, analyse data/iraq-2014.json
#   make test   install what is missing, build, run every test (plain and
#               under AddressSanitizer + UndefinedBehaviorSanitizer)
#   make bench  apportionment benchmark against the peers (see bench/)
#   make fuzz   libFuzzer session, FUZZ_SECONDS per harness (docs/hardening.md)
#   make lint   cppcheck and clang-tidy on src/ (docs/hardening.md)

BUILD      ?= build
ASAN_BUILD ?= build-asan
MPI_BUILD  ?= build-mpi
JOBS       ?= 2
STRICT     ?= true
FUZZ_BUILD ?= build-fuzz
LINT_BUILD ?= build-lint
FUZZ_SECONDS ?= 120
FUZZ_HARNESSES = legislature_json legislature_csv votes district_seats party_counts numbers \
                 polls scenarios rule model parlgov system

.PHONY: all deps test-deps fuzz-deps lint-deps build build-asan demo test bench fuzz lint clean

all: build

deps:
	@scripts/setup-deps.sh build

test-deps:
	@scripts/setup-deps.sh test

fuzz-deps:
	@scripts/setup-deps.sh fuzz

lint-deps:
	@scripts/setup-deps.sh lint

build: deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) -Dstrict=$(STRICT) -Dtests=false
	ninja -C $(BUILD) -j$(JOBS) src/cli/powershare

demo: build
	./$(BUILD)/src/cli/powershare analyze data/iraq-2014.json --html $(BUILD)/iraq-2014.html
	@echo "The same analysis with charts: $(BUILD)/iraq-2014.html"

test: test-deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) -Dstrict=$(STRICT)
	@meson configure $(BUILD) -Dtests=true >/dev/null
	ninja -C $(BUILD) -j$(JOBS)
	@[ -f $(ASAN_BUILD)/build.ninja ] || meson setup $(ASAN_BUILD) -Dstrict=$(STRICT) \
		-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
		-Dc_args=-fno-sanitize-recover=all
	ninja -C $(ASAN_BUILD) -j$(JOBS)
	@MPI_BUILD=$(MPI_BUILD) tests/run-all.sh $(BUILD) $(ASAN_BUILD)

bench: build
	bench/run-apportion.sh

# The library is instrumented for coverage (fuzzer-no-link) and sanitizers;
# the harnesses are linked with libFuzzer (tests/fuzz/meson.build). Crashes
# land in tests/fuzz/crashes/<name>/, where `make test` replays them.
fuzz: fuzz-deps
	@[ -f $(FUZZ_BUILD)/build.ninja ] || CC=clang meson setup $(FUZZ_BUILD) -Dfuzz=true \
		-Dstrict=false -Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debugoptimized \
		"-Dc_args=-fsanitize=fuzzer-no-link -fno-sanitize-recover=all"
	ninja -C $(FUZZ_BUILD) -j$(JOBS) $(addprefix tests/fuzz/fuzz_,$(FUZZ_HARNESSES))
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

# cppcheck and clang-tidy on src/; LINT_BUILD only provides
# compile_commands.json (configured, never built).
lint: lint-deps deps
	@[ -f $(LINT_BUILD)/build.ninja ] || meson setup $(LINT_BUILD) -Dtests=false >/dev/null
	@scripts/lint.sh $(LINT_BUILD) $(JOBS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(LINT_BUILD) $(MPI_BUILD)
