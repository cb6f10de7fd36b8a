//! The inflectional endings a Russian or Kazakh place name or term may take in running text.
//!
//! Why a closed list: "Павлодарға", "Шымкентте", "Алматыдан", "Қызылорданың", "Павлодарской"
//! must match their names, while "Меркель" must not match "Мерке" nor "Ақсуатта" match "Ақсу".
//! Forms are written folded, as `text.rs` normalises them (қ к, ғ г, ң н, і и, ұ ү у, ө о, ә а).

use std::collections::HashSet;
use std::sync::LazyLock;

/// Kazakh case endings (after a vowel or a consonant, voiced or not; after a possessive -ы/-сы
/// the locative is -нда and the dative -на).
const KZ_CASES: &[&str] = &[
    "", "да", "де", "та", "те", "нда", "нде", "га", "ге", "ка", "ке", "на", "не", "а", "е", "дан", "ден", "тан", "тен",
    "нан", "нен", "нын", "нин", "дын", "дин", "тын", "тин", "ын", "ин", "ны", "ни", "ды", "ди", "ты", "ти", "н", "мен",
    "бен", "пен", "дагы", "деги", "тагы", "теги", "ндагы", "ндеги", "нда", "ымен", "имен",
];
/// What may stand between a Kazakh name and its case ending: the possessive (облысы), the
/// plural, the adjectival -лық, the agent -шы.
const KZ_STEMS: &[&str] = &[
    "", "сы", "си", "ы", "и", "лар", "лер", "дар", "дер", "тар", "тер", "лык", "лик", "дык", "дик", "тык", "тик", "шы", "ши",
    "лыктар", "ликтер", "дыктар", "диктер", "тыктар", "тиктер", "ларды", "лерди",
];
/// Russian noun endings (added to a name, or replacing its final vowel: Шымкенте, Кызылорде).
pub const RU_NOUN: &[&str] = &[
    "", "а", "у", "е", "ом", "ем", "ой", "ей", "ы", "и", "ю", "я", "ам", "ям", "ами", "ями", "ах", "ях", "ов", "ев", "ым",
    "им", "ою", "ею", "ой",
];
/// Russian adjective endings (Павлодар -> павлодарская, -ской, -скую...).
const RU_ADJ: &[&str] = &[
    "ский", "ская", "ской", "скую", "ском", "ские", "ских", "ское", "ского", "скому", "ским", "скими", "скою", "цы", "цев",
];

static AFTER_FULL_FORM: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set: HashSet<String> = HashSet::new();
    for s in KZ_STEMS {
        for c in KZ_CASES {
            set.insert(format!("{s}{c}"));
        }
    }
    set.extend(RU_NOUN.iter().map(|e| e.to_string()));
    set.extend(RU_ADJ.iter().map(|e| e.to_string()));
    set
});

/// Russian adjective endings after the stem of an adjective ("Кызылжарск-ого района").
const RU_ADJ_AFTER_STEM: &[&str] = &["ий", "ый", "ая", "ое", "ие", "ые", "ой", "ую", "ом", "ого", "ому", "им", "ым", "ими", "ыми", "их", "ых", "ею", "ою"];

/// Endings of neuter nouns in -ие after their stem (месторожден-ие, -ия, -ии: "медного
/// месторождения", "объектов здравоохранения").
const RU_IE_NOUN: &[&str] = &["ие", "ия", "ию", "ием", "ии", "иям", "иями", "иях"];

static AFTER_STEM: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| RU_NOUN.iter().chain(RU_ADJ).chain(RU_ADJ_AFTER_STEM).chain(RU_IE_NOUN).copied().collect());

/// Whether `rest` may follow a whole Cyrillic word (a name in Kazakh or Russian inflection).
pub fn after_full_form(rest: &str) -> bool {
    AFTER_FULL_FORM.contains(rest)
}

/// Whether `rest` may follow a Russian stem whose final vowel was dropped (Кызылорд-е).
pub fn after_stem(rest: &str) -> bool {
    AFTER_STEM.contains(rest)
}

/// The longest ending there is, in chars, so a matcher knows how far back to look.
pub fn longest() -> usize {
    AFTER_FULL_FORM.iter().map(|e| e.chars().count()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_endings_and_impostors() {
        for e in ["га", "да", "дан", "нын", "сынын", "сында", "дагы", "лардан", "ской", "е", "ом", ""] {
            assert!(after_full_form(e), "{e}");
        }
        for e in ["ль", "атта", "ло", "кер"] {
            assert!(!after_full_form(e), "{e}");
        }
        assert!(after_stem("е") && after_stem("ской") && after_stem("ия") && !after_stem("да"));
    }
}
