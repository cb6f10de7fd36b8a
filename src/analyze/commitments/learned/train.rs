//! Fitting a [`SentenceModel`] to labelled sentences (`newsmine train-commitments`).
//!
//! Why by hand: the model is one L2-regularised logistic regression over a few thousand sparse
//! rows; accelerated gradient descent fits it in well under a second and keeps the result
//! bit-for-bit reproducible (fixed order, fixed number of steps), which a committed model file
//! needs. The objective is scikit-learn's `LogisticRegression(C, class_weight="balanced")`:
//! `C * sum(class weight * log loss) + |w|^2 / 2`, the intercept not penalised.

use std::collections::{BTreeMap, HashMap};

use super::{SentenceModel, term_counts, weigh};
use crate::analyze::eval::GoldArticle;
use crate::analyze::sentences::split_sentences;

/// How a model is fitted. The defaults are the values chosen on the labelled sets: C on a split
/// by labeller (trained on 280 articles, scored on 80 of two labellers never seen), the
/// threshold by 8-fold cross-validation over the labelled parts.
#[derive(Debug, Clone, Copy)]
pub struct TrainParams {
    /// Inverse regularisation strength (scikit-learn's `C`).
    pub c: f64,
    /// A term counts when at least this many training sentences contain it.
    pub min_df: u32,
    /// Probability at or above which the model accepts a sentence.
    pub threshold: f32,
    /// Gradient steps.
    pub steps: u32,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams { c: 2.0, min_df: 2, threshold: 0.5, steps: 3000 }
    }
}

/// One labelled sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The sentence text.
    pub sentence: String,
    /// Whether the labellers marked it as a commitment.
    pub commitment: bool,
}

/// Every sentence of the gold articles (split as the analyzer splits them), labelled a
/// commitment when it covers at least half of a gold commitment sentence, the rule by which
/// `newsmine eval` matches predictions.
pub fn samples_from_gold(gold: &[GoldArticle]) -> Vec<Sample> {
    let mut out = Vec::new();
    for a in gold {
        let chars: Vec<char> = a.text.chars().collect();
        let spans: Vec<(usize, usize)> = a
            .commitments
            .iter()
            .filter_map(|c| {
                let byte = a.text.find(&c.sentence)?;
                let start = a.text[..byte].chars().count();
                Some((start, start + c.sentence.chars().count()))
            })
            .collect();
        for s in split_sentences(&a.text) {
            let commitment = spans.iter().any(|&(gs, ge)| {
                let overlap = ge.min(s.end).saturating_sub(gs.max(s.start));
                overlap * 2 >= ge - gs
            });
            out.push(Sample { sentence: chars[s.start..s.end].iter().collect(), commitment });
        }
    }
    out
}

/// Fits the model. `about`: provenance lines written at the top of the model file.
pub fn train(samples: &[Sample], params: TrainParams, about: Vec<String>) -> Result<SentenceModel, String> {
    let n = samples.len();
    let positives = samples.iter().filter(|s| s.commitment).count();
    if positives == 0 || positives == n {
        return Err(format!("need both commitments and other sentences to learn from ({positives} of {n} are commitments)"));
    }
    let counts: Vec<HashMap<String, u32>> = samples.iter().map(|s| term_counts(&s.sentence)).collect();
    let mut df: BTreeMap<&str, u32> = BTreeMap::new();
    for c in &counts {
        for t in c.keys() {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    let vocab: Vec<(&str, f32)> = df
        .iter()
        .filter(|(_, d)| **d >= params.min_df)
        .map(|(t, d)| (*t, (((1 + n) as f64 / (1 + *d) as f64).ln() + 1.0) as f32))
        .collect();
    let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, (t, _))| (*t, i)).collect();
    let rows: Vec<Vec<(usize, f64)>> = counts
        .iter()
        .map(|c| {
            weigh(c, |t| index.get(t).map(|&i| vocab[i].1))
                .into_iter()
                .map(|(t, v)| (index[t], v as f64))
                .collect()
        })
        .collect();
    let y: Vec<f64> = samples.iter().map(|s| if s.commitment { 1.0 } else { -1.0 }).collect();
    let weight_pos = n as f64 / (2.0 * positives as f64);
    let weight_neg = n as f64 / (2.0 * (n - positives) as f64);
    let cw: Vec<f64> = y.iter().map(|&v| if v > 0.0 { weight_pos } else { weight_neg }).collect();
    let (w, b) = fit(&rows, &y, &cw, vocab.len(), params);
    let terms = vocab
        .iter()
        .zip(&w)
        .map(|((t, idf), &wt)| (t.to_string(), (*idf, wt as f32)))
        .collect();
    Ok(SentenceModel { terms, intercept: b as f32, threshold: params.threshold, about })
}

