//! A titled section of a document: sentences, a table, and notes after it (or in its place).
//! `diff`, `impact` and the benefits review are written as a title and such sections, in
//! every human format.

/// A titled section: sentences, a table, and notes after it (or in its place).
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Its title.
    pub title: String,
    /// Sentences before the table.
    pub lead: Vec<String>,
    /// Column names (empty: notes only).
    pub header: Vec<&'static str>,
    /// Right-aligned columns.
    pub numeric: Vec<usize>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
    /// Lines after the table.
    pub notes: Vec<String>,
}

impl Section {
    /// An empty table titled `title` with these columns.
    pub fn table(title: String, header: &[&'static str], numeric: &[usize]) -> Section {
        Section {
            title,
            lead: Vec::new(),
            header: header.to_vec(),
            numeric: numeric.to_vec(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A section of sentences only (a table may be added later).
    pub fn lines(title: &str, lead: Vec<String>) -> Section {
        Section {
            lead,
            ..Section::table(title.to_owned(), &[], &[])
        }
    }

    /// Whether the section has a table to show (columns and at least one row).
    pub fn has_table(&self) -> bool {
        !self.header.is_empty() && !self.rows.is_empty()
    }

    /// Whether the section says nothing at all (no sentences, no rows, no notes).
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && !self.has_table() && self.notes.is_empty()
    }
}
