//! Bytes to text: the charset from the HTTP header, then the page's own declaration, then
//! detection (chardetng), decoded with encoding_rs.

use encoding_rs::{Encoding, UTF_8};

/// How far into the page a `<meta charset>` declaration is looked for.
const PRESCAN: usize = 4096;

/// Decodes an HTML page. Returns the text and the name of the encoding used.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    let declared = content_type
        .and_then(charset_param)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]))
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    let enc = match declared {
        // A page served as UTF-8 that is not valid UTF-8 is more often mislabelled than broken.
        Some(enc) if enc == UTF_8 && std::str::from_utf8(bytes).is_err() => guess(bytes),
        Some(enc) => enc,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => guess(bytes),
    };
    let (text, _, _) = enc.decode(bytes);
    (text.into_owned(), enc.name())
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// Finds `<meta charset=...>` or `<meta http-equiv=content-type content="...; charset=...">`.
fn meta_charset(head: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(head).unwrap_or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""));
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("charset") {
        let at = from + i + "charset".len();
        from = at;
        let rest = lower[at..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else { continue };
        let rest = rest.trim_start().trim_start_matches(['"', '\'']);
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':' || c == '.')).unwrap_or(rest.len());
        if end > 0 {
            let start = text.len() - rest.len();
            return Some(&text[start..start + end]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_then_meta_then_detection() {
        let (t, e) = decode_html("<p>Алматы</p>".as_bytes(), Some("text/html; charset=utf-8"));
        assert_eq!((t.as_str(), e), ("<p>Алматы</p>", "UTF-8"));
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("<html><head><meta charset=\"windows-1251\"></head><p>Алматы</p>");
        let (t, e) = decode_html(&cp1251, None);
        assert!(t.contains("Алматы"), "{t}");
        assert_eq!(e, "windows-1251");
        let (koi, _, _) = encoding_rs::KOI8_R.encode("<html><p>Правительство Республики Казахстан утвердило программу развития регионов до 2025 года.</p></html>");
        let (t, _) = decode_html(&koi, Some("text/html"));
        assert!(t.contains("Правительство"), "detected: {t}");
        let (t, _) = decode_html(&cp1251, Some("text/html; charset=\"windows-1251\""));
        assert!(t.contains("Алматы"));
    }
}
