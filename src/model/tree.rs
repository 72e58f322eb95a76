//! Source text -> a generic tree with positions. YAML and JSON share one tree so that
//! validation can report every problem with its line and column. Duplicate keys, alias
//! bombs and excessive nesting are caught here.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

use super::seen::{Seen, SCAN_LIMIT};
use crate::diagnostic::{Code, Diagnostic, Pos};

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

const MAX_DEPTH: usize = 128;
/// Nodes that alias expansion may create in all; a "billion laughs" file stops here.
const MAX_NODES: usize = 2_000_000;
/// Bytes of text that alias expansion may copy in all: far more than shared defaults
/// need, far less than memory.
pub const MAX_ALIAS_BYTES: usize = 64 << 20;

/// Parses `source` into one tree. Problems that still leave a usable tree (duplicate keys,
/// a second document) come back beside it, so validation can report everything at once.
pub fn parse(source: &str, syntax: Syntax) -> (Option<Node<'_>>, Vec<Diagnostic>) {
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

/// The field path of the value being built at the top of `stack`; `items` is how many
/// list items the builder holds.
fn stack_path(stack: &[Frame], items: usize) -> String {
    let mut path = String::new();
    for (i, frame) in stack.iter().enumerate() {
        match frame {
            Frame::Seq { start, .. } => {
                // A list's items end where the next list inside it starts.
                let end = stack[i + 1..]
                    .iter()
                    .find_map(|f| match f {
                        Frame::Seq { start, .. } => Some(*start),
                        Frame::Map { .. } => None,
                    })
                    .unwrap_or(items);
                path.push_str(&format!("[{}]", end - start + 1));
            }
            Frame::Map {
                pending_key: Some(key),
                ..
            } => path = join(&path, &key.text),
            Frame::Map { .. } => {}
        }
    }
    path
}

/// `parent.key`, or `key` at the top.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// A list or map being built; its items or entries so far are those of the builder's
/// shared stacks from `start` on, so building allocates once per finished value.
enum Frame<'s> {
    Seq {
        mark: Mark,
        anchor: usize,
        start: usize,
    },
    Map {
        mark: Mark,
        anchor: usize,
        start: usize,
        pending_key: Option<Key<'s>>,
    },
}

struct Builder<'s> {
    syntax: Syntax,
    anchors: HashMap<usize, Node<'s>>,
    /// The items of the lists being built, innermost last.
    items: Vec<Node<'s>>,
    /// The entries of the maps being built, innermost last.
    entries: Vec<(Key<'s>, Node<'s>)>,
    nodes: usize,
    /// Bytes of text copied by aliases so far.
    alias_bytes: usize,
    errors: Vec<Diagnostic>,
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
    /// Nothing the tree needs.
    Skip,
}

/// What an alias of `node` adds: values, and bytes of text (a value counts one byte at
/// least). The tree shares the text, but everything after it (ids, names, reports) holds
/// its own copies, so a 1 MB string aliased 100,000 times must count 100 GB.
fn size_of(node: &Node) -> (usize, usize) {
    match &node.value {
        Value::Seq(items) => items.iter().fold((1, 1), |(n, b), item| {
            let (n2, b2) = size_of(item);
            (n + n2, b.saturating_add(b2))
        }),
        Value::Map(entries) => entries.iter().fold((1, 1), |(n, b), (key, value)| {
            let (n2, b2) = size_of(value);
            (
                n + 1 + n2,
                b.saturating_add(key.text.len() + 1).saturating_add(b2),
            )
        }),
        Value::Scalar { text, .. } => (1, text.len().max(1)),
        Value::Unescaped { text, .. } => (1, text.len().max(1)),
        Value::Null => (1, 1),
    }
}

