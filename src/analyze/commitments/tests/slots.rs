//! Actor, status and deadline years of commitment sentences.

use chrono::NaiveDate;

use super::{date, find};
use crate::domain::CommitmentStatus::{self, Cancelled, Completed, InProgress, Planned};

/// `sentence`, published on `published`, is a commitment by `actor` with `status` and a
/// deadline resolving to `year`.
fn check(
    sentence: &str,
    published: Option<NaiveDate>,
    actor: Option<&str>,
    status: CommitmentStatus,
    year: Option<i32>,
) {
    let found = find(sentence, published);
    assert_eq!(
        found.len(),
        1,
        "expected one commitment in: {sentence}\ngot: {found:?}"
    );
    let d = &found[0];
    assert_eq!(d.actor.as_deref(), actor, "actor of: {sentence}");
    assert_eq!(d.status, status, "status of: {sentence}");
    assert_eq!(
        d.deadline.as_ref().and_then(|d| d.year),
        year,
        "deadline year of: {sentence}"
    );
}

type Case<'a> = (
    &'a str,
    Option<NaiveDate>,
    Option<&'a str>,
    CommitmentStatus,
    Option<i32>,
);

fn check_table(cases: &[Case]) {
    for (sentence, published, actor, status, year) in cases {
        check(sentence, *published, *actor, *status, *year);
    }
}

#[test]
fn actors() {
    check_table(&[
        // pm-0362: a speaker named after a passive
        (
            "More than 200 radio frequency stations will be built in Kazakhstan until the end of 2017, said\u{a0}Minister of Information and Communications Dauren Abayev during a press conference in the Government of Kazakhstan.",
            None,
            Some("Minister of Information and Communications Dauren Abayev"),
            Planned,
            Some(2017),
        ),
        // pm-2174
        (
            "At the same time, the Development Bank of Kazakhstan plans to allocate a budget loan of 10 billion tenge.",
            None,
            Some("the Development Bank of Kazakhstan"),
            Planned,
            None,
        ),
        // pm-2173
        (
            "Akimat of Atyrau region plans to reduce tariffs: for cooperative services by 4%; garbage collection — 4%; lift services — 5%.",
            None,
            Some("Akimat of Atyrau region"),
            Planned,
            None,
        ),
        // pm-1227
        (
            "By 2025, Kazakhstan plans to reduce the gap in labour productivity in\u{a0}OECD countries up to 30%, said First Deputy Minister for Investment and Development of Kazakhstan Albert Rau at the conference.",
            None,
            Some("Kazakhstan"),
            Planned,
            Some(2025),
        ),
        // pm-0923
        (
            "Akimats pledged to eliminate the backlog in the schedule of disbursements until 1 September.",
            date(2016, 5, 12),
            Some("Akimats"),
            Planned,
            Some(2016),
        ),
        // pm-0961
        (
            "Following the meeting, the Prime Minister instructed to create a working group headed by the Minister for Investment and Development Zhenis Kassymbek to make proposals for consideration at the Government.",
            None,
            Some("the Prime Minister"),
            Planned,
            None,
        ),
        // pm-0221
        (
            "The Ministry of Information and Communications was instructed to submit relevant proposals on joint work in the field of digitalization with Russia and Belarus until October 1.",
            date(2017, 8, 1),
            Some("the Ministry of Information and Communications"),
            Planned,
            Some(2017),
        ),
        // pm-1845
        (
            "Reporting on the establishment of agricultural cooperatives, K. Aytuganov said that by the end of the year about 467 agricultural cooperatives will be created.",
            date(2016, 3, 1),
            Some("K. Aytuganov"),
            Planned,
            Some(2016),
        ),
        // pm-0009
        (
            "KazAgro Holding will provide cooperatives with technological equipment.",
            None,
            Some("KazAgro Holding"),
            Planned,
            None,
        ),
        // pm-0435 (sic): a programme as actor
        (
            "ldWithin the framework of Nurly Zhol, it is planned to buid 6.5 thousand km of toll roads by 2020.",
            None,
            Some("Nurly Zhol"),
            Planned,
            Some(2020),
        ),
        // pm-1255: "I instruct ...": the instructing speaker is not named
        (
            "I instruct the Government to allocate additional funding to support the program in the amount of 112 billion tenge.",
            None,
            None,
            Planned,
            None,
        ),
        // pm-2213: nobody named
        (
            "By 2020 it is planned to open 28 stroke centers.",
            None,
            None,
            Planned,
            Some(2020),
        ),
    ]);
}

