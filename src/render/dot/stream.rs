//! Where a diagram's DOT statements go as they are made: printed one by one by
//! graphviz-rust's printer straight to a writer ([`DotWriter`]), so a map of the whole
//! estate (440 MB of DOT at E3) is never held as one `Graph` and one `String`; or gathered
//! into a graphviz-rust [`Graph`] ([`GraphSink`]) for a caller that wants the structure.
//! Both give the bytes `graphviz_rust::print` gives for the whole graph.

use std::io::{self, Write};

use graphviz_rust::dot_structures::{Graph, Id, Stmt, Subgraph};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// What a graph is made of, in printing order: statements, and subgraphs (unit boxes)
/// opened, filled with statements and closed. Subgraphs do not nest.
pub trait Sink {
    /// A statement of the graph, or of the subgraph open.
    fn stmt(&mut self, stmt: Stmt) -> io::Result<()>;
    /// A subgraph begins; its statements follow until [`Sink::close`].
    fn open(&mut self, id: Id) -> io::Result<()>;
    /// The subgraph open ends.
    fn close(&mut self) -> io::Result<()>;
}

/// Gathers the statements into a `digraph`.
#[derive(Default)]
pub struct GraphSink {
    stmts: Vec<Stmt>,
    open: Option<(Id, Vec<Stmt>)>,
}

impl GraphSink {
    /// The `digraph` named `id` of the statements given.
    pub fn into_graph(self, id: Id) -> Graph {
        debug_assert!(self.open.is_none(), "a subgraph was left open");
        Graph::DiGraph {
            id,
            strict: false,
            stmts: self.stmts,
        }
    }
}

impl Sink for GraphSink {
    fn stmt(&mut self, stmt: Stmt) -> io::Result<()> {
        match &mut self.open {
            Some((_, stmts)) => stmts.push(stmt),
            None => self.stmts.push(stmt),
        }
        Ok(())
    }

    fn open(&mut self, id: Id) -> io::Result<()> {
        assert!(self.open.is_none(), "subgraphs do not nest");
        self.open = Some((id, Vec::new()));
        Ok(())
    }

    fn close(&mut self) -> io::Result<()> {
        if let Some((id, stmts)) = self.open.take() {
            self.stmts.push(Stmt::Subgraph(Subgraph { id, stmts }));
        }
        Ok(())
    }
}

/// What graphviz-rust's default printer puts between two statements (and after a `{`,
/// and before a `}`).
const LINE: &str = "\n";

/// Prints a `digraph`'s statements as they come, each with graphviz-rust's printer in a
/// [`PrinterContext`] brought to the statement's depth by printing an empty graph in it
/// (the printer's indentation is its own), and the frames (`digraph id {`, `subgraph id {`,
/// their `}`) as the printer prints them around an empty body. Nothing is written before
/// the first statement or [`DotWriter::finish`], so a caller may still fail cleanly.
pub struct DotWriter<'w> {
    out: &'w mut dyn Write,
    /// Printing as inside the graph, and as inside a subgraph of it.
    depth: [PrinterContext; 2],
    /// The graph's opening, until it is written.
    opening: Option<String>,
    /// The graph's closing.
    closing: String,
    /// The closing text of the subgraph open.
    open: Option<String>,
    /// Whether nothing is written yet in the graph or subgraph open.
    first: bool,
}

/// `text`, the printing of an empty graph or subgraph, cut into its opening (up to and
/// including the line break after `{`) and its closing (the line break, indentation, `}`).
fn cut(text: &str) -> (String, String) {
    let at = text
        .rfind(&format!("{LINE}{LINE}"))
        .expect("an empty graph prints as two lines around an empty body")
        + LINE.len();
    (text[..at].to_string(), text[at..].to_string())
}

impl<'w> DotWriter<'w> {
    /// A writer of the `digraph` named `id` to `out`.
    pub fn new(out: &'w mut dyn Write, id: &Id) -> DotWriter<'w> {
        let empty = Graph::DiGraph {
            id: id.clone(),
            strict: false,
            stmts: Vec::new(),
        };
        // Printing a graph leaves the context one level in, as for the graph's statements.
        let mut top = PrinterContext::default();
        let (opening, closing) = cut(&empty.print(&mut top));
        let mut inner = PrinterContext::default();
        empty.print(&mut inner);
        empty.print(&mut inner);
        DotWriter {
            out,
            depth: [top, inner],
            opening: Some(opening),
            closing,
            open: None,
            first: true,
        }
    }

    /// Writes the graph's opening if not yet written, then the line break before a new
    /// statement unless it is the first of its graph or subgraph.
    fn next(&mut self) -> io::Result<()> {
        if let Some(opening) = self.opening.take() {
            self.out.write_all(opening.as_bytes())?;
        }
        if !std::mem::replace(&mut self.first, false) {
            self.out.write_all(LINE.as_bytes())?;
        }
        Ok(())
    }

    /// Writes the graph's closing (and its opening, if it has no statement).
    pub fn finish(mut self) -> io::Result<()> {
        debug_assert!(self.open.is_none(), "a subgraph was left open");
        if let Some(opening) = self.opening.take() {
            self.out.write_all(opening.as_bytes())?;
        }
        self.out.write_all(self.closing.as_bytes())
    }
}

impl Sink for DotWriter<'_> {
    fn stmt(&mut self, stmt: Stmt) -> io::Result<()> {
        self.next()?;
        let depth = usize::from(self.open.is_some());
        self.out
            .write_all(stmt.print(&mut self.depth[depth]).as_bytes())
    }

    fn open(&mut self, id: Id) -> io::Result<()> {
        assert!(self.open.is_none(), "subgraphs do not nest");
        self.next()?;
        let empty = Stmt::Subgraph(Subgraph {
            id,
            stmts: Vec::new(),
        });
        let (opening, closing) = cut(&empty.print(&mut self.depth[0]));
        self.out.write_all(opening.as_bytes())?;
        self.open = Some(closing);
        self.first = true;
        Ok(())
    }

    fn close(&mut self) -> io::Result<()> {
        if let Some(closing) = self.open.take() {
            self.out.write_all(closing.as_bytes())?;
            self.first = false;
        }
        Ok(())
    }
}