/// Nesterov-accelerated gradient descent on the mean-loss form of the objective:
/// `(1/n) sum(cw * log(1 + exp(-y z))) + lambda/2 |w|^2` with `lambda = 1 / (C n)`.
fn fit(rows: &[Vec<(usize, f64)>], y: &[f64], cw: &[f64], dim: usize, p: TrainParams) -> (Vec<f64>, f64) {
    let n = rows.len() as f64;
    let lambda = 1.0 / (p.c * n);
    // Rows have unit length and the intercept's feature is 1: |x|^2 <= 2.
    let max_cw = cw.iter().cloned().fold(0.0, f64::max);
    let lipschitz = 0.25 * max_cw * 2.0 + lambda;
    let step = 1.0 / lipschitz;
    let kappa = lipschitz / lambda;
    let momentum = (kappa.sqrt() - 1.0) / (kappa.sqrt() + 1.0);
    let (mut w, mut b) = (vec![0.0f64; dim], 0.0f64);
    let (mut prev_w, mut prev_b) = (w.clone(), b);
    let mut grad = vec![0.0f64; dim];
    for _ in 0..p.steps {
        // Look-ahead point.
        let look_w: Vec<f64> = w.iter().zip(&prev_w).map(|(a, b)| a + momentum * (a - b)).collect();
        let look_b = b + momentum * (b - prev_b);
        grad.iter_mut().zip(&look_w).for_each(|(g, wv)| *g = lambda * wv);
        let mut grad_b = 0.0;
        for ((row, &yi), &ci) in rows.iter().zip(y).zip(cw) {
            let z = look_b + row.iter().map(|&(j, v)| look_w[j] * v).sum::<f64>();
            // d/dz log(1 + exp(-y z)) = -y * sigmoid(-y z)
            let g = -yi * ci / (1.0 + (yi * z).exp()) / n;
            for &(j, v) in row {
                grad[j] += g * v;
            }
            grad_b += g;
        }
        prev_w = std::mem::replace(&mut w, look_w.iter().zip(&grad).map(|(a, g)| a - step * g).collect());
        prev_b = std::mem::replace(&mut b, look_b - step * grad_b);
    }
    (w, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(s: &str, c: bool) -> Sample {
        Sample { sentence: s.into(), commitment: c }
    }

    #[test]
    fn learns_future_undertakings_from_past_results() {
        let data = vec![
            sample("Ten schools will be built in Shymkent by 2025.", true),
            sample("The akimat will build a new hospital next year.", true),
            sample("Two bridges will be built over the river.", true),
            sample("The ministry will build 200 km of roads.", true),
            sample("Ten schools were built in Shymkent in 2015.", false),
            sample("The akimat built a new hospital last year.", false),
            sample("Two bridges were opened over the river.", false),
            sample("The ministry repaired 200 km of roads.", false),
        ];
        let params = TrainParams { min_df: 1, ..TrainParams::default() };
        let m = train(&data, params, vec!["test".into()]).unwrap();
        assert!(m.probability("A kindergarten will be built in Taraz.") > 0.5);
        assert!(m.probability("A kindergarten was built in Taraz.") < 0.5);
        // Reproducible: the same data gives the same file.
        assert_eq!(train(&data, params, vec!["test".into()]).unwrap().to_text(), m.to_text());
    }

    #[test]
    fn refuses_data_with_one_class() {
        let err = train(&[sample("Schools will be built.", true)], TrainParams::default(), vec![]).unwrap_err();
        assert!(err.contains("1 of 1"), "{err}");
    }
}

#[cfg(test)]
mod committed_model {
    use super::*;
    use crate::analyze::eval::parse_gold;

    /// The model in `config/` was trained on the gold files as they are now: adding or
    /// correcting labels without retraining (`newsmine train-commitments`, see the README)
    /// fails here.
    #[test]
    fn config_model_matches_the_gold_files_it_names() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(root.join("config/commitment-model.tsv")).unwrap();
        let model = SentenceModel::parse(&text).unwrap();
        let sources: Vec<&String> = model.about.iter().filter(|l| l.starts_with("trained on ")).collect();
        assert!(!sources.is_empty(), "the model names no gold file");
        for line in sources {
            let (name, counts) = line["trained on ".len()..].split_once(": ").unwrap();
            let gold = parse_gold(&std::fs::read_to_string(root.join("tests/fixtures/gold").join(name)).unwrap()).unwrap();
            let samples = samples_from_gold(&gold);
            let now = format!(
                "{} articles, {} sentences, {} commitments",
                gold.len(),
                samples.len(),
                samples.iter().filter(|s| s.commitment).count()
            );
            assert_eq!(counts, now, "{name} changed since the model was trained: retrain it");
        }
    }
}
