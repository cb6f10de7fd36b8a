//! A claim's status from its evidence and the calendar.
//!
//! Owns: ordering a claim's evidence in time (members and updates by publication date, undated
//! ones after the dated ones in the order given), tracking its deadline (the first stated year,
//! and the latest after restatements and postponements), and the rules that pick a
//! [`ClaimStatus`] with the evidence behind it. Precedence: cancelled (the latest decisive
//! evidence cancels) > delivered > overdue (the latest deadline year has passed, even after a
//! delay: being years late says more than having moved once) > delayed > in progress >
//! announced > unclear. A delivery and a cancellation that cannot be put in order are a
//! conflict: unclear.
//! Invariants: pure (today is a parameter); the same inputs give the same output.

#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};

use super::{ClaimStatus, CommitmentRecord, Evidence, UpdateKind, UpdateRecord};
use crate::domain::{CommitmentStatus, Deadline};

/// A claim without a deadline year stays "announced" this many days after its latest mention.
pub const RECENT_DAYS: i64 = 365;

/// One dated (or undated) piece of evidence, in the order it is considered.
struct Event<'a> {
    date: Option<NaiveDate>,
    key: &'a super::CommitmentKey,
    what: What,
    text: &'a str,
}

#[derive(Clone, Copy, PartialEq)]
enum What {
    Promise,
    Progress,
    Delivered,
    Cancelled,
    Delayed(Option<i32>),
}

/// Status of a claim from its members (ordered oldest first by published date; undated ones
/// after them in input order), its attached updates and today's date. Returns the status, the
/// evidence that set it (keys and why), the latest deadline and, when the deadline moved later,
/// the original one. Rules: cancelled if the latest decisive evidence cancels; delivered if an
/// update or a member with status completed reports it done; overdue if the latest deadline
/// year is before today's year and nothing was delivered; delayed if the deadline year moved
/// later across members or an update postpones it; in progress if progress is reported or a
/// member says so; announced when the deadline is this year or later, or there is none but
/// the latest mention is recent; unclear when delivery and cancellation conflict or nothing
/// can be said.
pub fn status(
    members: &[&CommitmentRecord],
    updates: &[&UpdateRecord],
    today: NaiveDate,
) -> (ClaimStatus, Vec<Evidence>, Option<Deadline>, Option<Deadline>) {
    let events = timeline(members, updates);
    let (deadline, original, moves) = deadlines(members, &events);
    let mut evidence: Vec<Evidence> = moves;
    let ev = |e: &Event, why: String| Evidence { key: e.key.clone(), why };

    let decisive: Vec<&Event> = events.iter().filter(|e| matches!(e.what, What::Delivered | What::Cancelled)).collect();
    let last_decisive = decisive.iter().rev().find(|e| e.date.is_some()).or(decisive.last()).copied();
    let any_cancel = decisive.iter().any(|e| e.what == What::Cancelled);
    let any_deliver = decisive.iter().any(|e| e.what == What::Delivered);
    let ordered = decisive.iter().all(|e| e.date.is_some());
    if any_cancel && any_deliver && !ordered {
        for e in &decisive {
            evidence.push(ev(e, format!("{} (undated, so the order is unknown): \"{}\"", label(e.what), clip(e.text))));
        }
        return (ClaimStatus::Unclear, evidence, deadline, original);
    }
    let revived = last_decisive.filter(|e| e.what == What::Cancelled).and_then(|c| {
        let d = c.date?;
        events.iter().find(|e| e.date.is_some_and(|x| x > d) && matches!(e.what, What::Promise | What::Progress | What::Delayed(_)))
    });
    if let (Some(c), Some(r)) = (last_decisive, revived) {
        evidence.push(ev(c, format!("reported cancelled{}, but restated later", on(c.date))));
        evidence.push(ev(r, format!("restated{} after the cancellation", on(r.date))));
    }
    if let Some(e) = last_decisive.filter(|_| revived.is_none()) {
        let (status, why) = match e.what {
            What::Cancelled => (ClaimStatus::Cancelled, "reported cancelled or suspended"),
            _ => (ClaimStatus::Delivered, "reported delivered"),
        };
        evidence.push(ev(e, format!("{why}{}: \"{}\"", on(e.date), clip(e.text))));
        return (status, evidence, deadline, original);
    }
    let year = deadline.as_ref().and_then(|d| d.year);
    if let Some(y) = year.filter(|&y| y < today.year()) {
        let last = events.iter().rev().find(|e| matches!(e.what, What::Promise | What::Delayed(_)));
        if let Some(e) = last {
            evidence.push(ev(e, format!("deadline {y} has passed and no delivery was reported")));
        }
        return (ClaimStatus::Overdue, evidence, deadline, original);
    }
    if original.is_some() || events.iter().any(|e| matches!(e.what, What::Delayed(_))) {
        return (ClaimStatus::Delayed, evidence, deadline, original);
    }
    if let Some(e) = events.iter().rev().find(|e| e.what == What::Progress) {
        evidence.push(ev(e, format!("work reported under way{}: \"{}\"", on(e.date), clip(e.text))));
        return (ClaimStatus::InProgress, evidence, deadline, original);
    }
    let latest = events.iter().filter_map(|e| e.date).max();
    let first = events.iter().find(|e| e.what == What::Promise);
    match (year, first) {
        (Some(y), Some(e)) => {
            evidence.push(ev(e, format!("announced with deadline {y}, not yet passed")));
            (ClaimStatus::Announced, evidence, deadline, original)
        }
        (None, Some(e)) if latest.is_some_and(|d| (today - d).num_days() <= RECENT_DAYS) => {
            evidence.push(ev(e, format!("announced without a deadline year, last mentioned{}", on(latest))));
            (ClaimStatus::Announced, evidence, deadline, original)
        }
        (_, Some(e)) => {
            evidence.push(ev(e, "no deadline year and no recent mention: nothing can be said".to_owned()));
            (ClaimStatus::Unclear, evidence, deadline, original)
        }
        (_, None) => (ClaimStatus::Unclear, evidence, deadline, original),
    }
}

