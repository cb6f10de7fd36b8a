//! Learned readings trained on the labelled gold sets. Three models live here: the fine-tuned
//! commitment encoder (`encoder`, trained by `finetune` on the BERT layers of `bert`) and the
//! fine-tuned sector classifier (`sectors`, the same layers with a head per sector), both on in
//! the shipped configuration, and the word-count commitment model this file defines, off since
//! cross-validation found no gain (README, "Tagging quality").
//!
//! The word-count model: logistic regression over the sentence's words and word pairs.
//!
//! Why: the hand-written rules in `cues` are precise but each new labeller's articles bring
//! wordings they have never seen. A bag of words and word pairs learns the labellers' notion of
//! an undertaking from every labelled sentence at once, and fails softly where the rules fail
//! hard. The finder asks it only about sentences where the rules found commitment wording but
//! turned it down for want of evidence (a number, a date, an acting subject); vetoes
//! (questions, conditionals, hopes) and hedges still apply. Measured on text it never saw, it
//! raised recall at some cost in precision; cross-validated over the labelled parts, F1 did
//! not move; asked about every sentence instead, it cost too much precision.
//!
//! Owns: [`SentenceModel`] (features, probability, the text format of `config/commitment-model.tsv`)
//! and, in `train`, the fitting. Features, as scikit-learn's `TfidfVectorizer(ngram_range=(1, 2),
//! sublinear_tf=True)` computes them: lower-cased tokens of two or more word characters (digits
//! written as 0, so "2019" and "2025" are one feature), and pairs of neighbouring tokens;
//! weight `(1 + ln tf) * idf`, rows scaled to unit length.
//! Invariants (of this file): pure, no I/O; the same model text always gives the same
//! probabilities.

pub mod bert;
pub mod encoder;
pub mod finetune;
pub mod sectors;
pub mod train;

use std::collections::HashMap;
use std::fmt::Write as _;

/// A trained sentence classifier: vocabulary with idf and weights, intercept and threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceModel {
    /// Term -> (idf, weight).
    terms: HashMap<String, (f32, f32)>,
    intercept: f32,
    /// Probability at or above which a sentence counts.
    threshold: f32,
    /// Free-text provenance lines kept from the file ("trained on ...").
    about: Vec<String>,
}

/// The tokens of a sentence, as the features see them.
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut flush = |cur: &mut String| {
        if cur.chars().count() >= 2 {
            out.push(std::mem::take(cur));
        } else {
            cur.clear();
        }
    };
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' {
            if c.is_numeric() {
                cur.push('0');
            } else {
                cur.extend(c.to_lowercase());
            }
        } else {
            flush(&mut cur);
        }
    }
    flush(&mut cur);
    out
}

/// Every term of a sentence (tokens and neighbouring pairs) with its count.
pub(crate) fn term_counts(s: &str) -> HashMap<String, u32> {
    let toks = tokens(s);
    let mut counts: HashMap<String, u32> = HashMap::new();
    for t in &toks {
        *counts.entry(t.clone()).or_default() += 1;
    }
    for w in toks.windows(2) {
        *counts.entry(format!("{} {}", w[0], w[1])).or_default() += 1;
    }
    counts
}

/// Sublinear tf times idf, scaled to unit length; `idf` returns `None` for unknown terms.
pub(crate) fn weigh<'a>(
    counts: &'a HashMap<String, u32>,
    idf: impl Fn(&str) -> Option<f32>,
) -> Vec<(&'a str, f32)> {
    let mut out: Vec<(&str, f32)> = counts
        .iter()
        .filter_map(|(t, &n)| idf(t).map(|i| (t.as_str(), (1.0 + (n as f32).ln()) * i)))
        .collect();
    // Sorted first: the sum below must add in the same order every time (a model file is
    // reproduced bit for bit).
    out.sort_by(|a, b| a.0.cmp(b.0));
    let norm = out.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, v) in &mut out {
            *v /= norm;
        }
    }
    out
}

