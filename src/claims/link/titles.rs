//! Titles of programmes in a sentence, and whether the sentence is about the programme itself.
//!
//! Owns: finding titles (quoted passages, and capitalised names before a programme noun: "the
//! Digital Kazakhstan State Program") and deciding whether a title is *framed*: the sentence
//! acts on the programme (develop, work out, adopt, approve, launch, submit it; it is being
//! implemented) rather than naming it as the context of something else ("within the framework
//! of Nurly Zhol, 50 km of roads will be built"). Two commitments framing one rare title are
//! one undertaking whatever else they say: "adopt a separate program called "Digital
//! Kazakhstan"" and "speed up the development of the "Digital Kazakhstan" program" share no
//! other word of weight. Pure; never panics.

use std::sync::OnceLock;

use regex::Regex;

use super::features::{NOT_NAMES, without_address_titles, words};
use super::names::{name_keys, quoted_spans};

struct Patterns {
    named: Regex,
    context: Regex,
    acts: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("title patterns are valid");
        Patterns {
            named: re(r"((?:[A-Z][\w'’-]*\s+){1,6}?)(?:[Ss]tate\s+)?(?:[Pp]rogram(?:me)?|[Pp]roject|[Ss]trategy|[Cc]oncept|[Ii]nitiative)\b"),
            // A title after one of these (in its clause) is the setting, not the object.
            context: re(r"(?i)\b(framework|under|within|part|accordance|according|line|basis|course|frame|terms|scope|participants?|participation|among|thanks|through|via|using|priorit\w*|directions?|areas?|tasks? of|instruments?|mechanisms?|funds? of|financ\w*)\b"),
            // What one does to a programme itself.
            acts: re(r"(?i)\b(develop(s|ed|ing|ment)?|work(s|ed|ing)? out|elaborat\w*|draft(s|ed|ing)?|adopt(s|ed|ing|ion)?|approv\w*|launch(es|ed|ing)?|submit\w*|finali[sz]\w*|prepar\w*|being implemented|(is|are|was|were|has been|have been) (successfully )?implemented)\b"),
        }
    })
}

/// The title keys of a sentence (`n:` keys, as [`super::names::names`] gives them) with
/// whether each is framed (see the module doc); a key found both ways is framed.
pub(crate) fn titles(text: &str) -> Vec<(String, bool)> {
    let text = &*without_address_titles(text);
    let p = patterns();
    let mut spans: Vec<(usize, usize)> =
        quoted_spans(text).into_iter().filter(|&(a, b)| (1..=8).contains(&words(&text[a..b]).len())).collect();
    for c in p.named.captures_iter(text) {
        if let Some(m) = c.get(1) {
            // Leading title words and institutions are not part of the name.
            let s = m.as_str();
            let mut off = 0;
            for w in s.split_whitespace() {
                let pos = s[off..].find(w).map_or(off, |k| off + k);
                if !NOT_NAMES.contains(&w.to_lowercase().as_str()) {
                    off = pos;
                    break;
                }
                off = pos + w.len();
            }
            spans.push((m.start() + off, m.end()));
        }
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for (a, b) in spans {
        let parts = words(&text[a..b]);
        if parts.is_empty() || parts.iter().all(|w| NOT_NAMES.contains(&w.as_str())) {
            continue;
        }
        let clause_start = text[..a].rfind([',', ';', ':', '(']).map_or(0, |k| k + 1);
        let lead: Vec<&str> = text[clause_start..a].split_whitespace().rev().take(6).collect();
        let in_context = lead.iter().any(|w| p.context.is_match(w))
            || p.context.is_match(&lead.iter().rev().copied().collect::<Vec<_>>().join(" "));
        let rest = format!("{} {}", &text[..a], &text[b..]);
        let framed = !in_context && p.acts.is_match(&rest);
        for key in name_keys(parts) {
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some(e) => e.1 |= framed,
                None => out.push((key, framed)),
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(text: &str) -> Vec<String> {
        titles(text).into_iter().filter(|t| t.1).map(|t| t.0).collect()
    }

    #[test]
    fn programmes_acted_on_are_framed() {
        // pm-1261, pm-0669, pm-1257, pm-0221 (corpus/kz-gov-press.jsonl).
        let dk = "n:digital kazakhstan".to_owned();
        let a = "\"By the end of this year we plan to approve the \"Digital Kazakhstan-2020 \" program and to launch a five-year program in 2017,\" Zhienbayeva said.";
        assert!(framed(a).contains(&dk), "{:?}", titles(a));
        let b = "In this regard, I charge the Government to work out and adopt a separate program called \"Digital Kazakhstan\".";
        assert!(framed(b).contains(&dk), "{:?}", titles(b));
        let c = "Prime Minister of Kazakhstan Bakytzhan Sagintayev has instructed to speed up the development of the \"Digital Kazakhstan\" program.";
        assert!(framed(c).contains(&dk), "{:?}", titles(c));
        let d = "According to the Ministry of Information and Communications, the Digital Kazakhstan State Program is being implemented in five key areas and includes 17 initiatives and 120 events.";
        assert!(framed(d).contains(&dk), "{:?}", titles(d));
    }

    #[test]
    fn programmes_as_setting_are_not() {
        let a = "Within the framework of the \"Nurly Zhol\" program, 50 km of roads will be built and launched.";
        assert!(framed(a).is_empty(), "{:?}", titles(a));
        assert!(titles(a).iter().any(|t| t.0 == "n:nurly zhol"), "{:?}", titles(a));
        let b = "Under the Digital Kazakhstan Program, priority projects will be developed in industry.";
        assert!(framed(b).is_empty(), "{:?}", titles(b));
        let c = "The akimat will build 300 houses for young families in Taraz.";
        assert!(titles(c).is_empty(), "{:?}", titles(c));
    }
}
