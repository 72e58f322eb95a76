//! The one key to every map of a review document: the boxes and lines its maps draw, said
//! once for the page instead of a legend in each picture (the maps are drawn without one,
//! [`crate::view::scene::Frame::InPage`]).

use super::{Block, Map};
use crate::view::palette::{self, Look};
use crate::view::scene::{scene, Level};
use crate::view::units::{looks as unit_looks, unit_meaning, unit_scene};
use crate::view::Report;

/// What an entry of the key shows beside its meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sample {
    /// A line drawn as this look.
    Line(Look),
    /// A box with this fill and border, with a word in it.
    Box {
        /// Fill colour.
        fill: &'static str,
        /// Border colour.
        border: &'static str,
        /// The word in the box.
        word: &'static str,
    },
    /// A word in bold ("thicker", "step N").
    Word(&'static str),
}

/// One entry of the key.
pub struct KeyEntry {
    /// What it looks like.
    pub sample: Sample,
    /// The sample in words, for formats without pictures.
    pub in_words: String,
    /// What it means.
    pub meaning: String,
}

/// What the unit overview draws.
#[derive(Default)]
struct UnitsDrawn {
    no_unit: bool,
    thicker: bool,
    looks: Vec<Look>,
}

/// What the system-level maps draw, gathered over all of them.
#[derive(Default)]
struct SystemsDrawn {
    manual: bool,
    steps: bool,
    looks: Vec<Look>,
}

/// What the maps of a document draw.
#[derive(Default)]
struct Drawn {
    units: Option<UnitsDrawn>,
    systems: Option<SystemsDrawn>,
}

/// The key to the `maps` of a document (`None` when it has no map).
pub(super) fn key(report: &Report, maps: &[&Map]) -> Option<Block> {
    if maps.is_empty() {
        return None;
    }
    let mut drawn = Drawn::default();
    for map in maps {
        if map.view.level == Level::Unit {
            let units = unit_scene(report, map.view.top);
            let seen = drawn.units.get_or_insert_with(UnitsDrawn::default);
            seen.no_unit |= units.nodes.iter().any(|n| n.unit.is_none());
            seen.thicker |= units.edges.iter().any(|e| e.tally.annual_hours > 0.0);
            seen.looks.extend(unit_looks(&units));
        } else {
            let shown = scene(report, &map.view);
            let seen = drawn.systems.get_or_insert_with(SystemsDrawn::default);
            seen.manual |= shown.has_manual(report.model);
            seen.steps |=
                !shown.steps.is_empty() || shown.missing.iter().any(|m| !m.steps.is_empty());
            seen.looks.extend(shown.looks(report));
        }
    }
    Some(Block::Key(entries(&drawn)))
}

fn entries(drawn: &Drawn) -> Vec<KeyEntry> {
    let mut entries = Vec::new();
    let mut boxed = |fill, border, word, in_words: &str, meaning: &str| {
        entries.push(KeyEntry {
            sample: Sample::Box { fill, border, word },
            in_words: in_words.to_string(),
            meaning: meaning.to_string(),
        });
    };
    let units = drawn.units.as_ref();
    let systems = drawn.systems.as_ref();
    if units.is_some() {
        boxed(
            palette::SYSTEM_FILL,
            palette::SYSTEM_LINE,
            "unit",
            "a blue box on the unit overview",
            "a business unit: its systems and the gaps between them",
        );
    }
    if units.is_some_and(|u| u.no_unit) {
        boxed(
            palette::EXTERNAL_FILL,
            palette::EXTERNAL_LINE,
            "no unit",
            "a grey box on the unit overview",
            "the systems that belong to no unit",
        );
    }
    if systems.is_some() {
        boxed(
            palette::SYSTEM_FILL,
            palette::SYSTEM_LINE,
            "system",
            "a blue box on the other maps",
            "a system; a grey frame around systems is the business unit that owns them",
        );
    }
    if systems.is_some_and(|s| s.manual) {
        boxed(
            palette::MANUAL_FILL,
            palette::MANUAL_LINE,
            "spreadsheet",
            "a yellow note",
            "a manual kind: spreadsheet, e-mail, paper, person",
        );
    }
    for look in Look::ALL {
        let in_systems = systems.is_some_and(|s| s.looks.contains(&look));
        let in_units = units.is_some_and(|u| u.looks.contains(&look));
        let meaning = match (in_systems, in_units) {
            (false, false) => continue,
            (true, false) => look.meaning().to_string(),
            (false, true) => format!("between units: {}", unit_meaning(look)),
            (true, true) if unit_meaning(look) == look.meaning() => look.meaning().to_string(),
            (true, true) => format!("{}; between units: {}", look.meaning(), unit_meaning(look)),
        };
        entries.push(KeyEntry {
            sample: Sample::Line(look),
            in_words: look.in_words().to_string(),
            meaning,
        });
    }
    let mut word = |word: &'static str, meaning: &str| {
        entries.push(KeyEntry {
            sample: Sample::Word(word),
            in_words: format!("\"{word}\""),
            meaning: meaning.to_string(),
        });
    };
    if units.is_some_and(|u| u.thicker) {
        word("thicker", "between units: more gap hours a year");
    }
    if systems.is_some_and(|s| s.steps) {
        word("step N", "the workflow's handoff number");
    }
    entries
}
