//! The explorer page: one self-contained HTML file (`gapgraph explore`). The view's data
//! goes in a `<script type="application/json">` block (every `<`, `>`, `&`, line and
//! paragraph separator and bidi control written as a `\u` escape, so no model text can
//! close the block or be read as markup), with inline CSS and one inline script of ours
//! (`app.js`), which builds the page with `textContent` and SVG elements, never from model
//! text as markup. A Content-Security-Policy allows that script by its hash, inline styles
//! and nothing else: no request can leave the page. The maps are laid out here, before the
//! browser sees them: by Graphviz when `dot` is on PATH, else (or where it fails) by
//! gapgraph's own layered layout.

mod arrange;
mod graphviz;
mod layout;

use std::io::Write;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Render, RenderError};
use crate::text::{html, json_escapes};
use crate::view::explorer::Graph;
use crate::view::Explorer;
pub use layout::{layered, EdgeShape, Layout, Spec};

/// The page's script.
const SCRIPT: &str = include_str!("app.js");
/// The page's style sheet.
const STYLE: &str = include_str!("style.css");

/// Who lays out the maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LayoutEngine {
    /// Graphviz when `dot` is on PATH, else gapgraph's own layout.
    #[default]
    Auto,
    /// Graphviz; an error when `dot` is missing.
    Graphviz,
    /// gapgraph's own layered layout (no external program).
    Builtin,
}

/// `gapgraph explore`: the explorer page.
pub struct ExplorerHtml {
    /// Who lays out the maps.
    pub layout: LayoutEngine,
}

/// The maps laid out, with who laid them out, as the page's data reads them.
#[derive(Serialize)]
struct Maps {
    /// `graphviz`, `builtin`, or `mixed` when some maps fell back.
    engine: &'static str,
    /// One per graph of the view.
    maps: Vec<Layout>,
}

/// The page's data: the view and its maps' layouts.
#[derive(Serialize)]
struct PageData<'a> {
    view: &'a Explorer,
    layout: &'a Maps,
}

impl Render<Explorer> for ExplorerHtml {
    fn render(&self, document: &Explorer, out: &mut dyn Write) -> Result<(), RenderError> {
        self.render_noting(document, out, &mut Vec::new())
    }

    fn render_noting(
        &self,
        document: &Explorer,
        out: &mut dyn Write,
        notes: &mut Vec<String>,
    ) -> Result<(), RenderError> {
        let maps = lay_out(&document.graphs, self.layout, notes)?;
        write_page(document, &maps, out)
    }
}

/// What a graph asks of a layout.
fn spec(graph: &Graph) -> Spec {
    Spec {
        nodes: graph.nodes.len(),
        edges: graph.edges.iter().map(|e| (e.from, e.to)).collect(),
        node: graph.node_size(),
        label: graph.label_size(),
    }
}

/// Every map laid out by the engine asked for, each connected piece alone and the
/// pieces packed to the page's width; the overview as a ring when its layers do not fit.
fn lay_out(
    graphs: &[Graph],
    engine: LayoutEngine,
    notes: &mut Vec<String>,
) -> Result<Maps, RenderError> {
    let specs: Vec<Spec> = graphs.iter().map(spec).collect();
    let parts: Vec<Vec<arrange::Piece>> = specs.iter().map(arrange::pieces).collect();
    let flat: Vec<Spec> = parts.iter().flatten().map(|p| p.spec.clone()).collect();
    let (laid, engine) = lay_out_pieces(&flat, engine, notes)?;
    let mut laid = laid.into_iter();
    let mut maps: Vec<Layout> = specs
        .iter()
        .zip(&parts)
        .map(|(spec, pieces)| {
            let layouts: Vec<Layout> = laid.by_ref().take(pieces.len()).collect();
            arrange::pack(spec, pieces, &layouts)
        })
        .collect();
    if let (Some(first), Some(map)) = (graphs.first(), maps.first_mut()) {
        if first.kind == "units" && specs[0].nodes > 3 {
            let ring = arrange::ring(&specs[0], &layout::ring_order(&specs[0]));
            if arrange::fit(&ring) > arrange::fit(map) {
                *map = ring;
            }
        }
    }
    Ok(Maps { engine, maps })
}

