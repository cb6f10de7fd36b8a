//! The values that flow between stages: identifiers, the extracted [`Article`] and its
//! [`Analysis`].
//!
//! Owns: the typed vocabulary every stage shares, so that a stage's input and output are
//! named types instead of bare strings and maps. Never does I/O and depends on no stage.

mod analysis;
mod article;
mod ids;
mod time;
mod urls;

pub use analysis::{
    Analysis, Commitment, CommitmentStatus, Deadline, Mention, Quantity, RegionTag, SectorScore,
};
pub use article::{Article, ExtractedArticle, WarcLocation};
pub use ids::{ArticleId, IdError, RegionId, SectorId, SourceName};
pub use time::parse_datetime;
pub use urls::canonicalize_url;
