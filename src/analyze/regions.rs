//! Region tagging: place names in the text, mapped to today's 20 first-level units.
//!
//! A name can have several readings (Aksu is a town in Pavlodar region and districts
//! elsewhere; Almaty is a city and, before "region", a region; Abai is a region, a town and a
//! poet). Readings are resolved with the rest of the article: a name the article supports with
//! an unambiguous mention of the same unit wins; otherwise the most populous place wins, and an
//! ambiguous name counts only with a place word next to it ("Abay district", "the town of Aral").

use std::collections::{BTreeMap, HashMap, HashSet};

use super::gazetteer::Gazetteer;
use super::phrases::{Found, PhraseMatcher};
use super::text::{Token, normalise_words};
use crate::domain::{Mention, RegionId, RegionTag};

/// One reading of a listed name.
#[derive(Debug, Clone)]
struct Reading {
    region: RegionId,
    /// The name of a unit itself ("Kyzylorda region", "South Kazakhstan region").
    unit_name: bool,
    /// A current name (not a pre-reform one): "Akmola" is today the region, formerly the capital.
    current: bool,
    ambiguous: bool,
    population: u64,
}

/// Words that, next to a name, show it is used as a place.
const PLACE_WORDS: &[&str] = &[
    "region", "regions", "oblast", "oblasts", "province", "city", "cities", "town", "towns", "village", "villages",
    "district", "districts", "settlement", "akimat", "akim", "regional", "rural", "airport", "station", "area",
    "область", "области", "облысы", "город", "города", "городе", "района", "район", "районе", "село", "села", "аудан",
    "ауданы", "каласы", "ауылы", "ауыл",
];
/// Words after a name that make it a water body or a newspaper, not a settlement.
const NOT_A_PLACE_AFTER: &[&str] = &["sea", "lake", "river", "times", "press", "time", "море", "озеро", "река", "моря", "озера", "реки"];
/// Words of an organisation's name after a place's name ("Karaganda State University").
const ORG_WORDS: &[&str] = &[
    "university", "petroleum", "operating", "tv", "channel", "process", "arlans", "barys", "jsc", "llp", "motors",
    "airlines", "airways", "conservatory", "institute",
];
/// Words before a place's name that make it an organisation's ("Air Astana").
const ORG_BEFORE: &[&str] = &["air"];
/// Kinds of site whose quoted name is their place's name ("the industrial zone "Taldykorgan"").
const SITE_NOUNS: &[&str] = &["zone", "sez", "fez", "complex", "resort", "park", "checkpoint", "microdistrict", "village", "settlement", "district", "museum"];
/// Titles before a name that make it a person.
/// Also works named after a person: "the opera Abai", "the poem", "the film".
const PERSON_BEFORE: &[&str] =
    &["mr", "mrs", "ms", "dr", "poet", "named", "after", "batyr", "kunanbayev", "kunanbaev", "opera", "poem", "novel", "film"];
/// Endings of surnames and patronymics: a name followed by one is a person ("Nursultan
/// Nazarbayev", "Umirzak Shukeyev"), not a place.
const SURNAME_ENDINGS: &[&str] = &[
    "ov", "ev", "ova", "eva", "in", "ina", "uly", "kyzy", "ich", "vna", "enko", "sky", "skiy", "skaya",
    "ов", "ев", "ова", "ева", "ин", "ина", "улы", "кызы", "ич", "вна", "енко", "ский", "ская",
];

/// Finds region mentions in tokenised text.
pub struct RegionTagger {
    matcher: PhraseMatcher<Reading>,
    ids: Vec<RegionId>,
    /// "zhambyl" -> zhambyl, from "Zhambyl region": what a bare name means in "X and Y regions".
    bare_region_names: HashMap<String, RegionId>,
    /// Names of the cities of national significance, normalised ("almaty", "alma-ata",
    /// "shymkent"); an old name that is today a region's ("akmola") is not among them.
    city_names: HashSet<String>,
}

