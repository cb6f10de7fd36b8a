//! What the linker knows of one commitment (its profile, computed once) and the raw signals
//! between two profiles, before any weighting.
//!
//! Owns: IDF weights ([`Idf`]), term interning, [`Profile`] (weighted content-word stems with
//! the commitment's own place names removed, names, acronyms, slots) and [`Signals`] (cosine,
//! containment, shared evidence, and agreement or disagreement of each slot).
//! Invariants: pure; signals are symmetric up to float rounding of sums in id order.

use std::collections::HashMap;

use super::features::{actor_words, actors_compatible, content_stems, content_words, stem, unit_key};
use super::names::{acronyms, initials, months, names};
use super::titles::titles;
use crate::claims::CommitmentRecord;

/// Document frequencies of stems and names over the texts given to `Linker::fit`, smoothed
/// towards the prior frequencies of `df_prior.tsv` (see [`prior`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Idf {
    df: HashMap<String, u32>,
    docs: u32,
}

/// How many texts the prior counts as, added to the fitted ones: a run over a few articles
/// (about one programme, say) would otherwise find its own topic's name "common" and discount
/// it, while over the whole corpus (thousands of commitments) the fitted counts dominate.
pub(crate) const PRIOR_DOCS: f32 = 2000.0;

/// The prior document frequencies: `df_prior.tsv`, the share of the bundled corpus's
/// sentences (`corpus/kz-gov-press.jsonl`) holding each stem or name held by at least
/// [`PRIOR_MIN_DF`] of them (its first line is `# docs N`). Rebuilt by the test
/// `df_prior_matches_the_corpus` with `NEWSMINE_WRITE_DF_PRIOR=1`.
pub(crate) fn prior() -> &'static (HashMap<String, f32>, f32) {
    static PRIOR: std::sync::OnceLock<(HashMap<String, f32>, f32)> = std::sync::OnceLock::new();
    PRIOR.get_or_init(|| parse_prior(include_str!("df_prior.tsv")))
}

/// Terms in fewer sentences than this are left out of the prior (they count as rare); the
/// test that rebuilds `df_prior.tsv` applies it.
#[cfg(test)]
pub(crate) const PRIOR_MIN_DF: u32 = 4;

/// Parses `df_prior.tsv` into shares of documents; an unreadable line is skipped.
pub(crate) fn parse_prior(text: &str) -> (HashMap<String, f32>, f32) {
    let mut lines = text.lines();
    let docs: f32 = lines.next().and_then(|l| l.strip_prefix("# docs ")).and_then(|n| n.trim().parse().ok()).unwrap_or(0.0);
    let shares = lines
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(t, n)| Some((t.to_owned(), n.trim().parse::<f32>().ok()? / docs.max(1.0))))
        .collect();
    (shares, docs)
}

impl Idf {
    /// Counts, per stem and name, the texts that hold it.
    pub(crate) fn fit(texts: &[&str]) -> Idf {
        let mut df: HashMap<String, u32> = HashMap::new();
        for t in texts {
            for term in content_stems(t).into_iter().chain(names(t)) {
                *df.entry(term).or_insert(0) += 1;
            }
        }
        Idf { df, docs: texts.len() as u32 }
    }

    /// Whether any text was counted.
    pub(crate) fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// ln((N+1)/(df+1)) + 1 over the fitted texts plus [`PRIOR_DOCS`] texts at the prior
    /// share; 1 for every term when nothing was fitted.
    fn weight(&self, term: &str) -> f32 {
        if self.docs == 0 {
            return 1.0;
        }
        let df = self.df.get(term).copied().unwrap_or(0) as f32 + PRIOR_DOCS * prior().0.get(term).copied().unwrap_or(0.0);
        ((self.docs as f32 + PRIOR_DOCS + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// 0 for a term in every text, 1 for one never seen; 0.5 when nothing was fitted.
    pub(crate) fn rarity(&self, term: &str) -> f32 {
        if self.docs == 0 {
            return 0.5;
        }
        let max = (self.docs as f32 + PRIOR_DOCS + 1.0).ln();
        ((self.weight(term) - 1.0) / max).clamp(0.0, 1.0)
    }
}

/// Turns terms into small integers so that profiles compare by merging sorted lists.
#[derive(Debug, Default)]
pub(crate) struct Interner(pub(crate) HashMap<String, u32>);

impl Interner {
    fn id(&mut self, term: String) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(term).or_insert(next)
    }
}

/// What the linker compares of one commitment.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    /// (term id, IDF weight), sorted by id.
    pub(crate) terms: Vec<(u32, f32)>,
    pub(crate) norm: f32,
    /// (name id, rarity), sorted by id.
    pub(crate) names: Vec<(u32, f32)>,
    /// Framed programme titles (id, rarity), sorted by id (see `titles.rs`).
    pub(crate) titles: Vec<(u32, f32)>,
    /// Number keys (`#4400`) with their rarity, sorted.
    numbers: Vec<(String, f32)>,
    acronyms: Vec<String>,
    initials: Vec<String>,
    regions: Vec<String>,
    sector: Option<String>,
    year: Option<i32>,
    quantities: Vec<(String, f64)>,
    actor: Vec<String>,
    months: Vec<u8>,
    embedding: Option<Vec<f32>>,
}

impl Profile {
    /// The ids of its content words and names (the keys candidates are found by).
    pub(crate) fn term_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.terms.iter().chain(&self.names).chain(&self.titles).map(|t| t.0)
    }
}

