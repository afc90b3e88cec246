# Winnow: common tasks. `make demo` on a fresh Debian 12 + Swift 6.3 machine installs
# the system libraries, builds and cleans the sample page.
.PHONY: build test demo deps format lint clean static fuzz bench-corpus bench peers score-segmentation score-boilerplate

build:
	swift build -c release --product winnow

test:
	scripts/test.sh

demo:
	scripts/setup-and-run.sh

deps:
	scripts/install-deps.sh

format:
	scripts/lint.sh --fix

lint:
	scripts/lint.sh

clean:
	rm -rf .build

# Fuzz every target for FUZZ_SECONDS each (default 60) on the committed seeds.
fuzz:
	scripts/fuzz.sh $${FUZZ_SECONDS:-60}

# The 32 MiB en/zh/mixed benchmark corpora, into .corpus/ (needs root: apt-get download).
bench-corpus:
	scripts/make-bench-corpus.sh

# The benchmark harness (ordo-one/benchmark) on .corpus/ (see BENCHMARKS.md).
bench: bench-corpus
	cd Benchmarks && swift package benchmark

# Winnow against Python peers (HF tokenizers, blingfire, jieba, ftfy) in one run.
peers: bench-corpus
	Benchmarks/peers/run.sh

score-segmentation: build
	python3 scripts/score-segmentation.py

score-boilerplate:
	scripts/score-boilerplate.sh

# A self-contained binary for cluster nodes (Swift runtime linked in), checked under env -i.
static:
	scripts/build-static.sh
