//! Grouping commitments into claims without scoring all n² pairs.
//!
//! Owns: candidate generation (an inverted index over content-word stems and names; a term
//! found in more than [`MAX_POSTING`] commitments is too common to block on) and the guarded
//! average-link merge: candidate pairs above the threshold are taken best first, and two groups
//! are joined only if no pair across them is clearly different (a conflict or a score under
//! the veto), no two members of one article fall below the same-article threshold (unless both
//! act on one programme title), and the mean score over all cross pairs reaches the average
//! threshold. This stops A-B-C chains
//! where A and C are different undertakings that B happens to resemble.
//! Invariants: deterministic (edges sorted by score, then indices); every index in exactly one
//! group; groups sorted, and sorted by their first index.

use std::collections::HashMap;

use super::{Comparison, Interner, Linker, Profile};
use crate::claims::CommitmentRecord;

/// Terms held by more commitments than this are not used to find candidates.
pub const MAX_POSTING: usize = 400;
/// Candidates whose partial cosine over blocking terms is below this (and who share no name)
/// are not scored.
const MIN_CANDIDATE: f32 = 0.08;
/// Cross pairs checked when two groups meet; larger meetings check an even sample.
const MAX_GUARD_PAIRS: usize = 4096;

/// What clustering did, for measuring it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Stats {
    /// Pairs scored in full.
    pub scored: usize,
    /// Pairs at or above their threshold.
    pub edges: usize,
    /// Edges that joined two groups.
    pub merges: usize,
    /// Edges refused because a cross pair was clearly different (or a same-article pair too weak).
    pub vetoed: usize,
    /// Edges refused because the mean cross score was below the average threshold.
    pub below_average: usize,
}

/// See the module doc.
pub(crate) fn cluster(linker: &Linker, commitments: &[CommitmentRecord]) -> Vec<Vec<usize>> {
    cluster_with_stats(linker, commitments).0
}

/// [`cluster`], with what it did.
pub(crate) fn cluster_with_stats(linker: &Linker, commitments: &[CommitmentRecord]) -> (Vec<Vec<usize>>, Stats) {
    let n = commitments.len();
    let mut interner = Interner::default();
    let profiles: Vec<Profile> = commitments.iter().map(|c| linker.profile(c, &mut interner)).collect();
    let mut stats = Stats::default();
    let edges = candidate_edges(linker, commitments, &profiles, &mut stats);
    stats.edges = edges.len();

    let mut groups = Groups::new(n);
    let mut cache: HashMap<(usize, usize), Comparison> = edges.iter().map(|e| ((e.1, e.2), e.3)).collect();
    for &(_, i, j, _) in &edges {
        let (ri, rj) = (groups.find(i), groups.find(j));
        if ri == rj {
            continue;
        }
        match guard(linker, commitments, &profiles, &groups.members[ri], &groups.members[rj], &mut cache) {
            Guard::Join => {
                groups.union(ri, rj);
                stats.merges += 1;
            }
            Guard::Veto => stats.vetoed += 1,
            Guard::BelowAverage => stats.below_average += 1,
        }
    }
    (groups.into_sorted(), stats)
}

/// The guard's verdict on joining two groups.
enum Guard {
    Join,
    Veto,
    BelowAverage,
}

/// Scored candidate pairs (score, i, j, comparison) with i < j that may be linked, best first.
fn candidate_edges(
    linker: &Linker,
    commitments: &[CommitmentRecord],
    profiles: &[Profile],
    stats: &mut Stats,
) -> Vec<(f32, usize, usize, Comparison)> {
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, p) in profiles.iter().enumerate() {
        for &(t, _) in p.terms.iter().chain(&p.names).chain(&p.titles) {
            postings.entry(t).or_default().push(i);
        }
    }
    let mut edges = Vec::new();
    let mut acc: HashMap<usize, f32> = HashMap::new();
    for (i, p) in profiles.iter().enumerate() {
        acc.clear();
        for &(t, wi) in &p.terms {
            if let Some(list) = postings.get(&t).filter(|l| l.len() <= MAX_POSTING) {
                for &j in list.iter().filter(|&&j| j > i) {
                    let wj = profiles[j].terms.binary_search_by_key(&t, |x| x.0).map(|k| profiles[j].terms[k].1).unwrap_or(0.0);
                    *acc.entry(j).or_insert(0.0) += wi * wj;
                }
            }
        }
        for &(t, _) in p.names.iter().chain(&p.titles) {
            if let Some(list) = postings.get(&t).filter(|l| l.len() <= MAX_POSTING) {
                for &j in list.iter().filter(|&&j| j > i) {
                    acc.entry(j).or_insert(f32::INFINITY);
                }
            }
        }
        let mut candidates: Vec<usize> = acc
            .iter()
            .filter(|&(&j, &dot)| {
                let denom = p.norm * profiles[j].norm;
                dot.is_infinite() || (denom > 0.0 && dot / denom >= MIN_CANDIDATE)
            })
            .map(|(&j, _)| j)
            .collect();
        candidates.sort_unstable();
        stats.scored += candidates.len();
        for j in candidates {
            let cmp = linker.compare(p, &profiles[j]);
            let needed = if commitments[i].article == commitments[j].article && !cmp.titled {
                linker.same_article_threshold
            } else {
                linker.threshold
            };
            if cmp.score >= needed && !cmp.conflict {
                edges.push((cmp.score, i, j, cmp));
            }
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    edges
}

/// Whether the groups `a` and `b` may be joined (see the module doc).
fn guard(
    linker: &Linker,
    commitments: &[CommitmentRecord],
    profiles: &[Profile],
    a: &[usize],
    b: &[usize],
    cache: &mut HashMap<(usize, usize), Comparison>,
) -> Guard {
    let total = a.len() * b.len();
    let step = total.div_ceil(MAX_GUARD_PAIRS).max(1);
    let (mut sum, mut count) = (0.0f32, 0usize);
    for k in (0..total).step_by(step) {
        let (x, y) = (a[k / b.len()], b[k % b.len()]);
        let key = (x.min(y), x.max(y));
        let cmp = *cache.entry(key).or_insert_with(|| linker.compare(&profiles[key.0], &profiles[key.1]));
        if cmp.conflict || cmp.score < linker.veto {
            return Guard::Veto;
        }
        if commitments[x].article == commitments[y].article && !cmp.titled && cmp.score < linker.same_article_threshold {
            return Guard::Veto;
        }
        sum += cmp.score;
        count += 1;
    }
    if count > 0 && sum / count as f32 >= linker.average_threshold { Guard::Join } else { Guard::BelowAverage }
}

/// Union-find with member lists (union by size).
struct Groups {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups { parent: (0..n).collect(), members: (0..n).map(|i| vec![i]).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (big, small) = if self.members[a].len() >= self.members[b].len() { (a, b) } else { (b, a) };
        self.parent[small] = big;
        let moved = std::mem::take(&mut self.members[small]);
        self.members[big].extend(moved);
    }

    fn into_sorted(self) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = self
            .members
            .into_iter()
            .filter(|m| !m.is_empty())
            .map(|mut m| {
                m.sort_unstable();
                m
            })
            .collect();
        out.sort_by_key(|m| m[0]);
        out
    }
}
