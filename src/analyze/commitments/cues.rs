//! Finding the words that make a sentence a commitment ("will be built", "plans to",
//! "instructed ... to", "the plan is to", "is under construction", a present passive with a
//! period to come) and judging each one: what it commits to (concrete, vague, an event), what
//! evidence it still needs (a number or a date), and the sentence-level vetoes (questions,
//! conditionals, hopes, events as subject). Also: lead-ins of lists of instructions and the
//! infinitive items that follow them.
//!
//! Works on one sentence's text with byte offsets; knows nothing of spans, actors or units.

use regex::Regex;

use super::lexicon::{self as lx, has};
use directive::Directive;
use judge::{Tier, judge_verb, lemma};
use phrase::{BODY_STEMS, before_auxiliaries, event_subject, passive_before, subject_head};

mod directive;
mod instruction;
mod judge;
mod phrase;
mod schedule;
mod there;
mod verbs;

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
    /// Needs a promised number, a deadline, or an actor as the cue's subject ("the Ministry
    /// of Healthcare plans to introduce ...", "KPPF will send the projects ..."): what a verb
    /// outside the closed lists needs when its object is concrete.
    Evidence,
    /// Needs a promised number or a deadline ("will be developed by 2020").
    NumberOrDate,
    /// Needs a deadline ("must be completed by September").
    Date,
    /// Needs a deadline or another accepted cue (work in progress).
    Completion,
    /// Needs both a promised number and a deadline: effort as the subject ("The active work
    /// will be continued on digitization of more than 100 enterprises in 2019").
    NumberAndDate,
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
    /// An active instruction ("instructed", "entrusted"): it commits only when someone who can
    /// instruct is named before it ("the Prime Minister instructed"), not when a document
    /// "entrusted obligations to ensure ...".
    pub needs_agent: bool,
    /// An active "will <verb>" whose subject is a body or a group of people ("universities
    /// will acquire", "residents will receive"): it may act or receive without a named actor.
    pub body: bool,
}

impl Cue {
    /// A cue that needs `need` and none of the subject checks (a plan, an instruction or a
    /// progress report recognised by its wording alone).
    pub(super) fn bare(start: usize, end: usize, kind: Kind, need: Need) -> Cue {
        Cue { start, end, kind, need, indicator: false, needs_actor: false, active: false, needs_agent: false, body: false }
    }
}

/// A decision not to do something, dated, laid on a body or a group of people: "In March, the
/// Kazakh teachers will not conduct traditional spring census", "In March, our teachers will
/// no longer go from house to house" (pm-1643). A policy change one can check, unlike "the
/// bill will not lead to negative consequences" or "they will not have to fill in records".
fn negative_decision(s: &str, start: usize, neg: &str, verb: &str) -> Option<(Kind, Need, bool)> {
    let no_longer = neg.contains("longer");
    let acts = matches!(
        judge_verb(verb),
        Tier::Strong | Tier::Concrete | Tier::Vague
    ) || (no_longer
        && !matches!(verb, "be" | "have" | "able" | "need" | "allow" | "let"));
    (acts && phrase::body_subject(s, start) && !has(lx::INDICATOR_VERBS, verb)).then_some((
        Kind::Future,
        Need::Date,
        false,
    ))
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
    lead_in: Regex,
    item: Regex,
    imperative: Regex,
    target: Regex,
    present_passive: Regex,
    coming_period: Regex,
}

#[rustfmt::skip]
const ADV: &str = r"also|just|merely|further|additionally|then|soon|now|first|finally|only|still|again|jointly|gradually|fully|completely|successfully|partially|annually|certainly|definitely|necessarily|already|even|actively|immediately|eventually|likely|therefore|thus|later|next|substantially|significantly|mainly|primarily|in\s+turn|as\s+well";

