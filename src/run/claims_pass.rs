//! The claims pass of a run: every stored commitment and progress sentence through the claims
//! stage (linking, corrections, status), the result stored; and `newsmine correct`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::Exit;
use super::cli::CorrectAction;
use crate::analyze::sentences::split_sentences;
use crate::claims::corrections::{Correction, link_claims};
use crate::claims::link::Linker;
use crate::claims::updates::find_updates;
use crate::claims::{ClaimDraft, ClaimStatus, CommitmentKey, CommitmentRecord, UpdateKind, UpdateRecord};
use crate::config::Config;
use crate::store::{ClaimRow, MemberRow, Store, StoredClaims};
use crate::{Error, Result};

/// What a claims pass produced, for the run report.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ClaimsOutcome {
    /// Claims stored.
    pub claims: u64,
    /// Claims supported by more than one article.
    pub multi_article: u64,
    /// Progress sentences attached to a claim.
    pub updates_attached: u64,
    /// Corrections that could not be applied (their commitments are gone), with the reason.
    pub skipped_corrections: Vec<String>,
}

/// Links every stored commitment into claims, replays the corrections, and stores the result.
pub(super) fn run(store: &mut Store, today: NaiveDate) -> Result<ClaimsOutcome> {
    let articles = store.analysed_articles()?;
    let mut commitments: Vec<CommitmentRecord> = Vec::new();
    let mut updates: Vec<UpdateRecord> = Vec::new();
    for (a, an) in &articles {
        let published = a.published.map(|d| d.date_naive());
        commitments.extend(an.commitments.iter().map(|c| CommitmentRecord::from_commitment(&a.id, &a.source, published, c)));
        let spans: Vec<(usize, usize)> = an.commitments.iter().map(|c| (c.start, c.end)).collect();
        let sentences = split_sentences(&a.text);
        let found = find_updates(&a.text, &sentences, &spans);
        if found.is_empty() {
            continue;
        }
        let chars: Vec<char> = a.text.chars().collect();
        for (span, kind) in found {
            let text: String = chars[span.start..span.end.min(chars.len())].iter().collect();
            let regions = an
                .regions
                .iter()
                .filter(|r| r.mentions.iter().any(|m| m.start >= span.start && m.end <= span.end))
                .map(|r| r.id.clone())
                .collect();
            updates.push(UpdateRecord {
                key: CommitmentKey::new(&a.id, &text),
                article: a.id.clone(),
                source: a.source.clone(),
                published,
                text,
                kind,
                regions,
                sector: an.sectors.first().map(|s| s.id.clone()),
                embedding: None,
            });
        }
    }
    // Sentence vectors from the embed pass's cache (none when no model is configured).
    let sentences: Vec<&str> = commitments.iter().map(|c| c.text.as_str()).collect();
    let vectors = super::embed_pass::sentence_embeddings(store, &sentences)?;
    for c in &mut commitments {
        c.embedding = vectors.get(&c.text).cloned();
    }
    let mut linker = Linker::default();
    let texts: Vec<&str> = commitments.iter().map(|c| c.text.as_str()).chain(updates.iter().map(|u| u.text.as_str())).collect();
    linker.fit(&texts);
    let corrections: Vec<Correction> =
        store.corrections()?.iter().filter_map(|json| serde_json::from_str(json).ok()).collect();
    let (drafts, skipped) = link_claims(&linker, &commitments, &updates, &corrections, today);
    let stored = to_rows(&drafts, &commitments, &updates, articles.iter().map(|(a, _)| &a.id));
    let outcome = ClaimsOutcome {
        claims: stored.claims.len() as u64,
        multi_article: stored.claims.iter().filter(|c| c.articles > 1).count() as u64,
        updates_attached: drafts.iter().map(|d| d.updates.len() as u64).sum(),
        skipped_corrections: skipped,
    };
    store.replace_claims(&stored)?;
    Ok(outcome)
}

fn update_kind_name(k: &UpdateKind) -> &'static str {
    match k {
        UpdateKind::Progress { .. } => "progress",
        UpdateKind::Delivered => "delivered",
        UpdateKind::Delayed { .. } => "delayed",
        UpdateKind::Cancelled => "cancelled",
    }
}

