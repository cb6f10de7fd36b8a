//! The `newsmine` binary: parses the command line and hands it to [`newsmine::run`].

use std::process::ExitCode;

use clap::Parser;

/// newsmine's own warnings; the extractor's internal notes stay quiet unless NEWSMINE_LOG asks.
const QUIET_DEPENDENCIES: &str = "warn,trafilatura=error,html5ever=error,justext=error,selectors=error";

fn main() -> ExitCode {
    // Parsing starts no thread.
    let cli = newsmine::run::Cli::parse();
    // SAFETY: no other thread exists yet.
    unsafe { newsmine::run::prepare_threads(cli.parallel_kernels()) };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NEWSMINE_LOG").unwrap_or_else(|_| QUIET_DEPENDENCIES.into()),
        )
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .init();
    newsmine::run::main(cli)
}
