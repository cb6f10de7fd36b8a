//! `newsmine analyze`: JSON Lines in and out, on the seed op-ed and on bad input.

use serde_json::Value;

use crate::util::{World, fixture};

fn analyze(w: &World, input: &str) -> (Vec<Value>, String) {
    let run = w.newsmine_with_stdin(&["analyze"], Some(input)).expect(0);
    (run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect(), run.stderr)
}

#[test]
fn the_seed_op_ed_names_its_regions_and_the_broadband_commitment() {
    let w = World::new();
    let text = std::fs::read_to_string(fixture("astana-times-regions.txt")).unwrap();
    let line = serde_json::json!({"id": "seed", "text": text, "published": "2019-06-20"}).to_string();
    let (out, _) = analyze(&w, &(line + "\n"));
    let a = &out[0];
    assert_eq!(a["id"], "seed");
    let regions: Vec<&str> = a["regions"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    for want in ["kyzylorda", "pavlodar", "turkestan", "zhambyl", "shymkent"] {
        assert!(regions.contains(&want), "{want} missing from {regions:?}");
    }
    // Every mention's offsets point at its text (offsets count chars).
    let chars: Vec<char> = text.chars().collect();
    for r in a["regions"].as_array().unwrap() {
        for m in r["mentions"].as_array().unwrap() {
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert_eq!(chars[s..e].iter().collect::<String>(), m["text"].as_str().unwrap());
        }
    }
    let commitments = a["commitments"].as_array().unwrap();
    let broadband = commitments
        .iter()
        .find(|c| c["text"].as_str().unwrap().starts_with("Over 200 additional villages"))
        .unwrap_or_else(|| panic!("no broadband commitment in {commitments:?}"));
    assert!(broadband["text"].as_str().unwrap().ends_with("will be connected over the summer."));
    let (s, e) = (broadband["start"].as_u64().unwrap() as usize, broadband["end"].as_u64().unwrap() as usize);
    assert_eq!(chars[s..e].iter().collect::<String>(), broadband["text"].as_str().unwrap());
    assert_eq!(broadband["quantities"], serde_json::json!([{"value": 200.0, "unit": "villages"}]));
    assert_eq!(broadband["deadline"]["text"], "over the summer");
    assert_eq!(broadband["deadline"]["year"], 2019, "resolved against the date given");
    assert_eq!(broadband["status"], "planned");
    let cregions = broadband["regions"].as_array().unwrap();
    for want in ["kyzylorda", "pavlodar", "turkestan", "zhambyl"] {
        assert!(cregions.iter().any(|r| r == want), "{want} missing from the commitment's regions");
    }
    assert!(
        !commitments.iter().any(|c| c["text"].as_str().unwrap().contains("no let-up")),
        "rhetoric is not a commitment"
    );
}

#[test]
fn a_bad_line_is_reported_with_its_number_and_the_rest_is_processed() {
    let w = World::new();
    let input = "{\"id\": 1, \"text\": \"Taraz will get a new school by 2025.\"}\nnot json\n{\"id\": \"x\"}\n{\"id\": 4, \"text\": \"Roads in Aktobe.\"}\n";
    let (out, stderr) = analyze(&w, input);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["id"], 1);
    assert_eq!(out[0]["regions"][0]["id"], "zhambyl");
    assert_eq!(out[1]["id"], 4);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.contains("line 3"), "{stderr}");
}

#[test]
fn russian_and_kazakh_spellings_map_to_the_same_units() {
    let w = World::new();
    let input = [
        r#"{"id": "ru", "text": "В Павлодарской области и в городе Шымкенте построят школы."}"#,
        r#"{"id": "kk", "text": "Қызылордаға жаңа жол салынады."}"#,
        r#"{"id": "old", "text": "In Semipalatinsk and Alma-Ata, and in the South Kazakhstan region."}"#,
    ]
    .join("\n");
    let (out, _) = analyze(&w, &input);
    let ids = |v: &Value| v["regions"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids(&out[0]), ["pavlodar", "shymkent"]);
    assert_eq!(ids(&out[1]), ["kyzylorda"]);
    assert_eq!(ids(&out[2]), ["abai", "almaty", "turkestan"]);
}

#[test]
fn eval_scores_a_gold_file_and_names_bad_lines() {
    let w = World::new();
    let gold = fixture("gold/holdout.jsonl");
    let report = w.newsmine(&["eval", "--gold", gold.to_str().unwrap(), "--json"]).expect(0).json();
    assert_eq!(report["articles"], 20);
    for key in ["regions", "sectors_micro", "commitments"] {
        let c = &report[key];
        assert!(c["tp"].as_u64().unwrap() > 0, "{key}: {c}");
    }
    let bad = w.write("bad.jsonl", "{\"id\": \"x\", \"text\": \"t\", \"commitments\": [{\"sentence\": \"not there\"}]}\n");
    let run = w.newsmine(&["eval", "--gold", bad.to_str().unwrap()]).expect(2);
    assert!(run.stderr.contains("line 1") && run.stderr.contains("not in the text"), "{}", run.stderr);
}

#[test]
fn train_commitments_writes_a_reproducible_model_that_eval_can_use() {
    let mut w = World::new();
    let gold = fixture("gold/check.jsonl");
    let (a, b) = (w.path("a.tsv"), w.path("b.tsv"));
    for out in [&a, &b] {
        w.newsmine(&["train-commitments", "--gold", gold.to_str().unwrap(), "--output", out.to_str().unwrap()]).expect(0);
    }
    let text = std::fs::read_to_string(&a).unwrap();
    assert_eq!(text, std::fs::read_to_string(&b).unwrap(), "same gold, same model");
    assert!(text.contains("# trained on check.jsonl: 40 articles"), "{}", &text[..300]);
    assert!(newsmine::analyze::learned::SentenceModel::parse(&text).unwrap().len() > 1000);
    // A configuration naming the model: eval uses it, and it finds commitments the rules
    // alone miss (on the articles it learned from, recall must rise).
    let eval = ["eval", "--gold", gold.to_str().unwrap(), "--json"];
    let found = |run: crate::util::Run| run.expect(0).json()["commitments"]["tp"].as_u64().unwrap();
    let with_model = found(w.commitment_model(Some(&a)).newsmine(&eval));
    let rules_only = found(w.commitment_model(None).newsmine(&eval));
    assert!(with_model > rules_only);
    // A broken model file stops the command with what to do.
    let broken = w.write("broken.tsv", "@threshold 0.5\n");
    let run = w.commitment_model(Some(&broken)).newsmine(&eval);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("commitment model is invalid") && run.stderr.contains("train-commitments"), "{}", run.stderr);
}