/// Each spec laid out by the engine asked for; Graphviz's failures fall back to the
/// builtin layout with a note.
fn lay_out_pieces(
    specs: &[Spec],
    engine: LayoutEngine,
    notes: &mut Vec<String>,
) -> Result<(Vec<Layout>, &'static str), RenderError> {
    let builtin = || specs.iter().map(layered).collect();
    if engine == LayoutEngine::Builtin || specs.is_empty() {
        return Ok((builtin(), "builtin"));
    }
    let outcome = graphviz::lay_out(specs);
    if outcome.missing && outcome.layouts.iter().all(Option::is_none) {
        if engine == LayoutEngine::Graphviz {
            return Err(RenderError::GraphvizMissing);
        }
        return Ok((builtin(), "builtin"));
    }
    let fell_back = outcome.layouts.iter().filter(|l| l.is_none()).count();
    if fell_back > 0 {
        notes.push(format!(
            "note: Graphviz did not lay out {fell_back} of the {} map pieces ({}); they use \
             gapgraph's own layout",
            specs.len(),
            outcome.trouble.join("; ")
        ));
    }
    let laid = outcome
        .layouts
        .into_iter()
        .zip(specs)
        .map(|(laid, spec)| laid.unwrap_or_else(|| layered(spec)))
        .collect();
    Ok((laid, if fell_back > 0 { "mixed" } else { "graphviz" }))
}

/// `sha256-` and the base64 of the script's SHA-256, for the page's policy.
fn script_hash() -> String {
    format!("sha256-{}", base64(&Sha256::digest(SCRIPT.as_bytes())))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn write_page(view: &Explorer, maps: &Maps, out: &mut dyn Write) -> Result<(), RenderError> {
    let title = html(&view.title);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         script-src '{hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; \
         form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <meta name=\"generator\" content=\"gapgraph {version}\">\n\
         <title>{title}: gap explorer</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header id=\"top\"><h1 id=\"title\">{title}</h1>\
         <div id=\"controls\"></div></header>\n\
         <section id=\"headline\" aria-label=\"Headline\"></section>\n\
         <main id=\"main\"><section id=\"view\" aria-live=\"polite\"></section>\
         <aside id=\"side\"></aside></main>\n\
         <footer id=\"footer\"></footer>\n\
         <noscript><p class=\"noscript\">This page draws its maps and tables with \
         JavaScript, which is turned off. `gapgraph analyze MODEL --format html` writes a \
         static review of the same model.</p></noscript>\n\
         <script type=\"application/json\" id=\"data\">",
        hash = script_hash(),
        version = view.version,
    )?;
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, HtmlSafe);
    PageData { view, layout: maps }
        .serialize(&mut serializer)
        .map_err(std::io::Error::from)?;
    write!(
        out,
        "</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )?;
    Ok(())
}

/// Compact JSON that can sit inside an HTML `<script>` element: `<`, `>` and `&` (so no
/// `</script>` or `<!--` can appear) and every character [`json_escapes`] names (U+2028
/// and U+2029 end a line in JavaScript) are written as `\u` escapes.
struct HtmlSafe;

impl serde_json::ser::Formatter for HtmlSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if matches!(c, '<' | '>' | '&') || json_escapes(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_with_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn json_in_the_page_cannot_close_the_script_element() {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, HtmlSafe);
        "</script><!-- & \u{2028}\u{202e}"
            .serialize(&mut serializer)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            r#""\u003c/script\u003e\u003c!-- \u0026 \u2028\u202e""#
        );
        let back: String = serde_json::from_str(&text).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}\u{202e}");
    }
}
