//! `analyze --format html`: the review document as one self-contained page (no network:
//! inline CSS, one inline script, the diagram as inline SVG drawn by Graphviz). Every model
//! string is HTML-escaped, and a Content-Security-Policy that allows only our own script
//! (by its hash) and no external resource backs that up.

use std::fmt::Write as _;
use std::io::Write;

mod benefits;
mod chart;
mod impact;
mod maps;
mod sections;

use super::dot::{svgs, Drawings};
use super::{Render, RenderError};
use crate::text::html;
use crate::view::palette;
use crate::view::review::{Block, Deferred, Document, Span, Table};
use crate::view::{Report, Review};

/// `analyze --format html`.
pub struct Html;

pub use benefits::BenefitsHtml;
pub use impact::ImpactHtml;

/// Sorts a table by the clicked column: numbers by the cell's `data-sort`, text by its
/// text; enlarges a map to the whole window when clicked (Enter, Space or Escape from the
/// keyboard). It reads only `textContent` and attributes we wrote, and never builds HTML,
/// so a model string cannot run through it. It marks `<body data-sortable>` when ready,
/// which the browser test uses to tell that our script ran and the policy let nothing
/// else run.
const SORT_SCRIPT: &str = r"(function () {
  function key(row, column, numeric) {
    var cell = row.cells[column];
    if (!numeric) { return cell ? cell.textContent.trim().toLowerCase() : ''; }
    var value = cell ? parseFloat(cell.getAttribute('data-sort')) : NaN;
    return isNaN(value) ? null : value;
  }
  function compare(a, b, descending) {
    if (a === b) { return 0; }
    if (a === null) { return 1; }
    if (b === null) { return -1; }
    var order = a < b ? -1 : 1;
    return descending ? -order : order;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      th.tabIndex = 0;
      th.title = 'Sort by this column';
      function sort() {
        var numeric = th.classList.contains('num');
        var descending = th.getAttribute('aria-sort') === 'ascending' ||
          (numeric && th.getAttribute('aria-sort') !== 'descending');
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          return compare(key(a, column, numeric), key(b, column, numeric), descending);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); }
      });
    });
  });
  document.querySelectorAll('figure.diagram').forEach(function (figure) {
    figure.tabIndex = 0;
    figure.title = 'Click to enlarge or shrink the map';
    function toggle() { figure.classList.toggle('enlarged'); }
    figure.addEventListener('click', toggle);
    figure.addEventListener('keydown', function (event) {
      var open = figure.classList.contains('enlarged');
      if (event.key === 'Enter' || event.key === ' ' || (event.key === 'Escape' && open)) {
        event.preventDefault(); toggle();
      }
    });
  });
  document.body.setAttribute('data-sortable', 'ready');
})();";

/// `sha256-` + base64 of SHA-256 of [`SORT_SCRIPT`], for the page's script-src policy.
/// A unit test recomputes it (and tests/it/slow/browser.rs sees the script run), so editing the
/// script without updating this fails.
const SORT_SCRIPT_SHA256: &str = "sha256-7IeWRvKLpZYkqF/vKWxDNCCmWlpsIWM7BsAWhqF06Pk=";

pub(super) fn style() -> String {
    format!(
        r#":root {{ --automated: {automated}; --semi: {semi}; --manual: {manual}; --gap: {gap}; --fix: {fix};
  --ink: #1a202c; --muted: #4a5568; --line: #cbd5e0; --zebra: #f7fafc; --head: #edf2f7; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; color: var(--ink); background: #fff;
  font: 17px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }}
