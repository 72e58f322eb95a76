//! The shape of a field declaration: its kind, its number range, its default and doc line,
//! and the section it belongs to.

/// Which numbers a field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    /// `x >= 0`.
    NonNegative,
    /// `x > 0`.
    Positive,
    /// `0 <= x <= 1`.
    UnitInterval,
    /// `1 <= x <= 5`.
    Rating,
    /// `x >= 0`, relative to the other numbers of its map (strategy weights): any finite
    /// size, since only the ratios count and validation rescales them.
    Relative,
    /// A whole number of years from 1 to 30 (`defaults.horizon_years`).
    Years,
    /// `0 <= x < 1` (`defaults.discount_rate`).
    Rate,
}

/// The largest number a model may give (strategy weights aside): products of runs,
/// minutes, hourly costs and sums over a large model then stay far inside the finite range.
pub const MAX_NUMBER: f64 = 1e15;
/// The smallest number other than 0 a model may give (strategy weights aside): dividing
/// by it (priority = value / cost) stays finite.
pub const MIN_NUMBER: f64 = 1e-9;

impl Range {
    /// Whether `x` is in range.
    pub fn accepts(self, x: f64) -> bool {
        match self {
            Range::NonNegative | Range::Relative => x >= 0.0,
            Range::Positive => x > 0.0,
            Range::UnitInterval => (0.0..=1.0).contains(&x),
            Range::Rating => (1.0..=5.0).contains(&x),
            Range::Years => x.fract() == 0.0 && (1.0..=30.0).contains(&x),
            Range::Rate => (0.0..1.0).contains(&x),
        }
    }

    /// Whether `x` (in range) is small and large enough for products and quotients of
    /// the model's numbers to stay finite.
    pub fn within_limits(self, x: f64) -> bool {
        self == Range::Relative || x == 0.0 || (MIN_NUMBER..=MAX_NUMBER).contains(&x.abs())
    }

    /// "a number >= 0", as messages say it.
    pub fn describe(self) -> &'static str {
        match self {
            Range::NonNegative | Range::Relative => "a number >= 0",
            Range::Positive => "a number > 0",
            Range::UnitInterval => "a number from 0 to 1",
            Range::Rating => "a number from 1 to 5",
            Range::Years => "a whole number from 1 to 30",
            Range::Rate => "a number from 0 up to (not including) 1",
        }
    }
}

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Non-empty text.
    Text,
    /// An identifier.
    Identifier,
    /// A finite number in a range.
    Number(Range),
    /// One of a fixed set of words.
    OneOf(&'static [&'static str]),
    /// The id of an entry of another section (`"system"`, `"unit"`, ...).
    Reference(&'static str),
    /// A non-empty list of data object names (`"*"` allowed).
    DataObjects,
    /// One data object name, not `"*"`.
    DataObject,
    /// A map objective id -> number in a range.
    ObjectiveShares(Range),
    /// A map with the fields of the named section.
    Map(&'static str),
    /// A map id -> the named section.
    IdMap(&'static str),
    /// A list of the named section.
    List(&'static str),
    /// The integer 1.
    Version,
}

impl Kind {
    /// The type column of the docs.
    pub fn describe(self) -> String {
        match self {
            Kind::Text => "text".into(),
            Kind::Identifier => "identifier".into(),
            Kind::Number(range) => range.describe().trim_start_matches("a ").into(),
            Kind::OneOf(words) => {
                let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                format!("one of {}", quoted.join(", "))
            }
            Kind::Reference(what) => format!("{what} id"),
            Kind::DataObjects => "non-empty list of data objects; `\"*\"` = any".into(),
            Kind::DataObject => "data object, not `\"*\"`".into(),
            Kind::ObjectiveShares(range) => format!(
                "map objective id -> {}",
                range.describe().trim_start_matches("a ")
            ),
            Kind::Map(section) => format!("map ({section})"),
            Kind::IdMap(section) => format!("map id -> {section}"),
            Kind::List(section) => format!("list of {section}"),
            Kind::Version => "the integer 1".into(),
        }
    }
}

/// One field of a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Its name in the file.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether a map of this section must have it.
    pub required: bool,
    /// What it is when absent (empty when required).
    pub default: &'static str,
    /// What it means, in one line.
    pub doc: &'static str,
}

/// The fields a map of one section may have, in the order of the docs (the order in
/// which missing required fields are reported).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// Its name in the docs (`<!-- fields:NAME -->`).
    pub name: &'static str,
    /// Where such a map is, as a field path pattern.
    pub path: &'static str,
    /// Its fields.
    pub fields: &'static [Field],
}

impl Section {
    /// The declaration of field `name`, if this section has it.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The names of its fields, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + Clone {
        self.fields.iter().map(|f| f.name)
    }

    /// The section's table in Markdown, as `docs/model.md` has it.
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| field | type | default | meaning |\n|---|---|---|---|\n");
        for f in self.fields {
            let default = if f.required { "required" } else { f.default };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                f.name,
                f.kind.describe().replace('|', "\\|"),
                default,
                f.doc
            ));
        }
        out
    }
}

pub(super) const fn field(
    name: &'static str,
    kind: Kind,
    default: &'static str,
    doc: &'static str,
) -> Field {
    Field {
        name,
        kind,
        required: false,
        default,
        doc,
    }
}

pub(super) const fn required(name: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field {
        name,
        kind,
        required: true,
        default: "",
        doc,
    }
}
