//! Tests for the commitment finder: real sentences from kz-gov-press (article id in a comment)
//! and the Astana Times seed, in tables run through one `check` helper per file.
//!
//! - `positive`: commitments and their quantities and deadline;
//! - `negative`: sentences that are not commitments, one table per reason;
//! - `slots`: actor, status and deadline years (with and without a publication date);
//! - `instructions`: instructions, lists of them after a lead-in, and other plan wordings;
//! - `general`: the general rules for wording outside the closed lists, on unlabelled articles;
//! - `directives`: orders worded as needs, plans with adjuncts, amounts the government sets,
//!   the news present, and the forecasts, durations and meta-orders that only look like them;
//! - `recall`: rules added for recall on unseen text (there will be, available online, aims
//!   with a number, dated decisions not to act, time adverbials before the subject);
//! - `corpus`: every kz-gov-press article through split + find without panic.

mod corpus;
mod directives;
mod encoder;
mod general;
mod instructions;
mod negative;
mod positive;
mod recall;
mod round3;
mod slots;

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::{CommitmentDraft, CommitmentFinder};
use crate::analyze::sentences::split_sentences;

/// One finder for all tests: building it compiles every regex.
static FINDER: LazyLock<CommitmentFinder> = LazyLock::new(CommitmentFinder::new);

/// The commitments found in `text` (usually one sentence).
fn find(text: &str, published: Option<NaiveDate>) -> Vec<CommitmentDraft> {
    FINDER.find(text, &split_sentences(text), published, None)
}

/// Each sentence is a commitment (`true`) or not (`false`): the tables of `general`,
/// `directives` and `recall`.
fn check_verdicts(cases: &[(&str, bool)]) {
    for (sentence, expected) in cases {
        let found = find(sentence, None);
        assert_eq!(!found.is_empty(), *expected, "expected commitment = {expected}: {sentence}\ngot: {found:?}");
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}
