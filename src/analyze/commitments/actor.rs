//! Who commits: officials ("Prime Minister Bakytzhan Sagintayev", "the akim"), bodies ("the
//! Government", "the Ministry of Energy", "the akimat of Almaty region"), national companies
//! and programmes ("Samruk-Kazyna", "KEGOC", "the Nurly Zher program").
//!
//! Owns: recognising such names in a sentence and choosing the one that commits: the nearest
//! one before the cue that is not the object of a preposition (the subject), else a speaker
//! named after it ("..., the minister said"), else none. Returns text as written, except that a
//! leading "The" is lower-cased so the same actor reads the same at a sentence start.

use regex::Regex;

/// The compiled actor pattern.
pub(super) struct ActorReader {
    entity: Regex,
    speaker: Regex,
}

/// An actor mention and its byte range in the sentence.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[rustfmt::skip]
const COMPANIES: &str = r"Samruk[- ]Kazyna|Samruk[- ]Energy|Samruk[- ]Energo|KazMunayGas|KazMunaiGas|KMG|KEGOC|Kazakhtelecom|Kazakhstan\s+Temir\s+Zholy|KTZ|Baiterek(?:\s+Development)?|KazAgro(?:Finance)?|Agrarian\s+Credit\s+Corporation|Damu(?:\s+Fund|\s+Entrepreneurship\s+Development\s+Fund)?|Kazakh\s+Invest|KazakhInvest|Development\s+Bank\s+of\s+Kazakhstan|DBK|Zhilstroysberbank|Otbasy\s+Bank|Housing\s+Construction\s+Savings\s+Bank|Kazakhstan\s+Housing\s+Company|Kazakhstan\s+Mortgage\s+Company|National\s+Bank(?:\s+of\s+Kazakhstan)?|Kazatomprom|KazTransGas|QazaqGaz|KazTransOil|Air\s+Astana|Kazpost|Kazpochta|KazAvtoZhol|Kazavtozhol|Tau-Ken\s+Samruk|Kazakh\s+Tourism|Kazakhstan\s+Engineering|Atameken|National\s+Chamber\s+of\s+Entrepreneurs|Kazakhstan\s+Investment\s+Fund|Kazyna\s+Capital\s+Management|KazCosmos|Kazkosmos|Astana\s+LRT|Entrepreneurship\s+Development\s+Fund|Food\s+Contract\s+Corporation";
#[rustfmt::skip]
const PROGRAMMES: &str = r"Nurly\s+Zhol|Nurly\s+Zher|Digital\s+Kazakhstan|Business\s+Roadmap(?:[- ]20\d\d)?|Employment\s+Roadmap(?:[- ]20\d\d)?|Enbek|Rukhani\s+Zhangyru|Auyl\s*[-–—]\s*El\s+Besigi|Ak\s+Bulak|Productive\s+Employment|Serpin|Bolashak|Densaulyk|Zhasyl\s+El|7-20-25";

