//! Throughput of the sentence encoder and latency of exact vector search, printed as figures to
//! compare between commits and with the Python reference (`models/reference/bench_python.py`,
//! which encodes the same sentences with sentence-transformers).
//!
//! Encoder: the first 1000 pieces of at least 4 words of `corpus/kz-gov-press.jsonl` split on
//! ". " (the Python script's rule), the encoder's default batch size (the Python script's
//! is 32), best and median of 3 runs, with the threads set
//! up as the `newsmine` binary sets them. Vector search: brute-force top 10 over 10k, 100k and
//! 1M random unit vectors of 384 floats, median of 20 queries.
//!
//! `cargo bench --bench embed` runs it in full (needs the model: `./models/fetch.sh`). Under
//! `cargo test` (no `--bench` argument) it runs one small round so that it keeps working.

use std::path::Path;
use std::time::Instant;

use newsmine::analyze::embed::{Encoder, MiniLm};
use newsmine::index::VectorIndex;

/// CPU seconds (user + system) of this process so far.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return f64::NAN };
    let Some(after) = stat.rfind(')').map(|i| &stat[i + 2..]) else { return f64::NAN };
    let f: Vec<&str> = after.split(' ').collect();
    let ticks = |i: usize| f.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (ticks(11) + ticks(12)) / 100.0
}

/// The benchmark sentences: the Python script's rule over the bundled press releases.
fn sentences(root: &Path, n: usize) -> Vec<String> {
    let text = std::fs::read_to_string(root.join("corpus/kz-gov-press.jsonl")).expect("bundled corpus");
    let mut out = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        for piece in v["text"].as_str().unwrap_or_default().replace('\n', " ").split(". ") {
            let words: Vec<&str> = piece.split_whitespace().collect();
            if words.len() >= 4 {
                out.push(words.join(" "));
                if out.len() == n {
                    return out;
                }
            }
        }
    }
    out
}

/// A deterministic pseudo-random unit vector (xorshift), so runs compare.
fn unit_vectors(n: usize, dim: usize, seed: u64) -> Vec<f32> {
    let mut s = seed | 1;
    let mut data = Vec::with_capacity(n * dim);
    for _ in 0..n {
        let row: Vec<f32> = (0..dim)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                (s >> 40) as f32 / (1u64 << 24) as f32 - 0.5
            })
            .collect();
        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
        data.extend(row.iter().map(|x| x / norm));
    }
    data
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    // SAFETY: first statement of main; the harness has started no thread.
    unsafe { newsmine::run::prepare_threads(false) };
    let full = std::env::args().any(|a| a == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    // Encoder throughput.
    let t = Instant::now();
    let model = MiniLm::load(&root.join("models/all-minilm-l6-v2")).unwrap_or_else(|e| panic!("{e}"));
    let load_s = t.elapsed().as_secs_f64();
    let texts = sentences(root, if full { 1000 } else { 40 });
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let tokens = model.token_counts(&refs).unwrap();
    let mean_tokens = tokens.iter().sum::<usize>() as f64 / tokens.len() as f64;
    model.encode(&refs[..refs.len().min(64)]).unwrap(); // warm-up
    let (mut walls, mut cpus) = (Vec::new(), Vec::new());
    for _ in 0..if full { 3 } else { 1 } {
        let (c0, t0) = (cpu_seconds(), Instant::now());
        assert_eq!(model.encode(&refs).unwrap().len(), refs.len());
        walls.push(t0.elapsed().as_secs_f64());
        cpus.push(cpu_seconds() - c0);
    }
    let best = walls.iter().copied().fold(f64::MAX, f64::min);
    println!(
        "encode: {} sentences ({mean_tokens:.1} word pieces on average), batch {}, {} workers: \
         best {:.1} sentences/s, median {:.1} sentences/s; runs {:?} s, CPU {:?} s; model load {load_s:.2}s ({})",
        refs.len(),
        model.batch_size(),
        rayon::current_num_threads(),
        refs.len() as f64 / best,
        refs.len() as f64 / median(walls.clone()),
        walls.iter().map(|w| (w * 100.0).round() / 100.0).collect::<Vec<_>>(),
        cpus.iter().map(|c| (c * 100.0).round() / 100.0).collect::<Vec<_>>(),
        model.model_id()
    );

    // Exact vector search.
    let dim = model.dim();
    let sizes: &[usize] = if full { &[10_000, 100_000, 1_000_000] } else { &[10_000] };
    let queries = unit_vectors(20, dim, 7);
    for &n in sizes {
        let t = Instant::now();
        let ix = VectorIndex::new((0..n).map(|i| i.to_string()).collect(), unit_vectors(n, dim, n as u64), dim);
        let build_s = t.elapsed().as_secs_f64();
        let times: Vec<f64> = queries
            .chunks_exact(dim)
            .map(|q| {
                let t = Instant::now();
                assert_eq!(ix.nearest(q, 10, |_| true).len(), 10);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        println!(
            "vector search: {n} vectors of {dim}: top 10 in {:.2} ms (median of {}, max {:.2} ms); matrix {:.0} MB, made in {build_s:.1}s",
            median(times.clone()),
            times.len(),
            times.iter().copied().fold(0.0, f64::max),
            (n * dim * 4) as f64 / 1e6
        );
    }
}
