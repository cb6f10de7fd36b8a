//! Tests for reading amounts: the spec's examples and the traps (years, dates, names).

use super::QuantityReader;

/// The (value, unit) pairs read from the whole of `text`.
fn check(text: &str, expected: &[(f64, &str)]) {
    let reader = QuantityReader::new();
    let got: Vec<(f64, String)> = reader
        .read(text, 0, text.len())
        .into_iter()
        .map(|f| (f.quantity.value, f.quantity.unit))
        .collect();
    let want: Vec<(f64, String)> = expected.iter().map(|(v, u)| (*v, u.to_string())).collect();
    assert_eq!(got, want, "\ninput: {text:?}");
}

#[test]
fn counts_money_and_measures() {
    let cases: &[(&str, &[(f64, &str)])] = &[
        (
            "Over 200 additional villages will be connected",
            &[(200.0, "villages")],
        ),
        (
            "56 thousand residents will get water",
            &[(56000.0, "residents")],
        ),
        ("it costs 1.5 bn tenge", &[(1.5e9, "tenge")]),
        ("a loan of $1.1 billion", &[(1.1e9, "USD")]),
        (
            "13 009 apartments and 13,009 flats",
            &[(13009.0, "apartments"), (13009.0, "flats")],
        ),
        ("over 7665 apartments", &[(7665.0, "apartments")]),
        ("a 300-bed hospital", &[(300.0, "beds")]),
        (
            "120 km of roads and a 2 MW plant",
            &[(120.0, "km"), (2.0, "MW")],
        ),
        (
            "KZT 5 billion and 3 mln euros and 40 million rubles",
            &[(5e9, "tenge"), (3e6, "EUR"), (4e7, "RUB")],
        ),
        (
            "5 billion KZT, 20 million US dollars, $ 40billion",
            &[(5e9, "tenge"), (2e7, "USD"), (4e10, "USD")],
        ),
        (
            "49 thousand square meters of housing",
            &[(49000.0, "square meters")],
        ),
        ("1 thousand 843 jobs", &[(1843.0, "jobs")]),
        ("2 wind power plants", &[(2.0, "plants")]),
        (
            "3.2% and 30 percent and 5 per cent",
            &[(3.2, "%"), (30.0, "%"), (5.0, "%")],
        ),
        ("1,5 млрд тенге", &[(1.5e9, "tenge")]),
    ];
    for (text, expected) in cases {
        check(text, expected);
    }
}

#[test]
fn capacities_multiples_and_counted_targets() {
    let cases: &[(&str, &[(f64, &str)])] = &[
        // pm-1969: a count of buildings and the capacity of each
        (
            "and two 60-apartment buildings are planned to be built",
            &[(2.0, "buildings"), (60.0, "apartments")],
        ),
        // pm-0315, pm-0961: a promised multiple
        ("to increase the quota by 2 times", &[(2.0, "times")]),
        ("the port capacity by 1.5 times from 103", &[(1.5, "times")]),
        ("exports will grow 3 times more", &[(3.0, "times")]),
        // a frequency is no amount
        ("the bus will run 3 times a day", &[]),
        // pm-2141: a bare target counts the noun of "the number of"
        (
            "to increase the number of objects using these systems to 12.",
            &[(12.0, "objects")],
        ),
        (
            "bring the number of \u{201c}smart farms\u{201d} to 500 farms",
            &[(500.0, "farms")],
        ),
        // pm-2163: a capitalised number word inside a sentence is part of a name
        ("the President\u{2019}s Five Social Initiatives", &[]),
        ("Two new schools will open", &[(2.0, "schools")]),
        // pm-0582: a number opening a quoted title
        (
            "to implement the program \"Nurly Zhol\" and \"100 concrete steps\" Plan of the nation",
            &[],
        ),
        // without "the number of", a bare number stays unread
        ("their total number is planned to be increased to 46.", &[]),
    ];
    for (text, expected) in cases {
        check(text, expected);
    }
}

#[test]
fn ranges_give_both_ends() {
    check("coverage of 85-90%", &[(85.0, "%"), (90.0, "%")]);
    check("1.5-2 bn tenge", &[(1.5e9, "tenge"), (2e9, "tenge")]);
    check("10–15 schools", &[(10.0, "schools"), (15.0, "schools")]);
}

#[test]
fn not_amounts() {
    let cases: &[&str] = &[
        "by 2025",
        "in 2019-2020",
        "the Nurly Zhol-2020 program",
        "the 7-20-25 program",
        "EXPO-2017 and COVID-19",
        "on September 1 and 1 September",
        "the 1st stage and 22nd place",
        "at 18:00 or 9 a.m.",
        "within 2 years and 6 months",
        "Decree No. 5",
        "on the area of 427 hectares",
        "the Nurly Zhol 2020-2025 Program",
        "grew 2.3 times",
        "according to the 2018 results",
    ];
    for text in cases {
        check(text, &[]);
    }
}
