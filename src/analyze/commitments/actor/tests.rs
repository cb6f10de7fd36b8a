//! Tests for recognising actors and choosing the one that commits.

use super::ActorReader;

/// The actor chosen for the cue that starts at `cue` (a substring of `sentence`).
fn check(sentence: &str, cue: &str, active: bool, expected: Option<&str>) {
    let reader = ActorReader::new();
    let at = sentence.find(cue).expect("cue in sentence");
    let mentions = reader.mentions(sentence);
    assert_eq!(
        reader.choose(sentence, &mentions, at, active).as_deref(),
        expected,
        "\ninput: {sentence:?}"
    );
}

#[test]
fn subjects_speakers_and_programmes() {
    let cases: &[(&str, &str, bool, Option<&str>)] = &[
        (
            "Prime Minister Bakytzhan Sagintayev instructed the akimats to finish.",
            "instructed",
            true,
            Some("Prime Minister Bakytzhan Sagintayev"),
        ),
        (
            "The Ministry of Energy plans to build a plant.",
            "plans",
            true,
            Some("the Ministry of Energy"),
        ),
        (
            "The akimat of Almaty region will repair 10 roads.",
            "will",
            true,
            Some("the akimat of Almaty region"),
        ),
        (
            "The regional akimat will repair roads.",
            "will",
            true,
            Some("the regional akimat"),
        ),
        (
            "Samruk-Kazyna will invest $1 billion.",
            "will",
            true,
            Some("Samruk-Kazyna"),
        ),
        (
            "Kazakhtelecom will connect 200 villages.",
            "will",
            true,
            Some("Kazakhtelecom"),
        ),
        (
            "Kazakhstan Temir Zholy will buy 50 locomotives.",
            "will",
            true,
            Some("Kazakhstan Temir Zholy"),
        ),
        ("KEGOC plans to build a line.", "plans", true, Some("KEGOC")),
        (
            "Under the Nurly Zher program, 5 houses will be built.",
            "will",
            false,
            Some("the Nurly Zher program"),
        ),
        (
            "10 schools will be built, the minister said.",
            "will",
            false,
            Some("the minister"),
        ),
        (
            "10 schools will be built, K. Aituganov said.",
            "will",
            false,
            Some("K. Aituganov"),
        ),
        (
            "According to the Deputy Prime Minister, 10 schools will be built.",
            "will",
            false,
            Some("the Deputy Prime Minister"),
        ),
        (
            "The Head of State Nursultan Nazarbayev instructed to build it.",
            "instructed",
            true,
            Some("the Head of State Nursultan Nazarbayev"),
        ),
        (
            "The Government will allocate 5 billion tenge.",
            "will",
            true,
            Some("the Government"),
        ),
        ("Schools will be built in the region.", "will", false, None),
        (
            "The Minister met with the akim and said roads will be built.",
            "will",
            false,
            Some("the Minister"),
        ),
        (
            "Roads to the akimat building will be repaired.",
            "will",
            false,
            None,
        ),
        (
            "Residents of remote villages in Kazakhstan will be provided with services.",
            "will",
            false,
            None,
        ),
        (
            "the State Program for Tourism will be adopted.",
            "will",
            false,
            None,
        ),
    ];
    for (sentence, cue, active, expected) in cases {
        check(sentence, cue, *active, *expected);
    }
}
