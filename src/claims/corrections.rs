//! A fact-checker's corrections over the machine's linking, and the assembly of claims.
//!
//! Owns: the [`Correction`] vocabulary (stored apart from machine output, keyed by
//! [`CommitmentKey`] so corrections survive re-analysis), replaying corrections in order over
//! fresh machine clusters ([`apply`]), and building the [`ClaimDraft`]s from clusters, updates,
//! statuses and pinned statuses ([`build_claims`], or [`link_claims`] for the whole chain:
//! cluster, correct, attach updates, status).
//! Invariants: pure; corrections are replayed after every re-linking, so the same corrections
//! over the same commitments give the same claims; a key that is gone is skipped and reported,
//! never an error.

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::link::{Linker, claim_id};
use super::status::status;
use super::updates::attach_updates;
use super::{ClaimDraft, ClaimStatus, CommitmentKey, CommitmentRecord, UpdateRecord};

/// A fact-checker's correction, stored apart from machine output and replayed after every
/// re-linking (so a person's judgement is not lost when the machine re-links).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Correction {
    /// The claims holding the two commitments are one claim.
    Merge {
        /// A commitment of the claim that stays.
        into: CommitmentKey,
        /// A commitment of the claim that joins it.
        from: CommitmentKey,
    },
    /// These commitments are a claim of their own, apart from the rest of their claims.
    Split {
        /// The commitments of the new claim.
        keys: Vec<CommitmentKey>,
    },
    /// This commitment is a claim on its own.
    Detach {
        /// The commitment.
        key: CommitmentKey,
    },
    /// The claim holding this commitment has this status, whatever the evidence says.
    SetStatus {
        /// A commitment of the claim.
        key: CommitmentKey,
        /// The status to show.
        status: ClaimStatus,
        /// The fact-checker's reason, shown with the status.
        note: String,
    },
}

/// A status pinned by a fact-checker, with their note; `None` when the machine decides.
pub type Pin = Option<(ClaimStatus, String)>;

/// Applies corrections in order to machine clusters (groups of indices into `commitments`):
/// merge joins the groups holding the two keys; split moves the given keys into a new group of
/// their own; detach makes a key a singleton; set_status pins the status of the group holding
/// the key at the end (a later correction to the same group wins). Keys no longer present
/// (article re-analysed away) are skipped and reported. Returns the groups (each sorted, sorted
/// by first index; indices missing from the input groups become singletons), per group the
/// pinned status with its note, and the skipped corrections with reasons.
pub fn apply(
    commitments: &[CommitmentRecord],
    groups: Vec<Vec<usize>>,
    corrections: &[Correction],
) -> (Vec<Vec<usize>>, Vec<Pin>, Vec<String>) {
    let n = commitments.len();
    let index: HashMap<&CommitmentKey, usize> = commitments.iter().enumerate().map(|(i, c)| (&c.key, i)).rev().collect();
    // group label per commitment; labels are arbitrary integers.
    let mut label: Vec<usize> = vec![usize::MAX; n];
    for (g, members) in groups.iter().enumerate() {
        for &m in members.iter().filter(|&&m| m < n) {
            label[m] = g;
        }
    }
    let mut next = groups.len();
    for l in label.iter_mut().filter(|l| **l == usize::MAX) {
        *l = next;
        next += 1;
    }
    let mut pins: Vec<(usize, ClaimStatus, String)> = Vec::new(); // (commitment, status, note)
    let mut skipped = Vec::new();
    let missing = |k: &CommitmentKey| format!("commitment {} is no longer present (article re-analysed or removed)", k.0);
    for (ci, c) in corrections.iter().enumerate() {
        let what = format!("correction {} ({})", ci + 1, action(c));
        match c {
            Correction::Merge { into, from } => match (index.get(into), index.get(from)) {
                (Some(&a), Some(&b)) => {
                    let (keep, gone) = (label[a], label[b]);
                    label.iter_mut().filter(|l| **l == gone).for_each(|l| *l = keep);
                }
                (a, _) => {
                    let k = if a.is_none() { into } else { from };
                    skipped.push(format!("{what} skipped: {}", missing(k)));
                }
            },
            Correction::Split { keys } => {
                let present: Vec<usize> = keys.iter().filter_map(|k| index.get(k).copied()).collect();
                for k in keys.iter().filter(|k| !index.contains_key(k)) {
                    skipped.push(format!("{what}: {} left out", missing(k)));
                }
                for &i in &present {
                    label[i] = next;
                }
                next += 1;
            }
            Correction::Detach { key } => match index.get(key) {
                Some(&i) => {
                    label[i] = next;
                    next += 1;
                }
                None => skipped.push(format!("{what} skipped: {}", missing(key))),
            },
            Correction::SetStatus { key, status, note } => match index.get(key) {
                Some(&i) => pins.push((i, *status, note.clone())),
                None => skipped.push(format!("{what} skipped: {}", missing(key))),
            },
        }
    }
    let mut by_label: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, &l) in label.iter().enumerate() {
        by_label.entry(l).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = by_label.into_values().collect();
    out.sort_by_key(|g| g[0]);
    let mut pinned: Vec<Pin> = vec![None; out.len()];
    for (i, status, note) in pins {
        if let Some(g) = out.iter().position(|g| g.binary_search(&i).is_ok()) {
            pinned[g] = Some((status, note));
        }
    }
    (out, pinned, skipped)
}

