//! Integration tests: the real `newsmine` binary on temporary data directories.

mod analyze;
mod pipeline;
mod search;
mod tidy;
mod util;