/// Members and updates as events in time order: dated ones by date (members before updates on
/// one day), then undated ones (members, then updates) in the order given.
fn timeline<'a>(members: &[&'a CommitmentRecord], updates: &[&'a UpdateRecord]) -> Vec<Event<'a>> {
    let mut events: Vec<(u8, usize, Event<'a>)> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let what = match m.status {
            CommitmentStatus::Completed => What::Delivered,
            CommitmentStatus::Cancelled => What::Cancelled,
            CommitmentStatus::InProgress => What::Progress,
            CommitmentStatus::Planned => What::Promise,
        };
        events.push((0, i, Event { date: m.published, key: &m.key, what, text: &m.text }));
    }
    for (i, u) in updates.iter().enumerate() {
        let what = match u.kind {
            UpdateKind::Progress { .. } => What::Progress,
            UpdateKind::Delivered => What::Delivered,
            UpdateKind::Delayed { to_year } => What::Delayed(to_year),
            UpdateKind::Cancelled => What::Cancelled,
        };
        events.push((1, i, Event { date: u.published, key: &u.key, what, text: &u.text }));
    }
    events.sort_by(|a, b| match (a.2.date, b.2.date) {
        (Some(x), Some(y)) => x.cmp(&y).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(&b.0).then(a.1.cmp(&b.1)),
    });
    events.into_iter().map(|e| e.2).collect()
}

/// The latest deadline, the original one when it moved later, and evidence for each move.
/// Members' deadlines are followed in time order (a phrase without a year does not replace one
/// with a year); a postponement is a restated deadline, with its new year when stated.
fn deadlines(members: &[&CommitmentRecord], events: &[Event]) -> (Option<Deadline>, Option<Deadline>, Vec<Evidence>) {
    let by_key = |k: &super::CommitmentKey| members.iter().find(|m| &m.key == k).and_then(|m| m.deadline.clone());
    let (mut first_any, mut first_year): (Option<Deadline>, Option<Deadline>) = (None, None);
    let mut latest: Option<Deadline> = None;
    let mut moves = Vec::new();
    let mut postponed = false;
    for e in events {
        let stated = match e.what {
            What::Delayed(year) => {
                postponed = true;
                let to = year.map(|y| format!(" to {y}")).unwrap_or_default();
                moves.push(Evidence { key: e.key.clone(), why: format!("reported postponed{to}{}: \"{}\"", on(e.date), clip(e.text)) });
                let text = year.map_or_else(|| "postponed, no new date stated".to_owned(), |y| format!("postponed to {y}"));
                Some(Deadline { text, year })
            }
            What::Promise | What::Progress => {
                let d = by_key(e.key);
                if let Some(d) = &d {
                    first_any.get_or_insert_with(|| d.clone());
                    if d.year.is_some() {
                        first_year.get_or_insert_with(|| d.clone());
                    }
                    if let (Some(prev), Some(now)) = (latest.as_ref().and_then(|l| l.year), d.year)
                        && now > prev
                    {
                        moves.push(Evidence { key: e.key.clone(), why: format!("deadline {prev} restated as {now}{}", on(e.date)) });
                    }
                }
                d
            }
            _ => None,
        };
        let Some(d) = stated else { continue };
        // A postponement always replaces the deadline; a phrase without a year never replaces
        // one with a year.
        if matches!(e.what, What::Delayed(_)) || d.year.is_some() || latest.as_ref().is_none_or(|l| l.year.is_none()) {
            latest = Some(d);
        }
    }
    let first = first_year.or(first_any);
    let later = matches!((first.as_ref().and_then(|f| f.year), latest.as_ref().and_then(|l| l.year)), (Some(f), Some(l)) if l > f);
    if postponed || later {
        let original = first.filter(|f| Some(f) != latest.as_ref());
        (latest, original, moves)
    } else {
        (latest, None, Vec::new())
    }
}

fn label(w: What) -> &'static str {
    match w {
        What::Delivered => "reported delivered",
        What::Cancelled => "reported cancelled",
        What::Progress => "work under way",
        What::Promise => "promised",
        What::Delayed(_) => "postponed",
    }
}

fn on(date: Option<NaiveDate>) -> String {
    date.map(|d| format!(" on {d}")).unwrap_or_default()
}

/// The first 120 chars of a sentence, for an evidence note.
fn clip(text: &str) -> String {
    let t: String = text.chars().take(120).collect();
    if t.len() < text.len() { format!("{t}…") } else { t }
}
