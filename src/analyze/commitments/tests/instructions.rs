//! Instructions (the labelling brief: "Instructions count"), lists of instructions after a
//! lead-in, and the other plan wordings added with them: "the plan is to", "set the task",
//! a dated passive of a project, a schedule in the present. Real sentences, article id in a
//! comment (dev-set articles marked "dev").

use super::find;

/// The sentences of `text` found as commitments, in order.
fn found(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    find(text, None)
        .iter()
        .map(|d| d.span.text_in(&chars))
        .collect()
}

fn commits(sentences: &[&str]) {
    for s in sentences {
        assert_eq!(found(s), vec![s.to_string()], "a commitment: {s}");
    }
}

fn does_not_commit(sentences: &[&str]) {
    for s in sentences {
        assert!(found(s).is_empty(), "not a commitment: {s}");
    }
}

#[test]
fn instructions_commit_whatever_they_order() {
    commits(&[
        // pm-0923: a procedural verb, no number, no date
        "The Prime Minister instructed the Ministry of National Economy to analyze the situation with the development of resources in regions.",
        // pm-1257: the instructed body as a passive subject, no agent named
        "In addition, Ministry of Education and Science was instructed to take the necessary measures to develop national scientific and innovative potential on the basis of universities, Astana business campus of Nazarbayev University and the Park of information technology \"Alatau.\"",
        // pm-2147: "tasked with" a gerund
        "The Minister of Internal Affairs is tasked with developing and implementing a set of organizational and disciplinary measures.",
        // pm-0023: "set the task of"
        "The Head of State set the task of reducing the share of the shadow economy by at least 40% in three years.",
        // pm-0315: "I instruct", a multiple
        "I instruct the Government to increase the quota for education in higher educational institutions for our compatriots from abroad by 2 times.",
        // pm-0099 (dev): "I charge", an adverb and a name in quotes before the infinitive
        "\"I charge the Ministry of National Economy jointly with the Chamber of Entrepreneurs\" Atameken\" to develop a system of business deregulation measures until July 1, \" B.Sagintayev emphasized.",
        // pm-1770 (dev): the agent named before a long aside
        "Prime Minister Bakytzhan Sagintayev, following the results of the meeting on the implementation of the State Program of Agro-Industrial Complex Development for the first four months, instructed to take measures to increase the production of agricultural products and support domestic agricultural machinery.",
    ]);
}

#[test]
fn not_instructions() {
    does_not_commit(&[
        // pm-1299 (dev): a document, not someone who can instruct, "entrusted" obligations
        "According to Deputy Prime Minister, the ratification of the convention entrusted certain responsibilities and obligations to ensure the legal, scientific, technical, administrative and financial measures for the identification, protection, conservation, presentation and rehabilitation of this heritage.",
        // pm-0541: a state to be in, not an action
        "During the meeting of the Government of Kazakhstan, Prime Minister of Kazakhstan Bakytzhan Sagintayev instructed governors and ministers to be thoroughly prepared for the forthcoming reports to the citizens of Kazakhstan.",
        // pm-2111: a visit
        "Recall, the Head of State instructed Prime Minister to visit regions.",
        // pm-2177: an initiative's purpose, not an instructed body
        "The second initiative is also tasked with studying the possibility of introducing a progressive scale of individual income tax.",
        // pm-2239: a standing duty, not an order
        "\"Local executive bodies are entrusted with functions to ensure access of health services for all citizens, infrastructure development and improve the effectiveness of medical services in regions, providing medical care in region through a network of health care organizations, ensuring the development of human resources for health, \" Birtanov said.",
        // the instructions themselves are a noun here
        "Following the meeting, Nursultan Nazarbayev gave a number of specific instructions.",
    ]);
}

