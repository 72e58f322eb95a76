//! ArchiMate element properties -> system fields: owner, annual cost, lifecycle and
//! criticality (from availability / integrity / confidentiality ratings), in English, Dutch
//! and French (docs/import-archimate.md, "Properties").

use std::collections::BTreeMap;

use super::draft::DraftSystem;
use super::mapping::{parse_amount, Applications, Index};
use super::oef::Element;

const OWNER_KEYS: [&str; 5] = [
    "owner",
    "eigenaar",
    "propriétaire",
    "proprietaire",
    "business owner",
];
const COST_KEYS: [&str; 6] = [
    "cost",
    "annual cost",
    "annual_cost",
    "kosten",
    "coût",
    "cout",
];
const LIFECYCLE_KEYS: [&str; 8] = [
    "lifecycle",
    "lifecycle status",
    "status",
    "gemma status",
    "levensfase",
    "levenscyclus",
    "cycle de vie",
    "statut",
];
/// Each lifecycle value of the model, and the words files use for it (compared folded).
const LIFECYCLE_WORDS: [(&str, &[&str]); 4] = [
    (
        "planned",
        &[
            "planned",
            "plan",
            "in development",
            "in ontwikkeling",
            "gepland",
            "nieuw",
            "new",
            "prévu",
            "en développement",
        ],
    ),
    (
        "active",
        &[
            "active",
            "in use",
            "production",
            "in production",
            "in gebruik",
            "actief",
            "en production",
            "en service",
            "actif",
        ],
    ),
    (
        "phase-out",
        &[
            "phase-out",
            "phase out",
            "phasing out",
            "deprecated",
            "sunset",
            "uitfaseren",
            "uit te faseren",
            "uitfasering",
            "en retrait",
        ],
    ),
    (
        "end-of-support",
        &[
            "end-of-support",
            "end of support",
            "end of life",
            "end-of-life",
            "eol",
            "unsupported",
            "einde ondersteuning",
            "niet meer ondersteund",
            "fin de support",
            "obsolète",
            "obsolete",
        ],
    ),
];
const CRITICALITY_KEYS: [&str; 3] = ["criticality", "criticaliteit", "criticité"];
/// The three CIA ratings, each with its names in the three languages.
const CIA_KEYS: [(&str, &[&str]); 3] = [
    (
        "availability",
        &["availability", "beschikbaarheid", "disponibilité"],
    ),
    ("integrity", &["integrity", "integriteit", "intégrité"]),
    (
        "confidentiality",
        &["confidentiality", "vertrouwelijkheid", "confidentialité"],
    ),
];
const LEVELS: [&str; 3] = ["low", "medium", "high"];

/// Fills what the element's properties give and the system does not have yet (the first
/// same-named element to give a value wins).
pub fn fill(
    index: &Index,
    e: &Element,
    system: &mut DraftSystem,
    skipped: &mut BTreeMap<String, usize>,
) {
    if system.owner.is_none() {
        system.owner = index
            .property(&e.properties, &OWNER_KEYS)
            .map(str::to_string);
    }
    if system.annual_cost.is_none() {
        system.annual_cost = index
            .property(&e.properties, &COST_KEYS)
            .and_then(parse_amount)
            .filter(|n| *n >= 0.0);
    }
    if system.lifecycle.is_none() {
        if let Some(value) = index.property(&e.properties, &LIFECYCLE_KEYS) {
            system.lifecycle = lifecycle(value);
            if system.lifecycle.is_none() {
                Applications::count(skipped, "lifecycle values not recognised (left out)");
            }
        }
    }
    if system.criticality.is_none() {
        system.criticality = criticality(index, e);
    }
}

/// The model's lifecycle word for a file's status text.
pub fn lifecycle(value: &str) -> Option<&'static str> {
    let folded = value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    LIFECYCLE_WORDS
        .iter()
        .find(|(_, words)| words.contains(&folded.as_str()))
        .map(|(word, _)| *word)
}

/// A rating as a level: `1`..`3` (GEMMA's BIV scale; `0` is low, above 3 high), or `low`,
/// `medium`, `high` (`laag`, `midden`, `hoog`; `faible`, `moyen`, `élevé`). A value such
/// as `2 : reason` is read by its leading number.
fn level(value: &str) -> Option<usize> {
    let value = value.trim().to_lowercase();
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    if let Ok(n) = digits.parse::<u32>() {
        return Some(match n {
            0 | 1 => 0,
            2 => 1,
            _ => 2,
        });
    }
    let word = value.split_whitespace().next().unwrap_or("");
    match word {
        "low" | "laag" | "faible" | "basse" | "bas" => Some(0),
        "medium" | "midden" | "gemiddeld" | "moyen" | "moyenne" => Some(1),
        "high" | "hoog" | "élevé" | "élevée" | "haute" | "critical" | "kritiek" | "critique" => {
            Some(2)
        }
        _ => None,
    }
}

/// `criticality` given as such, else the highest of the availability, integrity and
/// confidentiality ratings, with the ratings read (for the YAML comment).
fn criticality(index: &Index, e: &Element) -> Option<(&'static str, String)> {
    if let Some(level) = index
        .property(&e.properties, &CRITICALITY_KEYS)
        .and_then(level)
    {
        return Some((LEVELS[level], String::new()));
    }
    let mut highest: Option<usize> = None;
    let mut read = Vec::new();
    for (name, keys) in CIA_KEYS {
        let Some(value) = index.property(&e.properties, keys) else {
            continue;
        };
        if let Some(l) = level(value) {
            highest = highest.max(Some(l));
            read.push(format!("{name} {}", LEVELS[l]));
        }
    }
    highest.map(|l| (LEVELS[l], format!("the highest of {}", read.join(", "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_words_in_three_languages() {
        assert_eq!(lifecycle("Einde ondersteuning"), Some("end-of-support"));
        assert_eq!(lifecycle("In gebruik"), Some("active"));
        assert_eq!(lifecycle("in  Ontwikkeling"), Some("planned"));
        assert_eq!(lifecycle("Fin de support"), Some("end-of-support"));
        assert_eq!(lifecycle("Phasing out"), Some("phase-out"));
        assert_eq!(lifecycle("maybe"), None);
    }

    #[test]
    fn ratings_as_numbers_and_words() {
        assert_eq!(level("1"), Some(0));
        assert_eq!(level("2 : verlies van publiek respect"), Some(1));
        assert_eq!(level("3"), Some(2));
        assert_eq!(level("Hoog"), Some(2));
        assert_eq!(level("moyen"), Some(1));
        assert_eq!(level("n/a"), None);
    }
}
