//! Measuring the tagger against labelled articles (`newsmine eval --gold FILE`).
//!
//! Owns: the gold-file format ([`GoldArticle`]) and the scores of the tagging guideline:
//! regions (per article, set match), sectors (micro and macro), commitment sentences (a
//! prediction matches a gold sentence when their spans overlap by at least half of the gold
//! sentence) and, on matched commitments, the accuracy of quantities, deadline year, regions and
//! sector; plus the misses worth looking at first.
//! Invariant: pure; the caller reads the file and runs the analyzer.

mod score;

use serde::{Deserialize, Serialize};

pub use score::{Counts, EvalReport, Misses, SlotAccuracy, score};
#[cfg(test)]
pub(crate) use score::fixture_counts;

use crate::domain::{Quantity, RegionId, SectorId};

/// One labelled article, as a line of a gold file.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldArticle {
    /// Article id (any string).
    pub id: String,
    /// The article text the labels refer to.
    pub text: String,
    /// Publication date, when known (resolves relative deadlines).
    #[serde(default)]
    pub published: Option<String>,
    /// Regions the article is about.
    #[serde(default)]
    pub regions: Vec<RegionId>,
    /// Sectors the article covers.
    #[serde(default)]
    pub sectors: Vec<SectorId>,
    /// Commitments, each with its exact sentence.
    #[serde(default)]
    pub commitments: Vec<GoldCommitment>,
}

/// A labelled commitment.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldCommitment {
    /// The sentence, copied verbatim from the text.
    pub sentence: String,
    /// Promised quantities.
    #[serde(default)]
    pub quantities: Vec<Quantity>,
    /// The deadline phrase as written.
    #[serde(default)]
    pub deadline: Option<String>,
    /// The year the deadline resolves to.
    #[serde(default)]
    pub deadline_year: Option<i32>,
    /// Where it takes place.
    #[serde(default)]
    pub regions: Vec<RegionId>,
    /// Its primary sector.
    #[serde(default)]
    pub sector: Option<SectorId>,
    /// Who commits, as written.
    #[serde(default)]
    pub actor: Option<String>,
}

/// Parses a gold file: one [`GoldArticle`] per non-blank line. Errors name the line.
pub fn parse_gold(text: &str) -> Result<Vec<GoldArticle>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let a: GoldArticle = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        for c in &a.commitments {
            if !a.text.contains(&c.sentence) {
                return Err(format!("line {} ({}): commitment sentence is not in the text: {:?}", i + 1, a.id, c.sentence));
            }
        }
        out.push(a);
    }
    Ok(out)
}