/// Region-id parts too generic to be place words ("west-kazakhstan").
const NOT_PLACE_WORDS: &[&str] = &["west", "north", "east", "south", "region", "kazakhstan"];

/// The profile of one commitment, with term ids from `interner`.
pub(crate) fn profile(idf: &Idf, c: &CommitmentRecord, interner: &mut Interner) -> Profile {
    let words = content_words(&c.text);
    // The commitment's own regions are compared as regions, not again as words.
    let places: Vec<String> = c
        .regions
        .iter()
        .flat_map(|r| r.as_str().split('-').map(str::to_owned).collect::<Vec<_>>())
        .filter(|p| p.len() >= 5 && !NOT_PLACE_WORDS.contains(&p.as_str()))
        .map(|p| stem(&p))
        .collect();
    // So are its actor's words ("Prime Minister Bakytzhan Sagintayev instructed ...").
    let actor = c.actor.as_deref().map(actor_words).unwrap_or_default();
    let mut stems: Vec<String> =
        words.iter().map(|w| stem(w)).filter(|s| !places.contains(s) && !actor.contains(s)).collect();
    stems.sort();
    stems.dedup();
    let mut terms: Vec<(u32, f32)> = stems
        .into_iter()
        .map(|t| (idf.weight(&t), t))
        .map(|(w, t)| (interner.id(t), w))
        .collect();
    terms.sort_by_key(|t| t.0);
    let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
    let name_keys = names(&c.text);
    let numbers: Vec<(String, f32)> =
        name_keys.iter().filter(|n| n.starts_with('#')).map(|n| (n.clone(), idf.rarity(n))).collect();
    let mut name_ids: Vec<(u32, f32)> =
        name_keys.into_iter().map(|n| (idf.rarity(&n), n)).map(|(r, n)| (interner.id(n), r)).collect();
    name_ids.sort_by_key(|t| t.0);
    let mut title_ids: Vec<(u32, f32)> =
        titles(&c.text).into_iter().filter(|t| t.1).map(|t| (idf.rarity(&t.0), t.0)).map(|(r, t)| (interner.id(t), r)).collect();
    title_ids.sort_by_key(|t| t.0);
    title_ids.dedup_by_key(|t| t.0);
    let mut regions: Vec<String> = c.regions.iter().map(|r| r.as_str().to_owned()).collect();
    regions.sort();
    regions.dedup();
    Profile {
        terms,
        norm,
        names: name_ids,
        titles: title_ids,
        numbers,
        acronyms: acronyms(&c.text),
        initials: initials(&words),
        regions,
        sector: c.sector.as_ref().map(|s| s.as_str().to_owned()),
        year: c.deadline.as_ref().and_then(|d| d.year),
        quantities: c
            .quantities
            .iter()
            .map(|q| (unit_key(&q.unit), q.value))
            .filter(|(u, v)| u != "%" && u != "time" && v.is_finite() && *v > 0.0)
            .collect(),
        actor,
        months: months(&c.text),
        embedding: c.embedding.clone(),
    }
}

/// What two profiles share and where they disagree, before weighting.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Signals {
    /// IDF-weighted cosine of the content words.
    pub cosine: f32,
    /// Shared weight over the smaller sentence's weight: one sentence inside the other.
    pub containment: f32,
    /// Summed IDF of the shared words.
    pub evidence: f32,
    /// Rarity (0..=1) of the rarest shared name or number.
    pub name: f32,
    /// Rarity (0..=1) of the rarest programme title both sentences act on (`titles.rs`).
    pub title: f32,
    /// One sentence uses an acronym the other uses or spells out.
    pub acronym: bool,
    /// Embedding cosine, when both have an embedding of one length.
    pub embedding: Option<f32>,
    /// Regions overlap (true), are disjoint (false), or one side has none.
    pub regions: Option<bool>,
    /// Same sector, or not.
    pub sector: Option<bool>,
    /// Quantities match or clash (see [`quantities_agree`]).
    pub quantities: Option<bool>,
    /// Distance between the deadline years.
    pub year_gap: Option<i32>,
    /// Actors compatible, or not.
    pub actor: Option<bool>,
    /// Both name months: whether one is shared.
    pub months: Option<bool>,
    /// Both hold distinctive numbers: whether one is shared.
    pub numbers: Option<bool>,
    /// Rarity (0..=1) of the rarest shared number; 0 when none.
    pub number: f32,
}

