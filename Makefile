# Winnow: common tasks. `make demo` on a fresh Debian 12 + Swift 6.3 machine installs
# the system libraries, builds and normalizes the sample page.
.PHONY: build test demo deps format lint clean

build:
	swift build -c release --product winnow

test:
	scripts/test.sh

demo:
	scripts/setup-and-run.sh

deps:
	scripts/install-deps.sh

format:
	swift format --in-place --recursive Sources Tests Package.swift

lint:
	swift format lint --recursive Sources Tests Package.swift

clean:
	rm -rf .build
