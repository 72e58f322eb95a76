//! The review page's maps and their one key: each map is Graphviz's SVG without a title
//! or legend of its own, its caption under it, and the key says once what every box and
//! line of the page's maps means.

use std::fmt::Write as _;

use super::{anchor, inline};
use crate::render::dot::{Drawing, Drawings};
use crate::render::graphviz_run::RETRY_NOTE;
use crate::render::RenderError;
use crate::text::html;
use crate::view::palette::Look;
use crate::view::review::{KeyEntry, Map, Sample};
use crate::view::scene::Level;
use crate::view::Report;

/// A map, its caption (the one for a map without unit boxes when `dot` had to drop them)
/// and, in place of a map `dot` could not draw, why.
pub(super) fn write_map(
    report: &Report,
    map: &Map,
    p: &mut String,
    notes: &mut Vec<String>,
    maps: &mut Drawings,
) -> Result<(), RenderError> {
    let view = &map.view;
    let id = match (view.level, view.workflows.as_slice()) {
        (Level::Unit, _) => "map-units".to_string(),
        (Level::System, [w]) => format!("map-{}", anchor(&report.model.workflow(*w).id)),
        _ => "map-systems".to_string(),
    };
    let _ = writeln!(p, "<figure class=\"diagram\" id=\"{id}\">");
    let drawing = maps.next().unwrap_or_else(|| Drawing {
        result: Err(RenderError::Graphviz("the map was not drawn".to_string())),
        notes: Vec::new(),
    });
    let unboxed = drawing.notes.iter().any(|n| n == RETRY_NOTE);
    notes.extend(drawing.notes);
    match drawing.result {
        Ok(bytes) => {
            // The first map opens the page: it fits the page's width, so nothing of it is
            // cut at the first screen's edge (a click enlarges it); the others keep a
            // legible least size and scroll.
            let legible = view.level != Level::Unit;
            p.push_str(&inline_svg(&String::from_utf8_lossy(&bytes), legible));
        }
        Err(RenderError::GraphvizMissing) => p.push_str(
            "<p class=\"note\">The integration map is drawn by Graphviz <code>dot</code>, \
             which was not found on PATH when this report was made. Install Graphviz \
             (<code>apt-get install graphviz</code>, <code>brew install graphviz</code>, \
             <code>winget install graphviz</code>) and run the same command again, or \
             draw the map yourself from <code>gapgraph diagram MODEL --format dot</code> \
             (or <code>--format mermaid</code>).</p>\n",
        ),
        Err(RenderError::Graphviz(message)) => {
            let _ = writeln!(
                p,
                "<p class=\"note\">Graphviz <code>dot</code> could not draw the \
                 integration map: {}</p>",
                html(&message)
            );
        }
        Err(RenderError::TooLarge(message) | RenderError::EmptyFocus(message)) => {
            let _ = writeln!(
                p,
                "<p class=\"note\">Map not drawn: {}.</p>",
                html(&message)
            );
        }
        Err(e) => return Err(e),
    }
    p.push_str("</figure>\n");
    let caption = match (&map.caption_unboxed, unboxed) {
        (Some(unboxed), true) => unboxed,
        _ => &map.caption,
    };
    let _ = writeln!(p, "<p class=\"caption\">{}</p>", inline(caption));
    Ok(())
}

/// The key to the page's maps: a sample of each box and line, and what it means.
pub(super) fn write_key(entries: &[KeyEntry], p: &mut String) {
    p.push_str("<div class=\"key\">\n<h3>How to read the maps</h3>\n<ul>\n");
    for entry in entries {
        let _ = writeln!(
            p,
            "<li>{}<span>{}</span></li>",
            sample(entry.sample, &entry.in_words),
            html(&entry.meaning)
        );
    }
    p.push_str("</ul>\n</div>\n");
}

/// A sample as a small SVG (a word in bold for [`Sample::Word`]); `in_words` is its
/// accessible name.
fn sample(sample: Sample, in_words: &str) -> String {
    let label = html(in_words);
    match sample {
        Sample::Word(word) => format!("<strong class=\"sample\">{}</strong>", html(word)),
        Sample::Box { fill, border, word } => format!(
            "<svg class=\"sample\" width=\"84\" height=\"22\" viewBox=\"0 0 84 22\" role=\"img\" \
             aria-label=\"{label}\"><rect x=\"1\" y=\"1\" width=\"82\" height=\"20\" rx=\"4\" \
             fill=\"{fill}\" stroke=\"{border}\"/><text x=\"42\" y=\"15\" font-size=\"11\" \
             text-anchor=\"middle\" fill=\"#1a202c\">{}</text></svg>",
            html(word)
        ),
        Sample::Line(look) => line_sample(look, &label),
    }
}

