//! Claims: commitments from different articles that are the same undertaking, followed over time.
//!
//! Owns: the claim vocabulary ([`ClaimId`], [`ClaimStatus`]). Linking commitments into claims,
//! progress evidence and corrections arrive with the claims work; until then no command creates
//! claims, and nothing else in the pipeline depends on this module.
//! Never: re-tags text (it reads commitments as the analyze stage stored them).

use serde::{Deserialize, Serialize};

/// The stable identity of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClaimId(pub String);

/// Where a promise stands, in the spirit of the PolitiFact promise meters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Promised; no progress reported yet and the deadline has not passed.
    Announced,
    /// Work reported under way.
    InProgress,
    /// Reported done.
    Delivered,
    /// The deadline was moved.
    Delayed,
    /// The deadline passed and no delivery was reported.
    Overdue,
    /// Reported abandoned.
    Cancelled,
    /// The evidence does not say.
    Unclear,
}
