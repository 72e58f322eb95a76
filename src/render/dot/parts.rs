//! The pieces both levels of the Graphviz diagram are made of: attributes, edges whose
//! label is a node of its own, boxes as wide as their text, and the legend.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};

use crate::text::{dot_label, dot_quoted, label_lines, neutralise};
use crate::view::palette::{self, Look};

/// The widest a character of a diagram's text is taken to be, as a share of the font
/// size: Helvetica's (and Liberation Sans') digits are 0.556 of it and its average letter
/// less, so a line of `n` characters at `s` points fits in `n x 0.6 x s` points. Every
/// box is made at least that wide (`width_for`), so no text runs out of its box onto
/// another one whatever the font `dot` measures with; tests/it/text_boxes.rs checks the
/// drawings with the same estimate.
pub const CHAR_WIDTH: f64 = 0.6;

/// Points in an inch, Graphviz's unit for `width` and `margin`.
const POINTS_PER_INCH: f64 = 72.0;

fn id(s: &str) -> Id {
    Id::Plain(s.to_string())
}

/// A quoted DOT string.
pub fn text(s: &str) -> Id {
    Id::Escaped(dot_quoted(s))
}

/// A quoted DOT label, cut as [`crate::text::label_lines`] says.
pub fn label_text(s: &str) -> Id {
    Id::Escaped(dot_label(s))
}

/// `key=value`.
pub fn attr(key: &str, value: Id) -> Attribute {
    Attribute(id(key), value)
}

/// A plain (unquoted) DOT id or number.
pub fn plain(s: &str) -> Id {
    id(s)
}

/// The characters of the longest line of a label as `dot` will show it (cut, and with
/// bidi controls shown).
pub fn longest_line<S: AsRef<str>>(lines: &[S]) -> usize {
    label_lines(lines)
        .iter()
        .map(|l| neutralise(l).chars().count())
        .max()
        .unwrap_or(0)
}

/// Graphviz's own least width of a box, in inches.
pub const LEAST_BOX_WIDTH: f64 = 0.75;

/// `width=...`: the least width (inches, never below `least`) of a box whose longest line
/// has `chars` characters at `font_size` points, with `margin` inches each side, so the
/// text stays in it by the [`CHAR_WIDTH`] estimate.
pub fn width_for(chars: usize, font_size: f64, margin: f64, least: f64) -> Attribute {
    let inches =
        (chars as f64 * CHAR_WIDTH * font_size / POINTS_PER_INCH + 2.0 * margin).max(least);
    attr("width", text(&format!("{inches:.2}")))
}

/// An edge between two generated node ids.
pub fn edge(from: NodeId, to: NodeId, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(from), Vertex::N(to)),
        attributes,
    })
}

/// The size of an edge label's text, in points.
const EDGE_FONT_SIZE: f64 = 13.0;
/// The room around an edge label's text, in inches (across, along).
const EDGE_LABEL_MARGIN: (f64, f64) = (0.06, 0.03);

/// An edge of `look` from `from` to `to`, with its label (one line each) and hover text.
/// A labelled edge is drawn as two halves through a node that holds the label (`label_K`,
/// returned apart, for the caller to put inside the unit box both ends share, or at the top
/// level): `dot` keeps nodes apart, but places edge labels by rules that let them print
/// over each other and over boxes, and edge labels between unit boxes are what sends
/// Graphviz 2.43 into "trouble in init_rank". The first half has no arrowhead. `width`
/// overrides the look's line width (the unit level's thicker edges).
pub struct LabelledEdge {
    /// The label's node, if the edge has a label.
    pub label: Option<Stmt>,
    /// The edge, or its two halves.
    pub edges: Vec<Stmt>,
}

/// Builds a [`LabelledEdge`]; `key` numbers the label nodes of one graph.
pub fn labelled_edge(
    key: usize,
    (from, to): (NodeId, NodeId),
    look: Look,
    lines: &[String],
    tooltip: &str,
    width: Option<String>,
) -> LabelledEdge {
    let line = |arrowhead: &str| {
        vec![
            attr("style", text(look.dot_style())),
            attr("color", text(&look.dot_colour())),
            attr("arrowhead", id(arrowhead)),
            attr(
                "penwidth",
                text(width.as_deref().unwrap_or(look.dot_width())),
            ),
            attr("tooltip", text(tooltip)),
        ]
    };
    if lines.is_empty() {
        return LabelledEdge {
            label: None,
            edges: vec![edge(from, to, line(look.dot_arrowhead()))],
        };
    }
    let middle = NodeId(id(&format!("label_{key}")), None);
    let (across, along) = EDGE_LABEL_MARGIN;
    let label = Stmt::Node(Node {
        id: middle.clone(),
        attributes: vec![
            attr("label", label_text(&lines.join("\n"))),
            attr("shape", id("plaintext")),
            attr("fontsize", id("13")),
            attr("fontcolor", text(look.text_colour())),
            attr("margin", text(&format!("{across},{along}"))),
            width_for(longest_line(lines), EDGE_FONT_SIZE, across, 0.0),
            attr("height", text("0")),
            attr("tooltip", text(tooltip)),
        ],
    });
    LabelledEdge {
        label: Some(label),
        edges: vec![
            edge(from, middle.clone(), line("none")),
            edge(middle, to, line(look.dot_arrowhead())),
        ],
    }
}

