//! A titled section of a decision document: a table, and notes after it (or in its place).
//! `diff` and `impact` are written as a title and such sections, in every human format.

/// A titled section: a table, and notes after it (or in its place).
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Its title.
    pub title: String,
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
            header: header.to_vec(),
            numeric: numeric.to_vec(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }
}
