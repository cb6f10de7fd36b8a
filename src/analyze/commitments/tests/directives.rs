//! Orders worded as needs ("the ministry needs to speed up ..."), plans with an adjunct before
//! their infinitive, tasks set in the passive, amounts the government sets (wages, spending),
//! the news present for a scheduled launch, inverted passives ("there will be developed"),
//! and what only looks like them: forecasts under "it is expected that", durations as
//! subjects, orders to carry out other orders, relative "which would", projects carried out
//! with no date. Real sentences; the article id is in a comment (gold A halves or unlabelled
//! kz-gov-press articles).

use super::check_verdicts as check;

#[test]
fn needs_laid_on_government_bodies_are_orders() {
    check(&[
        // pm-2141: a ministry, an effort on a nominalised action whose object is a document
        (
            "In addition, the ministry needs to speed up the development of a draft law on the use of digital technologies with government agencies and the IT community.",
            true,
        ),
        // pm-2171: operators with akimats, signing agreements, a year
        (
            "According to the ministry, in order to fulfill microcredit indicators in 2019, microcredit program operators together with regional akimats need to speed up the signing of tripartite loan agreements and ensure targeted use of allocated funds and bringing to final borrowers.",
            true,
        ),
        // pm-0669: "should" addressed to akims, a concrete verb and object
        (
            "For mass housing the akims should allocate appropriate land plots.",
            true,
        ),
        // pm-0669: a date and a document
        (
            "Prior to September 1 this year, the Government together with the akims and businesses need to develop a unified export strategy.",
            true,
        ),
        // pm-2141: "the need for <bodies> to <verb>"
        (
            "At the same time, in order to increase the efficiency of the implementation of the Government’s digital agenda, the need for the central and local executive bodies to develop a uniform methodology for monitoring and evaluating the effects of digitalization has been expressed.",
            true,
        ),
    ]);
}

#[test]
fn needs_without_an_obliged_body_or_object_are_not() {
    check(&[
        // pm-0377: a concrete verb on an abstraction ("unite their efforts")
        (
            "\"De-radicalization  is an area where the government and non-governmental organizations should unite their efforts as much as possible.",
            false,
        ),
        // astana-times-regions: nations, not a body; no concrete object
        (
            "Just as successful countries maximise the potential of all their citizens, so too do nations need to maximise the potential of all of their regions to become successful.",
            false,
        ),
        // pm-2057: vague, no object
        (
            "The Prime Minister stressed that the state bodies and non-governmental organizations must work closely on this issue.",
            false,
        ),
        // pm-1246: things in need of replacement, nobody obliged
        (
            "Today, about 14 thousand cars have been used more than 10 years  and need to be replaced.",
            false,
        ),
        // pm-1321: strengthening measures is an effort
        (
            "The Head of State in the program article \"Seven Facets\" noted the need to strengthen measures to promote and systematize the cultural heritage in the international arena.",
            false,
        ),
        // pm-1643
        ("We need to keep pace with the times,\" she said.", false),
    ]);
}

#[test]
fn plans_tasks_and_amounts_the_government_sets() {
    check(&[
        // pm-1830: an adjunct between "planning" and its infinitive
        (
            "\"Currently, we are planning jointly with Russia to build two plants for the processing of oilseeds in Almaty and North Kazakhstan regions.",
            true,
        ),
        // pm-2171: a task set in the passive
        (
            "According to Abylkassymova, at the expense of the allocated funds, the task has been set to cover 14,000 people with microcredit in 2019, of which 12,000 people in rural areas, 2,000 people in urban areas.",
            true,
        ),
        // pm-1711: a wage the government sets, with a start date
        (
            "\"From 2019, the minimum wage will rise by 1.5 times.",
            true,
        ),
        // pm-0013: planned spending (the paragraph: "on the instructions of the Head of State,
        // the expenditures on primary health care will be increased by 20%"); was a negative
        // "forecast" before, but spending is undertaken by the government that budgets it
        (
            "Expenses in this category will grow 2.3 times and amount to 936 billion tenge in 2022.",
            true,
        ),
        // pm-1474: an inverted passive
        (
            "At the meeting they agreed that in a short term there will be developed an agreement between the governments of Kyrgyzstan and Kazakhstan on use of unified railway tariffs in respect to Kyrgyz goods.",
            true,
        ),
        // pm-2141: effort as the subject, backed by a number and a date
        (
            "The active work will be continued on digitization of more than 100 enterprises in 2019.",
            true,
        ),
        // pm-1991: effort with a date only is still rhetoric
        ("This work will be continued in the current year.", false),
    ]);
}

#[test]
fn the_news_present_for_a_scheduled_launch() {
    check(&[
        // pm-0494: present active, a month of this year
        (
            "Samruk-Kazyna SWF launches a new platform for electronic procurement in July this year.",
            true,
        ),
        // pm-0494: present progressive with the month
        (
            "In July this year, a new electronic procurement site is being launched.",
            true,
        ),
    ]);
}

#[test]
fn what_only_looks_like_an_undertaking() {
    check(&[
        // pm-1911: a forecast lead-in
        (
            "It is expected that public services will be improved in the future.",
            false,
        ),
        // pm-0803: a duration as the subject of "spent"
        (
            "At the same time, the first 3-5 years will be spent on reaching the designed capacity.",
            false,
        ),
        // pm-0234: an order to carry out other orders
        (
            "Bakytzhan Sagintayev instructed the new minister and the ministry staff to implement the tasks set by the Head of State in the Address to the People of Kazakhstan \"New Opportunities Under the Fourth Industrial Revolution,\" as well as at the extended meeting of the Government.",
            false,
        ),
        // pm-1550: a project carried out, no date, no number
        (
            "The project will be implemented with the support of UNDP.",
            false,
        ),
        // pm-1830: a relative "which would" in a report of the past
        (
            "However, in 2016, there was not a single enterprise which would be fully constructed and launched by the investment,\" R.Nurgaliyev said.",
            false,
        ),
    ]);
}
