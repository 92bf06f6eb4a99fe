# The README's two commands, and a few more. Meson + Ninja do the building;
# this file only strings the steps together.
#
#   make demo   install what is missing, build, analyse data/iraq-2014.json
#   make test   install what is missing, build, run every test (plain and
#               under AddressSanitizer + UndefinedBehaviorSanitizer)
#   make bench  apportionment benchmark against the peers (see bench/)

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= 2
STRICT     ?= true

.PHONY: all deps test-deps build build-asan demo test bench clean

all: build

deps:
	@scripts/setup-deps.sh build

test-deps:
	@scripts/setup-deps.sh test

build: deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) -Dstrict=$(STRICT) -Dtests=false
	ninja -C $(BUILD) -j$(JOBS) src/cli/powershare

demo: build
	./$(BUILD)/src/cli/powershare analyze data/iraq-2014.json

test: test-deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) -Dstrict=$(STRICT)
	@meson configure $(BUILD) -Dtests=true >/dev/null
	ninja -C $(BUILD) -j$(JOBS)
	@[ -f $(ASAN_BUILD)/build.ninja ] || meson setup $(ASAN_BUILD) -Dstrict=$(STRICT) \
		-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug \
		-Dc_args=-fno-sanitize-recover=all
	ninja -C $(ASAN_BUILD) -j$(JOBS)
	@tests/run-all.sh $(BUILD) $(ASAN_BUILD)

bench: build
	bench/run-apportion.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
