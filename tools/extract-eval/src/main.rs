//! Evaluation harness for Rust article-extraction crates.
//!
//! Usage:
//!   extract-eval                       # run every extractor (one child process each) and print the table
//!   extract-eval --only NAME [NAME..]  # same, restricted to some extractors
//!   extract-eval --child NAME          # internal: run one extractor, print one JSON summary line
//!
//! Env: FUNDUS_DIR (default /work/shared/data/fundus-news),
//!      TRAF_DIR (default /work/shared/data/trafilatura-eval),
//!      OUT_DIR (default out/; per-page details as JSONL)

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const EXTRACTORS: &[&str] = &[
    "rs-trafilatura",
    "dom_smoothie",
    "trafilatura",
    "trafilatura+paras",
    "trafilatura-nofallback",
    "readability",
    "llm_readability",
];

const PER_PAGE_TIMEOUT: Duration = Duration::from_secs(120);

// ---------------------------------------------------------------------------
// Input decoding (identical for every extractor)
// ---------------------------------------------------------------------------

fn gunzip_if_needed(bytes: Vec<u8>) -> Vec<u8> {
    if bytes.len() > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
        let mut out = Vec::new();
        let mut d = flate2::read::MultiGzDecoder::new(&bytes[..]);
        if d.read_to_end(&mut out).is_ok() {
            return out;
        }
    }
    bytes
}

/// Find a `charset=` declaration in the first 4 KiB (meta charset / http-equiv).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let needle = b"charset=";
    let mut i = 0;
    while i + needle.len() <= lower.len() {
        if &lower[i..i + needle.len()] == needle {
            let mut j = i + needle.len();
            while j < lower.len() && (lower[j] == b'"' || lower[j] == b'\'' || lower[j] == b' ') {
                j += 1;
            }
            let start = j;
            while j < lower.len()
                && (lower[j].is_ascii_alphanumeric() || lower[j] == b'-' || lower[j] == b'_' || lower[j] == b':')
            {
                j += 1;
            }
            if let Some(enc) = encoding_rs::Encoding::for_label(&lower[start..j]) {
                return Some(enc);
            }
        }
        i += 1;
    }
    None
}

/// bytes -> String: BOM, else valid UTF-8, else declared charset, else chardetng guess.
fn decode_html(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (s.into_owned(), enc.name());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), "UTF-8");
    }
    let enc = declared_charset(bytes).unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    });
    // a page that declares UTF-8 but is not valid UTF-8: let chardetng decide
    let enc = if enc == encoding_rs::UTF_8 {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    } else {
        enc
    };
    let (s, _, _) = enc.decode(bytes);
    (s.into_owned(), enc.name())
}

// ---------------------------------------------------------------------------
// Tiny Python-literal parser (fallback for values stored as repr strings)
// ---------------------------------------------------------------------------

struct Py<'a> {
    s: &'a [char],
    i: usize,
}

impl<'a> Py<'a> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_whitespace() {
            self.i += 1;
        }
    }
    fn value(&mut self) -> Option<Value> {
        self.ws();
        let c = *self.s.get(self.i)?;
        match c {
            '[' | '(' => {
                let close = if c == '[' { ']' } else { ')' };
                self.i += 1;
                let mut v = Vec::new();
                loop {
                    self.ws();
                    if self.s.get(self.i) == Some(&close) {
                        self.i += 1;
                        return Some(Value::Array(v));
                    }
                    v.push(self.value()?);
                    self.ws();
                    if self.s.get(self.i) == Some(&',') {
                        self.i += 1;
                    }
                }
            }
            '{' => {
                self.i += 1;
                let mut m = serde_json::Map::new();
                loop {
                    self.ws();
                    if self.s.get(self.i) == Some(&'}') {
                        self.i += 1;
                        return Some(Value::Object(m));
                    }
                    let k = self.value()?;
                    self.ws();
                    if self.s.get(self.i) != Some(&':') {
                        return None;
                    }
                    self.i += 1;
                    let v = self.value()?;
                    let key = match k {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    m.insert(key, v);
                    self.ws();
                    if self.s.get(self.i) == Some(&',') {
                        self.i += 1;
                    }
                }
            }
            '\'' | '"' => {
                self.i += 1;
                let mut out = String::new();
                while self.i < self.s.len() && self.s[self.i] != c {
                    let ch = self.s[self.i];
                    if ch == '\\' && self.i + 1 < self.s.len() {
                        self.i += 1;
                        let e = self.s[self.i];
                        match e {
                            'n' => out.push('\n'),
                            't' => out.push('\t'),
                            'r' => out.push('\r'),
                            'x' | 'u' | 'U' => {
                                let n = match e {
                                    'x' => 2,
                                    'u' => 4,
                                    _ => 8,
                                };
                                let hex: String = self.s[self.i + 1..(self.i + 1 + n).min(self.s.len())].iter().collect();
                                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                                    out.push(ch);
                                }
                                self.i += n;
                            }
                            other => out.push(other),
                        }
                    } else {
                        out.push(ch);
                    }
                    self.i += 1;
                }
                self.i += 1;
                Some(Value::String(out))
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len() && !",]})}:".contains(self.s[self.i]) {
                    self.i += 1;
                }
                let tok: String = self.s[start..self.i].iter().collect::<String>().trim().to_string();
                Some(match tok.as_str() {
                    "None" => Value::Null,
                    "True" => Value::Bool(true),
                    "False" => Value::Bool(false),
                    t => t.parse::<f64>().map(|f| json!(f)).unwrap_or(Value::String(t.to_string())),
                })
            }
        }
    }
}