fn action(c: &Correction) -> &'static str {
    match c {
        Correction::Merge { .. } => "merge",
        Correction::Split { .. } => "split",
        Correction::Detach { .. } => "detach",
        Correction::SetStatus { .. } => "set_status",
    }
}

/// Builds the [`ClaimDraft`]s: per group its id ([`claim_id`]), members oldest first (undated
/// after dated, in input order), the updates attached to it (`attached[u]` is the group index
/// of `updates[u]`) oldest first, and the status with its evidence and deadlines, or the
/// pinned status with its note (the machine's evidence and deadlines are kept). Drafts are
/// sorted by id. Groups, pins and attachments that do not fit the inputs are ignored.
pub fn build_claims(
    commitments: &[CommitmentRecord],
    groups: &[Vec<usize>],
    pinned: &[Pin],
    updates: &[UpdateRecord],
    attached: &[Option<usize>],
    today: NaiveDate,
) -> Vec<ClaimDraft> {
    let mut drafts: Vec<ClaimDraft> = groups
        .iter()
        .enumerate()
        .filter_map(|(g, members)| {
            let mut members: Vec<&CommitmentRecord> = members.iter().filter_map(|&i| commitments.get(i)).collect();
            if members.is_empty() {
                return None;
            }
            oldest_first(&mut members, |m| m.published);
            let mut ups: Vec<&UpdateRecord> =
                updates.iter().zip(attached).filter(|(_, a)| **a == Some(g)).map(|(u, _)| u).collect();
            oldest_first(&mut ups, |u| u.published);
            let keys: Vec<&CommitmentKey> = members.iter().map(|m| &m.key).collect();
            let (machine, evidence, deadline, original_deadline) = status(&members, &ups, today);
            let pin = pinned.get(g).cloned().flatten();
            Some(ClaimDraft {
                id: claim_id(&keys),
                commitments: keys.into_iter().cloned().collect(),
                updates: ups.iter().map(|u| u.key.clone()).collect(),
                status: pin.as_ref().map_or(machine, |p| p.0),
                evidence,
                deadline,
                original_deadline,
                status_note: pin.map(|p| p.1),
            })
        })
        .collect();
    drafts.sort_by(|a, b| a.id.cmp(&b.id));
    drafts
}

/// Stable sort: dated items by date, undated ones after them in the order given.
fn oldest_first<T>(items: &mut [&T], date: impl Fn(&T) -> Option<NaiveDate>) {
    items.sort_by_key(|x| match date(x) {
        Some(d) => (0, Some(d)),
        None => (1, None),
    });
}

/// The whole chain for one run: cluster the commitments, replay the corrections, attach the
/// updates to the corrected claims, and build the drafts. Returns the drafts and the skipped
/// corrections. The linker should have been fitted on this run's sentences.
pub fn link_claims(
    linker: &Linker,
    commitments: &[CommitmentRecord],
    updates: &[UpdateRecord],
    corrections: &[Correction],
    today: NaiveDate,
) -> (Vec<ClaimDraft>, Vec<String>) {
    let machine = linker.cluster(commitments);
    let (groups, pinned, skipped) = apply(commitments, machine, corrections);
    let attached = attach_updates(linker, commitments, &groups, updates);
    (build_claims(commitments, &groups, &pinned, updates, &attached, today), skipped)
}
