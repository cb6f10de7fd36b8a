//! `newsmine train-encoder`: fine-tunes the commitment classifier on gold files and writes it.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::Exit;
use crate::analyze::eval::parse_gold;
use crate::analyze::learned::encoder::{ABOUT_FILE, About, WEIGHTS_FILE, base_digest};
use crate::analyze::learned::finetune::{FineTuneParams, Progress, RECIPE, finetune, save};
use crate::analyze::learned::train::samples_from_gold;
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
/// base weights, epochs, threshold and recipe.
pub(super) fn train_encoder(gold: &[std::path::PathBuf], output: &Path, base: &Path, epochs: usize, if_stale: bool) -> Result<Exit> {
    let mut articles = Vec::new();
    let mut trained_on = Vec::new();
    for path in gold {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.clone(), source })?;
        articles.extend(parse_gold(&text).map_err(|e| Error::Usage(format!("gold file {}: {e}", path.display())))?);
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        trained_on.push(format!("{name}@{}", &hex::encode(Sha256::digest(text.as_bytes()))[..12]));
    }
    let params = FineTuneParams { epochs, ..FineTuneParams::default() };
    if if_stale {
        let current = std::fs::read(output.join(ABOUT_FILE)).ok().and_then(|b| serde_json::from_slice::<About>(&b).ok());
        let digest = base_digest(base)?;
        let same = |a: &About| {
            a.trained_on == trained_on && a.base == digest && a.epochs == epochs && a.frozen == params.frozen && a.accept == params.accept && a.recipe == RECIPE
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
