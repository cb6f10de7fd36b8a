//! The third round of rules, on real sentences of the dev2 gold set (article id in a comment;
//! the verdicts are the labellers'): passives done to a concrete subject, orders worded as
//! imperatives, stated targets with a number, several infinitives after one plan, documents as
//! subjects; and what stays out: beliefs, oversight orders, routines and standing rules.

use super::check_verdicts as check;

#[test]
fn wordings_the_third_round_added() {
    check(&[
        // pm-0677: a passive future done to a group
        ("Monopolists will be obliged to post quarterly information in the media on the implementation of investment programs with photo and video materials attached.", true),
        // pm-2147: an imperative order
        ("Complete the work on the transfer of ownerless hydraulic structures to communal property.", true),
        // pm-0346: a stated target with a number
        ("\u{201c}Therefore, our task is to reduce the load by two times within three years.", true),
        // pm-2191: a duration after a preposition is not the subject
        ("About 90 billion tenge over 3 years will be allocated for it.", true),
        // pm-1911: the most concrete of a plan's infinitives
        ("In particular, the organization plans to use advanced technologies and solutions, reduce administrative barriers in obtaining public services, transfer from the principle of \"one window\" to the principle of \"one application\".", true),
        // pm-1990: a law as the subject
        ("The new probation law, developed in the framework of implementation of the Plan of the nation, will introduce pre-trial and the prison probation for offenders, said Minister of Internal Affairs of Kazakhstan Kalmukhanbet Kassymov.", true),
        // pm-1243: a no-break space inside the subject
        ("The \u{a0}Government should develop a set of measures to support the release of Kazakh goods to foreign markets.", true),
        // pm-1783: an initial with no space after its full stop inside the instruction
        ("During his working trip to the West Kazakhstan region, Prime Minister Massimov instructed the Deputy Prime Minister, the Minister of Agriculture, A.Myrzahmetov, to establish a working group to meet with representatives of the food industry.", true),
    ]);
}

#[test]
fn what_the_third_round_keeps_out() {
    check(&[
        // pm-1317: a belief
        ("We are confident that a large number of future ballet stars, world-class stars will be raised within the walls of the Academy,\" A.Raimkulova said.", false),
        // pm-2153: an order to watch, not to deliver
        ("At the same time, akims were instructed to keep this issue under tight control.", false),
        // pm-0530: an order to consider
        ("B. Sagintayev instructed to consider the creation of voluntary firefighting units and posts in the regions most at risk.", false),
        // pm-1675: an order with nothing to check
        ("I instruct everyone to deal with that.", false),
        // pm-1818: a task set with a vague object
        ("The head of state set the task  to bring the agricultural sector in the key drivers of economic growth.", false),
        // pm-0346: a routine
        ("The size of the assistance for adult family members will be calculated as before,\" explained Saparbayev.", false),
        // pm-0697: reporting back is not a delivery
        ("\"The working groups will work on these issues, and we will provide additional information on the results,\" T. Duissenova said.", false),
    ]);
}
