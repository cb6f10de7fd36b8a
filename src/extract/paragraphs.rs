//! Text with paragraph breaks from the cleaned HTML the extractor returns.

use scraper::{ElementRef, Html, Node};

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "table", "ul", "ol", "section",
    "article", "header", "footer", "figure", "figcaption", "dd", "dt",
];

/// Paragraphs separated by one blank line, whitespace inside each collapsed.
pub fn html_to_paragraphs(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    walk(doc.root_element(), &mut current, &mut paragraphs);
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !p.is_empty() {
        out.push(p);
    }
    current.clear();
}

fn walk(el: ElementRef<'_>, current: &mut String, out: &mut Vec<String>) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if name == "br" {
                    flush(current, out);
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    flush(current, out);
                }
                if let Some(child_el) = ElementRef::wrap(child) {
                    walk(child_el, current, out);
                }
                if block {
                    flush(current, out);
                } else if matches!(name, "td" | "th") {
                    current.push(' ');
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs() {
        let t = html_to_paragraphs("<h1>Title</h1><p>One  <b>bold</b>\n line.</p><ul><li>a</li><li>b</li></ul>x<br>y &amp; z");
        assert_eq!(t, "Title\n\nOne bold line.\n\na\n\nb\n\nx\n\ny & z");
    }
}