/// The size of the legend's text, in points.
const LEGEND_FONT_SIZE: f64 = 13.0;
/// The size of the legend's line samples, in points.
const SAMPLE_FONT_SIZE: f64 = 18.0;
/// Room the legend leaves around a cell's text, in points.
const LEGEND_PADDING: f64 = 3.0;

/// A `<TD>` at least as wide as `chars` characters at `size` points.
fn cell(chars: usize, size: f64, content: &str) -> String {
    let width = (chars as f64 * CHAR_WIDTH * size + 2.0 * LEGEND_PADDING).ceil();
    format!("<TD ALIGN=\"LEFT\" WIDTH=\"{width}\">{content}</TD>")
}

/// A legend row: a sample, then what it means. Samples and meanings are our own words,
/// so the HTML-like label needs no escaping; `sample_chars` is how many characters the
/// sample shows, at `sample_size` points.
fn row(sample: &str, sample_chars: usize, sample_size: f64, meaning: &str) -> String {
    format!(
        "<TR>{}{}</TR>",
        cell(sample_chars, sample_size, sample),
        cell(meaning.chars().count(), LEGEND_FONT_SIZE, meaning)
    )
}

/// A legend row whose sample is a word in bold ("thicker", "step N").
pub fn legend_row(word: &str, meaning: &str) -> String {
    row(
        &format!("<B>{word}</B>"),
        word.chars().count(),
        LEGEND_FONT_SIZE,
        meaning,
    )
}

/// The legend row of an edge look.
pub fn look_row(look: Look) -> String {
    look_row_saying(look, look.meaning())
}

/// The legend row of an edge look, with its meaning in this diagram's words.
pub fn look_row_saying(look: Look, meaning: &str) -> String {
    let glyphs = look.glyphs();
    row(
        &format!(
            "<FONT COLOR=\"{}\" POINT-SIZE=\"18\"><B>{glyphs}</B></FONT>",
            look.colour()
        ),
        glyphs.chars().count(),
        SAMPLE_FONT_SIZE,
        meaning,
    )
}

/// The legend row of a node style.
pub fn node_row(fill: &str, border: &str, label: &str, meaning: &str) -> String {
    let chars = label.chars().count();
    let width = (chars as f64 * CHAR_WIDTH * LEGEND_FONT_SIZE).ceil();
    let inner = format!("<TD WIDTH=\"{width}\">{label}</TD>");
    row(
        &format!(
            "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLPADDING=\"3\" COLOR=\"{border}\" \
             BGCOLOR=\"{fill}\"><TR>{inner}</TR></TABLE>"
        ),
        // The box's border and padding around its text.
        chars + 2,
        LEGEND_FONT_SIZE,
        meaning,
    )
}

/// A small cluster explaining each visual the diagram uses, one row each: one
/// table-shaped node, so the key stays compact instead of spreading sample edges over the
/// layout.
pub fn legend(rows: &[String]) -> Stmt {
    let label = format!(
        "<<TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"{LEGEND_PADDING}\">{}</TABLE>>",
        rows.concat()
    );
    Stmt::Subgraph(Subgraph {
        id: id("cluster_legend"),
        stmts: vec![
            Stmt::Attribute(attr("label", text("Legend"))),
            Stmt::Attribute(attr("fontsize", id("14"))),
            Stmt::Attribute(attr("style", text("rounded"))),
            Stmt::Attribute(attr("color", text(palette::UNIT_LINE))),
            Stmt::Node(Node {
                id: NodeId(id("legend"), None),
                attributes: vec![
                    attr("label", Id::Html(label)),
                    attr("shape", id("plaintext")),
                    attr("fontsize", id("13")),
                ],
            }),
        ],
    })
}
