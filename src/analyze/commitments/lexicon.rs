//! Word lists that decide what counts as a concrete undertaking, an event, an indicator or a
//! unit. Data only: every rule that uses them lives in `cues.rs`, `quantities.rs` or
//! `actor.rs`. All entries are lower case; look words up with [`has`].

/// Whether `list` holds `word` (already lower-cased).
pub(super) fn has(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Verbs of concrete physical, financial or service delivery, base form and participle:
/// "will build", "will be built" commit to something one can check later.
#[rustfmt::skip]
pub(super) const CONCRETE: &[&str] = &[
    "build", "built", "construct", "constructed", "commission", "commissioned", "connect",
    "connected", "open", "opened", "launch", "launched", "erect", "erected", "install",
    "installed", "equip", "equipped", "repair", "repaired", "reconstruct", "reconstructed",
    "renovate", "renovated", "modernize", "modernized", "modernise", "modernised", "upgrade",
    "upgraded", "lay", "laid", "pave", "paved", "gasify", "gasified", "complete", "completed",
    "finish", "finished", "allocate", "allocated", "invest", "invested", "finance", "financed",
    "fund", "funded", "purchase", "purchased", "acquire", "acquired", "buy", "bought", "deliver",
    "delivered", "supply", "supplied", "plant", "planted", "create", "created", "establish",
    "established", "put", "hand", "handed", "transfer", "transferred", "restore", "restored",
    "rebuild", "rebuilt", "refurbish", "refurbished", "overhaul", "overhauled", "expand",
    "expanded", "extend", "extended", "double", "doubled", "triple", "tripled", "relocate",
    "relocated", "resettle", "resettled", "demolish", "demolished", "drill", "drilled",
    "electrify", "electrified", "train", "trained", "employ", "employed", "hire", "hired",
    "issue", "issued", "grant", "granted", "disburse", "disbursed", "subsidize", "subsidized",
    "subsidise", "subsidised", "provide", "provided", "distribute", "distributed", "pay", "paid",
    "raise", "raised", "increase", "increased", "reduce", "reduced", "lower", "lowered", "cut",
    "replace", "replaced", "introduce", "introduced", "implement", "implemented", "digitize",
    "digitized", "privatize", "privatized", "privatise", "privatised", "sell", "sold", "spend",
    "spent", "direct", "directed", "reimburse", "reimbursed", "compensate", "compensated",
    "connect", "cover", "covered", "asphalt", "asphalted", "landscape", "landscaped", "supplement",
    "channel", "channeled", "channelled", "allot", "allotted", "recruit", "recruited", "export",
    "exported", "process", "processed", "irrigate", "irrigated", "gasified", "bring", "brought",
    "upgrade", "settle", "eliminate", "eliminated", "abolish", "abolished",
    "exempt", "exempted", "cancel", "canceled", "cancelled", "adopt", "adopted", "approve",
    "approved", "develop", "developed", "sign", "signed", "draft", "drafted", "submit",
    "submitted", "prepare", "prepared", "attract", "attracted", "produce", "produced", "start",
    "started", "begin", "begun", "set", "form", "formed", "organize", "organized", "organise",
    "organised", "transform", "transformed",
    "transition", "transitioned", "switch", "switched", "move", "moved", "convert", "converted",
    "unify", "unified", "merge", "merged", "automate", "automated", "publish", "published",
    "revise", "revised", "amend", "amended", "update", "updated", "return", "returned",
    "unite", "united", "integrate", "integrated", "combine", "combined", "consolidate",
    "consolidated",
];

/// Concrete verbs that commit on their own, without a number or a date ("will be built").
/// The rest of [`CONCRETE`] ("developed", "approved", "carried out") needs one or the other.
#[rustfmt::skip]
pub(super) const STRONG: &[&str] = &[
    "build", "built", "construct", "constructed", "commission", "commissioned", "connect",
    "connected", "open", "opened", "launch", "launched", "erect", "erected", "install",
    "installed", "equip", "equipped", "repair", "repaired", "reconstruct", "reconstructed",
    "renovate", "renovated", "modernize", "modernized", "modernise", "modernised", "upgrade",
    "upgraded", "lay", "laid", "pave", "paved", "gasify", "gasified", "allocate", "allocated",
    "invest", "invested", "finance", "financed", "fund", "funded", "purchase", "purchased",
    "plant", "planted", "create", "created", "establish", "established", "restore", "restored",
    "rebuild", "rebuilt", "relocate", "relocated", "resettle", "resettled", "electrify",
    "electrified", "subsidize", "subsidized", "subsidise", "subsidised", "privatize",
    "privatized", "privatise", "privatised", "asphalt", "asphalted", "irrigate", "irrigated",
    "complete", "completed", "spend", "spent", "introduce", "introduced", "allot", "allotted",
];

/// Paperwork verbs: planning to "submit", "prepare" or "revise" something commits only with a
/// number or a date.
#[rustfmt::skip]
pub(super) const PROCEDURAL: &[&str] = &[
    "submit", "submitted", "prepare", "prepared", "draft", "drafted", "revise", "revised",
    "amend", "amended", "update", "updated", "publish", "published", "review", "reviewed",
    "develop", "developed", "form", "formed", "organize", "organized", "organise", "organised",
    "set", "start", "begin", "move", "return", "export", "exported", "produce", "produced",
    "attract", "attracted", "process", "processed", "bring", "brought", "carry", "carried",
];

/// Words that, after "will (be)", "plans to" or "instructed to", describe effort rather than a
/// checkable result ("will continue to support", "will help"): no commitment without a number
/// or a date, and some (see [`RHETORIC`]) never.
#[rustfmt::skip]
pub(super) const VAGUE: &[&str] = &[
    "continue", "continued", "support", "supported", "help", "helped", "contribute", "promote",
    "promoted", "strengthen", "strengthened", "intensify", "intensified", "enhance", "enhanced",
    "improve", "improved", "ensure", "ensured", "take", "taken", "work", "worked", "focus",
    "focused", "facilitate", "foster", "stimulate", "stimulated", "encourage", "maintain",
    "maintained", "keep", "kept", "pay", "study", "studied", "analyze", "analyzed", "analyse",
    "monitor", "monitored", "control", "controlled", "strive", "seek", "try", "pursue", "deepen",
    "use", "used", "give", "given", "carry", "carried", "conduct", "conducted", "pay", "involve", "involved", "address",
    "addressed", "solve", "solved", "resolve", "resolved", "strengthen", "step", "accelerate", "speed", "simplify",
    "simplified", "pay", "treat", "tighten", "tightened", "consider", "explore", "examine",
    "check", "checked", "inspect", "inspected", "assess", "assessed", "evaluate", "evaluated",
];

/// Words after "will" that never make a commitment: states, abilities, effects.
#[rustfmt::skip]
pub(super) const RHETORIC: &[&str] = &[
    "be", "become", "remain", "have", "make", "made", "achieve", "achieved", "allow", "allowed", "enable", "let", "need", "require",
    "required", "able", "possible", "necessary", "the", "a", "an", "no", "more", "less", "about",
    "benefit", "affect", "lead", "depend", "serve", "mean", "come", "go", "see", "act", "function",
    "inform", "tell", "explain", "report", "talk", "say", "share", "answer", "respond", "thank",
    "congratulate", "assure", "remind", "note", "learn", "understand", "think", "believe",
    "hope", "want", "like", "wish", "look", "feel", "face", "stay", "live", "win", "lose",
    "enter", "rank", "overtake", "surpass", "outstrip",
    "contain", "consist", "last", "play", "find", "know", "known", "aimed", "based", "located",
    "available", "useful", "interesting", "important", "enough", "sufficient", "ready", "done",
    "determined", "decided", "reflected", "included", "represent", "participate",
    "inevitably", "always", "not", "never", "definitely", "certainly", "surely",
];

/// Verbs of scheduled happenings: "the forum will be held", "the council will meet".
#[rustfmt::skip]
pub(super) const EVENT_VERBS: &[&str] = &[
    "hold", "held", "meet", "visit", "visited", "attend", "attended", "discuss", "discussed",
    "host", "hosted", "convene", "convened", "broadcast", "broadcasted", "present", "presented",
    "celebrate", "celebrated", "speak", "participate", "gather", "summed", "sum", "hear", "heard",
    "announce", "announced", "award", "awarded", "welcome", "welcomed",
    "debate", "debated", "chair", "chaired", "arrive", "travel", "honor", "honour",
    "honored", "honoured", "screen", "screened", "shown", "show", "perform", "performed",
    "compete", "play", "played", "interview", "interviewed", "considered", "consider",
    "displayed", "display", "exhibit", "exhibited",
];

/// Nouns of events and gatherings; a sentence whose subject is one of them schedules an event.
#[rustfmt::skip]
pub(super) const EVENT_NOUNS: &[&str] = &[
    "meeting", "meetings", "session", "sessions", "sitting", "forum", "forums", "conference",
    "conferences", "summit", "congress", "exhibition", "exhibitions", "expo", "fair", "festival",
    "festivals", "visit", "visits", "trip", "tour", "competition", "competitions", "championship",
    "championships", "tournament", "cup", "games", "olympiad", "contest", "event", "events",
    "ceremony", "seminar", "seminars", "workshop", "workshops", "table", "roundtable",
    "negotiations", "talks", "hearing", "hearings", "presentation", "briefing", "celebration",
    "celebrations", "concert", "marathon", "universiade", "plenary", "discussion", "discussions",
    "consultations", "dialogue", "show", "lecture", "lectures", "webinar", "panel",
    "assembly", "parade", "match", "race", "fest", "gala", "week", "day", "days",
    "year", "decade", "contests", "round", "hackathon", "auction", "tender", "vote", "election",
    "elections", "referendum", "audit", "inspection", "inspections", "celebration", "anniversary",
    "broadcast", "report", "speech", "address", "message", "campaign", "action", "flashmob",
];

/// Abstract subjects: "work will be carried out", "measures will be taken" promise effort, not
/// a result; such a subject needs a verb that commits on its own.
#[rustfmt::skip]
pub(super) const ABSTRACT_NOUNS: &[&str] = &[
    "work", "works", "measures", "activities", "activity", "efforts", "steps", "attention",
    "issues", "issue", "question", "questions", "cooperation", "analysis", "monitoring",
    "control", "discussions", "development", "implementation", "introduction", "use", "growth",
    "this", "it", "which", "that", "these", "those", "they", "he", "she", "who", "all",
    "everything", "situation", "process", "processes", "approach", "approaches", "role",
    "interaction", "dialogue", "partnership", "relations", "contacts", "conditions", "mechanism",
    "mechanisms", "system", "policy", "decision", "decisions", "proposals", "results", "result",
    "modernization", "modernisation", "digitalization", "digitization", "transition", "project",
    "approach", "principle", "principles", "support", "services", "service", "access",
    "attention", "priority", "priorities", "tasks", "task", "norms", "requirements", "rules",
    "practice", "tool", "tools", "opportunity", "opportunities", "potential", "effect",
    "impact", "conditions", "environment", "quality", "efficiency", "transparency", "changes",
    "innovations", "reforms", "reform", "initiatives", "initiative", "ideas", "idea", "plans",
    "experience", "knowledge", "information", "data", "methods", "method", "methodology",
    "legislation", "procedures", "procedure", "order", "regime", "model", "models", "concept",

];

/// Verbs that move an indicator; a commitment only with an actor as subject or a "by 2025" target.
#[rustfmt::skip]
pub(super) const INDICATOR_VERBS: &[&str] = &[
    "grow", "increase", "rise", "decrease", "decline", "fall", "drop", "reach", "exceed",
    "amount", "total", "double", "make", "reduce", "rise", "slow", "accelerate", "stabilize",
    "stay", "remain", "return", "recover", "improve", "change",
];

/// Words skipped between a number and the noun it counts ("200 additional villages").
#[rustfmt::skip]
pub(super) const SKIP_ADJ: &[&str] = &[
    "additional", "new", "more", "modern", "small", "large", "big", "major", "social", "rural",
    "residential", "public", "private", "comfortable", "individual", "rental", "credit",
    "affordable", "further", "extra", "other", "such", "main", "key", "local", "regional",
    "national", "municipal", "state", "state-owned", "own", "large-scale", "medium-sized",
    "multi-storey", "multi-apartment", "high-rise", "low-rise", "hundred", "separate",
    "different", "various", "remaining", "existing", "similar", "specialized", "specialised",
    "mobile", "free", "paid", "permanent", "temporary", "young", "total", "rented", "equipped",
    "kazakh", "kazakhstani", "foreign", "domestic", "international", "joint", "priority",
    "investment", "innovative", "industrial", "agricultural", "educational", "medical",
    "sports", "cultural", "technical", "vocational", "primary", "secondary", "higher", "modular",
    "standard", "typical", "most", "least", "active", "socially", "significant", "important",
    "the", "a", "an", "above", "over", "under", "up", "to", "about", "around", "nearly",
    "almost", "approximately", "roughly", "some",
];

/// Nouns of time spans; counted durations are deadlines, not promised quantities.
#[rustfmt::skip]
pub(super) const TIME_UNITS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    "minute", "minutes", "second", "seconds", "decade", "decades", "century", "quarter",
    "quarters", "times", "time", "am", "pm", "a.m", "p.m", "o'clock", "yrs", "th", "st", "nd",
    "rd", "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "per", "will",
    "are", "is", "was", "were", "have", "has", "be", "been", "that", "which", "than", "as",
    "the", "a", "an", "thousand", "million", "billion", "trillion", "percent", "them", "those",
    "these", "it", "they", "ones", "one", "such", "each", "all", "people's", "into", "onto",
    "across", "through", "among", "within", "during", "via", "including", "until", "till",
    "before", "after", "who", "where", "while", "but", "not",
];

