//! Exact nearest-neighbour search over article vectors, and reciprocal rank fusion.
//!
//! The vectors sit in one contiguous row-major `f32` buffer and a query is scored against every
//! row (a dot product, since the encoder's vectors have unit length). That is exact, needs no
//! build step and no tuning, and stays fast enough for a command-line search up to about 100k
//! articles (see `benches/embed.rs` for the measured latencies); past that an approximate index
//! (HNSW) would be the next step.

use std::cmp::Ordering;
use std::collections::HashMap;

use rayon::prelude::*;

/// Rows per parallel chunk: below two chunks the scan runs on the calling thread.
const CHUNK_ROWS: usize = 8192;

/// The `k` of reciprocal rank fusion: a document at rank `r` (from 1) in a list scores
/// `1 / (k + r)`. 60 is the value of the original paper (Cormack et al., 2009); it keeps
/// one list's top ranks from swamping the other's.
pub const RRF_K: f32 = 60.0;

/// Article vectors in one matrix, for brute-force search.
#[derive(Debug, Clone, Default)]
pub struct VectorIndex {
    ids: Vec<String>,
    data: Vec<f32>,
    dim: usize,
    position: HashMap<String, usize>,
}

impl VectorIndex {
    /// Wraps `ids.len()` rows of `dim` floats. Panics when the lengths disagree (a caller bug).
    pub fn new(ids: Vec<String>, data: Vec<f32>, dim: usize) -> VectorIndex {
        assert_eq!(ids.len() * dim, data.len(), "vector matrix of the wrong size");
        let position = ids.iter().enumerate().map(|(i, id)| (id.clone(), i)).collect();
        VectorIndex { ids, data, dim, position }
    }

    /// How many vectors.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Floats per vector.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The id of row `i`.
    pub fn id(&self, i: usize) -> &str {
        &self.ids[i]
    }

    /// The row of an id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.position.get(id).copied()
    }

    /// The vector of row `i`.
    pub fn vector(&self, i: usize) -> &[f32] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }

    /// Dot product of `query` with every row, in row order (parallel over large matrices).
    pub fn scores(&self, query: &[f32]) -> Vec<f32> {
        assert_eq!(query.len(), self.dim, "query vector of another length than the index's");
        if self.dim == 0 {
            return vec![0.0; self.len()];
        }
        let rows = |chunk: &[f32]| chunk.chunks_exact(self.dim).map(|row| dot(row, query)).collect::<Vec<_>>();
        if self.len() < 2 * CHUNK_ROWS {
            rows(&self.data)
        } else {
            self.data.par_chunks(CHUNK_ROWS * self.dim).flat_map_iter(rows).collect()
        }
    }

    /// The `k` rows most similar to `query` among those `keep` accepts, best first, with their
    /// scores; ties go to the earlier row.
    pub fn nearest(&self, query: &[f32], k: usize, keep: impl Fn(usize) -> bool) -> Vec<(usize, f32)> {
        let scores = self.scores(query);
        let mut rows: Vec<(usize, f32)> = scores.into_iter().enumerate().filter(|&(i, _)| keep(i)).collect();
        let by_score = |a: &(usize, f32), b: &(usize, f32)| b.1.partial_cmp(&a.1).unwrap_or(Ordering::Equal).then(a.0.cmp(&b.0));
        if k < rows.len() {
            if k == 0 {
                return Vec::new();
            }
            rows.select_nth_unstable_by(k - 1, by_score);
            rows.truncate(k);
        }
        rows.sort_by(by_score);
        rows
    }
}

/// Dot product, written with four accumulators so that it vectorises.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for j in 0..4 {
            acc[j] += x[j] * y[j];
        }
    }
    let tail: f32 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    acc[0] + acc[1] + acc[2] + acc[3] + tail
}

/// Reciprocal rank fusion of ranked id lists (best first): every id scores the sum of
/// `1 / (k + rank)` over the lists it appears in. Best first; ties by first appearance.
pub fn reciprocal_rank_fusion(lists: &[&[String]], k: f32) -> Vec<(String, f32)> {
    let mut score: HashMap<&str, (f32, usize)> = HashMap::new();
    let mut order = 0;
    for list in lists {
        for (rank, id) in list.iter().enumerate() {
            let e = score.entry(id.as_str()).or_insert_with(|| {
                order += 1;
                (0.0, order)
            });
            e.0 += 1.0 / (k + rank as f32 + 1.0);
        }
    }
    let mut out: Vec<(&str, (f32, usize))> = score.into_iter().collect();
    out.sort_by(|a, b| b.1.0.partial_cmp(&a.1.0).unwrap_or(Ordering::Equal).then(a.1.1.cmp(&b.1.1)));
    out.into_iter().map(|(id, (s, _))| (id.to_owned(), s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> VectorIndex {
        let ids = ["a", "b", "c"].map(String::from).to_vec();
        VectorIndex::new(ids, vec![1.0, 0.0, 0.6, 0.8, 0.0, 1.0], 2)
    }

    #[test]
    fn nearest_is_exact_and_filtered() {
        let ix = index();
        let near = ix.nearest(&[0.0, 1.0], 2, |_| true);
        assert_eq!(near.iter().map(|&(i, _)| ix.id(i)).collect::<Vec<_>>(), ["c", "b"]);
        assert!((near[1].1 - 0.8).abs() < 1e-6);
        let near = ix.nearest(&[0.0, 1.0], 5, |i| i != 2);
        assert_eq!(near.iter().map(|&(i, _)| ix.id(i)).collect::<Vec<_>>(), ["b", "a"]);
        assert!(ix.nearest(&[0.0, 1.0], 0, |_| true).is_empty());
        assert_eq!(ix.position("b"), Some(1));
        assert_eq!(ix.vector(1), &[0.6, 0.8]);
    }

    #[test]
    fn parallel_scan_gives_the_same_scores() {
        let n = 2 * CHUNK_ROWS + 7;
        let dim = 5;
        let data: Vec<f32> = (0..n * dim).map(|i| ((i * 7919) % 101) as f32 / 101.0).collect();
        let ids = (0..n).map(|i| i.to_string()).collect();
        let ix = VectorIndex::new(ids, data.clone(), dim);
        let q = [0.1, 0.2, 0.3, 0.4, 0.5];
        let scores = ix.scores(&q);
        assert_eq!(scores.len(), n);
        for (i, s) in scores.iter().enumerate() {
            let want: f32 = data[i * dim..(i + 1) * dim].iter().zip(&q).map(|(a, b)| a * b).sum();
            assert!((s - want).abs() < 1e-5);
        }
    }

    #[test]
    fn rrf_rewards_agreement() {
        let bm25 = ["x", "y", "z"].map(String::from);
        let vec = ["y", "w", "x"].map(String::from);
        let fused = reciprocal_rank_fusion(&[&bm25, &vec], RRF_K);
        let ids: Vec<&str> = fused.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["y", "x", "w", "z"]);
        assert!((fused[0].1 - (1.0 / 62.0 + 1.0 / 61.0)).abs() < 1e-7);
    }
}
