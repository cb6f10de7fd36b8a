# The two commands of the README, and a few helpers.
# Everything the project needs comes from this repository and the package registries.

.PHONY: run test bench

# Build newsmine and run the nightly job on the bundled corpus (data in ./data).
run:
	cargo run --release -- run

# The whole test suite: unit, integration (the real binary on temporary data
# directories), examples, a smoke round of the benchmark, and the doc example.
test:
	cargo test --all-targets
	cargo test --doc

# Throughput figures of the CPU-bound stages (release build).
bench:
	cargo bench --bench pipeline
	cargo bench --bench crawl