/// Month names (full and abbreviated), for dates and deadlines.
#[rustfmt::skip]
pub(super) const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

/// Capacity nouns written as "300-bed hospital": the count is of these.
#[rustfmt::skip]
pub(super) const CAPACITY_NOUNS: &[&str] = &[
    "bed", "seat", "place", "pupil", "student", "apartment", "flat", "room", "head", "ton",
    "tonne", "megawatt", "kilometer", "kilometre", "km", "mw", "child", "visit", "unit",
];

/// Verbs of receiving: "residents will receive consultations", "5,000 families will get
/// apartments". A delivery seen from the beneficiary's side, so a commitment when what is
/// received is concrete (not "an impetus", "an opportunity") and the receiver is a group of
/// people or bodies, or a number is given.
#[rustfmt::skip]
pub(super) const RECEIVE_VERBS: &[&str] = &[
    "receive", "received", "get", "obtain", "obtained", "gain", "acquire", "acquired",
];

/// Objects that name an effect or a chance rather than something delivered: "will receive an
/// impetus", "will get an opportunity", "will give a boost". With [`ABSTRACT_NOUNS`], what a
/// verb of unknown meaning must not have as its object to commit.
#[rustfmt::skip]
pub(super) const EFFECT_NOUNS: &[&str] = &[
    "impetus", "boost", "push", "chance", "chances", "benefit", "benefits", "advantage",
    "advantages", "effect", "effects", "impact", "momentum", "incentive", "incentives",
    "success", "successes", "progress", "way", "place", "part", "step", "stage", "level",
    "levels", "role", "importance", "significance", "interest", "confidence", "trust", "help",
    "contribution", "competitiveness", "stability", "security", "safety", "life", "lives",
    "future", "time", "look", "view", "sense", "idea", "ideas", "attention", "account",
    "care", "note", "position", "positions", "policy", "course", "direction", "directions",
    "agenda", "dynamics", "trend", "trends", "pace", "efforts", "emphasis", "priority",
    "leader", "leaders", "center", "hub", "example", "model", "basis", "platform", "driver",
    "drivers", "engine", "answer", "response", "solution", "problem", "problems", "result",
    "results", "goal", "goals", "aim", "aims", "mission",
];