impl Cues {
    pub(super) fn new() -> Self {
        let fut = format!(
            r"(?P<fut>(?-u:\b)(?:will|shall|would)(?P<fneg>\s+not|\s+no\s+longer|\s+never)?(?:\s+(?:{ADV}))*\s+(?P<fbe>be\s+(?:(?:{ADV}|being)\s+)*)?(?P<fverb>[a-z]+(?:-[a-z]+)?)|(?-u:\b)(?:won't|wouldn't)(?-u:\b))"
        );
        // Obligations: "must", "needs to", "it is necessary for the akimats to", "the need for
        // the executive bodies to" (the "for" phrase names who is obliged).
        let modal = format!(
            r"(?P<modal>(?-u:\b)(?:must|should|has\s+to|have\s+to|needs?\s+to|need\s+for\s+(?P<mfor2>[^,.;:]{{2,120}}?)\s+to|it\s+is\s+(?:also\s+)?(?:necessary|required|needed)(?:\s+for\s+(?P<mfor>[^,.;:]{{2,120}}?))?\s+to|necessary\s+to)(?P<mneg>\s+not)?(?:\s+(?:{ADV}))*\s+(?:be\s+(?:(?:{ADV})\s+)*)?(?P<mverb>[a-z]+))"
        );
        let plan = format!(
            r"(?P<plan>(?-u:\b)(?:(?:it\s+)?(?P<paux>is|are|was|were|has\s+been|have\s+been|had\s+been|it['’]s)(?P<pneg>\s+not)?\s+(?:(?:{ADV})\s+)?(?P<pword>planned|scheduled|envisaged|provided\s+for|expected|due|set|supposed|going|projected|forecast|forecasted|foreseen|to)(?-u:\b)|(?P<pword2>plans?|planning|intends?|intending|aims?|aiming|pledged|pledges|promised|promises|vowed|vows|committed|undertook|undertakes|undertaken|envisages|envisage|provides\s+for|provide\s+for|foresees|foresee|stipulates|stipulate|targets?)(?-u:\b))(?:\s+(?P<pto>to|for|that)(?-u:\b))?(?:\s+(?:be|have\s+been))?(?:\s+(?:{ADV}))*(?:\s+(?P<pverb>[a-z]+))?)"
        );
        let past = r"(?P<past>(?-u:\b)as\s+(?:planned|promised|scheduled|pledged)(?-u:\b)|(?-u:\b)ahead\s+of\s+schedule(?-u:\b))";
        // "instructed", "tasked", "I charge", "set the task": an order to the government, which
        // commits whatever it orders (`ilen`); "ordered" and "obliged" are often a purchase or a
        // legal duty, and keep the stricter reading.
        let instr = r"(?P<instr>(?-u:\b)(?:(?P<ilen>instructed|instructs|instruct|tasked|entrusted|charged|(?:I|we|We)\s+charge|gave\s+(?:an?\s+)?(?:instructions?|orders?|tasks?|assignments?)|(?:was|were)\s+given\s+(?:the\s+)?(?:instructions?|tasks?)|(?:set|sets|setting)(?:\s+out)?\s+(?:(?:the|a|an)\s+)?(?:[a-z]+\s+)?tasks?|(?P<ipass>tasks?\s+(?:has|have|is|are)\s+(?:been\s+)?set))|ordered|obliged|obliges)(?-u:\b))";
        let master = format!("(?i){fut}|{modal}|{plan}|{past}|{instr}");
        Cues {
            master: Regex::new(&master).expect("cue regex"),
            tail_to: Regex::new(r"(?i)(?-u:\b)to\s+(?:be\s+)?(?:(?:also|further|urgently|jointly|promptly|immediately)\s+)?([a-z]+)(?:\s+([a-z]+))?").expect("tail regex"),
            tail_with: Regex::new(r"(?i)^[^.;:]{0,160}?(?-u:\b)(?:with|of)\s+([a-z]+ing)(?-u:\b)").expect("tail regex"),
            conditional: Regex::new(r"(?i)(?-u:\b)(?:if|unless|whether|in\s+case|provided\s+that|otherwise|assuming)(?-u:\b)|^\W*when(?-u:\b)|(?-u:\b)according\s+to\s+(?:the\s+)?(?:forecasts?|estimates|experts|analysts|predictions)(?-u:\b)|(?-u:\b)(?:we|i)\s+hope(?-u:\b)|(?-u:\b)hopes?\s+that(?-u:\b)|(?-u:\b)(?:i|we)(?:\s+am|\s+are|'m|'re)?\s+(?:sure|confident|convinced|certain)(?-u:\b)|(?-u:\b)(?:is|are)\s+(?:sure|confident|convinced)\s+that(?-u:\b)|(?-u:\b)(?:i|we)\s+believe\s+that(?-u:\b)|(?-u:\b)no\s+doubt(?-u:\b)").expect("cond regex"),
            progress: Regex::new(r"(?i)(?-u:\b)(?:is|are)\s+(?:now\s+|currently\s+|already\s+|still\s+|actively\s+)?(?:being\s+(?:built|constructed|reconstructed|implemented|modernized|repaired|installed|laid|erected|renovated|carried\s+out|completed|finalized|launched|introduced|created|established|opened|developed|drafted)|under\s+(?:construction|reconstruction|way|implementation|repair)|underway|in\s+progress)|(?-u:\b)(?:construction|works?|reconstruction|implementation|repairs?)\s+(?:has\s+|have\s+)?(?:already\s+)?(?:begun|began|started|commenced)|(?-u:\b)(?:has|have)\s+(?:already\s+)?(?:begun|started|commenced)\s+(?:the\s+)?(?:construction|building|reconstruction|implementation|work)").expect("progress regex"),
            completed: Regex::new(r"(?i)(?-u:\b)(?:has|have|had)\s+(?:already\s+)?been\s+(?:successfully\s+|fully\s+|already\s+)?([a-z]+(?:ed|lt|ne|en))(?-u:\b)(?:\s+(?:into|over))?|(?-u:\b)(?:was|were)\s+(?:successfully\s+|fully\s+|already\s+)?(completed|commissioned|built|fulfilled|opened|launched|finished|put\s+into|achieved)(?-u:\b)").expect("completed regex"),
            present_passive: Regex::new(&format!(r"(?i)(?-u:\b)(?:is|are)(?:\s+(?:{ADV}))*\s+([a-z]+)(?-u:\b)")).expect("present regex"),
            coming_period: Regex::new(r"(?i)(?-u:\b)(?:(?:from|beginning\s+(?:with|from|in)|starting\s+(?:with|from|in)|since|as\s+of|in|during|by|within)\s+(?:the\s+)?(?:next|coming|upcoming)|next)\s+(?:year|month|week|academic\s+year|school\s+year|spring|summer|autumn|fall|winter|heating\s+season)(?-u:\b)|(?-u:\b)(?:in|from|starting|by|until|before)\s+(?:(?:the\s+)?end\s+of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+(?:of\s+)?(?:this|the\s+current|next)\s+year(?-u:\b)|(?-u:\b)(?:by|before|until)\s+the\s+end\s+of\s+(?:this|the\s+current)\s+year(?-u:\b)").expect("period regex"),
            lead_in: Regex::new(r"(?i)(?-u:\b)(?:instruct\w*|tasks?|tasked|assignments?|orders?|ordered|charged|entrusted|plann(?:ed|ing)|plans?|envisag\w*)(?-u:\b)[^:]*:\W*$").expect("lead-in regex"),
            target: Regex::new(r"(?i)(?-u:\b)(?:(?:our|the|main|key|strategic|primary|priority)\s+(?:[a-z-]+\s+)?(?:task|goal|target|objective|aim)s?(?:\s+of\s+[^,.;:]{1,80}?)?\s+(?:is|are|will\s+be)\s+to|(?:set|sets|setting|has\s+set|have\s+set)\s+(?:a|the)\s+(?:[a-z-]+\s+)?(?:target|goal)\s+(?:to|of))\s+(?:(?:further|significantly|gradually)\s+)?(?:reduce|increase|raise|bring|cut|lower|double|triple|reach|achieve|enter|create|build|train|connect|cover|provide|attract|export|produce|grow|boost)(?-u:\b)").expect("target regex"),
            imperative: Regex::new(r"^\W*(?:(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Finally)[.,:]?\s+|\d{1,2}[.)]\s+)?(?:Ensure|Provide|Complete|Develop|Build|Construct|Create|Introduce|Implement|Prepare|Adopt|Approve|Allocate|Organize|Organise|Submit|Launch|Repair|Modernize|Modernise|Establish|Transfer|Finish|Accelerate|Take\s+(?:all\s+)?(?:the\s+)?(?:necessary\s+)?measures)\s+(?:the|a|an|all|full|high-quality|timely|[a-z]+)(?-u:\b)").expect("imperative regex"),
            item: Regex::new(r"^(?:(?:[Tt]o)|[A-Z][^.;:]{0,150}?\s+to)\s+(?:(?:also|further|jointly|urgently|promptly|immediately)\s+)?([a-z]+)(?-u:\b)").expect("item regex"),
            cancelled: Regex::new(r"(?i)(?-u:\b)(?:was|were|has\s+been|have\s+been|is|are)\s+(?:officially\s+)?(?:cancell?ed|abandoned|suspended|scrapped|frozen|terminated|halted|shelved)(?-u:\b)|(?-u:\b)decided\s+(?:not\s+to|to\s+(?:abandon|cancel|suspend))(?-u:\b)|(?-u:\b)refused\s+to(?-u:\b)").expect("cancel regex"),
        }
    }

