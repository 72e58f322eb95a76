//! Escaping of model text for each output syntax, shared by the renderers and the
//! diagnostics. A hostile name must never change the structure of an output, and never
//! reach a terminal raw: [`TerminalText`] is the one way terminal-bound text is built, so
//! escaping there is the default rather than a habit of each call site.

mod json;
mod numbers;
mod terminal;
pub use json::{
    json_escapes, json_pretty, json_string, write_indent, write_json_pretty, write_json_pretty_at,
};
pub use numbers::{count, hours, minutes, money, percent, rate, ratio};
use terminal::escape_hazards;
pub use terminal::{is_bidi, is_hazard, neutralise, terminal, TerminalText};

/// A DOT quoted string (with its quotes): `\` doubled, `"` escaped, newlines as `\n`
/// (a line break in labels), carriage returns dropped; bidi controls shown and U+FFFE,
/// U+FFFF replaced ([`neutralise`]), so Graphviz's SVG stays well-formed XML.
pub fn dot_quoted(s: &str) -> String {
    let s = ellipsis(s, MAX_DOT_STRING_CHARS);
    let s = neutralise(&s);
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            // Other control characters would make Graphviz's SVG invalid XML.
            c if c.is_control() && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters of one line of a diagram label; a longer line ends in `…` (the full text
/// stays in the tooltip and in every other format).
pub const LABEL_LINE_CHARS: usize = 60;
/// Characters of a diagram's title (the model's name and the strategy's).
pub const TITLE_CHARS: usize = 200;
/// Lines of a diagram label; more end in a line `…`.
pub const LABEL_LINES: usize = 8;
/// Characters of any DOT string (a tooltip): Graphviz refuses a quoted string over 16 KB,
/// and 4,000 characters escape to at most 16,000 bytes.
pub const MAX_DOT_STRING_CHARS: usize = 4000;

/// `s` cut to `max` characters, the last one `…` when anything was cut.
pub fn ellipsis(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(s),
        Some(_) => {
            let keep: String = s.chars().take(max.saturating_sub(1)).collect();
            std::borrow::Cow::Owned(format!("{keep}\u{2026}"))
        }
    }
}

/// The lines of a diagram label within [`LABEL_LINES`] lines of [`LABEL_LINE_CHARS`].
pub fn label_lines<S: AsRef<str>>(lines: &[S]) -> Vec<String> {
    let mut kept: Vec<String> = lines
        .iter()
        .take(LABEL_LINES)
        .map(|l| ellipsis(l.as_ref(), LABEL_LINE_CHARS).into_owned())
        .collect();
    if lines.len() > LABEL_LINES {
        kept[LABEL_LINES - 1] = "\u{2026}".to_string();
    }
    kept
}

/// A DOT label (lines split at `\n`), shortened as [`label_lines`] says, quoted.
pub fn dot_label(s: &str) -> String {
    dot_lines(&s.split('\n').map(str::to_string).collect::<Vec<_>>())
}

/// A DOT label made of lines, each escaped, joined by DOT's centred line break; shortened
/// as [`label_lines`] says.
pub fn dot_lines(lines: &[String]) -> String {
    let joined: Vec<String> = label_lines(lines)
        .iter()
        .map(|l| dot_quoted(l))
        .map(|q| q[1..q.len() - 1].to_string())
        .collect();
    format!("\"{}\"", joined.join("\\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_quoting_neutralises_quotes_backslashes_and_newlines() {
        assert_eq!(dot_quoted(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(dot_quoted("x\r\ny"), r#""x\ny""#);
        assert_eq!(dot_quoted("}{<>|"), r#""}{<>|""#);
        assert_eq!(dot_quoted("a\u{1b}[31m\u{7}"), r#""a [31m ""#);
        assert_eq!(dot_lines(&["A\"".into(), "b".into()]), r#""A\"\nb""#);
    }

    #[test]
    fn labels_and_dot_strings_are_cut_with_an_ellipsis() {
        assert_eq!(ellipsis("abc", 3), "abc");
        assert_eq!(ellipsis("abcd", 3), "ab\u{2026}");
        let long = "x".repeat(16_400);
        let label = dot_label(&long);
        assert_eq!(label.chars().count(), LABEL_LINE_CHARS + 2);
        assert!(label.ends_with("\u{2026}\""));
        let tooltip = dot_quoted(&"\\".repeat(16_400));
        assert!(tooltip.len() < 16_384);
        let many: Vec<String> = (0..20).map(|i| i.to_string()).collect();
        let kept = label_lines(&many);
        assert_eq!(kept.len(), LABEL_LINES);
        assert_eq!(kept[LABEL_LINES - 1], "\u{2026}");
        assert_eq!(dot_label("a\nb"), r#""a\nb""#);
    }
}

/// Text for HTML element content and quoted attribute values: `& < > " '` as entities, so
/// a model string can never open a tag or leave an attribute; bidi controls shown
/// ([`neutralise`]).
pub fn html(s: &str) -> String {
    let s = neutralise(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A NUL or other C0 control has no business in a page; keep line breaks and tabs.
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Inline CommonMark text that shows literally, also inside a GFM table cell: every
/// character with inline meaning is backslash-escaped (`|` included, so a cell cannot
/// split), `<`/`>`/`&` cannot start HTML or an entity, a leading list or heading marker is
/// neutralised, and line breaks become `<br>` (a table row must stay on one line).
pub fn markdown(s: &str) -> String {
    let s = &*neutralise(s);
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    // Digits followed by `.` or `)` at the start would make an ordered list item.
    let leading_digits = s.chars().take_while(char::is_ascii_digit).count();
    let mut position = 0;
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' | '$' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if position == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')'
                if position == leading_digits
                    && leading_digits > 0
                    && chars
                        .peek()
                        .is_none_or(|next| *next == ' ' || *next == '\t') =>
            {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br>");
                }
            }
            '\n' => out.push_str("<br>"),
            c if c.is_control() && c != '\t' => out.push(' '),
            c => out.push(c),
        }
        position += 1;
    }
    out
}

/// Text for inside a quoted Mermaid label (`n0["..."]`, `-->|"..."|`): every character
/// that Mermaid or HTML could read as syntax becomes a Mermaid entity code (`#34;` for
/// `"`, `#35;` for `#`, `#60;` for `<`, ...), so quotes, `-->`, brackets, pipes, `;`,
/// comments and tags in names cannot end the label or add a node. Line breaks become
/// `<br>`, the one tag we write ourselves.
pub fn mermaid(s: &str) -> String {
    let s = &*neutralise(s);
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '#' | '&' | '<' | '>' | '|' | ';' | '[' | ']' | '{' | '}' | '(' | ')' | '`'
            | '%' | '\\' => {
                out.push_str(&format!("#{};", u32::from(c)));
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br>");
                }
            }
            '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Lines of a Mermaid label, each escaped, joined by a line break.
pub fn mermaid_lines(lines: &[String]) -> String {
    let escaped: Vec<String> = label_lines(lines).iter().map(|l| mermaid(l)).collect();
    escaped.join("<br>")
}

/// A CSV cell from the model, neutralised against spreadsheet formula injection: text
/// that a spreadsheet would evaluate (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`, which spreadsheets show as text. Hazards other
/// than line breaks and tabs (which a quoted cell holds) are shown as `\u{..}`, since CSV
/// is often read in a terminal. Numbers we write ourselves do not go through here, so a
/// negative number stays a number.
pub fn csv_text(s: &str) -> String {
    let s = escape_hazards(s, |c| c == '\n' || c == '\t');
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s,
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn html_text_cannot_open_a_tag_or_leave_an_attribute() {
        assert_eq!(
            html("<script>alert('x' & \"y\")</script>"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
        assert_eq!(html("a\u{0}b\nc"), "a b\nc");
        assert_eq!(html("Café -> ERP"), "Café -&gt; ERP");
    }

    #[test]
    fn markdown_text_stays_in_its_table_cell_and_shows_literally() {
        assert_eq!(markdown("a|b"), "a\\|b");
        assert_eq!(markdown("x\ny\r\nz\rw"), "x<br>y<br>z<br>w");
        assert_eq!(markdown("<img src=x>"), "\\<img src=x\\>");
        assert_eq!(
            markdown("*bold* _it_ `code`"),
            "\\*bold\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(markdown("[link](http://x)"), "\\[link\\](http://x)");
        assert_eq!(markdown("back\\slash|"), "back\\\\slash\\|");
        assert_eq!(markdown("&amp;"), "\\&amp;");
        assert_eq!(markdown("# title"), "\\# title");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("=SUM(A1)"), "\\=SUM(A1)");
        assert_eq!(markdown("1. first"), "1\\. first");
        assert_eq!(markdown("2)"), "2\\)");
        assert_eq!(markdown("32.9%"), "32.9%");
        assert_eq!(markdown("2024"), "2024");
        assert_eq!(markdown("crm-erp a-b"), "crm-erp a-b");
    }

    #[test]
    fn mermaid_labels_cannot_end_the_label_or_add_edges() {
        assert_eq!(mermaid("a\"b"), "a#34;b");
        assert_eq!(mermaid("a-->b"), "a--#62;b");
        assert_eq!(
            mermaid("x[y]{z}(w)|v;"),
            "x#91;y#93;#123;z#125;#40;w#41;#124;v#59;"
        );
        assert_eq!(mermaid("<script>"), "#60;script#62;");
        assert_eq!(mermaid("#1 `c` %%"), "#35;1 #96;c#96; #37;#37;");
        assert_eq!(mermaid("one\ntwo\r\nthree"), "one<br>two<br>three");
        assert_eq!(mermaid("&amp;"), "#38;amp#59;");
        assert_eq!(mermaid_lines(&["a\"".into(), "b".into()]), "a#34;<br>b");
    }

    #[test]
    fn bidi_controls_and_noncharacters_are_neutralised_in_every_document_format() {
        let hostile = "a\u{202E}b\u{2066}c\u{FFFE}d\u{FFFF}";
        assert_eq!(html(hostile), "a\\u{202e}b\\u{2066}c\u{FFFD}d\u{FFFD}");
        assert_eq!(
            markdown(hostile),
            "a\\\\u{202e}b\\\\u{2066}c\u{FFFD}d\u{FFFD}"
        );
        assert_eq!(mermaid("\u{202E}"), "#92;u#123;202e#125;");
        assert_eq!(
            dot_quoted(hostile),
            "\"a\\\\u{202e}b\\\\u{2066}c\u{FFFD}d\u{FFFD}\""
        );
        for escaped in [
            html(hostile),
            markdown(hostile),
            mermaid(hostile),
            dot_quoted(hostile),
        ] {
            assert!(!escaped
                .chars()
                .any(|c| is_bidi(c) || c == '\u{FFFE}' || c == '\u{FFFF}'));
        }
    }

    #[test]
    fn json_escapes_what_serde_json_writes_raw() {
        let hostile = "a\u{7F}b\u{9B}c\u{202E}d\u{2028}e\u{FFFF}f\u{1b}é";
        let text = json_string(hostile);
        assert_eq!(
            text,
            "\"a\\u007fb\\u009bc\\u202ed\\u2028e\\ufffff\\u001bé\""
        );
        let back: String = serde_json::from_str(&text).unwrap();
        assert_eq!(back, hostile);
        let pretty = json_pretty(&serde_json::json!({"k\u{202E}": [hostile]}));
        assert!(pretty.contains("\"k\\u202e\": [\n"), "{pretty}");
        assert!(!pretty.chars().any(json_escapes));
    }

    #[test]
    fn line_separators_are_escaped_in_tables_and_csv() {
        assert_eq!(terminal("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
        assert_eq!(
            csv_text("a\u{2028}b\u{9b}\u{7f}"),
            "a\\u{2028}b\\u{9b}\\u{7f}"
        );
    }

    #[test]
    fn csv_text_neutralises_formulas_only() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"] {
            assert_eq!(csv_text(formula), format!("'{formula}"));
        }
        assert_eq!(csv_text("\rx"), "\\u{d}x");
        assert_eq!(
            csv_text("a\x1b[31m\u{202E}b\nc"),
            "a\\u{1b}[31m\\u{202e}b\nc"
        );
        assert_eq!(csv_text("CRM"), "CRM");
        assert_eq!(csv_text("a=b"), "a=b");
        assert_eq!(csv_text(""), "");
    }
}
