//! The general rules, on real sentences from kz-gov-press articles outside the gold files
//! (article id in a comment): a verb outside the closed lists commits when a number, a date,
//! an acting subject or a plan's document backs it; receiving, spending money and drawing up
//! documents are deliveries; lead-ins ("It should be reminded that", "X was informed that")
//! are transparent; the exclusions of the guideline still hold.

use super::check_verdicts as check;

#[test]
fn bodies_and_groups_act_and_receive() {
    check(&[
        // pm-1275: a body as subject, with a number
        ("The enterprise will employ 200 people.", true),
        // pm-2207: a group receives a service
        (
            "Residents of Shcherbakty, Irtysh district in  Pavlodar region will receive consultations of  therapist, pediatrician, ophthalmologist, otolaryngologist, gynecologist, dentist, as well as pass tests and undergo X-ray examination.",
            true,
        ),
        // pm-0317: coordinated verbs, the one that commits more ("adopt")
        (
            "\"Parliament will review and adopt the draft law on the national budget for a three-year period.",
            true,
        ),
        // pm-0683: the state, a concrete verb, a date and a number
        (
            "This year, the state will finance spring field harvesting for 1500 agro-industrial enterprises with a final rate of no more than 6% per annum, said First Vice Minister of Agriculture Kairat Aituganov at the meeting of the Government under the chairmanship of the Prime Minister of the Republic of Kazakhstan.",
            true,
        ),
        // pm-1719: what a country receives without a delivery is rhetoric
        (
            "The Head of State has also focused on the unity and peace, and that Kazakhstan will achieve new successes in its development.",
            false,
        ),
    ]);
}

#[test]
fn verbs_outside_the_lists_need_backing() {
    check(&[
        // pm-0254: "hold" with a non-event object, by a named ministry
        (
            "So, for example, the Ministry of Healthcare plans to hold biometric authentication when issuing or receiving drugs, thereby confirming to the point that the person received the drugs.",
            true,
        ),
        // pm-0849: a promise by a named official with a concrete object
        (
            "During the meeting of the Government  Prime Minister of Kazakhstan Karim Massimov promised to inspect the canals in Almaty.",
            true,
        ),
        // pm-0574: communication is not an undertaking, whoever speaks
        (
            "We will also inform the public on the proposed measures for all other areas,\" said B.Sagintayev.",
            false,
        ),
        // pm-1141: a role, not an action
        (
            "“Baiterek” Holding will act as a single project office for investors.",
            false,
        ),
        // pm-0213: proposals "worked out" are not a document delivered
        (
            "In this regard, suggestions and recommendations voiced by experts will be worked out in detail.",
            false,
        ),
    ]);
}

#[test]
fn documents_money_and_plans_contents() {
    check(&[
        // pm-0574: an arrangement tested, with a date and a number
        (
            "This year, this mechanism will be tested in three regions - Astana, Akmola and Karaganda.",
            true,
        ),
        // pm-1141: money put to a purpose
        (
            "KPPF’s funds will be used to finance the preparation of projects.",
            true,
        ),
        // pm-2150: a lead-in is transparent, the plan's content commits
        (
            "During the site visit, Sagintayev was informed that the project envisages the construction of an additional terminal, the second route between Almaty-2 and Almaty-1, underground passages and new passenger platforms for suburban routes.",
            true,
        ),
        // pm-0897
        (
            "\"The state program envisages the construction of engineering infrastructure (SRI) in the areas of mass building to develop all types of housing, including individual housing construction (individual housing).",
            true,
        ),
        // pm-2109: an impersonal "it" after a time phrase
        (
            "In the second five-year plan it is planned to  implement 11 projects.",
            true,
        ),
        // pm-1567: attention is not delivered
        (
            "Special attention will be given to the cluster of the international activities of the Eurasian Economic Community.",
            false,
        ),
    ]);
}
