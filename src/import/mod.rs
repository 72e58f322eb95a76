//! Importers: models written from what architects already keep. Each builds a
//! [`draft::Draft`] and writes it as commented YAML (or JSON); every value the source does not
//! give is a default marked `# assumed: ...`. The mapping is in docs/import-archimate.md.
//!
//! ```
//! let xml = r#"<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"
//!     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">
//!   <name xml:lang="en">Shop</name>
//!   <elements>
//!     <element identifier="a" xsi:type="ApplicationComponent"><name xml:lang="en">Web shop</name></element>
//!     <element identifier="b" xsi:type="ApplicationComponent"><name xml:lang="en">ERP</name></element>
//!   </elements>
//!   <relationships>
//!     <relationship identifier="f" source="a" target="b" xsi:type="Flow"><name xml:lang="en">order</name></relationship>
//!   </relationships>
//! </model>"#;
//! let options = gapgraph::import::ArchimateOptions::default();
//! let imported = gapgraph::import::archimate(xml, &options).unwrap();
//! assert_eq!(imported.summary.systems, 2);
//! assert!(imported.text.contains("carries: [\"order\"]"));
//! gapgraph::load_str(&imported.text, "model.yaml").unwrap();
//! ```

pub mod calm;
pub mod draft;
mod mapping;
mod oef;
mod properties;
pub(crate) mod slug;
mod workflows;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use draft::{Assumable, Draft, Weights};
use mapping::{Applications, Index};

/// The starter model `gapgraph init` writes: commented, valid, with a gap of each status.
pub const STARTER_MODEL: &str = include_str!("starter.yaml");

/// How to import an ArchiMate file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchimateOptions {
    /// The language of names (`xml:lang`, `nl` matches `nl-NL`); default the file's first.
    pub lang: Option<String>,
    /// Write JSON instead of YAML (JSON has no comments: assumptions go to the summary).
    pub json: bool,
}

/// An imported model.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The model file: YAML with `# assumed: ...` comments, or JSON.
    pub text: String,
    /// What was imported, merged, skipped and assumed.
    pub summary: ImportSummary,
}

/// Counts of an import, for the user (its `Display` is a few lines for stderr).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportSummary {
    /// The source format, e.g. `ArchiMate OEF 3.x`.
    pub format: String,
    /// The language names were taken in, when the file tags them.
    pub lang: Option<String>,
    /// Systems from application components (after merging).
    pub systems: usize,
    /// `person` systems for steps no application serves.
    pub people: usize,
    /// Integrations.
    pub integrations: usize,
    /// Workflows.
    pub workflows: usize,
    /// Handoffs over all workflows.
    pub handoffs: usize,
    /// Objectives.
    pub objectives: usize,
    /// What was merged into something else, by reason.
    pub merged: BTreeMap<String, usize>,
    /// What was left out, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// How many values are assumed defaults.
    pub assumed: usize,
    /// Each assumption as `where: why`; filled for JSON output, which cannot carry comments.
    pub assumptions: Vec<String>,
    /// Anything else the user should know (a language the file does not have, ...).
    pub notes: Vec<String>,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "imported from {}", self.format)?;
        if let Some(lang) = &self.lang {
            write!(f, " (names in `{lang}`)")?;
        }
        writeln!(
            f,
            ": {} systems ({} applications, {} {}), {} integrations, {} workflows ({} handoffs), {} objectives",
            self.systems + self.people,
            self.systems,
            self.people,
            if self.people == 1 { "person" } else { "people" },
            self.integrations,
            self.workflows,
            self.handoffs,
            self.objectives
        )?;
        for (label, map) in [("merged", &self.merged), ("skipped", &self.skipped)] {
            if !map.is_empty() {
                let total: usize = map.values().sum();
                let parts: Vec<String> = map.iter().map(|(k, n)| format!("{n} {k}")).collect();
                writeln!(f, "{label} {total}: {}", parts.join("; "))?;
            }
        }
        write!(f, "assumed {} values", self.assumed)?;
        if self.assumptions.is_empty() {
            writeln!(f, " (marked `# assumed:` in the file)")?;
        } else {
            writeln!(f, ":")?;
            const SHOWN: usize = 10;
            for a in self.assumptions.iter().take(SHOWN) {
                writeln!(f, "  {a}")?;
            }
            if self.assumptions.len() > SHOWN {
                writeln!(f, "  ... and {} more", self.assumptions.len() - SHOWN)?;
            }
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    /// Not well-formed XML (or a DTD, which is refused).
    #[error("not well-formed XML at line {line}, column {column}: {message}")]
    Xml {
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// The parser's message.
        message: String,
    },
    /// A `<model>` in a namespace that is not an OEF one.
    #[error(
        "unknown namespace `{namespace}` on <model>: expected ArchiMate OEF 3.x ({}) or 2.1 ({})",
        oef::NS_3,
        oef::NS_2
    )]
    UnknownNamespace {
        /// The namespace found (empty when none).
        namespace: String,
    },
    /// Some other XML document.
    #[error("not an ArchiMate exchange file: the root element is <{root}>, not <model>")]
    NotOef {
        /// The root element's local name.
        root: String,
    },
}

