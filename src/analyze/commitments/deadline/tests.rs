//! Tests for time phrases and the year they resolve to.

use chrono::NaiveDate;

use super::DeadlineReader;

/// The first time phrase in `text` and its year, given the publication date.
fn check(text: &str, published: Option<(i32, u32, u32)>, expected: Option<(&str, Option<i32>)>) {
    let published = published.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
    let found = DeadlineReader::new().read(text, published);
    let got = found
        .first()
        .map(|f| (f.deadline.text.as_str(), f.deadline.year));
    assert_eq!(got, expected, "\ninput: {text:?}");
}

#[test]
fn phrases_and_years() {
    let p = Some((2019, 5, 10));
    type Case<'a> = (
        &'a str,
        Option<(i32, u32, u32)>,
        Option<(&'a str, Option<i32>)>,
    );
    let cases: &[Case] = &[
        (
            "will be built by 2025.",
            None,
            Some(("by 2025", Some(2025))),
        ),
        (
            "by the end of the year",
            None,
            Some(("by the end of the year", None)),
        ),
        (
            "by the end of the year",
            p,
            Some(("by the end of the year", Some(2019))),
        ),
        (
            "connected over the summer",
            None,
            Some(("over the summer", None)),
        ),
        (
            "connected over the summer",
            p,
            Some(("over the summer", Some(2019))),
        ),
        (
            "in the first half of 2019",
            None,
            Some(("in the first half of 2019", Some(2019))),
        ),
        (
            "within two years",
            p,
            Some(("within two years", Some(2021))),
        ),
        ("within two years", None, Some(("within two years", None))),
        ("next year", p, Some(("next year", Some(2020)))),
        ("next year", None, Some(("next year", None))),
        ("this year", p, Some(("this year", Some(2019)))),
        ("in 2020", None, Some(("in 2020", Some(2020)))),
        ("until 2021", None, Some(("until 2021", Some(2021)))),
        (
            "before the end of 2018",
            None,
            Some(("before the end of 2018", Some(2018))),
        ),
        ("in 2019-2020", None, Some(("in 2019-2020", Some(2020)))),
        ("in 2019–21", None, Some(("in 2019–21", Some(2021)))),
        (
            "in the next three years",
            Some((2016, 2, 1)),
            Some(("in the next three years", Some(2019))),
        ),
        (
            "until September 1",
            p,
            Some(("until September 1", Some(2019))),
        ),
        ("by March", p, Some(("by March", Some(2020)))),
        (
            "on December 1, 2016",
            None,
            Some(("on December 1, 2016", Some(2016))),
        ),
        ("in the near future", p, Some(("in the near future", None))),
        (
            "within a week",
            Some((2018, 12, 28)),
            Some(("within a week", Some(2019))),
        ),
        (
            "is scheduled for the late 2019",
            None,
            Some(("for the late 2019", Some(2019))),
        ),
        (
            "in 2019 — 30 billion tenge",
            None,
            Some(("in 2019", Some(2019))),
        ),
    ];
    for (text, published, expected) in cases {
        check(text, *published, *expected);
    }
}

#[test]
fn a_relative_phrase_and_its_date_are_one_deadline() {
    // pm-0418
    check(
        "will begin its work next week, on December 1, 2016.",
        None,
        Some(("next week, on December 1, 2016", Some(2016))),
    );
    // two deadlines that are not one: the second has no date of its own
    check("in 2019, next year", None, Some(("in 2019", Some(2019))));
    // pm-2141
    check(
        "Beginning with the next academic year, the rest",
        None,
        Some(("Beginning with the next academic year", None)),
    );
}

#[test]
fn durations_are_not_deadlines() {
    check("a loan for 18 years", None, None);
    check(
        "the field will be exploited for more than 50 years",
        None,
        None,
    );
}
