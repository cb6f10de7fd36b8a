//! Finding the words that make a sentence a commitment ("will be built", "plans to",
//! "instructed ... to", "is under construction") and judging each one: what it commits to
//! (concrete, vague, an event), what evidence it still needs (a number or a date), and the
//! sentence-level vetoes (questions, conditionals, events as subject).
//!
//! Works on one sentence's text with byte offsets; knows nothing of spans, actors or units.

use regex::Regex;

use super::lexicon::{self as lx, has};
use judge::{Tier, judge_verb, lemma};

mod judge;

/// What kind of wording announced the commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// "will build", "will be built", "would be built".
    Future,
    /// "plans to", "it is planned", "is scheduled to", "aims to", "pledged", "is to be".
    Plan,
    /// "was planned", "as promised": a commitment only if the sentence reports it done or dropped.
    PastPlan,
    /// "instructed ... to", "tasked ... with".
    Instruct,
    /// "must be completed by": an instruction, only with a date.
    Modal,
    /// "is under construction", "is being built": needs a completion (a date or another cue).
    Progress,
}

/// What a cue needs besides itself before the sentence counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Need {
    /// Commits on its own ("will be built").
    Nothing,
    /// Needs a promised number or a deadline ("will be developed by 2020").
    NumberOrDate,
    /// Needs a deadline ("must be completed by September").
    Date,
    /// Needs a deadline or another accepted cue (work in progress).
    Completion,
}

/// One accepted cue in a sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cue {
    /// Byte offset where the cue starts in the sentence.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The wording that made it a cue.
    pub kind: Kind,
    /// The evidence it still needs for the sentence to count.
    pub need: Need,
    /// "will increase/reach ...": a forecast unless an actor is the subject or a "by 2025" target.
    pub indicator: bool,
    /// An active "will <verb>" that needs a named actor as subject ("the akimat will provide"),
    /// since "development will provide ..." states an effect, not an undertaking.
    pub needs_actor: bool,
    /// An active "will <verb>": without an actor as subject it needs a number or a date too
    /// ("this industry will create new jobs" is a forecast).
    pub active: bool,
}

/// The compiled patterns for cues and vetoes.
pub(super) struct Cues {
    master: Regex,
    tail_to: Regex,
    tail_with: Regex,
    conditional: Regex,
    progress: Regex,
    completed: Regex,
    cancelled: Regex,
}

#[rustfmt::skip]
const ADV: &str = r"also|further|additionally|then|soon|now|first|finally|only|still|again|jointly|gradually|fully|completely|successfully|partially|annually|certainly|definitely|necessarily|already|even|actively|immediately|eventually|likely|therefore|thus|later|next|substantially|significantly|mainly|primarily|in\s+turn|as\s+well";

