//! The gazetteer file (`config/gazetteer.toml`): Kazakhstan's 20 first-level units and the
//! places inside them, with their spellings and old names.
//!
//! It is built by `tools/gazetteer/build.py` from GeoNames data; this module only reads it.

use serde::Deserialize;

use crate::domain::RegionId;

/// The parsed gazetteer.
#[derive(Debug, Clone, Deserialize)]
pub struct Gazetteer {
    /// File format version.
    pub version: u32,
    /// The first-level units: the only valid region ids.
    #[serde(rename = "region")]
    pub regions: Vec<RegionEntry>,
    /// Cities, towns, villages, districts and sites, each in one unit.
    #[serde(rename = "place", default)]
    pub places: Vec<PlaceEntry>,
}

/// A first-level unit.
#[derive(Debug, Clone, Deserialize)]
pub struct RegionEntry {
    /// The id used everywhere (`kyzylorda`).
    pub id: RegionId,
    /// `region` or `city` (the cities of national significance).
    pub kind: String,
    /// English display name.
    pub name: String,
    /// Names of the unit itself, in every language and spelling.
    #[serde(default)]
    pub names: Vec<String>,
    /// Names from before the 2018 and 2022 reforms that now mean this unit.
    #[serde(default)]
    pub old_names: Vec<String>,
}

/// A place inside a unit.
#[derive(Debug, Clone, Deserialize)]
pub struct PlaceEntry {
    /// Main English name.
    pub name: String,
    /// The unit it belongs to under today's boundaries.
    pub region: RegionId,
    /// `city`, `town`, `village`, `district` or `site`.
    pub kind: String,
    /// Population (0 when unknown); decides between namesakes.
    #[serde(default)]
    pub population: u64,
    /// Every spelling (Latin and Cyrillic).
    #[serde(default)]
    pub names: Vec<String>,
    /// Whether a name of it is also a common word, a person's name or a foreign place, so a
    /// mention counts only with supporting context.
    #[serde(default)]
    pub ambiguous: bool,
}

impl Gazetteer {
    /// Parses the TOML text of a gazetteer file.
    pub fn from_toml(text: &str) -> Result<Gazetteer, String> {
        let g: Gazetteer = toml::from_str(text).map_err(|e| e.to_string())?;
        if g.regions.is_empty() {
            return Err("it lists no [[region]]".into());
        }
        let ids: std::collections::HashSet<&RegionId> = g.regions.iter().map(|r| &r.id).collect();
        if let Some(p) = g.places.iter().find(|p| !ids.contains(&p.region)) {
            return Err(format!("place `{}` is in unknown region `{}`", p.name, p.region));
        }
        Ok(g)
    }
}
