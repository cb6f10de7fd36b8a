//! Sentences that commit, with the quantities and deadline phrase the finder must read.
//! Ranges ("85-90%") give both ends with the same unit.

use super::find;

/// `sentence` is a commitment whose quantities are `quantities` (value, unit) in text order and
/// whose deadline phrase is `deadline`.
fn check(sentence: &str, quantities: &[(f64, &str)], deadline: Option<&str>) {
    let found = find(sentence, None);
    assert_eq!(
        found.len(),
        1,
        "expected one commitment in: {sentence}\ngot: {found:?}"
    );
    let d = &found[0];
    let got: Vec<(f64, &str)> = d
        .quantities
        .iter()
        .map(|q| (q.value, q.unit.as_str()))
        .collect();
    assert_eq!(got, quantities, "quantities of: {sentence}");
    assert_eq!(
        d.deadline.as_ref().map(|d| d.text.as_str()),
        deadline,
        "deadline of: {sentence}"
    );
}

type Case<'a> = (&'a str, &'a [(f64, &'a str)], Option<&'a str>);

fn check_table(cases: &[Case]) {
    for (sentence, quantities, deadline) in cases {
        check(sentence, quantities, *deadline);
    }
}

#[test]
fn seed_broadband_villages() {
    // Astana Times seed: the guideline's own example.
    check(
        "Over 200 additional villages in the Kyzylorda, Pavlodar, Turkestan and Zhambyl regions as well as many more schools, hospitals and town halls will be connected over the summer.",
        &[(200.0, "villages")],
        Some("over the summer"),
    );
}

#[test]
fn will_be_built_and_will_build() {
    check_table(&[
        // pm-0479
        (
            "By 2025, 324 houses, 7 schools and 21 kindergartens will be built on the area of \u{200B}\u{200B}427 hectares.",
            &[(324.0, "houses"), (7.0, "schools"), (21.0, "kindergartens")],
            Some("By 2025"),
        ),
        // pm-0362
        (
            "More than 200 radio frequency stations will be built in Kazakhstan until the end of 2017, said\u{a0}Minister of Information and Communications Dauren Abayev during a press conference in the Government of Kazakhstan.",
            &[(200.0, "stations")],
            Some("until the end of 2017"),
        ),
        // pm-2102
        (
            "In 2016\"Baiterek Development\" JSC will build 49 thousand square meters of housing totaling 7 billion tenge under the \"Nurly Zhol\" program in Kostanai region.",
            &[(49000.0, "square meters"), (7e9, "tenge")],
            Some("In 2016"),
        ),
        // pm-1367
        (
            "Wind power plants, with a total capacity of 210 MW, are planned to be built in the Zhualynskiy and Shu districts; a solar power plant, with a total capacity of 24 MW, is planned to be constructed in the Ryskulov district, and a hydro power plant with a total capacity of 18 MW will be built in the Merke district.",
            &[(210.0, "MW"), (24.0, "MW"), (18.0, "MW")],
            None,
        ),
        // pm-1247
        (
            "By 2020, the construction of roads \u{a0}with 7 thousand km on routes Astana-Almaty, Astana - Ust-Kamenogorsk, Astana - Aktau, etc will be completed.",
            &[(7000.0, "km")],
            Some("By 2020"),
        ),
        // pm-1034
        (
            "In October, these objects will be put into operation.",
            &[],
            Some("In October"),
        ),
        // pm-1654
        (
            "Until August 25 all schools in the country will be provided with new textbooks.",
            &[],
            Some("Until August 25"),
        ),
        // pm-0009
        (
            "KazAgro Holding will provide cooperatives with technological equipment.",
            &[],
            None,
        ),
        // pm-1631
        (
            "Kazakhstan will introduce a single program pre-school and a single textbook to children in\u{a0}the 1st class\u{a0}so that they were ready for a unified curriculum.",
            &[],
            None,
        ),
    ]);
}