#[test]
fn statuses() {
    check_table(&[
        // pm-1242
        (
            "The total length of the section is 100 km, reconstruction started in July 2015 and its completion is scheduled for May 2018.",
            None,
            None,
            InProgress,
            Some(2018),
        ),
        // pm-0015
        (
            "Work on the improvement of public services and water supply are still underway and will be completed by October 15.",
            date(2016, 6, 1),
            None,
            InProgress,
            Some(2016),
        ),
        // pm-1154: partly done, the rest to come
        (
            "In addition, 280 objects are to be reorganized and eliminated, 170 of them have already been reorganized and liquidated.",
            None,
            None,
            InProgress,
            None,
        ),
        // Constructed: a plan reported done or dropped (the corpus has none in one sentence).
        (
            "The bridge, which was planned to open in 2018, has been commissioned.",
            None,
            None,
            Completed,
            Some(2018),
        ),
        (
            "The plant that was scheduled to be built in Aktau has been cancelled.",
            None,
            None,
            Cancelled,
            None,
        ),
    ]);
}

#[test]
fn relative_deadlines_resolve_only_with_a_date() {
    let seed = "Over 200 additional villages in the Kyzylorda, Pavlodar, Turkestan and Zhambyl regions as well as many more schools, hospitals and town halls will be connected over the summer.";
    check_table(&[
        (seed, None, None, Planned, None),
        (seed, date(2019, 6, 20), None, Planned, Some(2019)),
        // pm-0015: "next year"
        (
            "\"The completion of a school for 624 students in the neighborhood \"Nursaya\" in Atyrau is 16%, the due date under the contract was September 1, 2016, it is expected to be finished next year.",
            date(2016, 6, 1),
            None,
            Planned,
            Some(2017),
        ),
        // pm-0294
        (
            "Until the end of the year it is planned to build another 54 thousand dwellings.",
            date(2015, 9, 1),
            None,
            Planned,
            Some(2015),
        ),
        (
            "Until the end of the year it is planned to build another 54 thousand dwellings.",
            None,
            None,
            Planned,
            None,
        ),
        // pm-0281: "in the next three years"
        (
            "The project on coating a fiber-optic lines around 1,300 villages will be implemented in the next three years and\u{a0}will provide access to high speed internet to more than 2 million Kazakhstanis living in rural areas, said Minister of Information and Communications Dauren Abayev at a press conference in the Government of Kazakhstan.",
            date(2016, 2, 1),
            Some("Minister of Information and Communications Dauren Abayev"),
            Planned,
            Some(2019),
        ),
        // pm-1034: a month ahead of the publication date is this year, one behind is next year
        (
            "In October, these objects will be put into operation.",
            date(2017, 3, 1),
            None,
            Planned,
            Some(2017),
        ),
        (
            "In October, these objects will be put into operation.",
            date(2017, 11, 1),
            None,
            Planned,
            Some(2018),
        ),
        // Constructed from the guideline's phrase list.
        (
            "The akimat will complete the water pipeline within two years.",
            date(2018, 4, 1),
            Some("the akimat"),
            Planned,
            Some(2020),
        ),
        (
            "The ministry plans to build 5 schools in 2019-2020.",
            None,
            Some("the ministry"),
            Planned,
            Some(2020),
        ),
    ]);
}