/// If `v` is a string that looks like a Python list/dict repr, parse it.
fn unrepr(v: &Value, counter: &mut usize) -> Value {
    if let Value::String(s) = v {
        let t = s.trim();
        if (t.starts_with('[') && t.ends_with(']')) || (t.starts_with('{') && t.ends_with('}')) {
            let chars: Vec<char> = t.chars().collect();
            if let Some(parsed) = (Py { s: &chars, i: 0 }).value() {
                *counter += 1;
                return parsed;
            }
        }
    }
    v.clone()
}

fn str_list(v: &Value, counter: &mut usize) -> Vec<String> {
    match unrepr(v, counter) {
        Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(|s| s.to_string())).collect(),
        Value::String(s) if !s.trim().is_empty() => vec![s],
        _ => vec![],
    }
}

// ---------------------------------------------------------------------------
// Text utilities
// ---------------------------------------------------------------------------

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Collapse whitespace (incl. NBSP) and drop soft hyphens / zero-width characters.
fn norm_ws(s: &str) -> String {
    let s: String = s.chars().filter(|c| !is_invisible(*c)).collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_cjk(c: char) -> bool {
    let u = c as u32;
    (0x3040..=0x30FF).contains(&u)     // hiragana, katakana
        || (0x3400..=0x4DBF).contains(&u) // CJK ext A
        || (0x4E00..=0x9FFF).contains(&u) // CJK unified
        || (0xF900..=0xFAFF).contains(&u) // compat ideographs
        || (0x20000..=0x2FA1F).contains(&u)
}

/// Lowercased word tokens: maximal runs of alphanumeric chars; every CJK ideograph / kana
/// is its own token (those scripts do not separate words by spaces).
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars().filter(|c| !is_invisible(*c)) {
        if is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn bag(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for t in tokens(s) {
        *m.entry(t).or_insert(0) += 1;
    }
    m
}

/// (overlap, n_pred, n_gold) multiset overlap
fn overlap(pred: &str, gold: &str) -> (usize, usize, usize) {
    let p = bag(pred);
    let g = bag(gold);
    let ov: usize = p.iter().map(|(k, n)| (*n).min(*g.get(k).unwrap_or(&0))).sum();
    (ov, p.values().sum(), g.values().sum())
}

fn prf(ov: usize, np: usize, ng: usize) -> (f64, f64, f64) {
    let p = if np > 0 { ov as f64 / np as f64 } else { 0.0 };
    let r = if ng > 0 { ov as f64 / ng as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// Calendar days a date string can denote: the day as written (first YYYY-MM-DD),
/// plus the UTC day when the string carries an offset. Also RFC 2822.
fn days_of(s: &str) -> Vec<chrono::NaiveDate> {
    let s = s.trim();
    let mut out = Vec::new();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        out.push(dt.date_naive());
        out.push(dt.with_timezone(&chrono::Utc).date_naive());
    } else if let Ok(dt) = chrono::DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f%:z") {
        out.push(dt.date_naive());
        out.push(dt.with_timezone(&chrono::Utc).date_naive());
    } else if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        out.push(dt.date_naive());
        out.push(dt.with_timezone(&chrono::Utc).date_naive());
    }
    if out.is_empty() {
        // first YYYY-MM-DD anywhere in the string
        let b: Vec<char> = s.chars().collect();
        for i in 0..b.len().saturating_sub(9) {
            let w: String = b[i..i + 10].iter().collect();
            if let Ok(d) = chrono::NaiveDate::parse_from_str(&w, "%Y-%m-%d") {
                out.push(d);
                break;
            }
        }
    }
    out.dedup();
    out
}

fn split_authors(s: &str) -> HashSet<String> {
    let mut t = format!(" {} ", s.to_lowercase());
    for sep in [
        ",", ";", "|", "&", "/", "\n", " and ", " und ", " y ", " et ", " e ", " og ", " och ", " en ", " i ", " a ",
    ] {
        t = t.replace(sep, "\u{1}");
    }
    t.split('\u{1}').map(norm_ws).filter(|x| !x.is_empty()).collect()
}

/// The page's declared canonical URL: <link rel=canonical href=...>, else og:url.
fn declared_canonical(html: &str) -> Option<String> {
    use std::sync::OnceLock;
    static LINK: OnceLock<regex::Regex> = OnceLock::new();
    static HREF: OnceLock<regex::Regex> = OnceLock::new();
    static OG: OnceLock<regex::Regex> = OnceLock::new();
    let link = LINK.get_or_init(|| regex::Regex::new(r#"(?is)<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>"#).unwrap());
    let href = HREF.get_or_init(|| regex::Regex::new(r#"(?is)\bhref\s*=\s*["']?([^"'\s>]+)"#).unwrap());
    let og = OG.get_or_init(|| {
        regex::Regex::new(r#"(?is)<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*\bcontent\s*=\s*["']([^"']+)"#).unwrap()
    });
    if let Some(m) = link.find(html) {
        if let Some(c) = href.captures(m.as_str()) {
            let h = html_escape::decode_html_entities(&c[1]).trim().to_string();
            if h.starts_with("http") {
                return Some(h);
            }
        }
    }
    og.captures(html).map(|c| html_escape::decode_html_entities(&c[1]).trim().to_string()).filter(|h| h.starts_with("http"))
}

/// Turn trafilatura's cleaned content_html into text with one block per paragraph
/// (block-level closing tags and <br> become line breaks, other tags are dropped).
fn html_to_paragraphs(html: &str) -> String {
    use std::sync::OnceLock;
    static BLOCK: OnceLock<regex::Regex> = OnceLock::new();
    static TAG: OnceLock<regex::Regex> = OnceLock::new();
    let block = BLOCK.get_or_init(|| {
        regex::Regex::new(r"(?i)</(p|h[1-6]|li|blockquote|pre|tr|div|table|ul|ol|dl|dd|dt|figure|figcaption)\s*>|<br\s*/?>").unwrap()
    });
    let tag = TAG.get_or_init(|| regex::Regex::new(r"(?s)<[^>]*>").unwrap());
    let s = block.replace_all(html, "\n");
    let s = tag.replace_all(&s, "");
    let s = html_escape::decode_html_entities(&s);
    s.lines().map(norm_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n\n")
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim().trim_end_matches('/') == b.trim().trim_end_matches('/')
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

// ---------------------------------------------------------------------------
// Extractors
// ---------------------------------------------------------------------------

#[derive(Default, Debug, Clone)]
struct Extracted {
    text: String,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    lang: Option<String>,
    canonical: Option<String>,
}

/// `url` is None when the dataset has no real http(s) URL for the page.
fn run_extractor(name: &str, html: &str, url: Option<&str>) -> Result<Extracted, String> {
    // the two readability ports need some base URL; use a neutral one when unknown
    let base = url::Url::parse(url.unwrap_or("http://localhost/")).map_err(|e| e.to_string())?;
    match name {
        "rs-trafilatura" => {
            let opts = rs_trafilatura::Options { url: url.map(String::from), ..rs_trafilatura::Options::default() };
            let r = rs_trafilatura::extract_with_options(html, &opts).map_err(|e| e.to_string())?;
            let m = r.metadata;
            Ok(Extracted {
                text: r.content_text,
                title: nonempty(m.title),
                author: nonempty(m.author),
                date: m.date.map(|d| d.to_rfc3339()),
                lang: nonempty(m.language),
                canonical: nonempty(m.url),
            })
        }
        "dom_smoothie" => {
            let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
            let mut r = dom_smoothie::Readability::new(html, url, Some(cfg)).map_err(|e| e.to_string())?;
            let a = r.parse().map_err(|e| e.to_string())?;
            Ok(Extracted {
                text: a.text_content.to_string(),
                title: nonempty(Some(a.title)),
                author: nonempty(a.byline),
                date: nonempty(a.published_time),
                lang: nonempty(a.lang),
                canonical: nonempty(a.url),
            })
        }
        "trafilatura" | "trafilatura-nofallback" => {
            let mut opts = trafilatura::Options::default().with_fallback(name == "trafilatura");
            if url.is_some() {
                opts = opts.with_url(base.clone());
            }
            let r = trafilatura::extract(html, &opts).map_err(|e| e.to_string())?;
            let m = r.metadata;
            Ok(Extracted {
                text: r.content_text,
                title: nonempty(Some(m.title)),
                author: nonempty(Some(m.author)),
                date: m.date.map(|d| d.to_string()),
                lang: nonempty(Some(m.language)),
                canonical: nonempty(Some(m.url)),
            })
        }
        "trafilatura+paras" => {
            // same extraction as "trafilatura", but body text rebuilt from content_html
            // so that paragraph breaks survive (content_text is one flattened line)
            let mut opts = trafilatura::Options::default().with_fallback(true);
            if url.is_some() {
                opts = opts.with_url(base.clone());
            }
            let r = trafilatura::extract(html, &opts).map_err(|e| e.to_string())?;
            let m = r.metadata;
            Ok(Extracted {
                text: html_to_paragraphs(&r.content_html),
                title: nonempty(Some(m.title)),
                author: nonempty(Some(m.author)),
                date: m.date.map(|d| d.to_string()),
                lang: nonempty(Some(m.language)),
                canonical: nonempty(Some(m.url)),
            })
        }
        "trafilatura-html" => {
            // debug: show content_html
            let mut opts = trafilatura::Options::default().with_fallback(true);
            if url.is_some() {
                opts = opts.with_url(base.clone());
            }
            let r = trafilatura::extract(html, &opts).map_err(|e| e.to_string())?;
            Ok(Extracted { text: r.content_html, ..Default::default() })
        }
        "readability" => {
            let p = readability::extractor::extract(&mut html.as_bytes(), &base).map_err(|e| format!("{e:?}"))?;
            Ok(Extracted { text: p.text, title: nonempty(Some(p.title)), ..Default::default() })
        }
        "llm_readability" => {
            let p = llm_readability::extractor::extract(&mut html.as_bytes(), &base).map_err(|e| format!("{e:?}"))?;
            Ok(Extracted { text: p.text, ..Default::default() })
        }
        other => Err(format!("unknown extractor {other}")),
    }
}

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

enum Outcome {
    Ok(Extracted),
    Err(String),
    Panic(String),
    Timeout,
}

struct Job {
    html: String,
    url: Option<String>,
}

/// One long-lived worker thread (8 MiB stack, like a main thread) runs the extractor;
/// the caller waits with a timeout so a hang cannot stall the whole run.
struct Worker {
    tx: mpsc::Sender<Job>,
    rx: mpsc::Receiver<(Outcome, Duration)>,
}

impl Worker {
    fn new(name: &'static str) -> Worker {
        let (jtx, jrx) = mpsc::channel::<Job>();
        let (otx, orx) = mpsc::channel();
        std::thread::Builder::new()
            .stack_size(std::env::var("WORKER_STACK_MB").ok().and_then(|v| v.parse::<usize>().ok()).unwrap_or(8) << 20)
            .spawn(move || {
                for job in jrx {
                    let t0 = Instant::now();
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        run_extractor(name, &job.html, job.url.as_deref())
                    }));
                    let dt = t0.elapsed();
                    let o = match r {
                        Ok(Ok(e)) => Outcome::Ok(e),
                        Ok(Err(e)) => Outcome::Err(e),
                        Err(_) => Outcome::Panic(LAST_PANIC.lock().unwrap().take().unwrap_or_default()),
                    };
                    if otx.send((o, dt)).is_err() {
                        break;
                    }
                }
            })
            .expect("spawn worker");
        Worker { tx: jtx, rx: orx }
    }
}

struct Runner {
    name: &'static str,
    worker: Worker,
    total_time: Duration,
    n_calls: usize,
    panics: usize,
    errors: usize,
    timeouts: usize,
    slowest: (f64, String),
    last_ms: f64,
    all_ms: Vec<f64>,
    problems: Vec<String>,
}

impl Runner {
    fn call(&mut self, html: String, url: &str, id: &str) -> Option<Extracted> {
        // pass a URL only when it is a real absolute http(s) URL (trafilatura-eval has
        // keys such as "hard::file.html")
        let url = url::Url::parse(url)
            .ok()
            .filter(|u| (u.scheme() == "http" || u.scheme() == "https") && u.host_str().is_some())
            .map(|_| url.to_string());
        self.worker.tx.send(Job { html, url }).expect("worker alive");
        self.n_calls += 1;
        match self.worker.rx.recv_timeout(PER_PAGE_TIMEOUT) {
            Ok((o, dt)) => {
                self.total_time += dt;
                let ms = dt.as_secs_f64() * 1e3;
                self.last_ms = ms;
                self.all_ms.push(ms);
                if ms > self.slowest.0 {
                    self.slowest = (ms, id.to_string());
                }
                match o {
                    Outcome::Ok(e) => Some(e),
                    Outcome::Err(e) => {
                        self.errors += 1;
                        self.problems.push(format!("error {id}: {}", truncate(&e, 150)));
                        None
                    }
                    Outcome::Panic(m) => {
                        self.panics += 1;
                        self.problems.push(format!("panic {id}: {}", truncate(&m, 200)));
                        None
                    }
                    Outcome::Timeout => unreachable!(),
                }
            }
            Err(_) => {
                self.timeouts += 1;
                self.last_ms = PER_PAGE_TIMEOUT.as_secs_f64() * 1e3;
                self.total_time += PER_PAGE_TIMEOUT;
                self.problems.push(format!("timeout {id}"));
                // abandon the stuck worker
                self.worker = Worker::new(self.name);
                let _ = Outcome::Timeout;
                None
            }
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() > n { s.chars().take(n).collect::<String>() + "…" } else { s }
}

// ---------------------------------------------------------------------------
// Datasets
// ---------------------------------------------------------------------------

struct FundusPage {
    id: String,
    path: PathBuf,
    url: String,
    title: String,
    authors: Vec<String>,
    date: String,
    body: String,
    n_paragraphs: usize,
}

fn version_key(k: &str) -> Vec<u64> {
    k.trim_start_matches(|c: char| !c.is_ascii_digit())
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|x| x.parse().ok())
        .collect()
}

fn load_fundus(dir: &Path, repr_count: &mut usize, notes: &mut Vec<String>) -> Vec<FundusPage> {
    let mut pages = Vec::new();
    let mut countries: Vec<PathBuf> =
        fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    countries.sort();
    for c in countries {
        let meta: Value = serde_json::from_slice(&fs::read(c.join("meta.info")).unwrap()).unwrap();
        let mut jsons: Vec<PathBuf> = fs::read_dir(&c)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().map(|x| x == "json").unwrap_or(false))
            .collect();
        jsons.sort();
        for j in jsons {
            let publisher = j.file_stem().unwrap().to_string_lossy().to_string();
            let gold: serde_json::Map<String, Value> = serde_json::from_slice(&fs::read(&j).unwrap()).unwrap();
            let mut keys: Vec<&String> = gold.keys().collect();
            keys.sort_by_key(|k| version_key(k));
            let prefix = format!("{publisher}_");
            let mut files: Vec<String> = fs::read_dir(&c)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|f| {
                    f.starts_with(&prefix)
                        && f.ends_with(".html.gz")
                        && f[prefix.len()..].starts_with(|ch: char| ch.is_ascii_digit())
                })
                .collect();
            files.sort(); // names end in _YYYY_MM_DD: chronological
            if files.len() != keys.len() {
                notes.push(format!(
                    "fundus: {} has {} gold versions but {} html files: skipped",
                    j.display(),
                    keys.len(),
                    files.len()
                ));
                continue;
            }
            // parser versions are chronological, so the i-th version (V1 < V1_1 < V2 ...)
            // is the gold for the i-th snapshot by date
            for (k, f) in keys.iter().zip(files.iter()) {
                let g = &gold[k.as_str()];
                let body = unrepr(&g["body"], repr_count);
                let mut paras = str_list(&body["summary"], repr_count);
                let n_summary = paras.len();
                if let Value::Array(secs) = unrepr(&body["sections"], repr_count) {
                    for s in secs {
                        paras.extend(str_list(&s["paragraphs"], repr_count));
                    }
                }
                let url = meta[f.as_str()]["url"].as_str().unwrap_or("").to_string();
                pages.push(FundusPage {
                    id: format!("{}/{}", c.file_name().unwrap().to_string_lossy(), f),
                    path: c.join(f),
                    url,
                    title: g["title"].as_str().unwrap_or("").to_string(),
                    authors: str_list(&g["authors"], repr_count),
                    date: g["publishing_date"].as_str().unwrap_or("").to_string(),
                    n_paragraphs: paras.len() - n_summary,
                    body: paras.join("\n"),
                });
            }
        }
    }
    pages
}

struct TrafItem {
    url: String,
    path: Option<PathBuf>,
    with: Vec<String>,
    without: Vec<String>,
    title: Option<String>,
}

fn load_traf(dir: &Path) -> Vec<TrafItem> {
    let data: BTreeMap<String, Value> = serde_json::from_slice(&fs::read(dir.join("evaldata.json")).unwrap()).unwrap();
    data.into_iter()
        .map(|(url, v)| {
            let file = v["file"].as_str().unwrap_or("").to_string();
            let path = ["cache", "eval"].iter().map(|s| dir.join(s).join(&file)).find(|p| p.is_file());
            let list = |k: &str| -> Vec<String> {
                v[k].as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
            };
            TrafItem {
                url,
                path,
                with: list("with"),
                without: list("without"),
                title: v["title"].as_str().map(String::from),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Child: evaluate one extractor
// ---------------------------------------------------------------------------

fn child(name: &'static str) {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        *LAST_PANIC.lock().unwrap() = Some(msg);
    }));
    let fundus_dir = PathBuf::from(std::env::var("FUNDUS_DIR").unwrap_or("/work/shared/data/fundus-news".into()));
    let traf_dir = PathBuf::from(std::env::var("TRAF_DIR").unwrap_or("/work/shared/data/trafilatura-eval".into()));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or("out".into()));
    fs::create_dir_all(&out_dir).unwrap();
    let mut details = fs::File::create(out_dir.join(format!("{name}.jsonl"))).unwrap();
    let mut texts = fs::File::create(out_dir.join(format!("{name}.texts.jsonl"))).unwrap();

    let mut notes = Vec::new();
    let mut repr_count = 0usize;
    let fundus = load_fundus(&fundus_dir, &mut repr_count, &mut notes);

    let mut runner = Runner {
        name,
        worker: Worker::new(name),
        total_time: Duration::ZERO,
        n_calls: 0,
        panics: 0,
        errors: 0,
        timeouts: 0,
        slowest: (0.0, String::new()),
        last_ms: 0.0,
        all_ms: Vec::new(),
        problems: Vec::new(),
    };

    // ---- fundus
    let (mut sp, mut sr, mut sf) = (0.0, 0.0, 0.0);
    let (mut mov, mut mnp, mut mng) = (0usize, 0usize, 0usize);
    let (mut title_ok, mut title_n) = (0, 0);
    let (mut date_ok, mut date_n, mut date_given) = (0, 0, 0);
    let (mut auth_ok, mut auth_any, mut auth_n, mut auth_given) = (0, 0, 0, 0);
    let (mut lang_given, mut canon_given, mut multi_para) = (0, 0, 0);
    let mut para_ratio_sum = 0.0;
    let mut para_ratio_n = 0;
    let mut title_given = 0;
    let mut title_lenient = 0;
    let (mut canon_declared, mut canon_match) = (0, 0);
    let fundus_t0 = runner.total_time;
    let fundus_calls0 = runner.n_calls;
    for p in &fundus {
        let raw = gunzip_if_needed(fs::read(&p.path).unwrap());
        let (html, enc) = decode_html(&raw);
        let decl_canon = declared_canonical(&html);
        let ex = runner.call(html, &p.url, &p.id).unwrap_or_default();
        let canon_ok = match (&decl_canon, &ex.canonical) {
            (Some(d), Some(c)) => same_url(d, c),
            _ => false,
        };
        if decl_canon.is_some() {
            canon_declared += 1;
            if canon_ok {
                canon_match += 1;
            }
        }
        let (ov, np, ng) = overlap(&ex.text, &p.body);
        let (pp, rr, ff) = prf(ov, np, ng);
        sp += pp;
        sr += rr;
        sf += ff;
        mov += ov;
        mnp += np;
        mng += ng;
        let n_lines = ex.text.lines().filter(|l| !l.trim().is_empty()).count();
        if n_lines >= 2 {
            multi_para += 1;
        }
        if p.n_paragraphs > 0 && !ex.text.is_empty() {
            para_ratio_sum += n_lines as f64 / p.n_paragraphs as f64;
            para_ratio_n += 1;
        }
        // title
        title_n += 1;
        let t_ok = ex.title.as_deref().map(|t| norm_ws(t) == norm_ws(&p.title)).unwrap_or(false);
        if ex.title.is_some() {
            title_given += 1;
        }
        if t_ok {
            title_ok += 1;
        }
        let t_len = ex.title.as_deref().map(|t| {
            let (a, b) = (norm_ws(t).to_lowercase(), norm_ws(&p.title).to_lowercase());
            !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
        }).unwrap_or(false);
        if t_len {
            title_lenient += 1;
        }
        // date
        let gold_days = days_of(&p.date);
        let mut d_ok = false;
        if !gold_days.is_empty() {
            date_n += 1;
            if let Some(d) = &ex.date {
                date_given += 1;
                // the crate's day as it reports it, vs the gold day in its own offset or in UTC
                let ed = days_of(d);
                if let Some(first) = ed.first() {
                    d_ok = gold_days.contains(first);
                }
            }
            if d_ok {
                date_ok += 1;
            }
        }
        // authors
        let mut a_ok = false;
        if !p.authors.is_empty() {
            auth_n += 1;
            let gold_whole: HashSet<String> = p.authors.iter().map(|a| norm_ws(&a.to_lowercase())).collect();
            let gold: HashSet<String> = p.authors.iter().flat_map(|a| split_authors(a)).collect();
            if let Some(a) = &ex.author {
                auth_given += 1;
                let got = split_authors(a);
                let got_whole: HashSet<String> = [norm_ws(&a.to_lowercase())].into_iter().collect();
                a_ok = got == gold || got_whole == gold_whole;
                if a_ok || got.intersection(&gold).next().is_some() {
                    auth_any += 1;
                }
            }
            if a_ok {
                auth_ok += 1;
            }
        }
        if ex.lang.is_some() {
            lang_given += 1;
        }
        if ex.canonical.is_some() {
            canon_given += 1;
        }
        writeln!(
            details,
            "{}",
            json!({"set":"fundus","id":p.id,"ms":runner.last_ms,"bytes":raw.len(),"enc":enc,"p":pp,"r":rr,"f1":ff,"n_pred":np,"n_gold":ng,
                "lines":n_lines,"gold_paras":p.n_paragraphs,
                "title":ex.title,"gold_title":p.title,"title_ok":t_ok,
                "date":ex.date,"gold_date":p.date,"date_ok":d_ok,
                "author":ex.author,"gold_authors":p.authors,"author_ok":a_ok,
                "lang":ex.lang,"canonical":ex.canonical,"declared_canonical":decl_canon,"canonical_ok":canon_ok,"url":p.url})
        )
        .unwrap();
        writeln!(texts, "{}", json!({"id":p.id,"text":ex.text})).unwrap();
    }
    let fundus_time = runner.total_time - fundus_t0;
    let fundus_calls = runner.n_calls - fundus_calls0;
    let nf = fundus.len().max(1) as f64;

    // ---- trafilatura eval
    let traf = load_traf(&traf_dir);
    let (mut tp, mut fp, mut fnn, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let mut traf_skipped = 0;
    let (mut ttitle_ok, mut ttitle_n) = (0, 0);
    let traf_t0 = runner.total_time;
    let traf_calls0 = runner.n_calls;
    for it in &traf {
        let Some(path) = &it.path else {
            traf_skipped += 1;
            notes.push(format!("trafilatura-eval: file for {} not found: skipped", it.url));
            continue;
        };
        let raw = gunzip_if_needed(fs::read(path).unwrap());
        let (html, enc) = decode_html(&raw);
        let res = runner.call(html, &it.url, &path.file_name().unwrap().to_string_lossy());
        let text = res.as_ref().map(|e| norm_ws(&e.text)).unwrap_or_default();
        let (mut a, mut b) = (0, 0);
        for w in &it.with {
            if res.is_some() && text.contains(&norm_ws(w)) {
                a += 1;
            }
        }
        for w in &it.without {
            if res.is_some() && text.contains(&norm_ws(w)) {
                b += 1;
            }
        }
        tp += a;
        fnn += it.with.len() - a;
        fp += b;
        tn += it.without.len() - b;
        if let Some(gt) = &it.title {
            ttitle_n += 1;
            if res.as_ref().and_then(|e| e.title.as_deref()).map(|t| norm_ws(t) == norm_ws(gt)).unwrap_or(false) {
                ttitle_ok += 1;
            }
        }
        writeln!(
            details,
            "{}",
            json!({"set":"traf","url":it.url,"ms":runner.last_ms,"bytes":raw.len(),"file":path.file_name().unwrap().to_string_lossy(),"enc":enc,
                "tp":a,"fn":it.with.len()-a,"fp":b,"tn":it.without.len()-b,"ok":res.is_some(),"len":text.len()})
        )
        .unwrap();
    }
    let traf_time = runner.total_time - traf_t0;
    let traf_calls = runner.n_calls - traf_calls0;
    let tprec = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let trec = if tp + fnn > 0 { tp as f64 / (tp + fnn) as f64 } else { 0.0 };
    let tf1 = if 2 * tp + fp + fnn > 0 { 2.0 * tp as f64 / (2 * tp + fp + fnn) as f64 } else { 0.0 };
    let tacc = (tp + tn) as f64 / (tp + tn + fp + fnn).max(1) as f64;
    let (mp, mr, mf) = prf(mov, mnp, mng);

    let summary = json!({
        "name": name,
        "fundus": {
            "pages": fundus.len(),
            "macro_p": sp / nf, "macro_r": sr / nf, "macro_f1": sf / nf,
            "micro_p": mp, "micro_r": mr, "micro_f1": mf,
            "title_ok": title_ok, "title_n": title_n, "title_lenient": title_lenient, "title_given": title_given,
            "date_ok": date_ok, "date_n": date_n, "date_given": date_given,
            "author_ok": auth_ok, "author_any": auth_any, "author_n": auth_n, "author_given": auth_given,
            "lang_given": lang_given, "canonical_given": canon_given, "canonical_declared": canon_declared, "canonical_match": canon_match,
            "multi_line_pages": multi_para,
            "mean_lines_per_gold_para": if para_ratio_n > 0 { para_ratio_sum / para_ratio_n as f64 } else { 0.0 },
            "ms_per_page": fundus_time.as_secs_f64() * 1e3 / fundus_calls.max(1) as f64,
            "repr_values_parsed": repr_count,
        },
        "traf": {
            "items": traf.len(), "skipped": traf_skipped, "tp": tp, "fp": fp, "fn": fnn, "tn": tn,
            "precision": tprec, "recall": trec, "f1": tf1, "accuracy": tacc,
            "title_ok": ttitle_ok, "title_n": ttitle_n,
            "ms_per_page": traf_time.as_secs_f64() * 1e3 / traf_calls.max(1) as f64,
        },
        "calls": runner.n_calls,
        "ms_per_page_all": runner.total_time.as_secs_f64() * 1e3 / runner.n_calls.max(1) as f64,
        "panics": runner.panics, "errors": runner.errors, "timeouts": runner.timeouts,
        "slowest_ms": runner.slowest.0, "slowest_page": runner.slowest.1,
        "problems": runner.problems,
        "notes": notes,
    });
    let mut summary = summary;
    let mut v = runner.all_ms.clone();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let q = |f: f64| if v.is_empty() { 0.0 } else { v[((v.len() - 1) as f64 * f).round() as usize] };
    summary["median_ms"] = json!(q(0.5));
    summary["p99_ms"] = json!(q(0.99));
    summary["max_ms"] = json!(q(1.0));
    println!("SUMMARY {}", summary);
    // exit without joining a possibly stuck worker
    std::process::exit(0);
}

// ---------------------------------------------------------------------------
// Parent: run children, print the table
// ---------------------------------------------------------------------------

fn crate_version(name: &str) -> String {
    let krate = match name {
        "trafilatura-nofallback" | "trafilatura+paras" => "trafilatura",
        n => n,
    };
    // read the resolved version from Cargo.lock next to the manifest
    let lock = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap_or_default();
    let mut it = lock.lines();
    while let Some(l) = it.next() {
        if l == format!("name = \"{krate}\"") {
            if let Some(v) = it.next() {
                return v.trim_start_matches("version = ").trim_matches('"').to_string();
            }
        }
    }
    "?".into()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() >= 3 && args[1] == "--child" {
        let name = EXTRACTORS.iter().find(|n| **n == args[2]).expect("unknown extractor");
        child(name);
        return;
    }
    if args.len() >= 4 && args[1] == "--one" {
        // debug: extract one file, print fields and timing
        let raw = gunzip_if_needed(fs::read(&args[3]).unwrap());
        let (html, enc) = decode_html(&raw);
        let url = args.get(4).map(|s| s.as_str());
        let t0 = Instant::now();
        let r = run_extractor(&args[2], &html, url);
        let dt = t0.elapsed();
        match r {
            Ok(e) => println!(
                "enc={enc} ms={:.1}\ntitle={:?}\nauthor={:?}\ndate={:?}\nlang={:?}\ncanonical={:?}\n---\n{}",
                dt.as_secs_f64() * 1e3, e.title, e.author, e.date, e.lang, e.canonical, e.text
            ),
            Err(e) => println!("error after {:.1} ms: {e}", dt.as_secs_f64() * 1e3),
        }
        return;
    }
    let selected: Vec<&str> = if args.len() >= 3 && args[1] == "--only" {
        args[2..].iter().map(|s| s.as_str()).collect()
    } else {
        EXTRACTORS.to_vec()
    };
    let exe = std::env::current_exe().unwrap();
    let mut rows = Vec::new();
    for name in selected {
        eprintln!("running {name} ...");
        let t0 = Instant::now();
        let out = Command::new(&exe).args(["--child", name]).output().expect("spawn child");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let summary = stdout.lines().find_map(|l| l.strip_prefix("SUMMARY ")).and_then(|s| serde_json::from_str::<Value>(s).ok());
        eprintln!("  done in {:.1}s (exit {:?})", t0.elapsed().as_secs_f64(), out.status.code());
        match summary {
            Some(s) => rows.push(s),
            None => {
                let err = String::from_utf8_lossy(&out.stderr);
                eprintln!("  child for {name} died: status {:?}; stderr tail: {}", out.status, truncate(&err[err.len().saturating_sub(600)..], 600));
                rows.push(json!({"name": name, "died": format!("{:?}", out.status)}));
            }
        }
    }
    let pct = |a: &Value, b: &Value| -> String {
        let (a, b) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
        if b > 0.0 { format!("{:.1}% ({}/{})", 100.0 * a / b, a, b) } else { "n/a".into() }
    };
    println!("| crate@version | fundus body P / R / F1 (macro) | fundus body F1 (micro) | title | date | authors | trafilatura-eval P / R / F1 (acc) | ms/page: mean fundus / mean traf / median all / max all | panics / errors / timeouts |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        let name = r["name"].as_str().unwrap();
        if r.get("died").is_some() {
            println!("| {name}@{} | process died: {} | | | | | | | |", crate_version(name), r["died"]);
            continue;
        }
        let f = &r["fundus"];
        let t = &r["traf"];
        let meta_or_na = |ok: &str, n: &str, given: &str| -> String {
            if f[given].as_u64().unwrap_or(0) == 0 { "n/a (not provided)".into() } else { pct(&f[ok], &f[n]) }
        };
        println!(
            "| {}@{} | {:.3} / {:.3} / {:.3} | {:.3} | {} | {} | {} | {:.3} / {:.3} / {:.3} ({:.3}) | {:.1} / {:.1} / {:.1} / {:.0} | {} / {} / {} |",
            name,
            crate_version(name),
            f["macro_p"].as_f64().unwrap(),
            f["macro_r"].as_f64().unwrap(),
            f["macro_f1"].as_f64().unwrap(),
            f["micro_f1"].as_f64().unwrap(),
            meta_or_na("title_ok", "title_n", "title_given"),
            meta_or_na("date_ok", "date_n", "date_given"),
            meta_or_na("author_ok", "author_n", "author_given"),
            t["precision"].as_f64().unwrap(),
            t["recall"].as_f64().unwrap(),
            t["f1"].as_f64().unwrap(),
            t["accuracy"].as_f64().unwrap(),
            f["ms_per_page"].as_f64().unwrap(),
            t["ms_per_page"].as_f64().unwrap(),
            r["median_ms"].as_f64().unwrap(),
            r["max_ms"].as_f64().unwrap(),
            r["panics"],
            r["errors"],
            r["timeouts"],
        );
    }
    println!();
    println!("Extra figures per crate:");
    for r in &rows {
        if r.get("died").is_some() {
            continue;
        }
        let f = &r["fundus"];
        let t = &r["traf"];
        println!(
            "- {}: fundus micro P/R {:.3}/{:.3}; title given {}/{} (lenient containment match {}), date given {}/{}, author given {}/{} (any-overlap {}); lang given {}, canonical given {} (equals page's declared canonical/og:url {}/{}); pages with >=2 text lines {}/{}, mean lines per gold paragraph {:.2}; traf-eval tp/fp/fn/tn {}/{}/{}/{}, title exact {}/{}; slowest page {:.0} ms ({}); repr values parsed {}",
            r["name"].as_str().unwrap(),
            f["micro_p"].as_f64().unwrap(),
            f["micro_r"].as_f64().unwrap(),
            f["title_given"], f["title_n"], f["title_lenient"], f["date_given"], f["date_n"], f["author_given"], f["author_n"], f["author_any"],
            f["lang_given"], f["canonical_given"], f["canonical_match"], f["canonical_declared"], f["multi_line_pages"], f["pages"],
            f["mean_lines_per_gold_para"].as_f64().unwrap(),
            t["tp"], t["fp"], t["fn"], t["tn"], t["title_ok"], t["title_n"],
            r["slowest_ms"].as_f64().unwrap(), r["slowest_page"].as_str().unwrap_or(""),
            f["repr_values_parsed"],
        );
        for p in r["problems"].as_array().unwrap().iter().take(15) {
            println!("    - {}", p.as_str().unwrap());
        }
        let np = r["problems"].as_array().unwrap().len();
        if np > 15 {
            println!("    - ... {} more", np - 15);
        }
        for n in r["notes"].as_array().unwrap().iter().take(5) {
            println!("    - note: {}", n.as_str().unwrap());
        }
    }
}