header, main, footer {{ max-width: 1500px; margin: 0 auto; padding: 0 28px; }}
header {{ padding-top: 24px; }}
h1 {{ font-size: 2rem; margin: 0 0 .4em; }}
h2 {{ font-size: 1.5rem; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 3px solid var(--line); }}
h3 {{ font-size: 1.2rem; margin: 1.4em 0 .4em; }}
p, ul {{ margin: .5em 0; max-width: 75em; }}
nav {{ margin: .8em 0 0; font-size: .95rem; }}
nav a {{ margin-right: 1.2em; color: var(--automated); }}
code {{ font: .88em ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  background: var(--head); padding: 0 .25em; border-radius: 3px; }}
.figures {{ display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 14px; margin: .6em 0 1em; }}
@media (max-width: 800px) {{ .figures {{ grid-template-columns: 1fr; }} }}
.figure {{ border: 1px solid var(--line); border-left: 8px solid var(--automated); border-radius: 6px; padding: 10px 14px; }}
.figure.loss {{ border-left-color: var(--gap); }}
.figure .value {{ display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.2; }}
.figure .label {{ color: var(--muted); font-size: .95rem; }}
.table-wrap {{ overflow-x: auto; }}
table {{ border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .95rem; }}
th, td {{ padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }}
th {{ background: var(--head); position: sticky; top: 0; vertical-align: bottom; }}
th.num, td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.num {{ white-space: nowrap; }}
tbody tr:nth-child(even) {{ background: var(--zebra); }}
tbody tr:hover {{ background: #fefcbf; }}
table.sortable th {{ cursor: pointer; }}
table.sortable th[aria-sort=ascending]::after {{ content: " \25B2"; }}
table.sortable th[aria-sort=descending]::after {{ content: " \25BC"; }}
#fix-table td:nth-child(2) {{ min-width: 12em; }}
.tag {{ display: inline-block; padding: 0 .55em; border-radius: 1em; font-size: .85em; font-weight: 600; color: #fff; white-space: nowrap; }}
.tag.automated {{ background: var(--automated); }}
.tag.manual {{ background: #8E3B6D; }}
.tag.missing {{ background: #A33F00; }}
.tag.flag {{ background: var(--muted); }}
figure.diagram {{ margin: .6em 0; padding: 10px; border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; cursor: zoom-in; }}
figure.diagram svg {{ display: block; max-width: 100%; height: auto; margin: 0 auto; }}
figure.diagram.enlarged {{ position: fixed; top: 0; left: 0; right: 0; bottom: 0; z-index: 10; margin: 0; border: 0; border-radius: 0; background: #fff; overflow: auto; cursor: zoom-out; }}
figure.diagram.enlarged svg {{ max-width: none; min-width: 0 !important; }}
figure.diagram:focus-visible {{ outline: 3px solid var(--automated); }}
.note {{ border-left: 8px solid var(--semi); background: #fffaf0; padding: 10px 16px; }}
footer {{ margin-top: 3em; padding-bottom: 2em; color: var(--muted); font-size: .9rem; }}
@media print {{ th {{ position: static; }} nav {{ display: none; }} }}
"#,
        automated = palette::AUTOMATED,
        semi = palette::SEMI,
        manual = palette::MANUAL,
        gap = palette::GAP,
        fix = palette::FIX,
    )
}

impl Render<Review<'_>> for Html {
    fn render(&self, review: &Review, out: &mut dyn Write) -> Result<(), RenderError> {
        self.render_noting(review, out, &mut Vec::new())
    }

    fn render_noting(
        &self,
        review: &Review,
        out: &mut dyn Write,
        notes: &mut Vec<String>,
    ) -> Result<(), RenderError> {
        let page = page(&review.report, &review.document, notes)?;
        out.write_all(page.as_bytes())?;
        Ok(())
    }
}

/// What only the review page styles: its headline's best first step, the captions of its
/// maps and their one key.
const REVIEW_STYLE: &str = ".callout { border-left: 8px solid var(--fix); background: #effaf5; padding: 10px 16px; font-size: 1.1rem; max-width: none; }
.caption { color: var(--muted); font-size: .95rem; }
.key ul { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(24em, 1fr)); gap: 4px 18px; max-width: none; }
.key li { display: flex; align-items: center; gap: 10px; font-size: .95rem; }
.key .sample { flex: none; min-width: 84px; }
";

/// The page; the warnings of the Graphviz runs that draw its maps go to `notes`. The maps
/// are drawn side by side while the page is written; each block takes its own in order.
fn page(report: &Report, doc: &Document, notes: &mut Vec<String>) -> Result<String, RenderError> {
    let blocks = doc
        .lead
        .iter()
        .chain(doc.sections.iter().flat_map(|s| &s.blocks));
    // A deferred block's maps are known before its blocks are made, so they are drawn
    // ahead like the others.
    let views = blocks.flat_map(Block::maps).map(|map| &map.view);
    svgs(report, views, |maps| page_with(report, doc, notes, maps))
}

/// The page, with its maps from `maps`.
fn page_with(
    report: &Report,
    doc: &Document,
    notes: &mut Vec<String>,
    maps: &mut Drawings,
) -> Result<String, RenderError> {
    let mut p = String::new();
    let title = html(&doc.title);
    // Writing to a String cannot fail; `let _ =` keeps the many writes readable.
    let _ = write!(
        p,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:; script-src '{SORT_SCRIPT_SHA256}'\">\n\
         <meta name=\"generator\" content=\"gapgraph\">\n\
         <title>{title}: gap report</title>\n<style>\n{}{REVIEW_STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>{title}</h1>\n",
        style()
    );
    for block in &doc.lead {
        write_block(report, block, &mut p, notes, maps)?;
    }
    p.push_str("<nav>");
    for section in &doc.sections {
        let _ = write!(
            p,
            "<a href=\"#{}\">{}</a>",
            section.id,
            html(&section.title)
        );
    }
    p.push_str("</nav>\n</header>\n<main>\n");
    for section in &doc.sections {
        let _ = writeln!(
            p,
            "<section id=\"{}\">\n<h2>{}</h2>",
            section.id,
            html(&section.title)
        );
        for block in &section.blocks {
            write_block(report, block, &mut p, notes, maps)?;
        }
        p.push_str("</section>\n");
    }
    let _ = write!(
        p,
        "</main>\n<footer>Click a column heading to sort a table; click a map to enlarge it \
         (and again to shrink it).</footer>\n<script>{SORT_SCRIPT}</script>\n</body>\n</html>\n"
    );
    Ok(p)
}

fn inline(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        match span {
            Span::Text(s) => out.push_str(&html(s)),
            Span::Code(s) => {
                let _ = write!(out, "<code>{}</code>", html(s));
            }
            Span::Strong(s) => {
                let _ = write!(out, "<strong>{}</strong>", html(s));
            }
            Span::Tag(tag, s) => {
                let _ = write!(
                    out,
                    "<span class=\"tag {}\">{}</span>",
                    tag.as_str(),
                    html(s)
                );
            }
            Span::Break => out.push_str("<br>"),
        }
    }
    out
}

/// An id for an HTML attribute: model ids are `[A-Za-z0-9_.-]`, anything else becomes `-`.
fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn write_table(table: &Table, p: &mut String) {
    let _ = writeln!(
        p,
        "<div class=\"table-wrap\"><table class=\"sortable\" id=\"{}\">\n<thead><tr>",
        anchor(&table.id)
    );
    for c in &table.columns {
        let class = if c.numeric { " class=\"num\"" } else { "" };
        let _ = write!(p, "<th scope=\"col\"{class}>{}</th>", html(&c.title));
    }
    p.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        p.push_str("<tr>");
        for (c, cell) in table.columns.iter().zip(row) {
            if c.numeric {
                match cell.sort {
                    Some(x) => {
                        let _ = write!(p, "<td class=\"num\" data-sort=\"{x}\">");
                    }
                    None => p.push_str("<td class=\"num\">"),
                }
            } else {
                p.push_str("<td>");
            }
            p.push_str(&inline(&cell.spans));
            p.push_str("</td>");
        }
        p.push_str("</tr>\n");
    }
    p.push_str("</tbody>\n</table></div>\n");
}

fn write_block(
    report: &Report,
    block: &Block,
    p: &mut String,
    notes: &mut Vec<String>,
    maps: &mut Drawings,
) -> Result<(), RenderError> {
    match block {
        Block::Heading(spans) => {
            let _ = writeln!(p, "<h3>{}</h3>", inline(spans));
        }
        Block::Paragraph(spans) => {
            let _ = writeln!(p, "<p>{}</p>", inline(spans));
        }
        Block::Bullets(items) => {
            p.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(p, "<li>{}</li>", inline(item));
            }
            p.push_str("</ul>\n");
        }
        Block::Table(table) => write_table(table, p),
        Block::Figures(figures) => {
            p.push_str("<div class=\"figures\">\n");
            for f in figures {
                let class = if f.loss { "figure loss" } else { "figure" };
                let _ = writeln!(
                    p,
                    "<div class=\"{class}\"><span class=\"value\">{}</span>\
                     <span class=\"label\">{}</span></div>",
                    html(&f.value),
                    html(&f.label)
                );
            }
            p.push_str("</div>\n");
        }
        Block::Callout(spans) => {
            let _ = writeln!(p, "<p class=\"callout\">{}</p>", inline(spans));
        }
        Block::Diagram(map) => maps::write_map(report, map, p, notes, maps)?,
        // The key explains the maps; without Graphviz there are none, only a note.
        Block::Key(_) if maps.next_lacks_graphviz() => {}
        Block::Key(entries) => maps::write_key(entries, p),
        Block::Chart(chart) => {
            p.push_str("<figure class=\"chart\">\n");
            p.push_str(&chart::svg(chart));
            p.push_str("</figure>\n");
        }
        Block::Deferred(deferred) => write_deferred(report, deferred, p, notes, maps)?,
    }
    Ok(())
}

/// The blocks of `deferred`, each written as it is made.
fn write_deferred(
    report: &Report,
    deferred: &Deferred,
    p: &mut String,
    notes: &mut Vec<String>,
    maps: &mut Drawings,
) -> Result<(), RenderError> {
    let mut written = Ok(());
    deferred.each(report, &mut |block| {
        written = write_block(report, &block, p, notes, maps);
        if written.is_ok() {
            std::ops::ControlFlow::Continue(())
        } else {
            std::ops::ControlFlow::Break(())
        }
    });
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_hash_matches_the_sort_script() {
        use base64::Engine as _;
        use sha2::{Digest, Sha256};
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SORT_SCRIPT));
        assert_eq!(SORT_SCRIPT_SHA256, format!("sha256-{hash}"));
    }

    #[test]
    fn anchors_keep_identifier_characters_only() {
        assert_eq!(anchor("gaps-lead-to-cash"), "gaps-lead-to-cash");
        assert_eq!(anchor("a\"><script>"), "a---script-");
    }
}