impl Cues {
    pub(super) fn new() -> Self {
        let fut = format!(
            r"(?P<fut>(?-u:\b)(?:will|shall|would)(?P<fneg>\s+not|\s+no\s+longer|\s+never)?(?:\s+(?:{ADV}))*\s+(?P<fbe>be\s+(?:(?:{ADV}|being)\s+)*)?(?P<fverb>[a-z]+(?:-[a-z]+)?)|(?-u:\b)(?:won't|wouldn't)(?-u:\b))"
        );
        let modal = format!(
            r"(?P<modal>(?-u:\b)(?:must|should|has\s+to|have\s+to|(?:it\s+is\s+)?necessary\s+to)(?P<mneg>\s+not)?(?:\s+(?:{ADV}))*\s+(?:be\s+(?:(?:{ADV})\s+)*)?(?P<mverb>[a-z]+))"
        );
        let plan = format!(
            r"(?P<plan>(?-u:\b)(?:(?:it\s+)?(?P<paux>is|are|was|were|has\s+been|have\s+been|had\s+been)(?P<pneg>\s+not)?\s+(?:{ADV}\s+)?(?P<pword>planned|scheduled|envisaged|expected|due|set|supposed|going|projected|forecast|forecasted|foreseen|to)(?-u:\b)|(?P<pword2>plans?|planning|intends?|intending|aims?|aiming|pledged|pledges|promised|promises|vowed|vows|committed|undertook|undertakes|undertaken|envisages|envisage|targets?)(?-u:\b))(?:\s+(?P<pto>to|for|that)(?-u:\b))?(?:\s+(?:be|have\s+been))?(?:\s+(?:{ADV}))*(?:\s+(?P<pverb>[a-z]+))?)"
        );
        let past = r"(?P<past>(?-u:\b)as\s+(?:planned|promised|scheduled|pledged)(?-u:\b)|(?-u:\b)ahead\s+of\s+schedule(?-u:\b))";
        let instr = r"(?P<instr>(?-u:\b)(?:instructed|instructs|instruct|tasked|tasks|ordered|obliged|obliges|entrusted|charged|gave\s+(?:an?\s+)?(?:instructions?|orders?|tasks?|assignments?)|(?:was|were)\s+given\s+(?:the\s+)?(?:instructions?|tasks?))(?-u:\b))";
        let master = format!("(?i){fut}|{modal}|{plan}|{past}|{instr}");
        Cues {
            master: Regex::new(&master).expect("cue regex"),
            tail_to: Regex::new(r"(?i)^[^.;:]{0,160}?(?-u:\b)to\s+(?:be\s+)?(?:(?:also|further|urgently|jointly|promptly|immediately)\s+)?([a-z]+)").expect("tail regex"),
            tail_with: Regex::new(r"(?i)^[^.;:]{0,160}?(?-u:\b)with\s+([a-z]+ing)(?-u:\b)").expect("tail regex"),
            conditional: Regex::new(r"(?i)(?-u:\b)(?:if|unless|whether|in\s+case|provided\s+that|otherwise|assuming)(?-u:\b)|^\W*when(?-u:\b)|(?-u:\b)according\s+to\s+(?:the\s+)?(?:forecasts?|estimates|experts|analysts|predictions)(?-u:\b)").expect("cond regex"),
            progress: Regex::new(r"(?i)(?-u:\b)(?:is|are)\s+(?:now\s+|currently\s+|already\s+|still\s+|actively\s+)?(?:being\s+(?:built|constructed|reconstructed|implemented|modernized|repaired|installed|laid|erected|renovated|carried\s+out|completed|finalized)|under\s+(?:construction|reconstruction|way|implementation|repair)|underway|in\s+progress)|(?-u:\b)(?:construction|works?|reconstruction|implementation|repairs?)\s+(?:has\s+|have\s+)?(?:already\s+)?(?:begun|began|started|commenced)|(?-u:\b)(?:has|have)\s+(?:already\s+)?(?:begun|started|commenced)\s+(?:the\s+)?(?:construction|building|reconstruction|implementation|work)").expect("progress regex"),
            completed: Regex::new(r"(?i)(?-u:\b)(?:has|have|had)\s+(?:already\s+)?been\s+(?:successfully\s+|fully\s+|already\s+)?([a-z]+(?:ed|lt|ne|en))(?-u:\b)(?:\s+(?:into|over))?|(?-u:\b)(?:was|were)\s+(?:successfully\s+|fully\s+|already\s+)?(completed|commissioned|built|fulfilled|opened|launched|finished|put\s+into|achieved)(?-u:\b)").expect("completed regex"),
            cancelled: Regex::new(r"(?i)(?-u:\b)(?:was|were|has\s+been|have\s+been|is|are)\s+(?:officially\s+)?(?:cancell?ed|abandoned|suspended|scrapped|frozen|terminated|halted|shelved)(?-u:\b)|(?-u:\b)decided\s+(?:not\s+to|to\s+(?:abandon|cancel|suspend))(?-u:\b)|(?-u:\b)refused\s+to(?-u:\b)").expect("cancel regex"),
        }
    }

    /// Cheap first look: whether any cue can be in the sentence at all.
    pub(super) fn any(&self, s: &str) -> bool {
        self.master.is_match(s) || self.progress.is_match(s)
    }

    /// Whether the sentence is a conditional or a question (never a commitment).
    pub(super) fn vetoed(&self, s: &str) -> bool {
        let end = s.trim_end_matches(['"', '”', '’', '\'', '»', ')', ' ']);
        end.ends_with('?') || self.conditional.is_match(s)
    }

    /// Whether the sentence says work is under way, and where (for status and completion).
    pub(super) fn progress(&self, s: &str) -> Option<(usize, usize)> {
        self.progress.find(s).map(|m| (m.start(), m.end()))
    }

    /// Whether the sentence reports (some of) the work done: "has been commissioned", "170 of
    /// them have already been reorganized" (not "has been instructed", "has been planned").
    pub(super) fn completed(&self, s: &str) -> bool {
        self.completed.captures_iter(s).any(|c| {
            let word = c
                .get(1)
                .or_else(|| c.get(2))
                .map_or("", |m| m.as_str())
                .to_ascii_lowercase();
            !matches!(
                word.as_str(),
                "instructed"
                    | "tasked"
                    | "charged"
                    | "entrusted"
                    | "ordered"
                    | "asked"
                    | "given"
                    | "planned"
                    | "scheduled"
                    | "proposed"
                    | "decided"
                    | "agreed"
                    | "envisaged"
                    | "set"
                    | "determined"
                    | "identified"
                    | "defined"
                    | "developed"
                    | "prepared"
                    | "drafted"
                    | "submitted"
                    | "sent"
                    | "discussed"
                    | "considered"
                    | "noted"
                    | "reported"
                    | "informed"
                    | "said"
                    | "seen"
                    | "known"
                    | "taken"
            )
        })
    }

