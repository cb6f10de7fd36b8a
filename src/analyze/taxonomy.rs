//! The sector taxonomy file (`config/sectors.toml`): the sector ids of the tagging guideline,
//! the terms that signal each, the words that head names of organisations and posts, and the
//! thresholds of the scoring (see `sectors.rs`). It is the single source of sector terms.

use serde::Deserialize;

use crate::domain::SectorId;

/// The parsed taxonomy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// File format version.
    pub version: u32,
    /// Evidence (in substantive sentences) at which a sector is reported on its own.
    pub threshold: f32,
    /// Least evidence of a sector reported beside a stronger main sector.
    pub min_evidence: f32,
    /// A sector below `threshold` is reported when its evidence is at least this share of the
    /// evidence of the article's main sector.
    pub relative: f32,
    /// Words that head the name of an organisation or post ("Ministry", "Council"): sector terms
    /// inside such a name are not topics.
    #[serde(default)]
    pub name_heads: Vec<String>,
    /// Phrases that contain sector terms without being about any sector ("Silk Road").
    #[serde(default)]
    pub neutral: Vec<String>,
    /// The sectors, in guideline order.
    #[serde(rename = "sector")]
    pub sectors: Vec<SectorEntry>,
}

/// One sector and its terms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorEntry {
    /// The id used everywhere (`digital`).
    pub id: SectorId,
    /// Display name.
    pub name: String,
    /// What it covers, as the guideline says.
    pub covers: String,
    /// Terms that alone make a sentence about the sector (English and Russian).
    #[serde(default)]
    pub strong: Vec<String>,
    /// Terms that count only together with another term of the sector in the same sentence.
    #[serde(default)]
    pub weak: Vec<String>,
}

impl Taxonomy {
    /// Parses the TOML text of a taxonomy file.
    pub fn from_toml(text: &str) -> Result<Taxonomy, String> {
        let t: Taxonomy = toml::from_str(text).map_err(|e| e.to_string())?;
        if t.sectors.is_empty() {
            return Err("it lists no [[sector]]".into());
        }
        if !(t.threshold > 0.0 && t.threshold.is_finite()) {
            return Err(format!("threshold {} is not a positive number", t.threshold));
        }
        if !(t.min_evidence > 0.0 && t.min_evidence <= t.threshold) {
            return Err(format!("min_evidence {} is outside (0, threshold]", t.min_evidence));
        }
        if !(0.0..=1.0).contains(&t.relative) {
            return Err(format!("relative {} is outside 0..=1", t.relative));
        }
        Ok(t)
    }
}
