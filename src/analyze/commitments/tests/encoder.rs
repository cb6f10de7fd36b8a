//! The fine-tuned classifier's place in the finder, with a classifier of known verdict (the
//! base model and a head that says yes, or no, to everything): what it may add, what it may
//! drop, and the slots of what it adds.

use super::*;
use crate::analyze::learned::encoder::tests::constant_model;

/// A text mixing sentences the rules accept, worded ones they turn down, and unworded ones.
/// The second sentence has commitment wording ("will")
/// but no number, date or acting subject, so the rules turn it down.
const TEXT: &str = "The akimat will build 12 schools in the region by 2025. \
This approach will help improve the quality of education. \
Last year, 1,200 km of roads were repaired. \
Will the state support small businesses in 2024? \
The population of the city is 1.2 million people.";

fn sentences(found: &[CommitmentDraft]) -> Vec<String> {
    let chars: Vec<char> = TEXT.chars().collect();
    found.iter().map(|d| d.span.text_in(&chars)).collect()
}

#[test]
fn a_classifier_saying_no_leaves_the_rules_verdicts_unless_it_may_drop_them() {
    let no = CommitmentFinder::new().with_encoder(constant_model(-20.0, 0.0));
    assert_eq!(no.find(TEXT, &split_sentences(TEXT), None, None), find(TEXT, None));
    // With a rejection threshold, what it gives less than that goes, even the rules' own.
    let drops = CommitmentFinder::new().with_encoder(constant_model(-20.0, 0.05));
    assert_eq!(find(TEXT, None).len(), 1);
    assert_eq!(drops.find(TEXT, &split_sentences(TEXT), None, None), vec![]);
    // ...and what it gives more than that stays.
    let keeps = CommitmentFinder::new().with_encoder(constant_model(-2.0, 0.05));
    assert_eq!(keeps.find(TEXT, &split_sentences(TEXT), None, None), find(TEXT, None));
}

#[test]
fn a_classifier_saying_yes_adds_only_sentences_with_commitment_wording() {
    let rules = sentences(&find(TEXT, None));
    assert_eq!(rules, vec!["The akimat will build 12 schools in the region by 2025.".to_owned()]);
    let yes = CommitmentFinder::new().with_encoder(constant_model(20.0, 0.05));
    let found = yes.find(TEXT, &split_sentences(TEXT), date(2023, 5, 1), None);
    assert_eq!(
        sentences(&found),
        vec![
            "The akimat will build 12 schools in the region by 2025.".to_owned(),
            "This approach will help improve the quality of education.".to_owned(),
            // Vetoed by the rules (a question), read by the classifier all the same.
            "Will the state support small businesses in 2024?".to_owned(),
        ],
        "sentences without commitment wording are never read"
    );
    // What the rules accepted keeps its slots; what the classifier added gets them too.
    assert_eq!(found[0], find(TEXT, date(2023, 5, 1))[0]);
    assert_eq!(found[2].deadline.as_ref().and_then(|d| d.year), Some(2024));
    assert_eq!(found[1].status, crate::domain::CommitmentStatus::Planned);
}
