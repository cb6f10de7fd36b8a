//! newsmine: regional-development news, crawled, archived, tagged and searchable.
#![warn(missing_docs)]

pub mod analyze;
pub mod archive;
pub mod claims;
pub mod config;
pub mod crawl;
pub mod domain;
mod error;
pub mod extract;
pub mod index;
pub mod run;
pub mod store;

pub use error::{Error, Result};
