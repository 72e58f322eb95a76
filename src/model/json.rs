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
        lazy: Lazy::Never,
        depth: 0,
        colon: false,
    }
}

/// The events of `source`, a valid JSON model, with each workflow's value (a map or list
/// inside the top-level `workflows` map) given as one [`Ev::Lazy`] of its text: the tree
/// holds the workflows unbuilt, and validation builds one at a time.
pub(super) fn lazy_events(source: &str) -> Events<'_> {
    Events {
        lazy: Lazy::Outside,
        ..events(source)
    }
}

/// The events of `text`, a map or list of a valid JSON text that starts at `mark`.
pub(super) fn events_at(text: &str, mark: Mark) -> Events<'_> {
    let pos = mark.pos();
    Events {
        line: pos.line,
        column: pos.column,
        ..events(text)
    }
}

/// Where the reader is with respect to the top-level `workflows` map, whose values it
/// gives as [`Ev::Lazy`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lazy {
    /// It builds everything.
    Never,
    /// Not inside it.
    Outside,
    /// The last key read at the top level was `workflows`.
    Key,
    /// Inside the `workflows` map.
    Inside,
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
    /// Whether and where values are given as [`Ev::Lazy`].
    lazy: Lazy,
    /// How many maps and lists are open.
    depth: usize,
    /// Whether a `:` came since the last token: the next one is a value, not a key.
    colon: bool,
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
                b':' => self.colon = true,
                b' ' | b'\t' | b'\r' | b',' => {}
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

    /// The end (exclusive) of the map or list starting at `self.at`, and how deeply it
    /// nests (itself included).
    fn value_end(&self) -> Option<(usize, usize)> {
        let bytes = self.source.as_bytes();
        let (mut depth, mut deepest, mut i) = (0usize, 0usize, self.at);
        loop {
            match *bytes.get(i)? {
                b'"' => {
                    i += 1;
                    while *bytes.get(i)? != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some((i + 1, deepest));
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// The map or list at `self.at` as one [`Ev::Lazy`], when it is a workflow's value and
    /// building it later keeps the tree within its depth (else it is built now, and the
    /// builder reports the depth as it would anyway).
    fn lazy_value(&mut self, first: u8, colon: bool) -> Option<Ev<'s>> {
        if self.lazy != Lazy::Inside || self.depth != 2 || !colon {
            return None;
        }
        if first != b'{' && first != b'[' {
            return None;
        }
        let (end, deepest) = self.value_end()?;
        if self.depth + deepest > super::tree::MAX_DEPTH {
            return None;
        }
        // Valid JSON has no raw line break inside a string: every one here ends a line.
        let bytes = self.source.as_bytes();
        for i in self.at..end {
            let breaks = match bytes[i] {
                b'\n' => true,
                b'\r' => bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            };
            if breaks {
                self.line += 1;
                self.line_start = i + 1;
            }
        }
        let text = &self.source[self.at..end];
        self.at = end;
        Some(Ev::Lazy(text))
    }

    /// Follows the maps and lists the token `first` opens or closes.
    fn nest(&mut self, first: u8) {
        match first {
            b'{' | b'[' => {
                self.depth += 1;
                if self.lazy == Lazy::Key && self.depth == 2 && first == b'{' {
                    self.lazy = Lazy::Inside;
                }
            }
            b'}' | b']' => {
                if self.lazy == Lazy::Inside && self.depth == 2 {
                    self.lazy = Lazy::Outside;
                }
                self.depth = self.depth.saturating_sub(1);
            }
            _ => {}
        }
        if self.lazy == Lazy::Key && self.depth != 1 {
            self.lazy = Lazy::Outside;
        }
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
        let colon = std::mem::take(&mut self.colon);
        if self.lazy != Lazy::Never {
            if let Some(event) = self.lazy_value(first, colon) {
                return Some(Ok((event, mark)));
            }
            self.nest(first);
        }
        let event = match first {
            b'{' => Ev::MappingStart(0),
            b'}' => Ev::MappingEnd,
            b'[' => Ev::SequenceStart(0),
            b']' => Ev::SequenceEnd,
            b'"' => {
                let text = self.string();
                if self.lazy != Lazy::Never && self.depth == 1 && !colon {
                    let workflows = matches!(&text, Ok(key) if key == "workflows");
                    self.lazy = if workflows { Lazy::Key } else { Lazy::Outside };
                }
                return Some(text.map(|text| {
                    let event = Ev::Scalar {
                        text,
                        plain: false,
                        anchor: 0,
                    };
                    (event, mark)
                }));
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
    use super::super::tree::{
        expand, join, outline, parse, parse_json_as_yaml, parse_model, Node, Syntax, Value,
    };
    use super::unescape;
    use crate::diagnostic::Diagnostic;

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

    /// `node` with every lazy value built, its errors added to `errors`.
    fn built<'s>(
        node: Node<'s>,
        path: &str,
        depth: usize,
        errors: &mut Vec<Diagnostic>,
    ) -> Node<'s> {
        let value = match node.value {
            Value::Lazy(text) => {
                let (built, mut found) = expand(text, node.mark, path, depth);
                errors.append(&mut found);
                return built.expect("a lazy value builds");
            }
            Value::Map(entries) => Value::Map(
                entries
                    .into_vec()
                    .into_iter()
                    .map(|(key, value)| {
                        let path = join(path, &key.text);
                        (key, built(value, &path, depth + 1, errors))
                    })
                    .collect(),
            ),
            Value::Seq(items) => Value::Seq(
                items
                    .into_vec()
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| built(item, &format!("{path}[{}]", i + 1), depth + 1, errors))
                    .collect(),
            ),
            other => other,
        };
        Node {
            value,
            mark: node.mark,
        }
    }

    #[test]
    fn lazy_workflows_build_into_the_same_tree_with_the_same_errors() {
        let mut sources: Vec<String> = ["valid/worked-example.json", "invalid/duplicate-key.json"]
            .iter()
            .map(|f| std::fs::read_to_string(format!("fixtures/{f}")).unwrap())
            .collect();
        // Escaped keys, CRLF and lone CR line ends, text with `}` and `]` in strings,
        // duplicate keys inside a workflow, workflows that are lists, null or numbers, a
        // nested `workflows` key that is not the top one, and a second top `workflows`.
        let crafted = r#"{"systems": {"a": {}}, "workflows": {"w\u0031": {"runs": {"count": 1,CRLF "count": 2},CRLF
             "handoffs": [{"from": "\u00e9t\u00e9 \" }", "to": "b", "to": "c"}, [[1], {}]]},
             "w2": [], "w3": null, "w4": 5, "w5": {"x": {"y": ["]}"]}}},CR "\u00e9": {"workflows": {"n": {}}},
             "workflows": [{"a": 1, "a": 2}]}"#;
        sources.push(crafted.replace("CRLF", "\r\n").replace("CR", "\r"));
        // A workflow nested just within the depth limit, and just past it (built at once,
        // so the limit stops the parse as before).
        for deep in [125, 126, 127] {
            let nested = format!("{}{}", "[".repeat(deep), "]".repeat(deep));
            sources.push(format!("{{\"workflows\": {{\"w\": {nested}}}}}"));
        }
        for source in &sources {
            let (whole, mut whole_errors) = parse(source, Syntax::Json);
            let (lazy, mut lazy_errors) = parse_model(source, Syntax::Json);
            let lazy = lazy.map(|node| built(node, "", 0, &mut lazy_errors));
            assert_eq!(
                lazy.as_ref().map(outline),
                whole.as_ref().map(outline),
                "{source}"
            );
            let key = |d: &Diagnostic| (d.pos.map(|p| (p.line, p.column)), d.path.clone());
            whole_errors.sort_by_key(key);
            lazy_errors.sort_by_key(key);
            assert_eq!(lazy_errors, whole_errors, "{source}");
        }
        let (lazy, _) = parse_model(&sources[2], Syntax::Json);
        let Some(Value::Map(top)) = lazy.map(|n| n.value) else {
            panic!("a map")
        };
        let Value::Map(workflows) = &top[1].1.value else {
            panic!("workflows is a map")
        };
        let lazy: Vec<bool> = workflows
            .iter()
            .map(|(_, v)| matches!(v.value, Value::Lazy(_)))
            .collect();
        assert_eq!(lazy, [true, true, false, false, true]);
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