/// Documents and arrangements that are delivered by drawing them up: "mechanisms will be
/// worked out", "the rules will be approved", "a roadmap will be developed". Unlike "work" or
/// "measures", one can check later whether the document exists.
#[rustfmt::skip]
pub(super) const DOCUMENT_NOUNS: &[&str] = &[
    "mechanism", "mechanisms", "rules", "law", "laws", "bill", "bills", "program", "programs",
    "programme", "programmes", "plan", "plans", "concept", "roadmap", "road", "map", "standard",
    "standards", "methodology", "methodologies", "procedure", "procedures", "requirements",
    "norms", "model", "models", "legislation", "strategy", "strategies", "regulations",
    "regulation", "amendments", "list", "lists", "register", "registry", "criteria", "scheme",
    "schemes", "system", "systems", "database", "platform", "portal", "code", "decree",
    "resolution", "agreement", "agreements", "memorandum", "contract", "contracts",
    "algorithm", "tariff", "tariffs", "budget", "package", "project", "projects", "pilot",
    "method", "methods", "rating", "ranking", "index", "classifier", "catalogue", "catalog",
    "act", "acts", "draft",
];

/// Verbs that deliver a document or an arrangement ("worked out", "drafted", "approved",
/// "tested"): with a subject from [`DOCUMENT_NOUNS`] they commit on their own.
#[rustfmt::skip]
pub(super) const DRAFTING_VERBS: &[&str] = &[
    "developed", "worked", "drafted", "prepared", "adopted", "approved", "introduced",
    "created", "established", "elaborated", "finalized", "finalised", "revised", "amended",
    "updated", "tested", "piloted", "launched", "implemented", "applied", "signed", "submitted",
    "formed", "compiled", "designed", "put", "enacted", "ratified", "concluded", "replaced",
];

