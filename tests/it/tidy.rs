//! House rules checked as tests: module docs, the one-way data flow, file size.

use std::path::{Path, PathBuf};

use crate::util::root;

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let bad: Vec<_> = rust_files(&root().join("src"))
        .into_iter()
        .filter(|p| !std::fs::read_to_string(p).unwrap().starts_with("//!"))
        .collect();
    assert!(bad.is_empty(), "files whose first line is not `//!`: {bad:?}");
}

/// The stages in data-flow order; an earlier stage must not use a later one.
const FLOW: &[&str] = &["crawl", "archive", "extract", "analyze", "store", "index", "claims", "serve"];

#[test]
fn data_flows_one_way() {
    let mut bad = Vec::new();
    for (i, stage) in FLOW.iter().enumerate() {
        for file in rust_files(&root().join("src").join(stage)) {
            let text = std::fs::read_to_string(&file).unwrap();
            for later in &FLOW[i + 1..] {
                for pattern in [format!("crate::{later}::"), format!("crate::{later};"), format!("crate::{{{later}")] {
                    if text.contains(&pattern) {
                        bad.push(format!("{} uses {later}", file.display()));
                    }
                }
            }
            if text.contains("crate::run") {
                bad.push(format!("{} uses run", file.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn no_source_file_is_a_grab_bag() {
    let big: Vec<_> = rust_files(&root().join("src"))
        .into_iter()
        .filter(|p| std::fs::read_to_string(p).unwrap().lines().count() > 600)
        .collect();
    assert!(big.is_empty(), "files over 600 lines: {big:?}");
}

#[test]
fn the_binary_only_wires_the_command_line() {
    let main = std::fs::read_to_string(root().join("src/main.rs")).unwrap();
    for stage in FLOW {
        assert!(!main.contains(&format!("newsmine::{stage}")), "main.rs reaches into {stage}");
    }
}
