//! Source text -> a generic tree with positions. YAML and JSON share one tree so that
//! validation can report every problem with its line and column. Duplicate keys, alias
//! bombs and excessive nesting are caught here.

mod build;

use std::borrow::Cow;

use crate::diagnostic::{Code, Diagnostic, Pos};
use build::Builder;

/// The syntax a model is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// YAML 1.2.
    Yaml,
    /// JSON.
    Json,
}

impl Syntax {
    /// `.json` is JSON and `.yaml`/`.yml` YAML; anything else (stdin included) is JSON when
    /// the first non-blank character is `{`.
    // `origin` is lowercased first, so the comparisons below are case-insensitive.
    #[allow(clippy::case_sensitive_file_extension_comparisons)]
    pub fn detect(origin: &str, source: &str) -> Syntax {
        let lower = origin.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Syntax::Json
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Syntax::Yaml
        } else if source
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
        {
            Syntax::Json
        } else {
            Syntax::Yaml
        }
    }
}

pub use super::node::{Key, Mark, Node, Value};

pub(super) const MAX_DEPTH: usize = 128;
/// Nodes that alias expansion may create in all; a "billion laughs" file stops here.
const MAX_NODES: usize = 2_000_000;
/// Bytes of text that alias expansion may copy in all: far more than shared defaults
/// need, far less than memory.
pub const MAX_ALIAS_BYTES: usize = 64 << 20;

/// Parses `source` into one tree. Problems that still leave a usable tree (duplicate keys,
/// a second document) come back beside it, so validation can report everything at once.
pub fn parse(source: &str, syntax: Syntax) -> (Option<Node<'_>>, Vec<Diagnostic>) {
    parse_with(source, syntax, false)
}

/// [`parse`] for loading a model: a JSON model's workflows are left unbuilt
/// ([`Value::Lazy`]) until [`expand`] builds each, so a model of a million handoffs
/// never holds its whole tree (a third of its memory) at once.
pub fn parse_model(source: &str, syntax: Syntax) -> (Option<Node<'_>>, Vec<Diagnostic>) {
    parse_with(source, syntax, true)
}

/// Builds a [`Value::Lazy`] value starting at `mark` whose value sits `depth` maps and
/// lists deep, at field path `path`: the node, or `None` with the errors that stopped it;
/// problems it can go past (duplicate keys) come back beside it, as from [`parse`].
pub fn expand<'s>(
    text: &'s str,
    mark: Mark,
    path: &str,
    depth: usize,
) -> (Option<Node<'s>>, Vec<Diagnostic>) {
    let mut builder = Builder::new(Syntax::Json);
    builder.place(path, depth);
    match builder.build(super::json::events_at(text, mark)) {
        Ok(node) => (Some(node), builder.errors),
        Err(mut fatal) => {
            builder.errors.append(&mut fatal);
            (None, builder.errors)
        }
    }
}

fn parse_with(source: &str, syntax: Syntax, lazy: bool) -> (Option<Node<'_>>, Vec<Diagnostic>) {
    // A byte order mark (Windows editors write one) is no part of the text.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if syntax == Syntax::Json {
        // serde_json gives JSON-worded syntax errors; the tree itself comes from the YAML
        // parser (JSON is YAML 1.2 flow syntax), which keeps positions and all keys.
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(source) {
            let pos = (e.line() > 0).then(|| Pos {
                line: e.line(),
                column: e.column().max(1),
            });
            let message = strip_position(&e.to_string());
            return (
                None,
                vec![Diagnostic::error(
                    Code::Syntax,
                    "",
                    pos,
                    format!("invalid JSON: {message}"),
                )],
            );
        }
    }
    let mut builder = Builder::new(syntax);
    let built = match syntax {
        // The JSON text is valid (checked above): its tokens give the tree directly, in
        // a fraction of the YAML parser's time and memory.
        Syntax::Json if lazy => builder.build(super::json::lazy_events(source)),
        Syntax::Json => builder.build(super::json::events(source)),
        Syntax::Yaml => builder.build(super::yaml::events(source, syntax)),
    };
    match built {
        Ok(node) => (Some(node), builder.errors),
        Err(mut fatal) => {
            builder.errors.append(&mut fatal);
            (None, builder.errors)
        }
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// `parent.key`, or `key` at the top.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// What the tree is built from: YAML parser events, or the tokens of a JSON text.
pub(super) enum Ev<'s> {
    /// A document begins.
    DocumentStart,
    /// `*name`.
    Alias(usize),
    /// A scalar; `plain` when unquoted and untagged.
    Scalar {
        text: Cow<'s, str>,
        plain: bool,
        anchor: usize,
    },
    SequenceStart(usize),
    SequenceEnd,
    MappingStart(usize),
    MappingEnd,
    /// A whole map or list of a JSON text, left unbuilt ([`Value::Lazy`]).
    Lazy(&'s str),
    /// Nothing the tree needs.
    Skip,
}

/// A node written out whole, scalars by their text alone: the YAML parser copies some
/// texts that the JSON reader borrows, which is no difference in the tree.
#[cfg(test)]
pub(super) fn outline(node: &Node) -> String {
    let mark = node.mark;
    match &node.value {
        Value::Null => format!("{mark:?} null"),
        Value::Seq(items) => {
            let items: Vec<String> = items.iter().map(outline).collect();
            format!("{mark:?} [{}]", items.join(", "))
        }
        Value::Lazy(text) => format!("{mark:?} lazy {text:?}"),
        Value::Map(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{:?} {:?}: {}", k.mark, k.text, outline(v)))
                .collect();
            format!("{mark:?} {{{}}}", entries.join(", "))
        }
        scalar => {
            let (text, plain) = scalar.scalar().unwrap_or_default();
            format!("{mark:?} {text:?} plain={plain}")
        }
    }
}

/// The tree the YAML parser builds from a JSON text, for checking the JSON reader.
#[cfg(test)]
pub(super) fn parse_json_as_yaml(source: &str) -> (Option<Node<'_>>, Vec<Diagnostic>) {
    let mut builder = Builder::new(Syntax::Json);
    let node = builder
        .build(super::yaml::events(source, Syntax::Json))
        .ok();
    (node, builder.errors)
}
