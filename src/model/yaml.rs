//! The YAML parser's events as tree events: YAML files, and JSON in the tests that check
//! the JSON reader against it.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

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
                let tagged_str = tag.as_ref().is_some_and(|t| {
                    t.suffix == "str" && (t.handle == "!!" || t.handle == "tag:yaml.org,2002:")
                });
                Ev::Scalar {
                    text,
                    plain: style == ScalarStyle::Plain && !tagged_str,
                    anchor,
                }
            }
            Event::SequenceStart(anchor, _) => Ev::SequenceStart(anchor),
            Event::SequenceEnd => Ev::SequenceEnd,
            Event::MappingStart(anchor, _) => Ev::MappingStart(anchor),
            Event::MappingEnd => Ev::MappingEnd,
        };
        Ok((ev, mark_of(&span)))
    })
}