    /// Whether the sentence reports the undertaking dropped.
    pub(super) fn cancelled(&self, s: &str) -> bool {
        self.cancelled.is_match(s)
    }

    /// Every cue in the sentence that could make it a commitment, judged on its wording.
    pub(super) fn find(&self, s: &str) -> Vec<Cue> {
        let mut out = Vec::new();
        for caps in self.master.captures_iter(s) {
            let m = caps.get(0).expect("group 0");
            let (start, end) = (m.start(), m.end());
            let word = |name: &str| caps.name(name).map(|g| g.as_str().to_ascii_lowercase());
            let verb_word = word("fverb")
                .or_else(|| word("pverb"))
                .map(|v| lemma(&v))
                .unwrap_or_default();
            let strong_verb = has(lx::STRONG, &verb_word);
            let judged = if caps.name("fut").is_some() {
                if caps.name("fneg").is_some() || caps.name("fverb").is_none() {
                    None
                } else {
                    let verb = word("fverb").unwrap_or_default();
                    let would = m.as_str().to_ascii_lowercase().starts_with("would");
                    self.judge_future(s, start, end, &verb, caps.name("fbe").is_some(), would)
                }
            } else if caps.name("modal").is_some() {
                let verb = word("mverb").unwrap_or_default();
                match judge_verb(&verb) {
                    Tier::Strong | Tier::Concrete if caps.name("mneg").is_none() => {
                        Some((Kind::Modal, Need::Date, false))
                    }
                    _ => None,
                }
            } else if caps.name("plan").is_some() {
                self.judge_plan(s, &caps)
            } else if caps.name("past").is_some() {
                Some((Kind::PastPlan, Need::Nothing, false))
            } else {
                self.judge_instruction(&s[end..])
            };
            if let Some((kind, need, indicator)) = judged
                && !event_subject(s, start)
            {
                let active = kind == Kind::Future && caps.name("fbe").is_none();
                let head = subject_head(s, start);
                let abstract_subject = has(lx::ABSTRACT_NOUNS, &head);
                if abstract_subject
                    && (!strong_verb || active)
                    && !indicator
                    && kind != Kind::Instruct
                {
                    continue; // "work will be carried out", "it will connect", "which will allow"
                }
                let needs_actor = active && !strong_verb && !indicator;
                out.push(Cue {
                    start,
                    end,
                    kind,
                    need,
                    indicator,
                    needs_actor,
                    active,
                });
            }
        }
        if let Some((start, end)) = self.progress(s)
            && !event_subject(s, start)
        {
            out.push(Cue {
                start,
                end,
                kind: Kind::Progress,
                need: Need::Completion,
                indicator: false,
                needs_actor: false,
                active: false,
            });
        }
        out
    }
}

/// Whether the noun phrase right before `pos` (the cue's subject) is headed by an event noun:
/// "The first meeting of the Government in the new composition will be held".
pub(super) fn event_subject(s: &str, pos: usize) -> bool {
    has(lx::EVENT_NOUNS, &subject_head(s, pos))
}

/// The head noun of the phrase before `pos`, lower case: from the last clause mark up to the
/// first preposition ("The first meeting of the Government" -> "meeting").
fn subject_head(s: &str, pos: usize) -> String {
    let before = &s[..pos];
    let clause_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | '"' | '“' | '”'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = before[clause_start..].to_ascii_lowercase();
    let mut head_part = clause.as_str();
    for prep in [
        " of ",
        " for ",
        " in ",
        " on ",
        " at ",
        " with ",
        " under ",
        " within ",
        " between ",
        " from ",
        " by ",
        " during ",
        " to ",
        " which ",
        " that ",
        " worth ",
    ] {
        if let Some(i) = head_part.find(prep) {
            head_part = &head_part[..i];
        }
    }
    let mut words: Vec<&str> = head_part.split_whitespace().collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.ends_with("ed") || w.ends_with("ing"))
    {
        words.pop(); // "38 projects related" -> "projects"
    }
    let head = words.last().copied().unwrap_or("");
    head.trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}
