//! # Tag a text with regions, sectors and commitments
//!
//! `cargo run --example tag_text -- "Five schools will be built in Shymkent by 2025."`

use newsmine::analyze::Analyzer;

fn main() -> newsmine::Result<()> {
    let text = std::env::args().nth(1).unwrap_or_else(|| {
        "Over 200 additional villages in the Kyzylorda region will be connected to broadband over the summer.".into()
    });
    let read = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config").join(name);
        std::fs::read_to_string(&path).map_err(|source| newsmine::Error::Io { path, source })
    };
    let analyzer = Analyzer::new(&read("gazetteer.toml")?, &read("sectors.toml")?)?;
    let analysis = analyzer.analyze(&text, None);
    println!("{}", serde_json::to_string_pretty(&analysis).expect("analysis serialises"));
    Ok(())
}