#[test]
fn items_of_a_list_of_instructions() {
    // pm-1299 (dev): a lead-in ending in ':' and infinitive items, with or without an addressee.
    let text = "Following the results of the meeting, Deputy Prime Minister took decision and gave the following specific instructions:\n- To cease any construction works on the territory of Talgar settlement (Talhiz);\n- Mayor’s office in Almaty region to design and implement the construction of a new bypass road outside the protection zone;\n- Mayor's Office to allocate from the regional budget funds for further archaeological research;\nIt is worth noting that in November, I. Tasmagambetov will hold talks with Director General of UNESCO Irina Bokova on the implementation of measures.";
    assert_eq!(
        found(text),
        vec![
            "To cease any construction works on the territory of Talgar settlement (Talhiz);",
            "Mayor’s office in Almaty region to design and implement the construction of a new bypass road outside the protection zone;",
            "Mayor's Office to allocate from the regional budget funds for further archaeological research;",
        ]
    );
}

#[test]
fn nominal_items_and_items_without_a_lead_in() {
    // pm-2079 (dev): the lead-in is a commitment; its items are nouns, not instructions.
    let text = "Within the framework of the program \"Nurly Zher\" in the region it is planned to build housing in the following areas:\n• Support for mortgage lending;\n• Stimulation of housing construction by private developers;\n• Creation of a regional rental housing fund;";
    assert_eq!(
        found(text),
        vec![
            "Within the framework of the program \"Nurly Zher\" in the region it is planned to build housing in the following areas:"
        ]
    );
    // pm-1937: "to" after a noun is no infinitive.
    let text = "The Act provides for the introduction of a new order of targeted social assistance to be provided in return for the existing:\n- Special state allowances to large families;\n- State child benefit up to 18 years for low-income families;";
    assert!(found(text).is_empty(), "{:?}", found(text));
    // Constructed: without a lead-in, an infinitive line is a heading or a purpose.
    assert!(
        found(
            "The akimat reported on the works.\nTo cease any construction works on the territory;"
        )
        .is_empty()
    );
}

#[test]
fn other_plan_wordings() {
    commits(&[
        // pm-0435 (dev): "the plan is to"
        "Thus, the plan is to build and reconstruct 3,478.6 km of heat, water and wastewater networks, 29 boiler houses and 95 other objects.",
        // pm-1270: a dated passive of carrying out a document or project
        "In December 2018, these Rules will be approved by the Ministry for Investments and Development.",
        // pm-1235: a time phrase opening the sentence is no subject
        "In the current year it is planned to complete construction of infrastructure worth 4.45 billion tenge.",
        // pm-1914 (dev): "noted that" before the time phrase
        "It should be noted that in the current year it it is planned to review all building regulations and standards for school meals, equipment, school uniforms, sports and other matters affecting the safety, health and welfare of children.",
        // pm-2167: integrating systems is a concrete deliverable
        "It is planned to integrate the Astana-1 information system with the information system of the Main Customs Administration.",
        // pm-2141 (dev): the present for a schedule, with a period still to come
        "Beginning with the next academic year, the rest of the classes are gradually transferred.",
        // pm-0323 (dev): counted regions as the subject
        "4 regions will gradually switch to paperless maintenance of primary medical documentation every quarter:",
        // pm-0418 (dev): a named organisation as the subject
        "Unified Service Center will begin its work next week, on December 1, 2016.",
    ]);
    does_not_commit(&[
        // pm-0815: a hope, and other countries' act
        "We hope that in the near future the Code will be signed by all countries and by the end of this year will come into force.",
        // pm-1306: the organisation only qualifies the subject; an opportunity is an effect
        "It is worth noting that even the temporary status of the UN Security Council will provide an opportunity for Kazakhstan to increase its importance in the face of the key foreign political and economic partners.",
        // pm-2162: an indicator of an organisation, not the organisation acting
        "The currency assets of the National Fund will increase in 2019 from $63 billion to $67.4 billion in 2021",
        // pm-1338: "upcoming" qualifies a noun; the present states a fact
        "\"In general, the preparation for the upcoming autumn-winter season at auto producers of Kazakhstan is organized well.",
    ]);
}
