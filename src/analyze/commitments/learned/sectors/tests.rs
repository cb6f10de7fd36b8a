//! Tests of the sector classifier on the real base model: training learns the labelled
//! sectors, saving and loading keep the probabilities, batching and the sentence cap behave,
//! and bad files are refused. They need the base weights (`models/fetch.sh`, which `make test`
//! runs); without them they fail with that instruction rather than skip.

use std::path::{Path, PathBuf};

use super::*;
use super::super::encoder::ABOUT_FILE;

fn base_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models/all-minilm-l6-v2")
}

/// Short articles in the words of kz-gov-press: roads or schools, never both.
fn samples() -> Vec<SectorSample> {
    let roads = [
        "In 2020, it is planned to repair 1,500 km of local roads.",
        "The reconstruction of the Almaty - Bishkek highway will be completed next year.",
        "A new bridge across the Irtysh will open to traffic in Pavlodar.",
        "The Ministry reported on the construction of the Western Europe - Western China road.",
    ];
    let schools = [
        "The akimat will build 12 schools in the Turkestan region by 2025.",
        "Teachers' salaries will be raised by 25% from January.",
        "Three new kindergartens for 320 children opened in Kokshetau.",
        "The Ministry of Education presented the new curriculum for secondary schools.",
    ];
    let filler = "The meeting was attended by the heads of central state bodies.";
    let mut out = Vec::new();
    for i in 0..4 {
        out.push(SectorSample { sentences: vec![filler.into(), roads[i].into()], sectors: vec!["transport".into()] });
        out.push(SectorSample { sentences: vec![schools[i].into(), filler.into()], sectors: vec!["education".into()] });
    }
    out
}

fn sectors() -> Vec<String> {
    vec!["transport".into(), "education".into()]
}

#[test]
fn training_learns_the_labelled_sectors_and_survives_a_save() {
    let params = SectorParams { epochs: 8, layer_rate: 1e-4, head_rate: 2e-2, ..SectorParams::default() };
    let trained = train(&base_dir(), &samples(), &sectors(), &params, vec!["toy".into()], &mut ()).unwrap_or_else(|e| panic!("{e}"));
    let m = &trained.model;
    assert_eq!(m.about().sectors, sectors());
    assert_eq!(m.about().articles, 8);
    assert_eq!(m.about().sentences, SectorParams::default().sentences);
    let roads = ["The government will repair 300 km of roads in Kostanay region.", "Officials met in Astana."];
    let schools = ["Officials met in Astana.", "Five new schools will be built in Shymkent."];
    let p_roads = m.probabilities(&roads).unwrap();
    let p_schools = m.probabilities(&schools).unwrap();
    assert!(p_roads[0] > p_roads[1] && p_schools[1] > p_schools[0], "roads {p_roads:?}, schools {p_schools:?}");

    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), &trained).unwrap();
    let loaded = SectorEncoder::load(&base_dir(), dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.about(), m.about());
    assert_eq!(loaded.id().len(), 8);
    for (a, b) in loaded.probabilities(&roads).unwrap().iter().zip(&p_roads) {
        assert!((a - b).abs() < 1e-5, "{a} vs {b}");
    }
    // The order of an article's sentences and the batches they fall into do not matter.
    let many: Vec<&str> = std::iter::repeat_n(roads[1], 12).chain([roads[0]]).collect();
    let reversed: Vec<&str> = many.iter().rev().copied().collect();
    for (a, b) in loaded.probabilities(&many).unwrap().iter().zip(loaded.probabilities(&reversed).unwrap()) {
        assert!((a - b).abs() < 1e-5, "{a} vs {b}");
    }
    // What it read is handed over for the commitment encoder: the lower states of each sentence.
    let (p, lower) = loaded.read(&roads, 4).unwrap();
    assert_eq!(p, loaded.probabilities(&roads).unwrap());
    assert_eq!(lower.len(), 2);
    // No sentences, no sector; sentences past the cap are not read.
    assert_eq!(loaded.probabilities(&[]).unwrap(), vec![0.0, 0.0]);
    let cap = loaded.about().sentences;
    let capped: Vec<&str> = std::iter::repeat_n(roads[1], cap).collect();
    let longer: Vec<&str> = capped.iter().copied().chain([schools[1]; 5]).collect();
    assert_eq!(loaded.probabilities(&capped).unwrap(), loaded.probabilities(&longer).unwrap());
    // The cap is the one about.json records (the one it was trained with).
    let mut about = m.about().clone();
    about.sentences = 3;
    std::fs::write(dir.path().join(ABOUT_FILE), serde_json::to_vec(&about).unwrap()).unwrap();
    let three = SectorEncoder::load(&base_dir(), dir.path()).unwrap();
    let (p, lower) = three.read(&longer[cap - 2..], 2).unwrap();
    assert_eq!(lower.len(), 2, "three sentences read, two of them alike");
    assert_eq!(p, three.probabilities(&[roads[1], roads[1], schools[1]]).unwrap());
    // A model from before the cap was recorded reads the 48 sentences it was trained on.
    let mut old = serde_json::to_value(&about).unwrap();
    old.as_object_mut().unwrap().remove("sentences");
    std::fs::write(dir.path().join(ABOUT_FILE), serde_json::to_vec(&old).unwrap()).unwrap();
    assert_eq!(SectorEncoder::load(&base_dir(), dir.path()).unwrap().about().sentences, MAX_SENTENCES);

    // A head that does not fit the sectors of about.json is refused, with what to do.
    let mut about = m.about().clone();
    about.sectors.push("energy".into());
    std::fs::write(dir.path().join(ABOUT_FILE), serde_json::to_vec(&about).unwrap()).unwrap();
    let err = SectorEncoder::load(&base_dir(), dir.path()).err().expect("a head of 2 rows for 3 sectors is refused").to_string();
    assert!(err.contains("one row for each of the 3 sectors") && err.contains("train-sector-encoder"), "{err}");
    // Another base model is refused.
    about.sectors.pop();
    about.base = "000000000000".into();
    std::fs::write(dir.path().join(ABOUT_FILE), serde_json::to_vec(&about).unwrap()).unwrap();
    let err = SectorEncoder::load(&base_dir(), dir.path()).err().expect("another base is refused").to_string();
    assert!(err.contains("trained on base weights 000000000000"), "{err}");
}
