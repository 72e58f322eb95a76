//! A document of titled sections (the benefits review, `impact`) as one self-contained
//! page, in the review document's style and without script: every model string goes
//! through `text::html`.

use std::fmt::Write as _;

use super::style;
use crate::text::html;
use crate::view::Section;

/// One self-contained page (the review document's style, no script) of `sections`: the
/// benefits review and `impact` are written this way.
pub(super) fn sections_page(title: &str, sections: &[Section]) -> String {
    let mut p = String::new();
    let title = html(title);
    // Writing to a String cannot fail.
    let _ = write!(
        p,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n<meta name=\"generator\" content=\"gapgraph\">\n\
         <title>{title}</title>\n<style>\n{}</style>\n</head>\n<body>\n<header>\n\
         <h1>{title}</h1>\n</header>\n<main>\n",
        style()
    );
    for (k, section) in sections.iter().enumerate() {
        let _ = writeln!(
            p,
            "<section id=\"s{}\">\n<h2>{}</h2>",
            k + 1,
            html(&section.title)
        );
        write_list(&section.lead, &mut p);
        if section.is_empty() {
            write_list(&["none".to_owned()], &mut p);
        }
        if section.has_table() {
            p.push_str("<div class=\"table-wrap\"><table>\n<thead><tr>");
            for (c, h) in section.header.iter().enumerate() {
                let _ = write!(p, "<th scope=\"col\"{}>{}</th>", class(section, c), html(h));
            }
            p.push_str("</tr></thead>\n<tbody>\n");
            for row in &section.rows {
                p.push_str("<tr>");
                for (c, cell) in row.iter().enumerate() {
                    let _ = write!(p, "<td{}>{}</td>", class(section, c), html(cell));
                }
                p.push_str("</tr>\n");
            }
            p.push_str("</tbody>\n</table></div>\n");
        }
        write_list(&section.notes, &mut p);
        p.push_str("</section>\n");
    }
    p.push_str("</main>\n</body>\n</html>\n");
    p
}

fn class(section: &Section, column: usize) -> &'static str {
    if section.numeric.contains(&column) {
        " class=\"num\""
    } else {
        ""
    }
}

fn write_list(lines: &[String], p: &mut String) {
    if lines.is_empty() {
        return;
    }
    p.push_str("<ul>\n");
    for line in lines {
        let _ = writeln!(p, "<li>{}</li>", html(line));
    }
    p.push_str("</ul>\n");
}
