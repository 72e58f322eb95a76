//! Building the tree from parser events: lists and maps on shared stacks, anchors and
//! aliases within their budgets, duplicate and merge keys.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

use super::{join, Ev, Key, Mark, Node, Syntax, Value, MAX_ALIAS_BYTES, MAX_DEPTH, MAX_NODES};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::seen::{Seen, SCAN_LIMIT};

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

/// Builds one tree from a stream of [`Ev`]s, gathering the problems it can go past.
pub(super) struct Builder<'s> {
    syntax: Syntax,
    anchors: HashMap<usize, Node<'s>>,
    /// The items of the lists being built, innermost last.
    items: Vec<Node<'s>>,
    /// The entries of the maps being built, innermost last.
    entries: Vec<(Key<'s>, Node<'s>)>,
    nodes: usize,
    /// Bytes of text copied by aliases so far.
    alias_bytes: usize,
    /// The field path of the value built (empty: the whole document).
    path: String,
    /// How many maps and lists deep that value sits.
    depth: usize,
    pub(super) errors: Vec<Diagnostic>,
}

/// The field path of the value being built at the top of `stack`; `items` is how many
/// list items the builder holds.
fn stack_path(start: &str, stack: &[Frame], items: usize) -> String {
    let mut path = start.to_string();
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
        Value::Scalar { text, .. } | Value::Lazy(text) => (1, text.len().max(1)),
        Value::Unescaped { text, .. } => (1, text.len().max(1)),
        Value::Null => (1, 1),
    }
}

impl<'s> Builder<'s> {
    pub(super) fn new(syntax: Syntax) -> Builder<'s> {
        Builder {
            syntax,
            anchors: HashMap::new(),
            items: Vec::new(),
            entries: Vec::new(),
            nodes: 0,
            alias_bytes: 0,
            path: String::new(),
            depth: 0,
            errors: Vec::new(),
        }
    }

    /// Builds a value at field path `path`, `depth` maps and lists deep, instead of a
    /// whole document: its errors are placed and its depth counted from there.
    pub(super) fn place(&mut self, path: &str, depth: usize) {
        path.clone_into(&mut self.path);
        self.depth = depth;
    }

    pub(super) fn build(
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
                } => Some(self.scalar(text, plain, anchor, mark)),
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
                Ev::Lazy(text) => {
                    self.nodes += 1;
                    Some(Node {
                        value: Value::Lazy(text),
                        mark,
                    })
                }
                Ev::SequenceEnd => self.end_seq(&mut stack),
                Ev::MappingEnd => self.end_map(&mut stack),
            };
            if let Some(node) = finished {
                self.attach(&mut stack, &mut documents, node);
            }
        }
        self.the_document(documents, second_document)
    }

    fn scalar(&mut self, text: Cow<'s, str>, plain: bool, anchor: usize, mark: Mark) -> Node<'s> {
        self.nodes += 1;
        let value = if plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
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
        self.anchored(anchor, Node { value, mark })
    }

    /// The list a `SequenceEnd` closes.
    fn end_seq(&mut self, stack: &mut Vec<Frame<'s>>) -> Option<Node<'s>> {
        match stack.pop() {
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
        }
    }

    /// The map a `MappingEnd` closes.
    fn end_map(&mut self, stack: &mut Vec<Frame<'s>>) -> Option<Node<'s>> {
        match stack.pop() {
            Some(Frame::Map {
                mark,
                anchor,
                start,
                ..
            }) => {
                let entries = self.finish_map(start, stack);
                Some(self.anchored(
                    anchor,
                    Node {
                        value: Value::Map(entries),
                        mark,
                    },
                ))
            }
            _ => None,
        }
    }

    /// The first document; a second one is an error beside it, none is fatal.
    fn the_document(
        &mut self,
        documents: Vec<Node<'s>>,
        second_document: Option<Mark>,
    ) -> Result<Node<'s>, Vec<Diagnostic>> {
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
        if stack.len() + self.depth >= MAX_DEPTH {
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
                    join(&stack_path(&self.path, stack, self.items.len()), &key.text),
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