/// The drafts as database rows, and every article's claim fingerprint.
fn to_rows<'a>(
    drafts: &[ClaimDraft],
    commitments: &[CommitmentRecord],
    updates: &[UpdateRecord],
    all_articles: impl Iterator<Item = &'a crate::domain::ArticleId>,
) -> StoredClaims {
    let by_key: HashMap<&CommitmentKey, &CommitmentRecord> = commitments.iter().map(|c| (&c.key, c)).collect();
    let up_by_key: HashMap<&CommitmentKey, &UpdateRecord> = updates.iter().map(|u| (&u.key, u)).collect();
    let mut out = StoredClaims::default();
    let mut claims_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in drafts {
        let members: Vec<&CommitmentRecord> = d.commitments.iter().filter_map(|k| by_key.get(k).copied()).collect();
        let ups: Vec<&UpdateRecord> = d.updates.iter().filter_map(|k| up_by_key.get(k).copied()).collect();
        let Some(first) = members.first() else { continue };
        let mut articles: BTreeSet<&str> = members.iter().map(|m| m.article.as_str()).collect();
        articles.extend(ups.iter().map(|u| u.article.as_str()));
        let dates: Vec<NaiveDate> = members.iter().filter_map(|m| m.published).chain(ups.iter().filter_map(|u| u.published)).collect();
        let regions: BTreeSet<String> = members.iter().flat_map(|m| m.regions.iter().map(|r| r.to_string())).collect();
        let mut sectors: BTreeMap<String, usize> = BTreeMap::new();
        for s in members.iter().filter_map(|m| m.sector.as_ref()) {
            *sectors.entry(s.to_string()).or_default() += 1;
        }
        let sector = sectors.iter().max_by_key(|(s, n)| (**n, std::cmp::Reverse((*s).clone()))).map(|(s, _)| s.clone());
        let title: String = if first.text.chars().count() > 160 {
            format!("{}…", first.text.chars().take(159).collect::<String>().trim_end())
        } else {
            first.text.clone()
        };
        out.claims.push(ClaimRow {
            id: d.id.0.clone(),
            title,
            actor: members.iter().find_map(|m| m.actor.clone()),
            regions: regions.into_iter().collect(),
            sector,
            first_seen: dates.iter().min().map(|d| d.to_string()),
            last_seen: dates.iter().max().map(|d| d.to_string()),
            deadline: d.deadline.as_ref().map(|x| (x.text.clone(), x.year)),
            original_deadline: d.original_deadline.as_ref().map(|x| (x.text.clone(), x.year)),
            status: d.status.as_str().to_owned(),
            evidence: serde_json::to_value(&d.evidence).expect("evidence serialises"),
            status_note: d.status_note.clone(),
            articles: articles.len() as u64,
        });
        let rows = members
            .iter()
            .map(|m| (&m.key, &m.article, "commitment", &m.text, None))
            .chain(ups.iter().map(|u| (&u.key, &u.article, "update", &u.text, Some(update_kind_name(&u.kind)))));
        for (position, (key, article, kind, text, update_kind)) in rows.enumerate() {
            out.members.push(MemberRow {
                claim_id: d.id.0.clone(),
                key: key.0.clone(),
                article_id: article.clone(),
                kind: kind.into(),
                position: position as i64,
                text: text.clone(),
                update_kind: update_kind.map(Into::into),
            });
            claims_of.entry(article.to_string()).or_default().insert(d.id.0.clone());
        }
    }
    for id in all_articles {
        let ids = claims_of.get(id.as_str()).map(|s| s.iter().cloned().collect::<Vec<_>>().join(",")).unwrap_or_default();
        let hash = hex::encode(&Sha256::digest(ids.as_bytes())[..8]);
        out.article_hashes.push((id.clone(), hash));
    }
    out
}

/// The key of a claim's first commitment, which stands for the claim in a correction.
fn anchor(store: &Store, claim: &str) -> Result<CommitmentKey> {
    let timeline = store.claim_timeline(claim)?;
    timeline
        .iter()
        .find(|t| t.member.kind == "commitment")
        .map(|t| CommitmentKey(t.member.key.clone()))
        .ok_or_else(|| Error::Usage(format!("no claim {claim}; `newsmine claims` lists them")))
}

/// `newsmine correct ...`: records the correction, then re-links and re-indexes so it shows at once.
pub(super) fn correct(config: &Config, action: CorrectAction) -> Result<Exit> {
    let _lock = super::lock::acquire(&config.data_dir)?;
    if !config.data_dir.join("newsmine.db").exists() {
        return Err(Error::Usage(format!("no newsmine database in {}: run `newsmine run` first", config.data_dir.display())));
    }
    let mut store = Store::open(&config.data_dir)?;
    let key = |k: &str| {
        if k.contains(':') { Ok(CommitmentKey(k.to_owned())) } else { Err(Error::Usage(format!("`{k}` is not a commitment key (article:hash, as `newsmine claim ID --json` shows)"))) }
    };
    let (correction, note) = match action {
        CorrectAction::Merge { into, from, note } => {
            (Correction::Merge { into: anchor(&store, &into)?, from: anchor(&store, &from)? }, note)
        }
        CorrectAction::Split { keys, note } => (Correction::Split { keys: keys.iter().map(|k| key(k)).collect::<Result<_>>()? }, note),
        CorrectAction::Detach { key: k, note } => (Correction::Detach { key: key(&k)? }, note),
        CorrectAction::Status { id, status, note } => {
            let status = ClaimStatus::parse(&status).expect("validated by the command line");
            (Correction::SetStatus { key: anchor(&store, &id)?, status, note: note.clone() }, note)
        }
    };
    let mut json = serde_json::to_value(&correction).expect("correction serialises");
    json["note"] = serde_json::Value::String(note);
    store.add_correction(&json.to_string())?;
    let outcome = run(&mut store, chrono::Utc::now().date_naive())?;
    let index = crate::index::NewsIndex::open_or_create(&crate::index::NewsIndex::dir_in(&config.data_dir))?.0;
    super::nightly::index_pending(&mut store, &index, &super::nightly::RunOptions::default())?;
    println!(
        "correction recorded; {} claims ({} supported by several articles){}",
        outcome.claims,
        outcome.multi_article,
        if outcome.skipped_corrections.is_empty() { String::new() } else { format!("; skipped: {}", outcome.skipped_corrections.join("; ")) }
    );
    Ok(Exit::Ok)
}