/// Subjects that are bodies or groups of people: they can act ("universities will acquire
/// the status of ...", "the enterprise will employ 200 people") or receive what is delivered
/// ("residents will receive ...", "depositors will be paid ..."), unlike "this industry",
/// "development" or "the innovation", whose future is an effect.
#[rustfmt::skip]
pub(super) const BODY_NOUNS: &[&str] = &[
    "university", "universities", "college", "colleges", "school", "schools", "hospital",
    "hospitals", "clinic", "clinics", "enterprise", "enterprises", "company", "companies",
    "bank", "banks", "fund", "operator", "operators", "holding", "akimat", "akimats",
    "ministry", "ministries", "agency", "agencies", "government", "state", "region",
    "regions", "city", "cities", "district", "districts", "investor", "investors",
    "organization", "organizations", "organisations", "institutions", "centers", "centres",
    "residents", "citizens", "families", "farmers", "students", "pupils", "participants",
    "depositors", "pensioners", "recipients", "employees", "workers", "teachers", "doctors",
    "people", "children", "villagers", "entrepreneurs", "businesses", "graduates", "youth",
    "applicants", "borrowers", "specialists", "professionals", "owners", "users", "patients",
    "consumers", "subscribers", "veterans", "mothers", "households", "villages", "settlements",
    "contractor", "contractors", "developer", "developers", "plant", "factory", "mine",
    "corporation", "police", "inspectors", "volunteers", "servicemen", "officials", "staff",
    "parliament", "mazhilis", "senate", "deputies",
];

/// Events that deliver a service or training to people ("seminars will be held for health
/// professionals", "screening will be conducted for 5,000 residents"), not a gathering of
/// officials; they commit with an audience, a number or a date.
#[rustfmt::skip]
pub(super) const SERVICE_EVENTS: &[&str] = &[
    "seminar", "seminars", "training", "trainings", "course", "courses", "workshop",
    "workshops", "classes", "lessons", "screening", "screenings", "examination",
    "examinations", "consultations", "vaccination", "vaccinations", "webinars", "lectures",
];

/// Money as a subject: "the funds will be used to finance ...", "the money received from
/// charging will be used for its maintenance" commit the money to a purpose.
#[rustfmt::skip]
pub(super) const MONEY_NOUNS: &[&str] = &[
    "funds", "money", "means", "resources", "proceeds", "revenue", "revenues", "budget",
    "loan", "loans", "grant", "grants", "tenge", "dollars", "investments", "financing",
    "subsidies", "allocations", "credit", "credits", "tranche", "amount", "sum",
];
