//! Sector scores from embeddings: how close a text is to each sector's description, as a
//! second opinion beside the taxonomy's term rules.
//!
//! A sector is described by its name, what it covers and its English strong terms (all from
//! `config/sectors.toml`, so there is still one source of sector vocabulary); its vector is the
//! description's embedding. A text's model score for a sector is the best cosine between the
//! sector's vector and the text's sentence vectors. Measured on the development gold set
//! (README, "Sectors: rules and the model"), these scores did not beat the rules alone, so the
//! analyzer does not use them; they stay available for that comparison to be rerun.

use super::{EmbedError, Encoder};
use crate::analyze::Taxonomy;
use crate::domain::SectorId;

/// One vector per sector of a taxonomy.
pub struct SectorVectors {
    ids: Vec<SectorId>,
    vectors: Vec<Vec<f32>>,
}

/// The text a sector is embedded from: name, coverage, and its English (Latin-script) strong
/// terms, which describe it better than any single word.
pub fn description(name: &str, covers: &str, strong: &[String]) -> String {
    let terms: Vec<&str> = strong.iter().map(String::as_str).filter(|t| t.chars().all(|c| c.is_ascii())).take(40).collect();
    format!("{name}: {covers}. {}", terms.join(", "))
}

impl SectorVectors {
    /// Embeds every sector's description.
    pub fn new(encoder: &dyn Encoder, taxonomy: &Taxonomy) -> Result<SectorVectors, EmbedError> {
        let texts: Vec<String> = taxonomy.sectors.iter().map(|s| description(&s.name, &s.covers, &s.strong)).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        Ok(SectorVectors { ids: taxonomy.sectors.iter().map(|s| s.id.clone()).collect(), vectors: encoder.encode(&refs)? })
    }

    /// For each sector, the best cosine between its vector and any of `sentences` (unit
    /// vectors); 0 when there are none.
    pub fn scores(&self, sentences: &[Vec<f32>]) -> Vec<(SectorId, f32)> {
        self.ids
            .iter()
            .zip(&self.vectors)
            .map(|(id, sv)| {
                let best = sentences.iter().map(|v| super::cosine(v, sv)).fold(0.0f32, f32::max);
                (id.clone(), best)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_keep_english_terms() {
        let d = description("Roads", "roads and bridges", &["road".into(), "мост".into(), "bridge".into()]);
        assert_eq!(d, "Roads: roads and bridges. road, bridge");
    }
}