    /// Cheap first look: whether any cue can be in the sentence at all.
    pub(super) fn any(&self, s: &str) -> bool {
        self.master.is_match(s) || self.progress.is_match(s) || self.coming_period.is_match(s)
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

    /// Whether the sentence introduces a list of instructions or planned measures ("gave the
    /// following instructions:", "it is planned:"), whose items may be bare infinitives.
    pub(super) fn lead_in(&self, s: &str) -> bool {
        self.lead_in.is_match(s)
    }

    /// A list item after a lead-in that orders an action: "To cease any construction works;",
    /// "Mayor's Office to allocate funds;". Its cue is the infinitive, judged as an instruction;
    /// nominal items ("Support for mortgage lending;") and items with a finite verb are not.
    /// Returns the cue and whether the item names its addressee before "to" (the caller checks
    /// that it is an actor: "Mayor's Office to allocate", not "Special allowances to families").
    pub(super) fn list_item(&self, s: &str) -> Option<(Cue, bool)> {
        let caps = self.item.captures(s)?;
        let m = caps.get(0).expect("group 0");
        let finite = |w: &str| {
            matches!(
                w,
                "is" | "are" | "was" | "were" | "will" | "has" | "have" | "had" | "would" | "can"
            )
        };
        let past = |w: &str| matches!(w, "was" | "were" | "had" | "been");
        if m.as_str()
            .split_whitespace()
            .any(|w| finite(&w.to_ascii_lowercase()))
            || s.split_whitespace().any(|w| past(&w.to_ascii_lowercase()))
        {
            return None; // a statement, or a report of what was done ("To fulfil ..., 48 were held")
        }
        let verb = lemma(&caps[1].to_ascii_lowercase());
        if judge::NOT_VERBS.contains(&verb.as_str())
            || matches!(verb.as_str(), "be" | "become" | "remain" | "date")
        {
            return None; // "To date, ...", "Akims to the ..."
        }
        let start = caps.get(1).map_or(0, |v| v.start());
        let addressee = !m
            .as_str()
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("to "));
        let cue = Cue::bare(start.saturating_sub(3), m.end(), Kind::Instruct, Need::Nothing);
        Some((cue, addressee))
    }