#[test]
fn planned_scheduled_to_be() {
    check_table(&[
        // pm-2167
        (
            "So, it is planned to purchase 800 ambulance cars and reanimation mobiles.",
            &[(800.0, "cars")],
            None,
        ),
        // pm-0435 (sic)
        (
            "ldWithin the framework of Nurly Zhol, it is planned to buid 6.5 thousand km of toll roads by 2020.",
            &[(6500.0, "km")],
            Some("by 2020"),
        ),
        // pm-2213
        (
            "By 2020 it is planned to open 28 stroke centers.",
            &[(28.0, "centers")],
            Some("By 2020"),
        ),
        // pm-0294
        (
            "Until the end of the year it is planned to build another 54 thousand dwellings.",
            &[(54000.0, "dwellings")],
            Some("Until the end of the year"),
        ),
        // pm-1259
        (
            "According to the Ministry, within \u{a0}the SP IID, \u{a0}in the manufacturing sector it \u{a0}is planned to implement 360 projects with the creation of 72 thousand jobs.",
            &[(360.0, "projects"), (72000.0, "jobs")],
            None,
        ),
        // pm-1641
        (
            "By 2020, it is planned to \u{a0}cover 90% of schoolchildren and 100% of \u{a0}the students with the Internet, this year another 2 thousand schools will be connected to the Internet.",
            &[(90.0, "%"), (100.0, "%"), (2000.0, "schools")],
            Some("By 2020"),
        ),
        // pm-0346
        (
            "Birtanov answered that it is planned to construct primary health care facilities until 2021, most of which will be built in rural areas.",
            &[],
            Some("until 2021"),
        ),
        // pm-1235
        (
            "Commissioning of the second phase of SEZ PIT is scheduled for 2017.",
            &[],
            Some("for 2017"),
        ),
        // pm-2178
        (
            "This work is scheduled to be completed in the third quarter of 2019.",
            &[],
            Some("in the third quarter of 2019"),
        ),
        // pm-2134
        (
            "The first stage of the Nurly Zhol state program for 2015-2019 is to be completed in 2019.",
            &[],
            Some("in 2019"),
        ),
        // pm-0346
        (
            "“In 2019 as part of the program, 5,000 microcredits are to be directed to the development of entrepreneurship among mothers with many children and persons with disabilities in the village.",
            &[(5000.0, "microcredits")],
            Some("In 2019"),
        ),
        // pm-0013
        (
            "At the same time, in order to increase the availability of primary health care, the regions plan the construction of 595 primary health care facilities until 2021.",
            &[(595.0, "facilities")],
            Some("until 2021"),
        ),
    ]);
}

#[test]
fn plans_aims_intends_pledged() {
    check_table(&[
        // pm-2174
        (
            "At the same time, the Development Bank of Kazakhstan plans to allocate a budget loan of 10 billion tenge.",
            &[(1e10, "tenge")],
            None,
        ),
        // pm-2173
        (
            "Akimat of Atyrau region plans to reduce tariffs: for cooperative services by 4%; garbage collection — 4%; lift services — 5%.",
            &[(4.0, "%"), (4.0, "%"), (5.0, "%")],
            None,
        ),
        // pm-1227
        (
            "By 2025, Kazakhstan plans to reduce the gap in labour productivity in\u{a0}OECD countries up to 30%, said First Deputy Minister for Investment and Development of Kazakhstan Albert Rau at the conference.",
            &[(30.0, "%")],
            Some("By 2025"),
        ),
        // pm-1755
        (
            "The program aims to involve more than 500 thousand smallholdings and small commodity production in the BCH and to create\u{a0}more than 1,200 agricultural cooperation by 2021.",
            &[(500000.0, "smallholdings"), (1200.0, "cooperation")],
            Some("by 2021"),
        ),
        // pm-1369
        (
            "K.Bozumbayev also said that the Ministry intends to strengthen the program \"Intelligent deposit\" in the near future.",
            &[],
            Some("in the near future"),
        ),
        // pm-0923
        (
            "Akimats pledged to eliminate the backlog in the schedule of disbursements until 1 September.",
            &[],
            Some("until 1 September"),
        ),
        // pm-1042
        (
            "Thanks to the work done on the eve of the international specialized exhibition EXPO 2017, LOTPolishAirlines plans to operate 4 flights per\u{a0}week on the route Warsaw - Astana - Warsaw from the beginning of May 2017.",
            &[(4.0, "flights")],
            Some("from the beginning of May 2017"),
        ),
    ]);
}

#[test]
fn instructions_and_tasks() {
    check_table(&[
        // pm-0961
        (
            "Following the meeting, the Prime Minister instructed to create a working group headed by the Minister for Investment and Development Zhenis Kassymbek to make proposals for consideration at the Government.",
            &[],
            None,
        ),
        // pm-1687
        (
            "To support the manufacturing industry and non-resource exports, it has been tasked to allocate additional 500 billion tenge.",
            &[(5e11, "tenge")],
            None,
        ),
        // pm-0221
        (
            "The Ministry of Information and Communications was instructed to submit relevant proposals on joint work in the field of digitalization with Russia and Belarus until October 1.",
            &[],
            Some("until October 1"),
        ),
        // pm-1793
        (
            "In addition, it was instructed to increase the export of food products by 40% by 2021, through the diversification of agricultural production.",
            &[(40.0, "%")],
            Some("by 2021"),
        ),
        // pm-1255
        (
            "I instruct the Government to allocate additional funding to support the program in the amount of 112 billion tenge.",
            &[(1.12e11, "tenge")],
            None,
        ),
    ]);
}

