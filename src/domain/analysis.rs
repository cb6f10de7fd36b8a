//! What the analyze stage finds in a text: regions, sectors and commitments, following
//! `../shared/tagging-guideline.md` (copied to `config/` as the guideline the tagger follows).

use serde::{Deserialize, Serialize};

use super::{RegionId, SectorId};

/// The analysis of one text. Offsets count Unicode scalar values (chars), end exclusive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Regions the text is about, each with the mentions that support it, in id order.
    pub regions: Vec<RegionTag>,
    /// Sectors the text covers, best first.
    pub sectors: Vec<SectorScore>,
    /// Sentences that commit an actor to a future action, in text order.
    pub commitments: Vec<Commitment>,
}

/// A region and the places in the text that named it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionTag {
    /// The first-level unit.
    pub id: RegionId,
    /// Every mention that maps to it, in text order.
    pub mentions: Vec<Mention>,
}

/// A span of the input text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The text as written.
    pub text: String,
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
}

/// A sector and how strongly the text is about it (0..=1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorScore {
    /// The sector.
    pub id: SectorId,
    /// Confidence in 0..=1; only sectors above the taxonomy's threshold are reported.
    pub score: f32,
}

/// A sentence in which an actor undertakes a concrete future action or target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// Char offset where the sentence starts.
    pub start: usize,
    /// Char offset one past the sentence's end.
    pub end: usize,
    /// The sentence.
    pub text: String,
    /// Who commits, as written ("the Prime Minister", "the akimat"), when named.
    pub actor: Option<String>,
    /// Numbers with units that the commitment promises.
    pub quantities: Vec<Quantity>,
    /// When it is due, as written, with the year it resolves to.
    pub deadline: Option<Deadline>,
    /// Where it takes place.
    pub regions: Vec<RegionId>,
    /// The primary sector.
    pub sector: Option<SectorId>,
    /// Where the undertaking stands according to this sentence.
    pub status: CommitmentStatus,
}

/// A promised amount: `{"value": 200, "unit": "villages"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number, with multipliers applied ("56 thousand" is 56000).
    pub value: f64,
    /// What is counted or the currency (`villages`, `tenge`, `USD`, `%`).
    pub unit: String,
}

impl Quantity {
    /// A unit in one spelling, so that two phrasings of one amount compare equal: lower case,
    /// plural dropped, common synonyms and measures' names merged ("Kilometers" and "km",
    /// "tonnes" and "tons", "sq m" and "square meters"). The claim linker matches quantities by
    /// it and `newsmine eval` matches a prediction's units to a labeller's.
    pub fn unit_key(unit: &str) -> String {
        let u = unit.trim().to_lowercase();
        let u = match u.as_str() {
            "kilometers" | "kilometres" | "kilometer" | "kilometre" => "km".to_owned(),
            "ha" | "hectare" => "hectares".to_owned(),
            "square meters" | "square metres" | "sq m" | "m2" | "m²" => "sqm".to_owned(),
            "tons" | "tonnes" | "ton" | "tonne" => "t".to_owned(),
            "megawatts" | "megawatt" => "mw".to_owned(),
            "kilowatts" | "kilowatt" => "kw".to_owned(),
            "persons" | "people" | "residents" | "citizens" | "kazakhstanis" | "inhabitants" | "individuals" => {
                "people".to_owned()
            }
            "objects" | "facilities" | "sites" => "facilities".to_owned(),
            "per cent" | "percent" => "%".to_owned(),
            _ => u,
        };
        if u.len() > 3 && u.ends_with('s') && !u.ends_with("ss") { u[..u.len() - 1].to_owned() } else { u }
    }
}

/// A deadline as written and the calendar year it resolves to, when certain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The time phrase as written ("by 2025", "over the summer").
    pub text: String,
    /// The year, when the phrase or the article's date makes it certain.
    pub year: Option<i32>,
}

/// Where a commitment stands according to the sentence that states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    /// Announced, nothing done yet.
    Planned,
    /// Work has started ("is under construction and will open in 2019").
    InProgress,
    /// Reported done.
    Completed,
    /// Reported abandoned.
    Cancelled,
}

impl CommitmentStatus {
    /// The snake_case name used in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
        }
    }
}
