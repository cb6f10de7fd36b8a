//! "There will be ...": something concrete will exist, which someone must deliver. Part of
//! `cues`, split from `judge` to keep files short.

use super::judge::Judged;
use super::phrase::object_head;
use super::{Kind, Need};
use crate::analyze::commitments::lexicon::{self as lx, has};

/// "There will be 3 new dams in Aksai gorge", "there will be a single procurement portal",
/// "By 2020, there will be a full transition to ...": something concrete will exist, which
/// someone must deliver. A document or system commits on its own, a transition with a date,
/// anything else with a number or a date. Not: "there will be no let-up", events ("a public
/// hearing"), effects ("a lot of opportunities", "a saving"), gerunds ("the opening of the
/// Universiade") and beliefs ("we do not expect that there will be ...").
pub(super) fn there_will_be(s: &str, before: &str, object: usize) -> Option<Judged> {
    let first = s[object..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let belief = [
        "expect",
        "hope",
        "think",
        "believe",
        "sure",
        "confident",
        "likely",
    ]
    .iter()
    .any(|w| before.contains(w));
    let head = object_head(s, object);
    if belief
        || matches!(
            first.as_str(),
            "no" | "not" | "nothing" | "some" | "much" | "more" | "less"
        )
        || head.is_empty()
        || head.ends_with("ing")
        || has(lx::EVENT_NOUNS, &head)
        || has(lx::EFFECT_NOUNS, &head)
        || has(lx::RHETORIC, &head)
        || matches!(
            head.as_str(),
            "lot" | "lots" | "need" | "saving" | "savings" | "increase"
        )
    {
        return None;
    }
    let need = if has(lx::DOCUMENT_NOUNS, &head) {
        Need::Nothing
    } else if has(lx::ABSTRACT_NOUNS, &head) {
        Need::Date
    } else {
        Need::NumberOrDate
    };
    Some((Kind::Future, need, false))
}
