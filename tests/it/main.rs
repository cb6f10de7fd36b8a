//! Integration tests: the real `newsmine` binary on temporary data directories.

mod analyze;
mod claims;
mod crawl;
mod encoder;
mod pipeline;
mod search;
mod semantic;
mod serve;
mod site;
mod site_server;
mod tidy;
mod util;