impl RegionTagger {
    /// Builds the matcher from the gazetteer.
    pub fn new(g: &Gazetteer) -> RegionTagger {
        let mut matcher = PhraseMatcher::default();
        for r in &g.regions {
            let current = r.names.iter().chain(std::iter::once(&r.name)).map(|n| (n, true));
            for (name, current) in current.chain(r.old_names.iter().map(|n| (n, false))) {
                let reading = Reading { region: r.id.clone(), unit_name: true, current, ambiguous: false, population: u64::MAX };
                matcher.insert(name, reading);
            }
        }
        // Russian region names are adjectives agreeing with "область"; in lists the noun is shared
        // ("в Алматинской и Жамбылской областях"), so the feminine forms alone name the region.
        for r in g.regions.iter().filter(|r| r.kind == "region") {
            for name in r.names.iter().chain(&r.old_names) {
                for form in feminine_region_forms(name) {
                    let reading = Reading { region: r.id.clone(), unit_name: true, current: r.names.contains(name), ambiguous: false, population: u64::MAX };
                    matcher.insert_exact(&form, reading);
                }
            }
        }
        for p in &g.places {
            let mut seen = HashSet::new();
            let listed = p.names.iter().chain(std::iter::once(&p.name));
            let names: Vec<String> = listed.clone().cloned().chain(listed.flat_map(|n| latin_variants(n))).collect();
            // The gazetteer judges ambiguity on the main name ("Konaev", a person too); its other
            // names ("Kapchagay") are not ambiguous because of that.
            // Spelling variants of the main name ("Abai" for "Abay") are as ambiguous as it is.
            let main: HashSet<Vec<String>> =
                std::iter::once(p.name.clone()).chain(latin_variants(&p.name)).map(|n| normalise_words(&n)).collect();
            for name in &names {
                if seen.insert(name.to_lowercase()) {
                    let reading = Reading {
                        region: p.region.clone(),
                        unit_name: false,
                        current: true,
                        ambiguous: p.ambiguous && main.contains(&normalise_words(name)),
                        population: p.population,
                    };
                    matcher.insert(name, reading);
                }
            }
        }
        let mut bare_region_names = HashMap::new();
        let mut bare_current = HashSet::new();
        for r in g.regions.iter().filter(|r| r.kind == "region") {
            for name in r.names.iter().chain(&r.old_names) {
                let words = normalise_words(name);
                if let [head @ .., last] = words.as_slice() {
                    if matches!(last.as_str(), "region" | "oblast" | "province" | "облысы" | "область") && !head.is_empty() {
                        bare_region_names.entry(head.join(" ")).or_insert_with(|| r.id.clone());
                        if r.names.contains(name) {
                            bare_current.insert(head.join(" "));
                        }
                    }
                }
            }
        }
        // A city's names, today's and old, except an old one that is today a region's
        // ("Akmola"): "Alma-Ata" in a list of old names is still the city.
        let city_names = g
            .regions
            .iter()
            .filter(|r| r.kind == "city")
            .flat_map(|r| {
                let old = r.old_names.iter().map(|n| normalise_words(n).join(" ")).filter(|n| !bare_current.contains(n));
                r.names.iter().chain(std::iter::once(&r.name)).map(|n| normalise_words(n).join(" ")).chain(old)
            })
            .collect();
        RegionTagger { matcher, ids: g.regions.iter().map(|r| r.id.clone()).collect(), bare_region_names, city_names }
    }

    /// The valid region ids, in gazetteer order.
    pub fn ids(&self) -> &[RegionId] {
        &self.ids
    }

