//! # Extract an article from an HTML file
//!
//! `cargo run --example extract_file -- page.html [URL]` prints the title, date, language and
//! the first paragraphs, as the extract stage sees them.

fn main() -> newsmine::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "tests/fixtures/astana-times-regions.txt".into());
    let url = args.next();
    let bytes = std::fs::read(&path).map_err(|source| newsmine::Error::Io { path: path.clone().into(), source })?;
    let x = newsmine::extract::extract_html(&bytes, None, url.as_deref());
    for w in &x.warnings {
        eprintln!("warning: {w}");
    }
    let a = x.article;
    println!("title:     {:?}", a.title);
    println!("published: {:?}", a.published);
    println!("language:  {:?}", a.language);
    for p in a.text.split("\n\n").take(3) {
        println!("\n{p}");
    }
    Ok(())
}