/// The signals between two profiles.
pub(crate) fn signals(a: &Profile, b: &Profile) -> Signals {
    let both = |x: bool, y: bool| x && y;
    let acronym = a.acronyms.iter().any(|x| b.acronyms.contains(x) || b.initials.binary_search(x).is_ok())
        || b.acronyms.iter().any(|x| a.initials.binary_search(x).is_ok());
    Signals {
        cosine: cosine_sparse(&a.terms, a.norm, &b.terms, b.norm),
        containment: containment(&a.terms, a.norm, &b.terms, b.norm),
        evidence: shared_sum(&a.terms, &b.terms),
        name: shared_max(&a.names, &b.names),
        title: shared_max(&a.titles, &b.titles),
        acronym,
        embedding: match (&a.embedding, &b.embedding) {
            (Some(x), Some(y)) if x.len() == y.len() && !x.is_empty() => Some(x.iter().zip(y).map(|(p, q)| p * q).sum()),
            _ => None,
        },
        regions: both(!a.regions.is_empty(), !b.regions.is_empty()).then(|| a.regions.iter().any(|r| b.regions.contains(r))),
        sector: a.sector.as_ref().zip(b.sector.as_ref()).map(|(x, y)| x == y),
        quantities: quantities_agree(&a.quantities, &b.quantities),
        year_gap: a.year.zip(b.year).map(|(x, y)| (x - y).abs()),
        actor: actors_compatible(&a.actor, &b.actor),
        months: both(!a.months.is_empty(), !b.months.is_empty()).then(|| a.months.iter().any(|m| b.months.contains(m))),
        numbers: both(!a.numbers.is_empty(), !b.numbers.is_empty())
            .then(|| a.numbers.iter().any(|n| b.numbers.binary_search_by(|m| m.0.cmp(&n.0)).is_ok())),
        number: a
            .numbers
            .iter()
            .filter(|n| b.numbers.binary_search_by(|m| m.0.cmp(&n.0)).is_ok())
            .map(|n| n.1)
            .fold(0.0, f32::max),
    }
}

/// Dot product of two sparse vectors sorted by id.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Cosine of two sparse vectors; 0 when either is empty.
pub(crate) fn cosine_sparse(a: &[(u32, f32)], na: f32, b: &[(u32, f32)], nb: f32) -> f32 {
    if na <= 0.0 || nb <= 0.0 {
        return 0.0;
    }
    (dot(a, b) / (na * nb)).clamp(0.0, 1.0)
}

/// Shared squared weight over the smaller squared norm (0..=1).
fn containment(a: &[(u32, f32)], na: f32, b: &[(u32, f32)], nb: f32) -> f32 {
    let small = (na * na).min(nb * nb);
    if small <= 0.0 {
        return 0.0;
    }
    (dot(a, b) / small).clamp(0.0, 1.0)
}

/// The summed weights of the ids both lists hold.
fn shared_sum(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    a.iter().filter(|(id, _)| b.binary_search_by_key(id, |t| t.0).is_ok()).map(|t| t.1).sum()
}

/// The largest rarity among names both lists hold; 0 when none.
fn shared_max(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    a.iter().filter(|(id, _)| b.binary_search_by_key(id, |t| t.0).is_ok()).map(|t| t.1).fold(0.0, f32::max)
}

/// Some(false) when a unit both use has values all more than a factor 2 apart (a clash
/// outweighs any match); Some(true) when a shared unit has values within 25% (and not both
/// small and different: 7 and 8 schools are a coincidence); None otherwise.
pub(crate) fn quantities_agree(a: &[(String, f64)], b: &[(String, f64)]) -> Option<bool> {
    let mut matched = false;
    for (unit, _) in a {
        let best = a
            .iter()
            .filter(|q| &q.0 == unit)
            .flat_map(|x| b.iter().filter(|q| &q.0 == unit).map(move |y| (x.1.min(y.1) / x.1.max(y.1), x.1.min(y.1))))
            .fold(None, |m: Option<(f64, f64)>, r| Some(m.map_or(r, |m| if r.0 > m.0 { r } else { m })));
        match best {
            Some((r, _)) if r < 0.5 => return Some(false),
            Some((r, low)) if r >= 0.999 || (r >= 0.75 && low >= 10.0) => matched = true,
            _ => {}
        }
    }
    matched.then_some(true)
}