    /// A target the government sets itself, with the number it aims at: "our task is to reduce
    /// the load by two times within three years", "Kazakhstan set a target to reduce the
    /// proportion of state involvement in the economy to ... 15%". Needs that number or a date.
    fn stated_target(&self, s: &str) -> Option<Cue> {
        let m = self.target.find(s)?;
        let after = &s[m.end()..];
        let counted = after.contains(|c: char| c.is_ascii_digit())
            || [" times", " twice", " double", "half"].iter().any(|w| after.contains(w));
        counted.then(|| Cue::bare(m.start(), m.end(), Kind::Plan, Need::NumberOrDate))
    }

    /// An order worded as an imperative, as quoted instructions often are ("Complete the work
    /// on the transfer of ownerless hydraulic structures to communal property.", "Second.
    /// Ensure the relocation of people ..."): the government commits to it like to "instructed
    /// to". A sentence with a finite verb is a statement, not an order.
    pub(super) fn imperative(&self, s: &str) -> Option<Cue> {
        let m = self.imperative.find(s)?;
        let finite = s.split_whitespace().any(|w| {
            matches!(
                w.to_ascii_lowercase().trim_matches(|c: char| !c.is_ascii_alphabetic()),
                "is" | "are" | "was" | "were" | "will" | "has" | "have" | "had" | "would" | "can" | "been"
            )
        });
        (!finite).then(|| Cue::bare(m.start(), m.end(), Kind::Instruct, Need::Nothing))
    }

    /// Whether the subject before `pos` is a document or a plan ("the new probation law will
    /// introduce probation"): what it will bring in is the government's undertaking.
    pub(super) fn document_subject(&self, s: &str, pos: usize) -> bool {
        has(lx::DOCUMENT_NOUNS, &subject_head(s, pos))
    }

