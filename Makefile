# Daily commands. `make run` sets up and runs the main job; `make test` sets up and runs the tests.
SWIFT ?= swift

.PHONY: setup build run test bench lines

setup:
	scripts/setup.sh

build: setup
	$(SWIFT) build -c release

run: build
	.build/release/grpo bench autograd

test: setup
	$(SWIFT) test -c release

bench: build
	.build/release/grpo bench autograd

lines:
	scripts/line_count.sh
