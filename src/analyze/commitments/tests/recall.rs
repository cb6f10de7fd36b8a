//! Recall rules added for unseen text, on real sentences (article id in a comment; pm-1643,
//! pm-1829 and pm-0494 are gold articles, the rest kz-gov-press articles outside the gold
//! files): adverbs between "is" and "planned", time adverbials and dates before the subject,
//! "there will be" with something concrete, services available online, aims with a number,
//! counted plans, dated decisions not to act, named bodies, works starting on a date, money
//! per year; and the look-alikes that stay out.

use super::check_verdicts as check;

#[test]
fn adverbs_and_time_adverbials_before_the_plan() {
    check(&[
        // pm-2190: "also" between "is" and "planned"
        (
            "It is also planned to build three gas pipelines and one automated gas distribution station.",
            true,
        ),
        // pm-1899: "This year" is not the subject (no "year" event)
        (
            "This year it is planned to cover 417 200 citizens with  employment measures,\" Nurymbetov said.",
            true,
        ),
        // pm-1654: the subject follows a date
        (
            "In September 2016 Kazakhstani schools will admit 380,265 first-graders.",
            true,
        ),
        // pm-2191: "per year" is not the subject
        (
            "In addition, according to the Minister of National Economy, 10 billion tenge per year will be allocated for the development of mono and small cities, which will ensure the construction or reconstruction of 100 engineering and communications infrastructure projects in mono and small cities.",
            true,
        ),
        // pm-1971: "already provided for" is a present state
        (
            "About 300 billion tenge is already provided for in the budget.",
            false,
        ),
        // pm-1731: an event stays an event
        (
            "Following the meeting, a press conference with the participation of the Minister of Healthcare, Yelzhan Birtanov, will be held at the press center of the Government.",
            false,
        ),
    ]);
}

#[test]
fn there_will_be_something_concrete() {
    check(&[
        // pm-0494 (gold): a system that will exist
        (
            "\"In general, we want to transfer all the procurement functionality to this platform, i.e. there will be a single procurement portal, starting from planning and ending with the conclusion and execution of contracts.",
            true,
        ),
        // pm-0847: counted structures
        (
            "\"There will be 3 new dams in Aksai gorge, and Mynzhylky dam will be upgraded, which is located on Malaya Almatinka.",
            true,
        ),
        // pm-2165: a transition with a date
        (
            "By 2020, there will be a full transition to electronic distribution of prescription drugs through the drug supply information system.",
            true,
        ),
        // pm-0347, pm-1349, pm-1177: a hope, an effect, an event
        ("We hope that there will be a very big reform.", false),
        (
            "There will be a guaranteed sale market after the launch of production, \" K.",
            false,
        ),
        (
            "Prime Minister Karim Massimov has held a meeting of the Board of Directors of the National Welfare Fund \"Samruk-Kazyna\",  as the result of the meeting there will be a public hearing in the Parliament of the Republic of Kazakhstan this fall.",
            false,
        ),
    ]);
}

#[test]
fn services_aims_and_counted_plans() {
    check(&[
        // pm-1829 (gold): a service delivered online
        (
            "All training programs will be available on-line for those who can not take part in workshops.",
            true,
        ),
        // pm-1751: a broadcast is an event's coverage
        (
            "Live broadcast will be available at primeminister.kz and social networks: Facebook, YouTube, Vkontakte, Twitter, Periscope and Odnoklassniki.",
            false,
        ),
        // pm-1829 (gold): an aim with a number, "not just" is no negation
        (
            "Our goal is not just to train 10 thousand farmers and forget about them, but also in workshops to give them modern solutions, innovative technologies, the use of which will increase the efficiency of their business.",
            true,
        ),
        // pm-0346: an aim with no number or date stays out
        (
            "Our main task is to provide Kazakhstanis who can work with jobs, it is necessary to employ them and create all conditions for them to earn money.",
            false,
        ),
        // pm-1255: a number right after "plans"
        (
            "In 2015, we introduced two projects worth 64 million tenge this year plans 4 projects for 2 billion tenge, in 2017 - 12 projects in 2018-2020 - 33 projects.",
            true,
        ),
    ]);
}

#[test]
fn decisions_named_bodies_and_dated_works() {
    check(&[
        // pm-1643 (gold): dated decisions not to act, laid on a group
        (
            "In March, the Kazakh teachers will not conduct traditional spring  census.",
            true,
        ),
        (
            "\"In March, our teachers will no longer go from house to house, that will significantly reduce the burden on them,\" B.Asylova concluded.",
            true,
        ),
        // pm-0909, pm-1639: an effect denied, a burden lifted
        (
            "According to the minister, the bill will not lead to negative consequences, and its adoption will reduce the risks of natural disasters.",
            false,
        ),
        (
            "And it means teachers will not have to fill in the paper records, said Minister of Education and Science Yerlan Sagadiyev during the press conference in the Government of the Republic of Kazakhstan.",
            false,
        ),
        // pm-2161: a body named with a capital, with a date
        (
            "In this direction, starting in 2019, the Chamber will issue industrial certificates to domestic entrepreneurs in a legal manner.",
            true,
        ),
        // works that start on a date, but not without one
        (
            "Welding works of linear pipes will begin on March 21, 2019.",
            true,
        ),
        ("Work will begin soon.", false),
    ]);
}