    /// Tags the text: each region with the mentions that name a place in it.
    pub fn tag(&self, text_chars: &[char], tokens: &[Token]) -> Vec<RegionTag> {
        let found = self.matcher.find_all(tokens, |f| {
            tokens[f.first..f.last].iter().any(|t| t.capitalised) && !not_a_place(tokens, f) && !quoted_name(text_chars, tokens, f)
        });
        // Collect every reading of each matched span (namesakes share a span).
        let mut spans: Vec<(usize, usize, Vec<&Reading>)> = Vec::new();
        for f in &found {
            // Readings of the same words matched the same way: an exact form ("Алматинской", the
            // region) is not read as an inflection of another name (the city's adjective).
            let readings: Vec<&Reading> = self
                .matcher
                .matches_at(tokens, f.first)
                .into_iter()
                .filter(|g| g.last == f.last && g.exact == f.exact)
                .map(|g| g.value)
                .collect();
            spans.push((f.first, f.last, readings));
        }
        // Units the article names without doubt support ambiguous readings elsewhere.
        let sure: HashSet<&RegionId> = spans
            .iter()
            .filter(|(_, _, rs)| rs.iter().all(|r| !r.ambiguous) && distinct_regions(rs) == 1)
            .map(|(_, _, rs)| &rs[0].region)
            .collect();
        let mut tags: BTreeMap<RegionId, Vec<Mention>> = BTreeMap::new();
        for (i, (first, last, readings)) in spans.iter().enumerate() {
            let on_route = on_a_route(text_chars, tokens, &spans, i);
            let Some(region) = self.resolve(tokens, *first, *last, readings, &sure, on_route) else { continue };
            let (start, end) = (tokens[*first].start, tokens[*last - 1].end);
            let mention = Mention { text: text_chars[start..end].iter().collect(), start, end };
            tags.entry(region).or_default().push(mention);
        }
        tags.into_iter().map(|(id, mentions)| RegionTag { id, mentions }).collect()
    }
}

/// "Алматинская область" -> "Алматинская", "Алматинской", "Алматинскую", "Алматинскою"
/// (the last word of the adjective inflects).
fn feminine_region_forms(name: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let Some(adjective) = lower.strip_suffix(" область") else { return Vec::new() };
    let Some(stem) = adjective.strip_suffix("ская") else { return Vec::new() };
    ["ская", "ской", "скую", "скою"].iter().map(|e| format!("{stem}{e}")).collect()
}

/// Other common Latin renderings of a Kazakh name: zh/j (Zhambyl, Jambyl), kh/h (Khorgos,
/// Horgos), q/k and gh/g (Qaraghandy, Karagandy), a final -ay/-ai (Kapchagay, Kapchagai), an
/// initial Ye/E (Yesil, Esil), ey/ei (Beyneu, Beineu). Each rule is applied alone and all together.
fn latin_variants(name: &str) -> Vec<String> {
    if !name.is_ascii() {
        return Vec::new();
    }
    type Rule = fn(&str) -> String;
    let rules: [Rule; 7] = [
        |w| w.replace("Zh", "J").replace("zh", "j"),
        |w| w.replace("Kh", "H").replace("kh", "h"),
        |w| w.replace("Q", "K").replace("q", "k").replace("gh", "g"),
        |w| if let Some(stem) = w.strip_suffix("ay") { format!("{stem}ai") } else if let Some(stem) = w.strip_suffix("ai") { format!("{stem}ay") } else { w.to_owned() },
        |w| if let Some(rest) = w.strip_prefix("Ye") { format!("E{rest}") } else { w.to_owned() },
        |w| w.replace("dzh", "j").replace("Dzh", "J"),
        |w| w.replace("ey", "ei"),
    ];
    let apply = |rule: Rule| name.split(' ').map(rule).collect::<Vec<_>>().join(" ");
    let mut out: Vec<String> = rules.iter().map(|r| apply(*r)).collect();
    let all = rules.iter().fold(name.to_owned(), |acc, r| acc.split(' ').map(r).collect::<Vec<_>>().join(" "));
    out.push(all);
    out.sort();
    out.dedup();
    out.retain(|v| v != name);
    out
}

fn distinct_regions(rs: &[&Reading]) -> usize {
    rs.iter().map(|r| &r.region).collect::<HashSet<_>>().len()
}