impl ActorReader {
    pub(super) fn new() -> Self {
        let name = r"(?:\s+(?:[A-Z]\.\s?)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2})";
        let of_phrase = r"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w'’-]+|RK)(?:(?:(?:\s+(?:and|of|for|on))+(?:\s+the)?)?\s+(?:[A-Z][\w'’-]+|(?i:region|city|district|regional|affairs)))*)";
        let title = r"(?i:(?:first\s+)?(?:deputy\s+|vice[\s-])?(?:prime\s+minister|minister|akim|mayor|governor|chairman|chairwoman|chairperson|head|director|president|commissioner|secretary|ceo|chief\s+executive(?:\s+officer)?))";
        let official = format!(
            r"(?:(?i:head\s+of\s+the\s+(?:region|city|district|ministry))|{title}(?:{of_phrase})?(?:,?{name})?)"
        );
        let body_word = r"(?i:ministry|committee|agency|department|administration|office|fund|council|chamber|corporation|holding|bank|service|inspectorate)";
        let body = format!(r"(?:{body_word}{of_phrase})");
        let akimat = r"(?:(?:[A-Z][\w-]+\s+)?(?i:(?:regional|city|district|oblast|local|rural|town)\s+)?(?i:akimats?|akims?|local\s+executive\s+bodies)(?:\s+of\s+(?:the\s+)?[A-Z][\w-]+(?:\s+(?i:region|city|district|oblast))?)?)";
        let government =
            r"(?:(?:Kazakh\s+|Kazakhstan's\s+|national\s+|central\s+)?(?i:government|cabinet))";
        let company = format!(
            r"(?:(?:(?:JSC|JSC\s+NC|NC\s+JSC|NC|LLP|NMH|NWF)\s+)?[«“]?(?:{COMPANIES})[»”]?(?:\s+(?:JSC|LLP|NC|NMH|Holding|company))*|(?:JSC|LLP|NC)\s+[«“][^»”]{{2,60}}[»”])"
        );
        let quoted = r"[«“][^»”]{2,60}[»”]\s+(?:NC\s+)?(?:JSC|LLP)";
        let programme = format!(
            r#"(?:(?:state\s+)?(?:program(?:me)?\s+)?["«“]?(?:{PROGRAMMES})["»”]?(?:\s+(?:state\s+)?(?:program(?:me)?|initiative))?)"#
        );
        let generic = r"(?i:(?:the|our)\s+(?:company|ministry|department|agency|fund|holding|region's\s+akimat|city's\s+akimat|state))";
        let head_of = format!(
            r"(?:(?i:head\s+of\s+(?:state|government|the\s+state|the\s+government))(?:,?{name})?)"
        );
        // A named organisation: capitalised words ending in a body's word ("Unified Service
        // Center", "Eurasian Development Bank").
        let org = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+){1,4}(?:Center|Centre|Corporation|Agency|Fund|Committee|Company|Bank|Institute|University|Council|Commission|Service|Inspectorate|Holding|Chamber|Operator)";
        let pattern = format!(
            r"(?:\b[Tt]he\s+)?(?:\b(?:{head_of}|{official}|{body}|{akimat}|{government}|{company}|{generic}|{org})|{programme}|{quoted})\b"
        );
        let person = r"(?:[A-Z]\.\s?){0,2}[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)?";
        let speech = r"said|says|answered|replied|responded|noted|stated|reported|informed|announced|emphasized|emphasised|stressed|added|explained|told|declared|underlined|pointed|assured|promised|pledged|mentioned|specified|clarified|concluded|instructed|tasked|ordered|entrusted|also\s+instructed";
        let speaker =
            format!(r"\b(?P<a>{person})\s+(?:{speech})\b|(?i:according\s+to)\s+(?P<b>{person})\b");
        ActorReader {
            entity: Regex::new(&pattern).expect("actor regex"),
            speaker: Regex::new(&speaker).expect("speaker regex"),
        }
    }

    /// Every actor mention in the sentence, in text order.
    ///
    /// Besides titles and bodies, a bare name counts when it speaks ("K. Aituganov said",
    /// "according to Nysanbayev"): the press releases name officials so after a first mention.
    pub(super) fn mentions(&self, s: &str) -> Vec<Mention> {
        let mut out: Vec<Mention> = self
            .entity
            .find_iter(s)
            .filter(|m| m.as_str().chars().any(|c| c.is_alphabetic()))
            .filter(|m| {
                !is_bare_title(m.as_str()) && !names_a_programme_document(s, m.as_str(), m.end())
            })
            .map(|m| Mention {
                text: tidy(m.as_str()),
                start: m.start(),
                end: m.end(),
            })
            .collect();
        for caps in self.speaker.captures_iter(s) {
            let Some(m) = caps.name("a").or_else(|| caps.name("b")) else {
                continue;
            };
            let not_a_name = matches!(
                m.as_str(),
                "She"
                    | "They"
                    | "This"
                    | "That"
                    | "Which"
                    | "Who"
                    | "Kazakhstan"
                    | "The"
                    | "It"
                    | "Minister"
                    | "Ministry"
                    | "Government"
                    | "Akimat"
                    | "Akim"
                    | "Chairman"
                    | "Head"
                    | "Director"
                    | "President"
            );
            if !not_a_name && !out.iter().any(|e| e.start < m.end() && m.start() < e.end) {
                out.push(Mention {
                    text: m.as_str().to_string(),
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    /// The committing actor for a cue at `cue_start`: the subject before it, else a speaker or
    /// agent after it, else `None`.
    /// `active`: the cue is an active verb ("plans to", "will build"), so a country right before
    /// it is its subject ("Kazakhstan plans to export").
    pub(super) fn choose(
        &self,
        s: &str,
        mentions: &[Mention],
        cue_start: usize,
        active: bool,
    ) -> Option<String> {
        if let Some(m) = mentions.iter().find(|m| {
            m.end <= cue_start
                && s[m.end..cue_start].trim().len() <= 12
                && is_subject_gap(&s[m.end..cue_start])
        }) {
            return Some(m.text.clone());
        }
        if active && is_kazakhstan_subject(&s[..cue_start]) {
            return Some("Kazakhstan".to_string());
        }
        let before = mentions
            .iter()
            .rev()
            .find(|m| m.end <= cue_start && !is_object(s, m));
        if let Some(m) = before {
            return Some(m.text.clone());
        }
        let after = mentions
            .iter()
            .find(|m| m.start >= cue_start && (is_speaker(s, m) || is_agent(s, m)));
        after
            .or_else(|| {
                mentions
                    .iter()
                    .find(|m| m.start >= cue_start && !is_object(s, m))
            })
            .map(|m| m.text.clone())
    }

    /// Whether an actor is the grammatical subject of the cue at `cue_start` (ends right before
    /// it, allowing an adverb or a relative "which"/"that").
    pub(super) fn subject_of(&self, s: &str, mentions: &[Mention], cue_start: usize) -> bool {
        mentions.iter().any(|m| {
            m.end <= cue_start && is_subject_gap(&s[m.end..cue_start]) && !is_genitive(s, m)
        }) || {
            let before = s[..cue_start].trim_end().to_ascii_lowercase();
            before.ends_with(" we")
                || before == "we"
                || before.ends_with("\"we")
                || is_kazakhstan_subject(&s[..cue_start])
        }
    }
}

/// "the status of the UN Security Council will ...": the mention only qualifies the subject.
fn is_genitive(s: &str, m: &Mention) -> bool {
    let before = s[..m.start].trim_end().to_ascii_lowercase();
    before.ends_with(" of") || before == "of"
}

/// What may stand between a subject and its verb: nothing, an adverb, a relative pronoun.
fn is_subject_gap(gap: &str) -> bool {
    let gap = gap
        .trim()
        .trim_start_matches(',')
        .trim()
        .to_ascii_lowercase();
    gap.is_empty()
        || matches!(
            gap.as_str(),
            "also"
                | "of kazakhstan"
                | "of the republic of kazakhstan"
                | "of rk"
                | "of the rk"
                | "itself"
                | "now"
                | "therefore"
                | "in turn"
                | "already"
                | "which"
                | "that"
                | "still"
                | "further"
                | "currently"
                | "has"
                | "have"
        )
}

/// "Kazakhstan plans to ..." (not "experts of ... of Kazakhstan will", "in Kazakhstan will").
fn is_kazakhstan_subject(before: &str) -> bool {
    let t = before.trim_end();
    t.ends_with("Kazakhstan") && {
        let rest = t[..t.len() - "Kazakhstan".len()]
            .trim_end()
            .to_ascii_lowercase();
        !(rest.ends_with(" of")
            || rest.ends_with(" in")
            || rest.ends_with(" to")
            || rest.ends_with(" for")
            || rest.ends_with(" across")
            || rest.ends_with(" throughout")
            || rest.ends_with(" with"))
    }
}

/// "Head", "Director", "President" alone are too vague to be an actor; "the akim" is not.
fn is_bare_title(text: &str) -> bool {
    let t = text
        .trim_start_matches("The ")
        .trim_start_matches("the ")
        .to_ascii_lowercase();
    matches!(
        t.as_str(),
        "head"
            | "director"
            | "president"
            | "secretary"
            | "chairman"
            | "office"
            | "service"
            | "council"
            | "chamber"
            | "bank"
            | "fund"
            | "holding"
            | "corporation"
            | "committee"
            | "agency"
            | "department"
            | "administration"
            | "commissioner"
    )
}

/// "the State Program for ..." names a document, not the state as an actor.
fn names_a_programme_document(s: &str, text: &str, end: usize) -> bool {
    let lower = text.to_ascii_lowercase();
    (lower.ends_with("state") || lower.ends_with("government")) && {
        let next = s[end..].trim_start().to_ascii_lowercase();
        next.starts_with("program")
            || next.starts_with("decree")
            || next.starts_with("resolution")
            || next.starts_with("hour")
            || next.starts_with("agency")
            || next.starts_with("of ")
            || next.starts_with("budget")
            || next.starts_with("bod")
            || next.starts_with("'s")
            || next.starts_with("’s")
    }
}

fn tidy(text: &str) -> String {
    let mut t = text.trim().trim_end_matches([',', '.', ';', ':']);
    let opens = |c: char| matches!(c, '"' | '“' | '«');
    let closes = |c: char| matches!(c, '"' | '”' | '»');
    if t.starts_with(opens) && !t.ends_with(closes) {
        t = t.trim_start_matches(opens); // a quote whose partner is outside the mention
    } else if t.ends_with(closes) && !t.contains(opens) {
        t = t.trim_end_matches(closes);
    }
    let t = t
        .strip_suffix("'s")
        .or_else(|| t.strip_suffix("’s"))
        .unwrap_or(t);
    match t.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => t.to_string(),
    }
}

/// Whether the mention follows a preposition that makes it an object ("to the akimat", "with
/// KEGOC"); "by", "under" and "within the framework of" keep it a possible actor.
fn is_object(s: &str, m: &Mention) -> bool {
    let before = s[..m.start].trim_end().to_ascii_lowercase();
    let prev = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let programme = m.text.to_ascii_lowercase().contains("program")
        || PROGRAMME_WORDS.iter().any(|w| m.text.contains(w));
    if programme
        && (before.ends_with("framework of")
            || before.ends_with("part of")
            || before.ends_with("implementation of")
            || matches!(prev, "under" | "within" | "through"))
    {
        return false;
    }
    if before.ends_with("according to") {
        return false;
    }
    matches!(
        prev,
        "to" | "for"
            | "with"
            | "of"
            | "from"
            | "at"
            | "in"
            | "on"
            | "about"
            | "among"
            | "between"
            | "and"
            | "visited"
            | "met"
            | "told"
            | "instructed"
            | "instruct"
            | "tasked"
            | "ordered"
            | "asked"
            | "than"
            | "against"
            | "into"
            | "per"
            | "like"
            | "including"
            | "towards"
            | "toward"
            | "via"
            | "behalf"
    )
}

#[rustfmt::skip]
const PROGRAMME_WORDS: &[&str] = &["Nurly", "Digital Kazakhstan", "Roadmap", "Enbek", "Zhangyru", "Besigi", "Bulak", "Serpin", "Bolashak", "Densaulyk", "7-20-25"];

fn is_speaker(s: &str, m: &Mention) -> bool {
    let after = s[m.end..].trim_start().to_ascii_lowercase();
    let before = s[..m.start].trim_end().to_ascii_lowercase();
    const SPEECH: &[&str] = &[
        "said",
        "says",
        "answered",
        "replied",
        "responded",
        "noted",
        "stated",
        "reported",
        "informed",
        "announced",
        "emphasized",
        "emphasised",
        "stressed",
        "added",
        "explained",
        "told",
        "declared",
        "underlined",
        "pointed",
        "assured",
        "promised",
        "mentioned",
        "believes",
        "specified",
        "clarified",
        "concluded",
        "summed",
    ];
    SPEECH.iter().any(|w| after.starts_with(w))
        || SPEECH.iter().any(|w| before.ends_with(w))
        || before.ends_with("according to")
}

fn is_agent(s: &str, m: &Mention) -> bool {
    let before = s[..m.start].trim_end().to_ascii_lowercase();
    before.ends_with(" by")
        || before.ends_with("framework of")
        || before.ends_with("under")
        || before.ends_with("within")
}

#[cfg(test)]
mod tests;