impl SentenceModel {
    /// Parses the text format written by [`SentenceModel::to_text`]: `#` lines of provenance,
    /// `@threshold <p>`, `@intercept <b>` (no term contains `@` or `#`), then one `term<TAB>idf<TAB>weight` line per term.
    pub fn parse(text: &str) -> Result<SentenceModel, String> {
        let mut terms = HashMap::new();
        let (mut intercept, mut threshold) = (None, None);
        let mut about = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let bad = |what: &str| format!("line {}: {what}: {line:?}", i + 1);
            if let Some(note) = line.strip_prefix('#') {
                about.push(note.trim().to_string());
            } else if let Some(v) = line.strip_prefix("@threshold ") {
                threshold = Some(v.trim().parse::<f32>().map_err(|_| bad("bad threshold"))?);
            } else if let Some(v) = line.strip_prefix("@intercept ") {
                intercept = Some(v.trim().parse::<f32>().map_err(|_| bad("bad intercept"))?);
            } else if !line.trim().is_empty() {
                let mut parts = line.split('\t');
                let (Some(term), Some(idf), Some(w), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
                    return Err(bad("expected term<TAB>idf<TAB>weight"));
                };
                let idf = idf.parse::<f32>().map_err(|_| bad("bad idf"))?;
                let w = w.parse::<f32>().map_err(|_| bad("bad weight"))?;
                terms.insert(term.to_string(), (idf, w));
            }
        }
        let threshold = threshold.ok_or("no `@threshold` line")?;
        let intercept = intercept.ok_or("no `@intercept` line")?;
        if terms.is_empty() {
            return Err("no terms".into());
        }
        Ok(SentenceModel { terms, intercept, threshold, about })
    }

    /// The model as text, terms sorted, so that retraining on the same data gives the same file.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for line in &self.about {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(out, "@threshold {}", self.threshold);
        let _ = writeln!(out, "@intercept {}", self.intercept);
        let mut terms: Vec<_> = self.terms.iter().collect();
        terms.sort_by(|a, b| a.0.cmp(b.0));
        for (t, (idf, w)) in terms {
            let _ = writeln!(out, "{t}\t{idf}\t{w}");
        }
        out
    }

    /// Probability (0..=1) that the sentence is a commitment by the labellers' standard.
    pub fn probability(&self, sentence: &str) -> f32 {
        let counts = term_counts(sentence);
        let x = weigh(&counts, |t| self.terms.get(t).map(|&(idf, _)| idf));
        let z = self.intercept + x.iter().map(|(t, v)| v * self.terms[*t].1).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Whether the sentence reaches the model's threshold.
    pub fn accepts(&self, sentence: &str) -> bool {
        self.probability(sentence) >= self.threshold
    }

    /// How many terms the model knows.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether the model knows no term (never true for a parsed model).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_lowercase_digits_and_drop_single_letters() {
        assert_eq!(tokens("By 2025, A. Toksaba will build 30 schools."), ["by", "0000", "toksaba", "will", "build", "00", "schools"]);
    }

    #[test]
    fn features_have_unit_length() {
        let counts = term_counts("will be built will be built");
        let x = weigh(&counts, |_| Some(1.5));
        let norm: f32 = x.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        assert!(x.iter().any(|(t, _)| *t == "will be"));
    }

    #[test]
    fn text_format_round_trips_and_bad_lines_are_named() {
        let text = "# trained on test\n@threshold 0.5\n@intercept -1\nwill\t1.5\t2\nbuilt\t2\t1\n";
        let m = SentenceModel::parse(text).unwrap();
        assert_eq!(SentenceModel::parse(&m.to_text()).unwrap(), m);
        assert!(m.probability("schools will be built") > m.probability("schools were opened"));
        let err = SentenceModel::parse("@threshold 0.5\n@intercept 0\nwill 1.5\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(SentenceModel::parse("@intercept 0\nwill\t1\t1\n").unwrap_err().contains("threshold"));
    }
}