/// A look's line, drawn as the maps draw it: colour, dashes, single or double, and its
/// arrowhead.
fn line_sample(look: Look, label: &str) -> String {
    let colour = look.colour();
    let dashes = match look.dot_style() {
        "dashed" => " stroke-dasharray=\"6 4\"",
        "dotted" => " stroke-dasharray=\"2 3\"",
        _ => "",
    };
    let lines = match look {
        Look::BuildFix | Look::AutomateFix => format!(
            "<path d=\"M2,8 H60 M2,14 H60\" stroke=\"{colour}\" stroke-width=\"2\"{dashes}/>"
        ),
        _ => format!("<path d=\"M2,11 H60\" stroke=\"{colour}\" stroke-width=\"2.5\"{dashes}/>"),
    };
    let head = match look.dot_arrowhead() {
        "normal" => format!("<path d=\"M60,4 L74,11 L60,18 Z\" fill=\"{colour}\"/>"),
        "onormal" => format!(
            "<path d=\"M60,4 L74,11 L60,18 Z\" fill=\"#fff\" stroke=\"{colour}\" \
             stroke-width=\"1.5\"/>"
        ),
        "odot" => format!(
            "<circle cx=\"67\" cy=\"11\" r=\"6\" fill=\"#fff\" stroke=\"{colour}\" \
             stroke-width=\"1.5\"/>"
        ),
        _ => format!("<path d=\"M62,3 V19\" stroke=\"{colour}\" stroke-width=\"3\"/>"),
    };
    format!(
        "<svg class=\"sample\" width=\"84\" height=\"22\" viewBox=\"0 0 84 22\" role=\"img\" \
         aria-label=\"{label}\">{lines}{head}</svg>"
    )
}

/// Graphviz's SVG made fit to sit inside HTML: the XML prolog, DOCTYPE and comments
/// (which name the Graphviz version, so they would make the page differ between machines)
/// go; the `<svg>` element stays as Graphviz wrote it, labels already XML-escaped. A
/// `legible` picture shrinks to the page only down to [`MIN_SCALE`], then scrolls.
pub(super) fn inline_svg(svg: &str, legible: bool) -> String {
    let start = svg.find("<svg").unwrap_or(svg.len());
    let mut rest = &svg[start..];
    let mut out = String::with_capacity(rest.len());
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        match rest[open..].find("-->") {
            Some(close) => rest = &rest[open + close + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    // Graphviz titles name our generated ids (`n3`, `cluster_unit_0`), which would only
    // show as meaningless hover text; the tooltips with the model's words stay.
    let mut rest = out.as_str();
    let mut untitled = String::with_capacity(rest.len());
    while let Some(open) = rest.find("<title>") {
        untitled.push_str(&rest[..open]);
        match rest[open..].find("</title>") {
            Some(close) => rest = &rest[open + close + "</title>".len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    untitled.push_str(rest);
    let out = untitled;
    // Blank lines left where comments and titles were.
    let lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut joined = lines.join("\n");
    joined.push('\n');
    if legible {
        if let Some(width) = svg_width_px(&joined) {
            let min = (width * MIN_SCALE).round();
            if min > 0.0 {
                joined = joined.replacen("<svg ", &format!("<svg style=\"min-width:{min}px\" "), 1);
            }
        }
    }
    joined
}

/// The smallest scale at which the diagram's 13-14 pt labels stay readable (about 13 px
/// on screen); a wider map scrolls sideways instead of shrinking further.
const MIN_SCALE: f64 = 0.75;

/// The width Graphviz gave the `<svg>` element (`width="123pt"`), in CSS pixels.
fn svg_width_px(svg: &str) -> Option<f64> {
    let tag = &svg[svg.find("<svg")?..];
    let tag = &tag[..tag.find('>')?];
    let value = tag.split(" width=\"").nth(1)?.split('"').next()?;
    let points: f64 = value.strip_suffix("pt")?.parse().ok()?;
    Some(points * 96.0 / 72.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_svg_drops_prolog_doctype_and_comments() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\" \"y\">\n\
                   <!-- Generated by graphviz version 2.43.0 -->\n<svg width=\"10pt\">\n\
                   <!-- n0 -->\n<g id=\"node1\"><title>n0</title>\n\
                   <text>a &lt; b</text></g>\n</svg>\n";
        assert_eq!(
            inline_svg(svg, true),
            "<svg style=\"min-width:10px\" width=\"10pt\">\n\
             <g id=\"node1\">\n<text>a &lt; b</text></g>\n</svg>\n"
        );
        // The opening map fits the page instead.
        assert_eq!(
            inline_svg(svg, false),
            "<svg width=\"10pt\">\n<g id=\"node1\">\n<text>a &lt; b</text></g>\n</svg>\n"
        );
        assert_eq!(
            svg_width_px("<svg width=\"1500pt\" height=\"2pt\">"),
            Some(2000.0)
        );
        assert_eq!(svg_width_px("<svg>"), None);
    }

    #[test]
    fn every_look_has_its_own_sample() {
        let samples: Vec<String> = Look::ALL.iter().map(|l| line_sample(*l, "x")).collect();
        for (k, a) in samples.iter().enumerate() {
            for b in &samples[k + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