/// The defaults written to every imported model, each marked assumed.
pub(crate) const DEFAULTS: [(&str, f64, &str); 5] = [
    (
        "hourly_cost",
        50.0,
        "loaded cost of one staff hour; set yours",
    ),
    ("manual_minutes", 10.0, "minutes of a manual hop"),
    ("semi_minutes", 3.0, "minutes of a semi-automated hop"),
    (
        "missing_minutes",
        15.0,
        "minutes to work around a missing link",
    ),
    (
        "integration_cost",
        10000.0,
        "cost of building one integration",
    ),
];

/// Imports an ArchiMate Model Exchange File (OEF 2.1, 3.0 or 3.1) as a gapgraph model.
pub fn archimate(xml: &str, options: &ArchimateOptions) -> Result<Imported, ImportError> {
    let mut oef = oef::parse(xml)?;
    let mut notes = Vec::new();
    let mut screened = BTreeMap::new();
    screen(&mut oef, &mut notes, &mut screened);
    let lang = names_lang(&oef, options.lang.as_deref(), &mut notes);
    let index = Index::new(&oef, lang);
    let mut apps = Applications {
        skipped: screened,
        ..Applications::default()
    };
    mapping::systems(&index, &mut apps);
    let application_systems = apps.systems.len();
    mapping::integrations(&index, &mut apps);
    let processes = workflows::workflows(&index, &mut apps);

    let format = match oef.edition {
        oef::Edition::V2 => "ArchiMate OEF 2.1",
        oef::Edition::V3 => "ArchiMate OEF 3.x",
    };
    let mut draft = Draft {
        header: vec![
            format!("Imported by gapgraph from an {format} file."),
            "Values marked `# assumed:` are defaults the file does not give: check them."
                .to_string(),
        ],
        name: index.name(&oef.name).map(str::to_string),
        defaults: DEFAULTS
            .iter()
            .map(|(k, v, why)| (*k, Assumable::assumed(*v, *why)))
            .collect(),
        ..Draft::default()
    };
    if !processes.objectives.is_empty() {
        draft.strategies.push(equal_weights(&processes.objectives));
    }
    draft.objectives = processes.objectives;
    draft.systems = apps.systems;
    draft.integrations = apps.integrations;
    draft.workflows = processes.workflows;

    let assumptions = draft.assumptions();
    let summary = ImportSummary {
        format: format.to_string(),
        lang: lang.map(str::to_string),
        systems: application_systems + apps.platforms,
        people: draft.systems.len() - application_systems - apps.platforms,
        integrations: draft.integrations.len(),
        workflows: draft.workflows.len(),
        handoffs: draft.workflows.iter().map(|w| w.handoffs.len()).sum(),
        objectives: draft.objectives.len(),
        merged: apps.merged,
        skipped: apps.skipped,
        assumed: assumptions.len(),
        assumptions: if options.json {
            assumptions
        } else {
            Vec::new()
        },
        notes,
    };
    let text = if options.json {
        draft.to_json()
    } else {
        draft.to_yaml()
    };
    Ok(Imported { text, summary })
}

