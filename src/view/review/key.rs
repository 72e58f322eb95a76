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

/// What the maps of a document draw, gathered over all of them.
#[derive(Default)]
struct Drawn {
    units: bool,
    no_unit: bool,
    thicker: bool,
    systems: bool,
    manual: bool,
    steps: bool,
    looks: Vec<Look>,
    unit_looks: Vec<Look>,
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
            drawn.units = true;
            drawn.no_unit |= units.nodes.iter().any(|n| n.unit.is_none());
            drawn.thicker |= units.edges.iter().any(|e| e.tally.annual_hours > 0.0);
            drawn.unit_looks.extend(unit_looks(&units));
        } else {
            let shown = scene(report, &map.view);
            drawn.systems = true;
            drawn.manual |= shown.has_manual(report.model);
            drawn.steps |=
                !shown.steps.is_empty() || shown.missing.iter().any(|m| !m.steps.is_empty());
            drawn.looks.extend(shown.looks(report));
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
    if drawn.units {
        boxed(
            palette::SYSTEM_FILL,
            palette::SYSTEM_LINE,
            "unit",
            "a blue box on the unit overview",
            "a business unit: its systems and the gaps between them",
        );
    }
    if drawn.no_unit {
        boxed(
            palette::EXTERNAL_FILL,
            palette::EXTERNAL_LINE,
            "no unit",
            "a grey box on the unit overview",
            "the systems that belong to no unit",
        );
    }
    if drawn.systems {
        boxed(
            palette::SYSTEM_FILL,
            palette::SYSTEM_LINE,
            "system",
            "a blue box on the other maps",
            "a system; a grey frame around systems is the business unit that owns them",
        );
    }
    if drawn.manual {
        boxed(
            palette::MANUAL_FILL,
            palette::MANUAL_LINE,
            "spreadsheet",
            "a yellow note",
            "a manual kind: spreadsheet, e-mail, paper, person",
        );
    }
    for look in Look::ALL {
        let systems = drawn.looks.contains(&look);
        let units = drawn.unit_looks.contains(&look);
        let meaning = match (systems, units) {
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
    if drawn.thicker {
        word("thicker", "between units: more gap hours a year");
    }
    if drawn.steps {
        word("step N", "the workflow's handoff number");
    }
    entries
}
