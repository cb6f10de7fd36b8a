//! Region tagging on real-style sentences, with the project's gazetteer.

use std::sync::LazyLock;

use super::*;
use crate::analyze::text::tokenize;

static TAGGER: LazyLock<RegionTagger> = LazyLock::new(|| {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/gazetteer.toml");
    RegionTagger::new(&Gazetteer::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap())
});

fn check(text: &str, want: &[&str]) {
    let chars: Vec<char> = text.chars().collect();
    let got: Vec<String> = TAGGER.tag(&chars, &tokenize(text)).into_iter().map(|r| r.id.to_string()).collect();
    assert_eq!(got, want, "{text}");
}

#[test]
fn names_spellings_and_old_names() {
    check("Five schools will be built in Shymkent.", &["shymkent"]);
    check("Chimkent and Alma-Ata in 1990.", &["almaty", "shymkent"]);
    check("In the South Kazakhstan region cotton is grown.", &["turkestan"]);
    check("Semipalatinsk test site", &["abai"]);
    check("Flights from Nur-Sultan to Ust-Kamenogorsk.", &["astana", "east-kazakhstan"]);
    check("Жители Семея и Усть-Каменогорска", &["abai", "east-kazakhstan"]);
}

#[test]
fn bare_names_in_a_list_of_regions_are_regions() {
    check("in the Almaty and Zhambyl regions", &["almaty-region", "zhambyl"]);
    check("the Akmola and Kostanay regions", &["akmola", "kostanay"]);
    check("He lives in Almaty.", &["almaty"]);
}

#[test]
fn people_newspapers_and_water_are_not_places() {
    check("President Nursultan Nazarbayev met the akim of Kostanay.", &["kostanay"]);
    check("Minister Umirzak Shukeyev said so.", &[]);
    check("Get The Astana Times stories sent to you.", &[]);
    check("The Aral Sea is shrinking.", &[]);
    check("Abay Toksaba spoke at the forum.", &[]);
}

#[test]
fn namesakes_follow_population_unless_the_article_says_otherwise() {
    check("The port of Aktau will be expanded; Karaganda coal will be shipped.", &["karaganda", "mangystau"]);
    check("In Zhambyl district of Almaty region, a school opened.", &["almaty-region"]);
}
