//! Escaping of model strings for each output syntax. Every user string goes through one
//! of these; a hostile name must never change the structure of an output.

/// A DOT quoted string (with its quotes): `\` doubled, `"` escaped, newlines as `\n`
/// (a line break in labels), carriage returns dropped.
pub fn dot_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A DOT label made of lines, each escaped, joined by DOT's centred line break.
pub fn dot_lines(lines: &[String]) -> String {
    let joined: Vec<String> = lines
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
        assert_eq!(dot_lines(&["A\"".into(), "b".into()]), r#""A\"\nb""#);
    }
}

/// Text for a terminal: control characters (escape sequences, newlines, tabs) shown as
/// `\u{..}` so a hostile name cannot move the cursor or recolour the screen.
pub fn terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod terminal_tests {
    #[test]
    fn terminal_text_shows_control_characters() {
        assert_eq!(super::terminal("a\x1b[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
    }
}
