//! The sector taxonomy file (`config/sectors.toml`): the sector ids of the tagging guideline
//! and the terms that signal each. It is the single source of sector terms.

use serde::Deserialize;

use crate::domain::SectorId;

/// The parsed taxonomy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// File format version.
    pub version: u32,
    /// Sectors scoring at least this are reported.
    pub threshold: f32,
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
        if !(0.0..=1.0).contains(&t.threshold) {
            return Err(format!("threshold {} is outside 0..=1", t.threshold));
        }
        Ok(t)
    }
}
