//! Claims: commitments from different articles that are the same undertaking, followed over
//! time with the evidence.
//!
//! Owns: linking commitments into claims ([`link`]), finding progress evidence in sentences
//! that are not commitments ([`updates`]), a claim's status from its evidence and the calendar
//! ([`status`]), and replaying a fact-checker's corrections over the machine's linking
//! ([`corrections`]). Input: [`CommitmentRecord`]s and [`UpdateRecord`]s as stored. Output:
//! [`ClaimDraft`]s for the store.
//! Invariants: pure (no I/O); deterministic; a commitment belongs to at most one claim; claim
//! ids depend only on their members' keys, so re-linking keeps ids stable; corrections are
//! keyed by [`CommitmentKey`] (article and sentence), so they survive re-analysis.
//! Never: re-tags text (it reads commitments as the analyze stage stored them).

pub mod corrections;
pub mod link;
pub mod status;
pub mod updates;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{ArticleId, Commitment, CommitmentStatus, Deadline, Quantity, RegionId, SectorId, SourceName};

/// The stable identity of a claim: `c-` and 12 hex digits derived from its founding member.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClaimId(pub String);

impl std::fmt::Display for ClaimId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Identifies a commitment across re-analysis: its article and the hash of its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CommitmentKey(pub String);

impl CommitmentKey {
    /// `<article id>:<12 hex digits of SHA-256 over the whitespace-normalised sentence>`.
    pub fn new(article: &ArticleId, sentence: &str) -> CommitmentKey {
        use sha2::{Digest, Sha256};
        let normalised: Vec<&str> = sentence.split_whitespace().collect();
        let digest = Sha256::digest(normalised.join(" ").as_bytes());
        CommitmentKey(format!("{article}:{}", &hex::encode(digest)[..12]))
    }
}

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

impl ClaimStatus {
    /// The snake_case name used in JSON, the database and `--status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Announced => "announced",
            Self::InProgress => "in_progress",
            Self::Delivered => "delivered",
            Self::Delayed => "delayed",
            Self::Overdue => "overdue",
            Self::Cancelled => "cancelled",
            Self::Unclear => "unclear",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<ClaimStatus> {
        Some(match s {
            "announced" => Self::Announced,
            "in_progress" => Self::InProgress,
            "delivered" => Self::Delivered,
            "delayed" => Self::Delayed,
            "overdue" => Self::Overdue,
            "cancelled" => Self::Cancelled,
            "unclear" => Self::Unclear,
            _ => return None,
        })
    }
}

/// A stored commitment, as the linker sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitmentRecord {
    /// Stable key (article + sentence).
    pub key: CommitmentKey,
    /// The article it is in.
    pub article: ArticleId,
    /// The article's source.
    pub source: SourceName,
    /// The article's publication day, when known.
    pub published: Option<NaiveDate>,
    /// The sentence.
    pub text: String,
    /// Who commits.
    pub actor: Option<String>,
    /// Promised quantities.
    pub quantities: Vec<Quantity>,
    /// Deadline phrase and year.
    pub deadline: Option<Deadline>,
    /// Where.
    pub regions: Vec<RegionId>,
    /// Primary sector.
    pub sector: Option<SectorId>,
    /// What the sentence says of it.
    pub status: CommitmentStatus,
    /// Sentence embedding (unit length), when a model is available.
    pub embedding: Option<Vec<f32>>,
}

impl CommitmentRecord {
    /// The record of commitment `c` found in `article`: its slots as the analyzer read them,
    /// keyed by the article and the sentence; no embedding yet.
    pub fn from_commitment(article: &ArticleId, source: &SourceName, published: Option<NaiveDate>, c: &Commitment) -> Self {
        CommitmentRecord {
            key: CommitmentKey::new(article, &c.text),
            article: article.clone(),
            source: source.clone(),
            published,
            text: c.text.clone(),
            actor: c.actor.clone(),
            quantities: c.quantities.clone(),
            deadline: c.deadline.clone(),
            regions: c.regions.clone(),
            sector: c.sector.clone(),
            status: c.status,
            embedding: None,
        }
    }
}

/// What a progress sentence reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UpdateKind {
    /// Work under way ("construction is 60% complete").
    Progress {
        /// Share done, when stated.
        percent: Option<f32>,
    },
    /// Done ("was commissioned", "has been put into operation").
    Delivered,
    /// Postponed ("postponed to 2026").
    Delayed {
        /// The new year, when stated.
        to_year: Option<i32>,
    },
    /// Abandoned ("the project was cancelled").
    Cancelled,
}

/// A sentence reporting progress on some undertaking, found in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateRecord {
    /// Stable key (article + sentence).
    pub key: CommitmentKey,
    /// The article it is in.
    pub article: ArticleId,
    /// The article's source.
    pub source: SourceName,
    /// The article's publication day, when known.
    pub published: Option<NaiveDate>,
    /// The sentence.
    pub text: String,
    /// What it reports.
    pub kind: UpdateKind,
    /// Regions named in the sentence.
    pub regions: Vec<RegionId>,
    /// Sector of the sentence.
    pub sector: Option<SectorId>,
    /// Sentence embedding, when a model is available.
    pub embedding: Option<Vec<f32>>,
}

/// One piece of evidence behind a status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The commitment or update sentence's key.
    pub key: CommitmentKey,
    /// Why it counts ("deadline 2019 restated as 2020", "reported commissioned").
    pub why: String,
}

/// A claim as the machine (and the corrections) make it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimDraft {
    /// Stable id.
    pub id: ClaimId,
    /// Member commitments, oldest first.
    pub commitments: Vec<CommitmentKey>,
    /// Attached progress sentences, oldest first.
    pub updates: Vec<CommitmentKey>,
    /// Current status.
    pub status: ClaimStatus,
    /// What set the status.
    pub evidence: Vec<Evidence>,
    /// The latest deadline.
    pub deadline: Option<Deadline>,
    /// The first deadline, when it moved.
    pub original_deadline: Option<Deadline>,
    /// Whether the status was set by a person (with their note).
    pub status_note: Option<String>,
}