/// The language names are read in: the one asked for (with a note when the file has no
/// name in it), else the file's first.
fn names_lang<'a>(
    oef: &'a oef::Oef,
    wanted: Option<&'a str>,
    notes: &mut Vec<String>,
) -> Option<&'a str> {
    match wanted {
        Some(wanted) if !file_has_lang(oef, wanted) => {
            notes.push(format!(
                "the file has no names in `{wanted}`; each name is taken in its first language"
            ));
            Some(wanted)
        }
        Some(wanted) => Some(wanted),
        None => oef.first_lang.as_deref(),
    }
}

/// One strategy weighing every linked objective alike, assumed: the file gives no weights.
fn equal_weights(objectives: &[(String, String)]) -> (String, String, Weights) {
    let weights = objectives.iter().map(|(id, _)| (id.clone(), 1.0)).collect();
    (
        "imported-objectives".to_string(),
        "Every linked objective".to_string(),
        Assumable::assumed(weights, "equal weights; set what matters most"),
    )
}

/// How many located notes one kind of problem gets; the rest are counted.
const LOCATED_NOTES: usize = 5;

/// Drops what the mapping cannot use honestly, saying where: a second element or
/// relationship with an id already used (the first is kept, as every lookup would find
/// it) and a relationship whose source or target is not in the file. Each is counted in
/// `skipped` and the first few are located in `notes`.
fn screen(oef: &mut oef::Oef, notes: &mut Vec<String>, skipped: &mut BTreeMap<String, usize>) {
    let mut note = |kind: &str, n: usize, text: String| {
        if n < LOCATED_NOTES {
            notes.push(text);
        } else if n == LOCATED_NOTES {
            notes.push(format!("... more {kind}: see the skipped count"));
        }
    };
    let mut first_element: HashMap<String, u32> = HashMap::new();
    let mut duplicates = 0;
    oef.elements.retain(|e| match first_element.get(&e.id) {
        Some(first) => {
            note("duplicate element ids", duplicates, format!(
                "line {}: element `{}` has the id of the element on line {first}; the first is kept",
                e.line, e.id
            ));
            duplicates += 1;
            false
        }
        None => {
            first_element.insert(e.id.clone(), e.line);
            true
        }
    });
    if duplicates > 0 {
        skipped.insert("elements with an id already used".into(), duplicates);
    }
    let mut first_relationship: HashMap<String, u32> = HashMap::new();
    let mut duplicates = 0;
    oef.relationships.retain(|r| match first_relationship.get(&r.id) {
        Some(first) => {
            note("duplicate relationship ids", duplicates, format!(
                "line {}: relationship `{}` has the id of the relationship on line {first}; the first is kept",
                r.line, r.id
            ));
            duplicates += 1;
            false
        }
        None => {
            first_relationship.insert(r.id.clone(), r.line);
            true
        }
    });
    if duplicates > 0 {
        skipped.insert("relationships with an id already used".into(), duplicates);
    }
    let exists = |id: &str| first_element.contains_key(id) || first_relationship.contains_key(id);
    let mut dangling = 0;
    oef.relationships.retain(|r| {
        let missing = [&r.source, &r.target].into_iter().find(|end| !exists(end));
        let Some(missing) = missing else {
            return true;
        };
        note("relationships to a missing element", dangling, format!(
            "line {}: {} relationship `{}` refers to `{missing}`, which is not in the file; it is skipped",
            r.line, r.kind, r.id
        ));
        dangling += 1;
        false
    });
    if dangling > 0 {
        skipped.insert(
            "relationships to an element not in the file".into(),
            dangling,
        );
    }
}

fn file_has_lang(oef: &oef::Oef, wanted: &str) -> bool {
    let tagged = |t: &oef::LangText| {
        t.0.iter()
            .any(|(l, _)| l.as_deref().is_some_and(|l| oef::same_lang(l, wanted)))
    };
    tagged(&oef.name)
        || oef.elements.iter().any(|e| tagged(&e.name))
        || oef.relationships.iter().any(|r| tagged(&r.name))
}