fn not_a_place(tokens: &[Token], f: &Found<'_, Reading>) -> bool {
    let after = tokens.get(f.last).map(|t| t.norm.as_str());
    let before = f.first.checked_sub(1).map(|i| tokens[i].norm.as_str());
    // "the press service of Akorda reported", "the official website of Akorda": a source.
    let source = before == Some("of")
        && f.first >= 2
        && matches!(tokens[f.first - 2].norm.as_str(), "service" | "website" | "site" | "portal");
    // "the conservatory named after Kurmangazy": a person, even where the name is also a district's.
    let named_after = before == Some("after") && f.first >= 2 && tokens[f.first - 2].norm == "named";
    after.is_some_and(|a| NOT_A_PLACE_AFTER.contains(&a))
        || before.is_some_and(|b| ORG_BEFORE.contains(&b))
        || organisation_name(tokens, f.last)
        || source
        || named_after
        || (f.value.ambiguous && before.is_some_and(|b| PERSON_BEFORE.contains(&b)))
        || followed_by_surname(tokens, f.last)
}

/// Whether the name begins an organisation's name ("Karaganda State University", "Astana
/// Arlans", "Karachaganak Petroleum Operating", "the Almaty channel"): the organisation is not
/// said to be there.
fn organisation_name(tokens: &[Token], last: usize) -> bool {
    for t in tokens.iter().skip(last).take(3) {
        if ORG_WORDS.contains(&t.norm.as_str()) {
            return true;
        }
        if !t.capitalised || PLACE_WORDS.contains(&t.norm.as_str()) {
            return false;
        }
    }
    false
}

/// Whether the mention is the whole of a quoted name (the ice palace «Астана», the cycling team
/// "Astana", «Астана Моторс»): names of things, not places.
fn quoted_name(chars: &[char], tokens: &[Token], f: &Found<'_, Reading>) -> bool {
    const OPEN: &[char] = &['«', '"', '“', '„', '\''];
    const CLOSE: &[char] = &['»', '"', '”', '“', '\''];
    let (start, end) = (tokens[f.first].start, tokens[f.last - 1].end);
    // The quote may open a few hyphenated words earlier: the museum "Zhidebay-Borili".
    let mut start_of_name = start;
    while start_of_name >= 2 && chars[start_of_name - 1] == '-' && chars[start_of_name - 2].is_alphanumeric() {
        start_of_name = chars[..start_of_name - 1].iter().rposition(|c| !c.is_alphanumeric()).map_or(0, |p| p + 1);
    }
    let before = chars[..start_of_name].iter().rev().find(|c| !c.is_whitespace());
    // A site named after its place is there: the industrial zone "Taldykorgan", the ski
    // complex "Burabay".
    // The noun may stand a word earlier: the museum Abai "Zhidebay-Borili".
    let site = (1..=2).any(|k| f.first.checked_sub(k).is_some_and(|i| SITE_NOUNS.contains(&tokens[i].norm.as_str())));
    // An event named with its year is held there (the exhibition "EXPO-2017").
    let event = chars[start..end].iter().any(|c| c.is_ascii_digit());
    let opened = before.is_some_and(|c| OPEN.contains(c)) && !site && !event;
    // The quoted name may go on after the place ("Астана Моторс"), up to the closing quote.
    let closes = chars[end..].iter().take(40).position(|c| CLOSE.contains(c) || *c == '\n');
    opened && closes.is_some_and(|i| CLOSE.contains(&chars[end + i]))
}

/// Whether the next word, right after a space, is a capitalised surname or patronymic.
fn followed_by_surname(tokens: &[Token], last: usize) -> bool {
    tokens.get(last).is_some_and(|t| {
        t.capitalised
            && t.start == tokens[last - 1].end + 1
            && t.norm.chars().count() > 4
            && !PLACE_WORDS.contains(&t.norm.as_str())
            && SURNAME_ENDINGS.iter().any(|e| t.norm.ends_with(e))
    })
}

