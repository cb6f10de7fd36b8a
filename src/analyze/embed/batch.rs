//! Batching by length: which texts go through the model together, and the
//! padded id and mask matrices for one batch.
//!
//! A transformer's cost grows with the padded length of its batch, so texts
//! of similar token counts are batched together: sorting by length before
//! cutting batches wastes far less work on padding than input order does.
//! The attention mask keeps padding out of both attention and pooling, so a
//! text's vector does not depend on its batch-mates.

/// Indices of the texts, grouped into batches of texts of similar lengths,
/// longest batch first. Every index appears once.
///
/// Batches hold at most `batch_size` texts, and fewer when that gives every
/// one of the `workers` threads a batch: 10 texts on 2 workers make 2 batches
/// of 5, not 1 of 10 that would leave a core idle. Longest first, so that
/// the workers, each taking the next batch when done, finish close together.
pub(crate) fn plan(lengths: &[usize], batch_size: usize, workers: usize) -> Vec<Vec<usize>> {
    let batch_size = batch_size
        .max(1)
        .min(lengths.len().div_ceil(workers.max(1)))
        .max(1);
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    // Stable: equal lengths keep input order, so runs are reproducible.
    order.sort_by_key(|&i| std::cmp::Reverse(lengths[i]));
    order.chunks(batch_size).map(<[usize]>::to_vec).collect()
}

/// Token ids and attention mask of one batch, padded on the right to the
/// longest sequence in it, row-major `rows × cols`.
#[derive(Debug, PartialEq)]
pub(crate) struct Padded {
    pub ids: Vec<u32>,
    pub mask: Vec<u32>,
    pub rows: usize,
    pub cols: usize,
}

/// Pads the sequences with `pad_id` (mask 0) to the longest one.
pub(crate) fn pad(seqs: &[&[u32]], pad_id: u32) -> Padded {
    let rows = seqs.len();
    let cols = seqs.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut ids = vec![pad_id; rows * cols];
    let mut mask = vec![0u32; rows * cols];
    for (r, seq) in seqs.iter().enumerate() {
        ids[r * cols..r * cols + seq.len()].copy_from_slice(seq);
        mask[r * cols..r * cols + seq.len()].fill(1);
    }
    Padded {
        ids,
        mask,
        rows,
        cols,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_sorts_by_length_and_covers_every_text() {
        let lengths = [5, 2, 9, 2, 7];
        assert_eq!(plan(&lengths, 2, 1), vec![vec![2, 4], vec![0, 1], vec![3]]);
        assert!(plan(&[], 32, 2).is_empty());
        assert_eq!(plan(&[3, 1], 0, 1), vec![vec![0], vec![1]]);
    }

    #[test]
    fn plan_gives_every_worker_a_batch() {
        let lengths = [4; 10];
        let batches = plan(&lengths, 32, 2);
        assert_eq!(batches.iter().map(Vec::len).collect::<Vec<_>>(), vec![5, 5]);
        assert_eq!(plan(&lengths, 32, 1).len(), 1);
        assert_eq!(
            plan(&[1; 100], 32, 2)
                .iter()
                .map(Vec::len)
                .collect::<Vec<_>>(),
            vec![32, 32, 32, 4]
        );
    }

    #[test]
    fn pad_right_with_mask() {
        let p = pad(&[&[101, 7, 102], &[101, 102]], 0);
        assert_eq!((p.rows, p.cols), (2, 3));
        assert_eq!(p.ids, vec![101, 7, 102, 101, 102, 0]);
        assert_eq!(p.mask, vec![1, 1, 1, 1, 1, 0]);
    }
}