impl<'s> Builder<'s> {
    fn new(syntax: Syntax) -> Builder<'s> {
        Builder {
            syntax,
            anchors: HashMap::new(),
            items: Vec::new(),
            entries: Vec::new(),
            nodes: 0,
            alias_bytes: 0,
            errors: Vec::new(),
        }
    }

    fn build(
        &mut self,
        events: impl Iterator<Item = Result<(Ev<'s>, Mark), Vec<Diagnostic>>>,
    ) -> Result<Node<'s>, Vec<Diagnostic>> {
        let mut stack: Vec<Frame<'s>> = Vec::new();
        let mut documents: Vec<Node<'s>> = Vec::new();
        let mut second_document: Option<Mark> = None;
        for event in events {
            let (event, mark) = event?;
            let finished = match event {
                Ev::Skip => None,
                Ev::DocumentStart => {
                    if !documents.is_empty() && second_document.is_none() {
                        second_document = Some(mark);
                    }
                    None
                }
                Ev::Alias(id) => Some(self.alias(id, mark)?),
                Ev::Scalar {
                    text,
                    plain,
                    anchor,
                } => {
                    self.nodes += 1;
                    let value =
                        if plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                            Value::Null
                        } else {
                            match text {
                                Cow::Borrowed(text) => Value::Scalar { text, plain },
                                Cow::Owned(text) => Value::Unescaped {
                                    text: text.into_boxed_str(),
                                    plain,
                                },
                            }
                        };
                    Some(self.anchored(anchor, Node { value, mark }))
                }
                Ev::SequenceStart(anchor) => {
                    let start = self.items.len();
                    self.push(
                        &mut stack,
                        Frame::Seq {
                            mark,
                            anchor,
                            start,
                        },
                    )?;
                    None
                }
                Ev::MappingStart(anchor) => {
                    let start = self.entries.len();
                    self.push(
                        &mut stack,
                        Frame::Map {
                            mark,
                            anchor,
                            start,
                            pending_key: None,
                        },
                    )?;
                    None
                }
                Ev::SequenceEnd => match stack.pop() {
                    Some(Frame::Seq {
                        mark,
                        anchor,
                        start,
                    }) => {
                        let items = self.items.drain(start..).collect();
                        Some(self.anchored(
                            anchor,
                            Node {
                                value: Value::Seq(items),
                                mark,
                            },
                        ))
                    }
                    _ => None,
                },
                Ev::MappingEnd => match stack.pop() {
                    Some(Frame::Map {
                        mark,
                        anchor,
                        start,
                        ..
                    }) => {
                        let entries = self.finish_map(start, &stack);
                        Some(self.anchored(
                            anchor,
                            Node {
                                value: Value::Map(entries),
                                mark,
                            },
                        ))
                    }
                    _ => None,
                },
            };
            if let Some(node) = finished {
                self.attach(&mut stack, &mut documents, node);
            }
        }
        if let Some(mark) = second_document {
            self.errors.push(Diagnostic::error(
                Code::Syntax,
                "",
                Some(mark.pos()),
                "the file holds more than one document; a model is one document",
            ));
        }
        match documents.into_iter().next() {
            Some(node) => Ok(node),
            None => Err(vec![Diagnostic::error(
                Code::EmptyFile,
                "",
                None,
                "the file has no document (it is empty, or only blanks and comments)",
            )]),
        }
    }

    /// A copy of the anchored node, within the budget of nodes that aliases may create.
    fn alias(&mut self, id: usize, mark: Mark) -> Result<Node<'s>, Vec<Diagnostic>> {
        let Some(node) = self.anchors.get(&id) else {
            return Err(vec![Diagnostic::error(
                Code::Syntax,
                "",
                Some(mark.pos()),
                "alias to an unknown anchor",
            )]);
        };
        let (nodes, bytes) = size_of(node);
        self.nodes += nodes;
        self.alias_bytes = self.alias_bytes.saturating_add(bytes);
        if self.nodes > MAX_NODES {
            return Err(vec![Diagnostic::error(
                Code::AliasBudget,
                "",
                Some(mark.pos()),
                format!("aliases expand to more than {MAX_NODES} values; the file is refused"),
            )]);
        }
        if self.alias_bytes > MAX_ALIAS_BYTES {
            return Err(vec![Diagnostic::error(
                Code::AliasBudget,
                "",
                Some(mark.pos()),
                format!(
                    "aliases expand to more than {} MiB of text; the file is refused",
                    MAX_ALIAS_BYTES >> 20
                ),
            )]);
        }
        let mut node = node.clone();
        node.mark = mark;
        Ok(node)
    }

    /// Puts a finished node where it belongs: a document, a list item, a key or a value.
    fn attach(&mut self, stack: &mut [Frame<'s>], documents: &mut Vec<Node<'s>>, node: Node<'s>) {
        match stack.last_mut() {
            None => documents.push(node),
            Some(Frame::Seq { .. }) => self.items.push(node),
            Some(Frame::Map { pending_key, .. }) => match pending_key.take() {
                None => {
                    let text = match node.value {
                        Value::Scalar { text, .. } => Cow::Borrowed(text),
                        Value::Unescaped { text, .. } => Cow::Owned(text.into_string()),
                        Value::Null => Cow::Borrowed(""),
                        _ => {
                            self.errors.push(Diagnostic::error(
                                Code::WrongType,
                                "",
                                Some(node.pos()),
                                "a map key must be plain text, not a list or a map",
                            ));
                            Cow::Borrowed("?")
                        }
                    };
                    *pending_key = Some(Key {
                        text,
                        mark: node.mark,
                    });
                }
                Some(key) => self.entries.push((key, node)),
            },
        }
    }

    fn push(
        &mut self,
        stack: &mut Vec<Frame<'s>>,
        frame: Frame<'s>,
    ) -> Result<(), Vec<Diagnostic>> {
        if stack.len() >= MAX_DEPTH {
            let mark = match &frame {
                Frame::Seq { mark, .. } | Frame::Map { mark, .. } => *mark,
            };
            return Err(vec![Diagnostic::error(
                Code::TooDeep,
                "",
                Some(mark.pos()),
                format!("values are nested more than {MAX_DEPTH} levels deep"),
            )]);
        }
        self.nodes += 1;
        stack.push(frame);
        Ok(())
    }

    fn anchored(&mut self, anchor: usize, node: Node<'s>) -> Node<'s> {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        node
    }

    /// The entries of the map that started at `start` of the entries stack, taken off it.
    /// Nearly every map has neither duplicate keys nor merge keys: it is taken as it is.
    fn finish_map(&mut self, start: usize, stack: &[Frame<'s>]) -> Box<[(Key<'s>, Node<'s>)]> {
        if self.is_plain_map(&self.entries[start..]) {
            return self.entries.drain(start..).collect();
        }
        let entries: Vec<(Key<'s>, Node<'s>)> = self.entries.drain(start..).collect();
        self.merge_keys(entries, stack).into_boxed_slice()
    }

    /// Whether a map's entries have distinct keys and no merge key.
    fn is_plain_map(&self, entries: &[(Key<'s>, Node<'s>)]) -> bool {
        if self.syntax == Syntax::Yaml && entries.iter().any(|(k, _)| k.text == "<<") {
            return false;
        }
        if entries.len() <= SCAN_LIMIT {
            return entries
                .iter()
                .enumerate()
                .all(|(i, (key, _))| entries[..i].iter().all(|(k, _)| k.text != key.text));
        }
        let mut seen: HashSet<&str, FixedState> =
            HashSet::with_capacity_and_hasher(entries.len(), FixedState::default());
        entries.iter().all(|(k, _)| seen.insert(&k.text))
    }

    /// Rejects duplicate keys and applies YAML merge keys (`<<`): explicit keys win, then
    /// earlier merged maps over later ones. `stack` holds the maps and lists around it,
    /// for the path of a duplicate key.
    fn merge_keys(
        &mut self,
        entries: Vec<(Key<'s>, Node<'s>)>,
        stack: &[Frame<'s>],
    ) -> Vec<(Key<'s>, Node<'s>)> {
        let mut explicit: Vec<(Key<'s>, Node<'s>)> = Vec::with_capacity(entries.len());
        let mut seen = Seen::new(entries.len());
        let mut merged: Vec<Node<'s>> = Vec::new();
        for (key, value) in entries {
            if self.syntax == Syntax::Yaml && key.text == "<<" {
                merged.push(value);
                continue;
            }
            if let Some(first) = seen.get(&explicit, &key.text) {
                let first = first.pos();
                self.errors.push(Diagnostic::error(
                    Code::DuplicateKey,
                    join(&stack_path(stack, self.items.len()), &key.text),
                    Some(key.pos()),
                    format!(
                        "duplicate key `{}` (first at line {}, column {})",
                        key.text, first.line, first.column
                    ),
                ));
                continue;
            }
            seen.insert(&key);
            explicit.push((key, value));
        }
        for source in merged {
            let maps = match source.value {
                Value::Map(_) => vec![source],
                Value::Seq(items) => items.into_vec(),
                _ => {
                    self.errors.push(Diagnostic::error(
                        Code::WrongType,
                        "",
                        Some(source.pos()),
                        "a merge key `<<` takes a map or a list of maps",
                    ));
                    continue;
                }
            };
            for map in maps {
                match map.value {
                    Value::Map(inherited) => {
                        for (key, value) in inherited.into_vec() {
                            if seen.get(&explicit, &key.text).is_none() {
                                seen.insert(&key);
                                explicit.push((key, value));
                            }
                        }
                    }
                    _ => self.errors.push(Diagnostic::error(
                        Code::WrongType,
                        "",
                        Some(map.pos()),
                        "a merge key `<<` takes a map or a list of maps",
                    )),
                }
            }
        }
        explicit
    }
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