fn has_place_word(tokens: &[Token], first: usize, last: usize) -> bool {
    let near = |i: Option<usize>| i.and_then(|i| tokens.get(i)).is_some_and(|t| PLACE_WORDS.contains(&t.norm.as_str()));
    near(Some(last)) || near(first.checked_sub(1)) || (first >= 2 && tokens[first - 1].norm == "of" && near(Some(first - 2)))
}

/// Whether a bare name is followed by a list that ends in "regions" ("Almaty, Zhambyl and
/// Turkestan regions", "Almaty, the South Kazakhstan and Kostanai regions").
fn in_list_of_regions(tokens: &[Token], last: usize) -> bool {
    const HEADS: &[&str] = &["regions", "oblasts", "областей", "областях", "областям", "области", "облыстары", "облыстарында", "облыстарынын", "облыстарына"];
    list_reaches(tokens[last.min(tokens.len())..].iter().take(12), HEADS, &["and", "the", "и", "мен", "жане"], |t| t.capitalised)
}

/// Whether a bare name stands in a list headed by "regions" ("in three regions - Astana, Akmola
/// and Karaganda", "grain-producing regions: Akmola - 7.8 thousand").
fn headed_by_regions(tokens: &[Token], first: usize) -> bool {
    list_reaches(tokens[..first].iter().rev().take(6), &["regions", "oblasts", "областях", "областей"], &["and", "the", "и"], |t| t.capitalised)
}

/// Whether `words`, walked from a name outwards, reach one of `heads` (the word that says what
/// the list's names are) through only `joiners` and words that may be the list's names
/// (`member`). The region rules read lists of names this way, forwards to a closing "regions"
/// and backwards to a heading "regions" or "cities".
fn list_reaches<'t>(words: impl Iterator<Item = &'t Token>, heads: &[&str], joiners: &[&str], member: impl Fn(&Token) -> bool) -> bool {
    for t in words {
        let w = t.norm.as_str();
        if heads.contains(&w) {
            return true;
        }
        if !joiners.contains(&w) && !member(t) {
            return false;
        }
    }
    false
}

/// Whether span `i` is an end of a route written with a dash, whose other end is a place no
/// one would read otherwise: "the railway Almaty - Shu", "Almaty-1 - Shu", "Beyneu - Bozoi".
/// A namesake word ("Shu", also a river and a surname) is a place there.
fn on_a_route(chars: &[char], tokens: &[Token], spans: &[(usize, usize, Vec<&Reading>)], i: usize) -> bool {
    const DASHES: &[char] = &['-', '–', '—'];
    let joined = |a: &(usize, usize, Vec<&Reading>), b: &(usize, usize, Vec<&Reading>)| {
        let between = &chars[tokens[a.1 - 1].end..tokens[b.0].start];
        let marks: Vec<&char> = between.iter().filter(|c| !c.is_whitespace() && !c.is_ascii_digit()).collect();
        !marks.is_empty() && marks.len() <= 2 && marks.iter().all(|c| DASHES.contains(c)) && between.len() <= 6
    };
    let clear = |s: &(usize, usize, Vec<&Reading>)| s.2.iter().any(|r| !r.ambiguous);
    let before = i.checked_sub(1).map(|j| &spans[j]).filter(|p| clear(p) && joined(p, &spans[i]));
    let after = spans.get(i + 1).filter(|n| clear(n) && joined(&spans[i], n));
    before.is_some() || after.is_some()
}

/// Whether a capitalised word follows that is not a place word: a surname ("Abay Toksaba").
fn followed_by_name(tokens: &[Token], last: usize) -> bool {
    tokens.get(last).is_some_and(|t| t.capitalised && !PLACE_WORDS.contains(&t.norm.as_str()) && t.start == tokens[last - 1].end + 1)
}

