//! The tokens of a JSON text as tree events, with line and column. The text has already
//! been checked by serde_json, so this reads tokens and leaves the grammar to that check;
//! it still never panics on anything else.

use std::borrow::Cow;

use super::tree::{Ev, Mark};
use crate::diagnostic::{Code, Diagnostic, Pos};

/// The events of `source`, a valid JSON text.
pub(super) fn events(source: &str) -> Events<'_> {
    Events {
        source,
        at: 0,
        line: 1,
        line_start: 0,
        counted_to: 0,
        column: 1,
        started: false,
    }
}

/// An iterator over the events of a JSON text.
pub(super) struct Events<'s> {
    source: &'s str,
    /// Byte offset of the next token.
    at: usize,
    line: usize,
    /// Byte offset where the current line starts.
    line_start: usize,
    /// Byte offset up to which `column` counts the characters of the current line.
    counted_to: usize,
    column: usize,
    /// Whether the document start was given.
    started: bool,
}

impl<'s> Events<'s> {
    /// The mark of byte offset `at` (on the current line, at or after the last one asked).
    fn mark(&mut self, at: usize) -> Mark {
        if self.counted_to < self.line_start {
            self.counted_to = self.line_start;
            self.column = 1;
        }
        // Columns count characters, as the YAML parser does; counted on from the last
        // token so that a long single-line file stays linear.
        self.column += self.source[self.counted_to..at].chars().count();
        self.counted_to = at;
        Mark::new(self.line, self.column)
    }

    fn skip_blanks(&mut self) {
        let bytes = self.source.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            match b {
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.at + 1;
                }
                b'\r' if bytes.get(self.at + 1) != Some(&b'\n') => {
                    self.line += 1;
                    self.line_start = self.at + 1;
                }
                b' ' | b'\t' | b'\r' | b',' | b':' => {}
                _ => return,
            }
            self.at += 1;
        }
    }

    /// A string token starting at its opening quote; borrowed when it has no escapes.
    fn string(&mut self) -> Result<Cow<'s, str>, Vec<Diagnostic>> {
        let bytes = self.source.as_bytes();
        let start = self.at + 1;
        let mut i = start;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            match bytes.get(i) {
                None => return Err(self.broken()),
                Some(b'"') => break,
                Some(b'\\') => {
                    let out = owned.get_or_insert_with(String::new);
                    out.push_str(&self.source[run..i]);
                    let (c, len) = unescape(&self.source[i..]).ok_or_else(|| self.broken())?;
                    out.push(c);
                    i += len;
                    run = i;
                }
                Some(_) => i += 1,
            }
        }
        self.at = i + 1;
        Ok(match owned {
            Some(mut out) => {
                out.push_str(&self.source[run..i]);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(&self.source[start..i]),
        })
    }

    fn broken(&self) -> Vec<Diagnostic> {
        vec![Diagnostic::error(
            Code::Syntax,
            "",
            Some(Pos {
                line: self.line,
                column: 1,
            }),
            "invalid JSON: unreadable token",
        )]
    }
}

/// The character of the escape at the start of `text` (`\n`, `\u00e9`, a surrogate
/// pair) and its length in bytes.
fn unescape(text: &str) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let simple = match bytes.get(1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = u32::from_str_radix(text.get(2..6)?, 16).ok()?;
            if (0xD800..0xDC00).contains(&high) && text.get(6..8) == Some("\\u") {
                let low = u32::from_str_radix(text.get(8..12)?, 16).ok()?;
                if (0xDC00..0xE000).contains(&low) {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return Some((char::from_u32(c)?, 12));
                }
            }
            return Some((char::from_u32(high).unwrap_or('\u{fffd}'), 6));
        }
        _ => return None,
    };
    Some((simple, 2))
}

impl<'s> Iterator for Events<'s> {
    type Item = Result<(Ev<'s>, Mark), Vec<Diagnostic>>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.started {
            self.started = true;
            return Some(Ok((Ev::DocumentStart, Mark::new(1, 1))));
        }
        self.skip_blanks();
        let at = self.at;
        let first = *self.source.as_bytes().get(at)?;
        let mark = self.mark(at);
        let event = match first {
            b'{' => Ev::MappingStart(0),
            b'}' => Ev::MappingEnd,
            b'[' => Ev::SequenceStart(0),
            b']' => Ev::SequenceEnd,
            b'"' => {
                return Some(self.string().map(|text| {
                    let event = Ev::Scalar {
                        text,
                        plain: false,
                        anchor: 0,
                    };
                    (event, mark)
                }))
            }
            _ => {
                // A number, `true`, `false` or `null`: up to the next delimiter.
                let rest = &self.source[at..];
                let len = rest
                    .find([',', ':', '}', ']', ' ', '\t', '\r', '\n'])
                    .unwrap_or(rest.len());
                if len == 0 {
                    return Some(Err(self.broken()));
                }
                self.at += len;
                let event = Ev::Scalar {
                    text: Cow::Borrowed(&rest[..len]),
                    plain: true,
                    anchor: 0,
                };
                return Some(Ok((event, mark)));
            }
        };
        self.at += 1;
        Some(Ok((event, mark)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tree::{outline, parse, parse_json_as_yaml, Syntax};
    use super::unescape;

    #[test]
    fn json_tokens_give_the_yaml_parsers_tree() {
        let mut sources: Vec<String> = ["worked-example.json"]
            .iter()
            .map(|f| std::fs::read_to_string(format!("fixtures/valid/{f}")).unwrap())
            .collect();
        sources.push(std::fs::read_to_string("fixtures/invalid/duplicate-key.json").unwrap());
        sources.push(
            "{\"a\": [1, -2.5e3, true, null, \"x\\u00e9\\\"y\"],\r\n \"b\":{},\"c\":[],\n  \"\u{e9}t\u{e9}\": {\"d\": \"\u{1f600} z\", \"d\": 1}}"
                .to_string(),
        );
        for source in &sources {
            let (expected, expected_errors) = parse_json_as_yaml(source);
            let (actual, actual_errors) = parse(source, Syntax::Json);
            assert!(expected.is_some(), "{source}: {expected_errors:?}");
            assert_eq!(
                actual.as_ref().map(outline),
                expected.as_ref().map(outline),
                "{source}"
            );
            assert_eq!(actual_errors, expected_errors, "{source}");
        }
    }

    #[test]
    fn escapes_decode_as_json_says() {
        assert_eq!(unescape("\\n"), Some(('\n', 2)));
        assert_eq!(unescape("\\u00e9x"), Some(('é', 6)));
        assert_eq!(unescape("\\ud83d\\ude00"), Some(('😀', 12)));
        assert_eq!(unescape("\\ud83d"), Some(('\u{fffd}', 6)));
        assert_eq!(unescape("\\q"), None);
        assert_eq!(unescape("\\u12"), None);
    }
}
