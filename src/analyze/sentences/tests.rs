//! Tests for the sentence splitter: one table per class of trap, every case through `check`.

use super::*;

/// Splits `text` and compares the sentences' texts with `expected`.
fn check(text: &str, expected: &[&str]) {
    let chars: Vec<char> = text.chars().collect();
    let got: Vec<String> = split_sentences(text)
        .iter()
        .map(|s| s.text_in(&chars))
        .collect();
    assert_eq!(got, expected, "\ninput: {text:?}");
}

fn check_table(cases: &[(&str, &[&str])]) {
    for (text, expected) in cases {
        check(text, expected);
    }
}

#[test]
fn initials_and_abbreviated_names() {
    check_table(&[
        // pm-0001
        (
            "About 6,000 non-profit organizations are registered in Almaty today,\" I. Tasmagambetov noted. In addition, he spoke.",
            &[
                "About 6,000 non-profit organizations are registered in Almaty today,\" I. Tasmagambetov noted.",
                "In addition, he spoke.",
            ],
        ),
        (
            "The akim A. Toksaba said so. K. Tokayev agreed.",
            &["The akim A. Toksaba said so.", "K. Tokayev agreed."],
        ),
        (
            "The rate is adequate, \"  B. Sultanov informed. He also noted a trend.",
            &[
                "The rate is adequate, \"  B. Sultanov informed.",
                "He also noted a trend.",
            ],
        ),
        (
            "Prime Minister B.Sagintayev visited the site. Work goes on.",
            &[
                "Prime Minister B.Sagintayev visited the site.",
                "Work goes on.",
            ],
        ),
        (
            "Zh. Kassymbek and Sh. Mukhamedov attended. Then they left.",
            &[
                "Zh. Kassymbek and Sh. Mukhamedov attended.",
                "Then they left.",
            ],
        ),
        (
            "Министр К. Токаев отметил это. Работа продолжится.",
            &["Министр К. Токаев отметил это.", "Работа продолжится."],
        ),
    ]);
}

#[test]
fn abbreviations() {
    check_table(&[
        (
            "It costs 1.5 bn. tenge in total. Next year more.",
            &["It costs 1.5 bn. tenge in total.", "Next year more."],
        ),
        (
            "The budget is 20 mln. The rest follows.",
            &["The budget is 20 mln.", "The rest follows."],
        ),
        (
            "Decree No. 5 was signed. It takes effect.",
            &["Decree No. 5 was signed.", "It takes effect."],
        ),
        (
            "The meeting will be held 9 a.m. Tuesday, Feb. 26 in Ukimet Uyi.",
            &["The meeting will be held 9 a.m. Tuesday, Feb. 26 in Ukimet Uyi."],
        ),
        (
            "It opened on Jan. 5 in Astana. Dr. Smith and Mr. Jones came.",
            &[
                "It opened on Jan. 5 in Astana.",
                "Dr. Smith and Mr. Jones came.",
            ],
        ),
        (
            "He lives on St. Petersburg Avenue. Mrs. Lee too.",
            &["He lives on St. Petersburg Avenue.", "Mrs. Lee too."],
        ),
        (
            "Roads, bridges, etc. are planned. Schools etc. Then more.",
            &[
                "Roads, bridges, etc. are planned.",
                "Schools etc.",
                "Then more.",
            ],
        ),
        (
            "Some regions, e.g. Aktobe, grew. Others, i.e. the rest, fell.",
            &[
                "Some regions, e.g. Aktobe, grew.",
                "Others, i.e. the rest, fell.",
            ],
        ),
        (
            "Exports to the U.S. President's country rose. Imports fell.",
            &[
                "Exports to the U.S. President's country rose.",
                "Imports fell.",
            ],
        ),
        (
            "See Art. 12 of the Code. It applies.",
            &["See Art. 12 of the Code.", "It applies."],
        ),
        // pm-1321: "art" the word ends a sentence
        (
            "There is an active promotion in theatrical art. At this time, the troupe is in Italy.",
            &[
                "There is an active promotion in theatrical art.",
                "At this time, the troupe is in Italy.",
            ],
        ),
    ]);
}

#[test]
fn russian_abbreviations() {
    check_table(&[
        (
            "В 2019 г. в г. Алматы построят 10 школ. Работа начнётся.",
            &[
                "В 2019 г. в г. Алматы построят 10 школ.",
                "Работа начнётся.",
            ],
        ),
        (
            "Это было в 2018 г. Правительство решило иначе.",
            &["Это было в 2018 г.", "Правительство решило иначе."],
        ),
        (
            "В 2019-2020 гг. выделят 5 млрд. тенге, т.е. больше. Далее.",
            &[
                "В 2019-2020 гг. выделят 5 млрд. тенге, т.е. больше.",
                "Далее.",
            ],
        ),
        (
            "Выделено 12 тыс. тенге на дороги, мосты и т.д. Кроме того, школы.",
            &[
                "Выделено 12 тыс. тенге на дороги, мосты и т.д.",
                "Кроме того, школы.",
            ],
        ),
        (
            "Школа им. Абая открыта. Ул. Ленина закрыта.",
            &["Школа им. Абая открыта.", "Ул. Ленина закрыта."],
        ),
    ]);
}

