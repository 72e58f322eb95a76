//! The YAML parser's events as tree events: YAML files, and JSON in the tests that check
//! the JSON reader against it.

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};

use super::parse_number;
use super::tree::{Ev, Mark, Syntax};
use crate::diagnostic::{Code, Diagnostic, Pos};

fn mark_of(span: &Span) -> Mark {
    Mark::new(span.start.line(), span.start.col() + 1)
}

/// The YAML parser's events, as [`Ev`]s with their marks.
pub(super) fn events(
    source: &str,
    syntax: Syntax,
) -> impl Iterator<Item = Result<(Ev<'_>, Mark), Vec<Diagnostic>>> {
    Parser::new_from_str(source).map(move |event| {
        let (event, span) = event.map_err(|e| {
            let mark = e.marker();
            let pos = Pos {
                line: mark.line(),
                column: mark.col() + 1,
            };
            let what = if syntax == Syntax::Json {
                "JSON"
            } else {
                "YAML"
            };
            vec![Diagnostic::error(
                Code::Syntax,
                "",
                Some(pos),
                format!("invalid {what}: {}", e.info()),
            )]
        })?;
        let ev = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => Ev::Skip,
            Event::DocumentStart(_) => Ev::DocumentStart,
            Event::Alias(id) => Ev::Alias(id),
            Event::Scalar(text, style, anchor, tag) => {
                let plain = match core_tag(tag.as_deref(), span)? {
                    None => style == ScalarStyle::Plain,
                    Some("str") => false,
                    Some(name) => {
                        if !scalar_fits(name, &text) {
                            return Err(tag_error(
                                span,
                                format!("the value `{text}` is not what its tag `!!{name}` says"),
                            ));
                        }
                        true
                    }
                };
                Ev::Scalar {
                    text,
                    plain,
                    anchor,
                }
            }
            Event::SequenceStart(anchor, tag) => {
                collection_tag(tag.as_deref(), "seq", span)?;
                Ev::SequenceStart(anchor)
            }
            Event::SequenceEnd => Ev::SequenceEnd,
            Event::MappingStart(anchor, tag) => {
                collection_tag(tag.as_deref(), "map", span)?;
                Ev::MappingStart(anchor)
            }
            Event::MappingEnd => Ev::MappingEnd,
        };
        Ok((ev, mark_of(&span)))
    })
}

/// The core schema tags a model may use; any other tag is refused rather than ignored,
/// since a tag the tool does not know means something it cannot honour.
const CORE_TAGS: [&str; 7] = ["str", "int", "float", "bool", "null", "map", "seq"];

/// The core schema tag on a node (`Some("str")` for `!!str`, and for the non-specific `!`,
/// which makes a scalar text), `None` without a tag; an error for any other tag.
fn core_tag(tag: Option<&Tag>, span: Span) -> Result<Option<&'static str>, Vec<Diagnostic>> {
    let Some(tag) = tag else {
        return Ok(None);
    };
    let full = format!("{}{}", tag.handle, tag.suffix);
    if full == "!" {
        return Ok(Some("str"));
    }
    let core = full.strip_prefix("tag:yaml.org,2002:");
    match core.and_then(|name| CORE_TAGS.iter().find(|t| **t == name)) {
        Some(name) => Ok(Some(name)),
        None => Err(tag_error(
            span,
            format!(
                "unsupported YAML tag `{}`: a model takes only the core schema tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq",
                core.map_or(full.clone(), |name| format!("!!{name}"))
            ),
        )),
    }
}

/// `!!map` on a map and `!!seq` on a list are fine; any other tag there is refused.
fn collection_tag(tag: Option<&Tag>, expected: &str, span: Span) -> Result<(), Vec<Diagnostic>> {
    match core_tag(tag, span)? {
        None => Ok(()),
        Some(name) if name == expected => Ok(()),
        Some(name) => Err(tag_error(
            span,
            format!(
                "the tag `!!{name}` cannot be put on a {}",
                if expected == "map" { "map" } else { "list" }
            ),
        )),
    }
}

/// Whether `text` reads as the core schema type `name` (`int`, `float`, `bool`, `null`).
fn scalar_fits(name: &str, text: &str) -> bool {
    match name {
        "int" => {
            parse_number(text).is_some()
                && (text.starts_with("0x")
                    || text.starts_with("0o")
                    || text
                        .trim_start_matches(['-', '+'])
                        .bytes()
                        .all(|b| b.is_ascii_digit()))
        }
        "float" => parse_number(text).is_some(),
        "bool" => matches!(text, "true" | "false"),
        "null" => matches!(text, "" | "~" | "null" | "Null" | "NULL"),
        _ => false,
    }
}

fn tag_error(span: Span, message: String) -> Vec<Diagnostic> {
    let mark = mark_of(&span);
    vec![Diagnostic::error(
        Code::Syntax,
        "",
        Some(mark.pos()),
        message,
    )]
}