#[test]
fn targets_with_by_year() {
    check_table(&[
        // pm-1371
        (
            "As a result of the reconstruction, the water pipeline capacity will be gradually increased to 35 thousand cubic meters of water per day by 2020.",
            &[(35000.0, "cubic meters")],
            Some("by 2020"),
        ),
        // pm-0013
        (
            "In general, by 2025, an additional 800 billion tenge will be invested under the Single Perspective Plan.",
            &[(8e11, "tenge")],
            Some("by 2025"),
        ),
        // pm-0013
        (
            "Birtanov reported that from July 1 2019, salary of all nurses and junior medical staff will be increased by 30%.",
            &[(30.0, "%")],
            Some("from July 1 2019"),
        ),
        // pm-1845
        (
            "Reporting on the establishment of agricultural cooperatives, K. Aytuganov said that by the end of the year about 467 agricultural cooperatives will be created.",
            &[(467.0, "cooperatives")],
            Some("by the end of the year"),
        ),
        // pm-0243
        (
            "The Business Roadmap will be extended until 2025 with an additional allocation of 30 billion tenge annually.",
            &[(3e10, "tenge")],
            Some("until 2025"),
        ),
        // pm-1913
        (
            "From January 1, 2018 targeted social assistance will be provided to the population in the new format.",
            &[],
            Some("From January 1, 2018"),
        ),
    ]);
}

#[test]
fn work_in_progress_with_completion() {
    check_table(&[
        // pm-1242 (same sentence in pm-2078)
        (
            "The total length of the section is 100 km, reconstruction started in July 2015 and its completion is scheduled for May 2018.",
            &[(100.0, "km")],
            Some("for May 2018"),
        ),
        // pm-0015
        (
            "Work on the improvement of public services and water supply are still underway and will be completed by October 15.",
            &[],
            Some("by October 15"),
        ),
        // pm-0605
        (
            "Currently the implementation of a Single Window on export-import operations in cooperation with UNCTAD UN, which is planned to be commissioned in March, is underway.",
            &[],
            Some("in March"),
        ),
        // pm-1154
        (
            "In addition, 280 objects are to be reorganized and eliminated, 170 of them have already been reorganized and liquidated.",
            &[(280.0, "objects")],
            None,
        ),
    ]);
}

#[test]
fn baselines_and_background_are_not_promised() {
    check_table(&[
        // pm-0435: "from 65% in 2015" is where the indicator starts, not the target or deadline
        (
            "The main indicators in the implementation of measures for the modernization of housing and public utilities is to reduce the wear of the networks of heat and water supply, water disposal from 65% in 2015 to 57% by 2020 and to improve the quality of services provided to consumers.",
            &[(57.0, "%")],
            Some("by 2020"),
        ),
        // pm-0961: the starting capacity (103) is dropped, the multiple is promised
        (
            "As the president of JSC \"NC \"Kazakhstan Temir Zholy\" Askar Mamin noted, the Caspian countries plan to increase the port capacity by 1.5 times from 103 to 150.6 million tons by 2020.",
            &[(1.5, "times"), (150600000.0, "tons")],
            Some("by 2020"),
        ),
        // pm-1969: the parenthesis belongs to the clause about what was built
        (
            "Of these, four five-story houses are built at the expense of \"Kazakhstan mortgage company\", two nine-story buildings (72 apartments) - by private companies, and two 60-apartment buildings are planned to be built under the program \"Affordable Housing 2020.\"",
            &[(2.0, "buildings"), (60.0, "apartments")],
            None,
        ),
        // pm-0550: what the minister presented before the ';' is background
        (
            "During the meeting, Minister of Education and Science Y.Sagadiyev presented 4 electronic platform; it is planned to unite all the existing information system of education, it is - national educational database, electronic diary, cloud accounting and uniform information system of universities.",
            &[],
            None,
        ),
        // pm-0718: "(currently 53%)" is where the share starts; it is no promised amount
        (
            "The government is planning to increase the share of urban population to 70% in 2030  (currently 53%).",
            &[(70.0, "%")],
            Some("in 2030"),
        ),
        // pm-0417: "today 60% ... are provided" is the present state
        (
            "Therefore, in Kazakhstan today 60% of public services are provided through e-government, this year the challenge is to bring the rate up to 80%.",
            &[(80.0, "%")],
            Some("this year"),
        ),
        // pm-0418: a relative deadline and the date it means
        (
            "Unified Service Center will begin its work next week, on December 1, 2016.",
            &[],
            Some("next week, on December 1, 2016"),
        ),
    ]);
}