impl RegionTagger {
    fn resolve(&self, tokens: &[Token], first: usize, last: usize, readings: &[&Reading], sure: &HashSet<&RegionId>, on_route: bool) -> Option<RegionId> {
        if let Some(region) = self.listed_region(tokens, first, last) {
            return Some(region);
        }
        let all_ambiguous = readings.iter().all(|r| r.ambiguous);
        if all_ambiguous {
            let supported = readings.iter().any(|r| sure.contains(&r.region));
            if followed_by_name(tokens, last) || !(supported || on_route || has_place_word(tokens, first, last)) {
                return None;
            }
        }
        // Unit names first; then population, where support from the rest of the article counts
        // as ten times the people (a village in a region the article is about can beat a distant
        // namesake town, but not a regional capital).
        let weight = |r: &Reading| {
            let support = if sure.contains(&r.region) { 1.0 } else { 0.0 };
            let clear = if r.ambiguous { 0.0 } else { 0.3 };
            ((r.population as f64) + 1.0).log10() + support + clear
        };
        let best = readings.iter().max_by(|a, b| {
            (a.unit_name && a.current, a.unit_name)
                .cmp(&(b.unit_name && b.current, b.unit_name))
                .then(weight(a).total_cmp(&weight(b)))
        })?;
        Some(best.region.clone())
    }

    /// The region a bare name means in a list of regions: one that ends in "regions" ("Almaty
    /// and Zhambyl regions"), or one where at least two other regions' bare names stand within a
    /// few words ("7 regions (Astana, Karaganda, Mangystau, ...)", "Atyrau — 30.9%, Akmola —
    /// 23%"). In the second kind, names shared with a city of national significance (Almaty,
    /// Shymkent) are left to the other rules: a list of cities names them as often as a list of
    /// regions.
    fn listed_region(&self, tokens: &[Token], first: usize, last: usize) -> Option<RegionId> {
        let key = |from: usize, to: usize| tokens[from..to].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
        let name = key(first, last);
        let region = self.bare_region_names.get(&name)?;
        if self.city_names.contains(&name) && self.listed_as_city(tokens, first) {
            return None;
        }
        if in_list_of_regions(tokens, last) {
            return Some(region.clone());
        }
        if self.city_names.contains(&name) {
            return None;
        }
        if headed_by_regions(tokens, first) {
            return Some(region.clone());
        }
        let mut others: HashSet<&RegionId> = HashSet::new();
        let (from, to) = (first.saturating_sub(LIST_WINDOW), (last + LIST_WINDOW).min(tokens.len()));
        let outside = |a: usize, b: usize| b <= first || a >= last;
        let mut i = from;
        while i < to {
            if !tokens[i].capitalised {
                i += 1;
                continue;
            }
            let two = (i + 2 <= to && outside(i, i + 2)).then(|| self.bare_region_names.get(&key(i, i + 2))).flatten();
            let one = outside(i, i + 1).then(|| self.bare_region_names.get(&key(i, i + 1))).flatten();
            if let Some(other) = two.or(one) {
                others.insert(other);
            }
            i += if two.is_some() { 2 } else { 1 };
        }
        others.remove(region);
        (others.len() >= 2).then(|| region.clone())
    }

    /// Whether a city's name stands in a list headed by "cities" ("six regions (the cities of
    /// Astana and Shymkent, Aktobe, Almaty and Turkestan regions)"): there it is the city, even
    /// though the list goes on to end in "regions". A region's bare name between the two ends
    /// the cities' part of the list (that "Almaty" is the region); so does a singular "city"
    /// ("the city of Almaty, Almaty, West Kazakhstan and Zhambyl regions" names both).
    fn listed_as_city(&self, tokens: &[Token], first: usize) -> bool {
        let city_or_name = |t: &Token| t.capitalised && !(self.bare_region_names.contains_key(t.norm.as_str()) && !self.city_names.contains(t.norm.as_str()));
        list_reaches(tokens[..first].iter().rev().take(8), &["cities", "городов", "городах"], &["and", "of", "и"], city_or_name)
    }
}

/// How many words either side of a bare name are searched for the other names of a list.
const LIST_WINDOW: usize = 8;

#[cfg(test)]
mod tests;