    /// Whether the cue at `pos` follows a name written with a capital inside the sentence
    /// ("In this direction, starting in 2019, the Chamber will issue ..."): a named body, which
    /// can act like one the actor list knows. Documents, events and abstractions do not count
    /// ("the Program will provide").
    pub(super) fn named_subject(&self, s: &str, pos: usize) -> bool {
        let before = s[..pos].trim_end();
        let Some(i) = before.rfind(' ') else {
            return false;
        };
        let word = before[i + 1..].trim_matches(|c: char| !c.is_alphanumeric());
        let lower = word.to_ascii_lowercase();
        word.starts_with(|c: char| c.is_ascii_uppercase())
            && word.len() > 2
            && lower == subject_head(s, pos)
            && !has(lx::DOCUMENT_NOUNS, &lower)
            && !has(lx::EVENT_NOUNS, &lower)
            && !has(lx::ABSTRACT_NOUNS, &lower)
            && !has(lx::MONTHS, &lower)
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
                .or_else(|| word("mverb"))
                .map(|v| lemma(&v))
                .unwrap_or_default();
            let strong_verb = has(lx::STRONG, &verb_word);
            let head = subject_head(s, start);
            let mut directive = None;
            // "The first 3-5 years will be spent on reaching the designed capacity": a span of
            // time as the subject is a duration, not something delivered.
            // "About 90 billion tenge over 3 years will be allocated": a duration after a
            // preposition is an adjunct, not the subject.
            let adjunct = {
                let before = s[..start].to_ascii_lowercase();
                let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
                words.iter().skip(1).any(|w| matches!(*w, "over" | "for" | "within" | "in" | "during" | "than"))
            };
            if caps.name("fut").is_some()
                && !adjunct
                && matches!(
                    head.as_str(),
                    "year" | "years" | "months" | "month" | "weeks" | "days" | "decade" | "decades"
                )
            {
                continue;
            }
            // "Seminars will be held for health professionals until 28 August": a service or
            // training delivered to people, not a gathering of officials.
            let service = caps.name("fbe").is_some()
                && caps.name("fneg").is_none()
                && has(lx::SERVICE_EVENTS, &head)
                && matches!(
                    verb_word.as_str(),
                    "held" | "conducted" | "organized" | "organised" | "provided" | "carried"
                );
            // "This innovation will take effect on January 1, 2017": a rule enters into force on
            // a date, a policy change whoever its subject is.
            let in_force = caps.name("fut").is_some()
                && caps.name("fneg").is_none()
                && phrase::takes_effect(&verb_word, &s[end..]);
            let judged = if service {
                Some((Kind::Future, Need::NumberOrDate, false))
            } else if in_force {
                Some((Kind::Future, Need::Date, false))
            } else if caps.name("fut").is_some() {
                if let Some(neg) = caps.name("fneg")
                    && caps.name("fverb").is_some()
                {
                    negative_decision(s, start, neg.as_str(), &verb_word)
                } else if caps.name("fneg").is_some() || caps.name("fverb").is_none() {
                    None
                } else {
                    let verb = word("fverb").unwrap_or_default();
                    let would = m.as_str().to_ascii_lowercase().starts_with("would");
                    self.judge_future(s, start, end, &verb, caps.name("fbe").is_some(), would)
                }
            } else if caps.name("modal").is_some() {
                directive = self.judge_directive(s, &caps);
                directive.map(|d| (Kind::Modal, d.need, false))
            } else if caps.name("plan").is_some() {
                self.judge_plan(s, &caps)
            } else if caps.name("past").is_some() {
                Some((Kind::PastPlan, Need::Nothing, false))
            } else {
                // "set the task to bring the agricultural sector into the key drivers": a task
                // set is judged like "ordered", by what it orders.
                let set_task = m.as_str().to_ascii_lowercase().starts_with("set");
                self.judge_instruction(&s[end..], caps.name("ilen").is_some() && !set_task)
            };
            if let Some((kind, mut need, indicator)) = judged
                && (service || !event_subject(s, start))
            {
                // "there will be 3 new dams": "be" is no action of its own.
                let active =
                    kind == Kind::Future && caps.name("fbe").is_none() && verb_word != "be";
                // "In the second five-year plan it is planned to ...": an impersonal "it".
                let abstract_subject =
                    has(lx::ABSTRACT_NOUNS, &head) && !(kind == Kind::Plan && head == "it");
                // "the project envisages the construction of ...": a plan's content, whose
                // subject is the plan itself.
                let content = kind == Kind::Plan
                    && word("pword2").is_some_and(|w| {
                        ["envisage", "provide", "foresee", "stipulate"]
                            .iter()
                            .any(|p| w.starts_with(p))
                    });
                // "Mechanisms ... will be worked out", "the rules will be approved": a document
                // is delivered by drawing it up, which one can check later.
                // "KPPF's funds will be used to finance ...": money put to a purpose.
                let spent = kind == Kind::Future
                    && !active
                    && has(lx::MONEY_NOUNS, &head)
                    && matches!(
                        verb_word.as_str(),
                        "used"
                            | "directed"
                            | "spent"
                            | "channeled"
                            | "channelled"
                            | "allocated"
                            | "sent"
                    );
                // Carrying a project out ("will be implemented with the support of UNDP") is
                // not drawing it up: that needs a date (below), like any abstract subject.
                let carried_out = matches!(
                    verb_word.as_str(),
                    "implemented" | "applied" | "executed" | "used" | "carried"
                );
                let document = kind == Kind::Future
                    && !active
                    && !carried_out
                    && has(lx::DOCUMENT_NOUNS, &head)
                    && (has(lx::DRAFTING_VERBS, &verb_word)
                        || matches!(judge_verb(&verb_word), Tier::Strong | Tier::Concrete));
                // "It will finance further construction of 600 thousand sq. m": a pronoun for a
                // body, with a concrete verb and a number or a date.
                let pronoun_actor = active
                    && phrase::entity_pronoun(&head)
                    && matches!(judge_verb(&verb_word), Tier::Strong | Tier::Concrete);
                if document || spent {
                    need = Need::Nothing;
                }
                // "This project will be implemented in 2016-2017": carrying out a project or
                // rules commits an abstract subject when a date is given.
                let dated_passive = kind == Kind::Future
                    && !active
                    && matches!(
                        verb_word.as_str(),
                        "implemented"
                            | "approved"
                            | "adopted"
                            | "finished"
                            | "executed"
                            | "applied"
                            | "introduced"
                            | "launched"
                            | "available"
                    );
                // "Welding works of linear pipes will begin March 21, 2019": works that start on
                // a date, unlike "work will begin" with none.
                let dated_start = kind == Kind::Future
                    && active
                    && matches!(verb_word.as_str(), "begin" | "start" | "commence")
                    && matches!(head.as_str(), "work" | "works");
                // "Work will be carried out" is rhetoric, but work on 100 enterprises in 2019
                // can be checked.
                let effort_passive = kind == Kind::Future
                    && !active
                    && matches!(
                        head.as_str(),
                        "work" | "works" | "activities" | "activity" | "measures"
                    );
                if abstract_subject
                    && (!strong_verb || active)
                    && !indicator
                    && kind != Kind::Instruct
                    && !document
                    && !spent
                    && !content
                    && !in_force
                {
                    if pronoun_actor {
                        need = need.max(Need::NumberOrDate);
                    } else if effort_passive {
                        need = Need::NumberAndDate;
                    } else if !dated_passive && !dated_start {
                        continue; // "work will be carried out", "it will connect", "which will allow"
                    } else {
                        need = need.max(Need::Date);
                    }
                }
                let body = (active && !abstract_subject && phrase::body_subject(s, start))
                    || directive.is_some_and(|d: Directive| d.addressed);
                let needs_actor =
                    active && !strong_verb && !indicator && !body && !in_force && !dated_start;
                let passive = kind == Kind::Instruct && passive_before(s, start);
                let passive_head = || subject_head(s, before_auxiliaries(s, start));
                let body_named = || {
                    let lower = s[..start].to_ascii_lowercase();
                    BODY_STEMS.iter().any(|b| lower.contains(b))
                };
                if passive
                    && has(lx::ABSTRACT_NOUNS, &passive_head())
                    && passive_head() != "it"
                    && !body_named()
                {
                    continue; // "The second initiative is also tasked with studying ..."
                }
                // "the task has been set to cover 14,000 people": set by the government, unnamed.
                let needs_agent =
                    kind == Kind::Instruct && !passive && caps.name("ipass").is_none();
                out.push(Cue {
                    start,
                    end,
                    kind,
                    need,
                    indicator,
                    needs_actor,
                    active,
                    needs_agent,
                    body,
                });
            }
        }
        if out.is_empty()
            && let Some(cue) = self
                .scheduled_present(s)
                .or_else(|| self.scheduled_active(s))
        {
            out.push(cue);
        }
        if let Some((start, end)) = self.progress(s)
            && !event_subject(s, start)
        {
            out.push(Cue::bare(start, end, Kind::Progress, Need::Completion));
        }
        out.extend(self.stated_target(s));
        out
    }
}
