//! `newsmine train-encoder` and `newsmine train-sector-encoder`: fine-tune the commitment and
//! the sector classifiers on gold files and write them.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::Exit;
use crate::analyze::eval::{GoldArticle, parse_gold};
use crate::analyze::learned::encoder::{ABOUT_FILE, About, WEIGHTS_FILE, base_digest};
use crate::analyze::learned::finetune::{FineTuneParams, Progress, RECIPE, finetune, save};
use crate::analyze::learned::train::samples_from_gold;
use crate::analyze::Taxonomy;
use crate::analyze::sentences::split_sentences;
use crate::config::Config;
use crate::{Error, Result};

/// Prints each epoch's loss on stderr.
struct Epochs(std::time::Instant);

impl Progress for Epochs {
    fn epoch(&mut self, epoch: usize, mean_loss: f32) {
        eprintln!("  epoch {epoch}: mean loss {mean_loss:.4} ({:.0?} so far)", self.0.elapsed());
    }
}

/// Trains on the gold files and writes the model into `output`. With `if_stale`, does nothing
/// when `output` already holds a model trained on the same gold files (by content), the same
/// base weights, epochs, thresholds and recipe.
pub(super) fn train_encoder(gold: &[std::path::PathBuf], output: &Path, base: &Path, epochs: usize, if_stale: bool) -> Result<Exit> {
    let (articles, trained_on) = read_gold(gold)?;
    let params = FineTuneParams { epochs, ..FineTuneParams::default() };
    if if_stale {
        let current = std::fs::read(output.join(ABOUT_FILE)).ok().and_then(|b| serde_json::from_slice::<About>(&b).ok());
        let digest = base_digest(base)?;
        let same = |a: &About| {
            a.trained_on == trained_on && a.base == digest && a.epochs == epochs && a.frozen == params.frozen && a.accept == params.accept && a.reject == params.reject && a.recipe == RECIPE
        };
        if let Some(about) = current.filter(same).filter(|_| output.join(WEIGHTS_FILE).is_file()) {
            eprintln!("{} is up to date (trained on {})", output.display(), about.trained_on.join(", "));
            return Ok(Exit::Ok);
        }
    }
    let samples = samples_from_gold(&articles);
    let commitments = samples.iter().filter(|s| s.commitment).count();
    eprintln!(
        "training the commitment encoder on {} sentences ({commitments} commitments) from {} gold files, {epochs} epochs: a few minutes",
        samples.len(),
        gold.len()
    );
    let trained = finetune(base, &samples, &params, trained_on, &mut Epochs(std::time::Instant::now()))?;
    save(output, &trained).map_err(|source| Error::Io { path: output.to_owned(), source })?;
    eprintln!("wrote {}", output.display());
    Ok(Exit::Ok)
}

/// The articles of the gold files, and each file's name with the start of its sha256 (what
/// `about.json` records as `trained_on`).
fn read_gold(gold: &[std::path::PathBuf]) -> Result<(Vec<GoldArticle>, Vec<String>)> {
    let mut articles = Vec::new();
    let mut trained_on = Vec::new();
    for path in gold {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.clone(), source })?;
        articles.extend(parse_gold(&text).map_err(|e| Error::Usage(format!("gold file {}: {e}", path.display())))?);
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        trained_on.push(format!("{name}@{}", &hex::encode(Sha256::digest(text.as_bytes()))[..12]));
    }
    Ok((articles, trained_on))
}

/// Trains the sector classifier on the gold files' article sectors (the taxonomy's sectors, in
/// its order) and writes it into `output`. With `if_stale`, does nothing when `output` already
/// holds a model trained on the same gold files, base weights, sectors, epochs, threshold and
/// recipe.
pub(super) fn train_sector_encoder(config: &Config, gold: &[std::path::PathBuf], output: &Path, base: &Path, epochs: usize, if_stale: bool) -> Result<Exit> {
    use crate::analyze::learned::sectors::{self, SectorAbout, SectorParams, SectorSample};
    let taxonomy = std::fs::read_to_string(&config.taxonomy).map_err(|source| Error::Io { path: config.taxonomy.clone(), source })?;
    let taxonomy = Taxonomy::from_toml(&taxonomy).map_err(|e| Error::Usage(format!("taxonomy {}: {e}", config.taxonomy.display())))?;
    let ids: Vec<String> = taxonomy.sectors.iter().map(|s| s.id.to_string()).collect();
    let (articles, trained_on) = read_gold(gold)?;
    let params = SectorParams { epochs, ..SectorParams::default() };
    if if_stale {
        let current = std::fs::read(output.join(ABOUT_FILE)).ok().and_then(|b| serde_json::from_slice::<SectorAbout>(&b).ok());
        let digest = base_digest(base)?;
        let same = |a: &SectorAbout| {
            a.trained_on == trained_on
                && a.base == digest
                && a.sectors == ids
                && a.epochs == epochs
                && a.frozen == params.frozen
                && a.accept == params.accept
                && a.sentences == params.sentences
                && a.recipe == sectors::RECIPE
        };
        if let Some(about) = current.filter(same).filter(|_| output.join(WEIGHTS_FILE).is_file()) {
            eprintln!("{} is up to date (trained on {})", output.display(), about.trained_on.join(", "));
            return Ok(Exit::Ok);
        }
    }
    let samples: Vec<SectorSample> = articles
        .iter()
        .map(|a| {
            let chars: Vec<char> = a.text.chars().collect();
            SectorSample {
                sentences: split_sentences(&a.text).iter().map(|s| chars[s.start..s.end].iter().collect()).collect(),
                sectors: a.sectors.iter().map(|s| s.to_string()).collect(),
            }
        })
        .collect();
    eprintln!("training the sector encoder on {} articles from {} gold files, {epochs} epochs: a few minutes", samples.len(), gold.len());
    let trained = sectors::train(base, &samples, &ids, &params, trained_on, &mut Epochs(std::time::Instant::now()))?;
    sectors::save(output, &trained).map_err(|source| Error::Io { path: output.to_owned(), source })?;
    eprintln!("wrote {}", output.display());
    Ok(Exit::Ok)
}