#[test]
fn numbers() {
    check_table(&[
        (
            "Inflation was 3.2% in May. GDP grew 4.1 percent.",
            &["Inflation was 3.2% in May.", "GDP grew 4.1 percent."],
        ),
        (
            "It was 6 times more than in 2015. 11,000 families returned.",
            &[
                "It was 6 times more than in 2015.",
                "11,000 families returned.",
            ],
        ),
        // pm-0001: a period glued to the next sentence's number.
        (
            "a large untapped potential.11,000 families returned home this year.",
            &[
                "a large untapped potential.",
                "11,000 families returned home this year.",
            ],
        ),
        (
            "The archives were produced.The work goes on.",
            &["The archives were produced.", "The work goes on."],
        ),
        // Regression (fuzzing): a second period inside the glued token.
        (
            "The work is produced.Done. Next one.",
            &["The work is produced.", "Done.", "Next one."],
        ),
        (
            "Visit primeminister.kz. The site is new.",
            &["Visit primeminister.kz.", "The site is new."],
        ),
    ]);
}

#[test]
fn quotes_and_brackets() {
    check_table(&[
        (
            "\"We will build it.\" The minister left.",
            &["\"We will build it.\"", "The minister left."],
        ),
        (
            "He said: “We will build it.” The minister left.",
            &["He said: “We will build it.”", "The minister left."],
        ),
        (
            "«Мы построим.» Министр ушёл.",
            &["«Мы построим.»", "Министр ушёл."],
        ),
        (
            "\"Will it open?\" he asked. Yes!",
            &["\"Will it open?\" he asked.", "Yes!"],
        ),
        (
            "(The plant opens in 2019.) It employs 300.",
            &["(The plant opens in 2019.)", "It employs 300."],
        ),
        (
            "The plan (approx. 5 bn tenge) is ready. Go.",
            &["The plan (approx. 5 bn tenge) is ready.", "Go."],
        ),
        (
            "\"The rate is adequate. \" B. Sultanov informed.",
            &["\"The rate is adequate. \"", "B. Sultanov informed."],
        ),
    ]);
}

#[test]
fn line_breaks_and_lists() {
    check_table(&[
        (
            "Kazakhstan to build 10 schools\nThe Government decided so.",
            &[
                "Kazakhstan to build 10 schools",
                "The Government decided so.",
            ],
        ),
        (
            "Tasks:\n1) Astana — with a potential of 1,000,000 tourists;\n2) Burabai resort zone;\n",
            &[
                "Tasks:",
                "Astana — with a potential of 1,000,000 tourists;",
                "Burabai resort zone;",
            ],
        ),
        (
            "Plans:\n- construction of rental housing,\n- construction of credit housing.",
            &[
                "Plans:",
                "construction of rental housing,",
                "construction of credit housing.",
            ],
        ),
        (
            "1. The Government will act. 2. The akimat will help.",
            &["The Government will act.", "2. The akimat will help."],
        ),
        ("• Item one\r\n• Item two", &["Item one", "Item two"]),
        (
            "A. Toksaba said so.\nA. Toksaba left.",
            &["A. Toksaba said so.", "A. Toksaba left."],
        ),
        ("   \n\n  ***  \n", &[]),
    ]);
}

#[test]
fn ellipses_questions_exclamations() {
    check_table(&[
        (
            "We waited... Then it opened.",
            &["We waited...", "Then it opened."],
        ),
        (
            "We waited… and waited. It opened.",
            &["We waited… and waited.", "It opened."],
        ),
        (
            "Is it ready? Not yet! We wait.",
            &["Is it ready?", "Not yet!", "We wait."],
        ),
    ]);
}

#[test]
fn spans_are_char_offsets_trimmed() {
    let text = "  Ещё — “раз”.  Next one ";
    let spans = split_sentences(text);
    assert_eq!(
        spans,
        vec![
            SentenceSpan { start: 2, end: 14 },
            SentenceSpan { start: 16, end: 24 }
        ]
    );
    let weird = [
        "",
        ".",
        "...",
        "\"",
        "a.",
        ".a",
        "1)",
        "- ",
        "г.",
        "\u{2028}x\u{85}y",
        "?!?!",
        "((((",
    ];
    for w in weird {
        let chars: Vec<char> = w.chars().collect();
        for s in split_sentences(w) {
            assert!(s.start < s.end && s.end <= chars.len(), "{w:?}: {s:?}");
        }
    }
}
