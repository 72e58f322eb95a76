//! The full report's writer: its top object written field by field, each field laid out as
//! serde_json's pretty printer would lay it out in place, and its long lists (a landscape
//! has hundreds of thousands of gaps) serialized in chunks on worker threads and written in
//! order. The bytes are the same whatever the number of cores.

use std::io::Write;
use std::num::NonZero;
use std::sync::mpsc;
use std::thread;

use serde::ser::SerializeStruct;
use serde::Serialize;

use crate::text::{json_string, write_indent, write_json_pretty_at};

/// Items a worker serializes at a time: enough that handing a chunk over costs nothing,
/// few enough that the chunks in flight stay a few megabytes.
const CHUNK: usize = 2048;

/// Chunks a worker may finish ahead of the writer: it keeps memory bounded.
const AHEAD: usize = 2;

/// A document's top object (one level of indentation for its fields, two for the items of
/// its lists), written as its fields are given.
pub(super) struct TopObject<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> TopObject<W> {
    pub(super) fn new(mut out: W) -> serde_json::Result<Self> {
        out.write_all(b"{").map_err(serde_json::Error::io)?;
        Ok(TopObject { out, first: true })
    }

    fn key(&mut self, key: &str) -> std::io::Result<()> {
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        write_indent(&mut self.out, 1)?;
        self.out.write_all(json_string(key).as_bytes())?;
        self.out.write_all(b": ")
    }

    /// The field `key`, a list of `wire` of each item.
    pub(super) fn list<'i, T: Sync, V: Serialize>(
        &mut self,
        key: &str,
        items: &'i [T],
        wire: impl Fn(&'i T) -> V + Sync,
    ) -> serde_json::Result<()> {
        self.key(key).map_err(serde_json::Error::io)?;
        self.out.write_all(b"[").map_err(serde_json::Error::io)?;
        write_items(&mut self.out, items, &wire)?;
        if !items.is_empty() {
            self.out.write_all(b"\n").map_err(serde_json::Error::io)?;
            write_indent(&mut self.out, 1).map_err(serde_json::Error::io)?;
        }
        self.out.write_all(b"]").map_err(serde_json::Error::io)
    }
}

impl<W: Write> SerializeStruct for TopObject<W> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> serde_json::Result<()> {
        self.key(key).map_err(serde_json::Error::io)?;
        write_json_pretty_at(&mut self.out, value, 1)
    }

    fn end(mut self) -> serde_json::Result<()> {
        if !self.first {
            self.out.write_all(b"\n").map_err(serde_json::Error::io)?;
        }
        self.out.write_all(b"}").map_err(serde_json::Error::io)
    }
}

/// The items of a list two levels down, each after its separator; `start` is the first
/// one's place in the whole list (the first item has no comma before it).
fn write_chunk<'i, T, V: Serialize>(
    out: &mut impl Write,
    items: &'i [T],
    start: usize,
    wire: &impl Fn(&'i T) -> V,
) -> serde_json::Result<()> {
    for (k, item) in items.iter().enumerate() {
        let separator: &[u8] = if start + k == 0 { b"\n" } else { b",\n" };
        out.write_all(separator).map_err(serde_json::Error::io)?;
        write_indent(out, 2).map_err(serde_json::Error::io)?;
        write_json_pretty_at(&mut *out, &wire(item), 2)?;
    }
    Ok(())
}

/// Every item of a list two levels down. Worker `w` of `n` serializes chunks `w`, `w + n`,
/// ... into buffers; the writer takes them back in turn, so the order never depends on
/// which thread finishes first.
fn write_items<'i, T: Sync, V: Serialize>(
    out: &mut impl Write,
    items: &'i [T],
    wire: &(impl Fn(&'i T) -> V + Sync),
) -> serde_json::Result<()> {
    let workers = thread::available_parallelism().map_or(1, NonZero::get);
    if workers < 2 || items.len() <= CHUNK {
        return write_chunk(out, items, 0, wire);
    }
    let chunks: Vec<&'i [T]> = items.chunks(CHUNK).collect();
    thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|worker| {
                let (send, finished) = mpsc::sync_channel(AHEAD);
                // Written buffers go back to their worker: no chunk grows a fresh one.
                let (give_back, returned) = mpsc::channel::<Vec<u8>>();
                let chunks = &chunks;
                scope.spawn(move || {
                    for k in (worker..chunks.len()).step_by(workers) {
                        let mut bytes = returned.try_recv().unwrap_or_default();
                        bytes.clear();
                        let done = write_chunk(&mut bytes, chunks[k], k * CHUNK, wire);
                        let failed = done.is_err();
                        // The writer hung up (it failed) or this chunk failed: stop.
                        if send.send(done.map(|()| bytes)).is_err() || failed {
                            return;
                        }
                    }
                });
                (finished, give_back)
            })
            .collect();
        for k in 0..chunks.len() {
            let (finished, give_back) = &workers[k % workers.len()];
            let bytes = finished.recv().map_err(|_| {
                serde_json::Error::io(std::io::Error::other("a report worker stopped"))
            })??;
            out.write_all(&bytes).map_err(serde_json::Error::io)?;
            // The worker is gone once it has sent its last chunk; the buffer is then freed.
            let _ = give_back.send(bytes);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use serde::ser::SerializeStruct;

    use super::{TopObject, CHUNK};

    #[derive(serde::Serialize)]
    struct Item {
        id: String,
        values: Vec<f64>,
        empty: Vec<u8>,
    }

    #[derive(serde::Serialize)]
    struct Whole<'a> {
        head: &'a str,
        items: &'a [Item],
        none: &'a [Item],
    }

    #[test]
    fn a_document_written_in_chunks_is_the_pretty_printers_bytes() {
        // More items than a chunk, so the workers' path is taken where there are cores.
        let items: Vec<Item> = (0..CHUNK * 3 + 5)
            .map(|k| Item {
                id: format!("item-{k}\u{202E}"),
                values: vec![k as f64 / 3.0, 1.5],
                empty: Vec::new(),
            })
            .collect();
        let mut chunked = Vec::new();
        let mut document = TopObject::new(&mut chunked).unwrap();
        document.serialize_field("head", "a").unwrap();
        document.list("items", &items, |item| item).unwrap();
        document.list("none", &items[..0], |item| item).unwrap();
        document.end().unwrap();
        let whole = Whole {
            head: "a",
            items: &items,
            none: &[],
        };
        assert_eq!(
            String::from_utf8(chunked).unwrap(),
            crate::text::json_pretty(&whole)
        );
    }
}
