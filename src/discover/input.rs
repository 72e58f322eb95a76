//! Opening a log: gzip or plain, XES or CSV, with the caps that keep a hostile file from
//! running forever or filling memory (docs/discover.md, "Limits").

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use flate2::read::MultiGzDecoder;

/// The largest CSV record or XML tag (with its text) read in one piece: far above any
/// real event (a few KB), far below memory; a 1 GB line stops here.
pub const MAX_RECORD_BYTES: u64 = 1 << 20;
/// A gzip log may inflate to this much whatever its size...
pub const MIN_INFLATED_CAP: u64 = 256 << 20;
/// ...or to this many times its compressed size, whichever is more. Real XES compresses
/// 20-25 times; a gzip bomb about 1000 times.
pub const MAX_INFLATE_RATIO: u64 = 100;

const BUFFER: usize = 1 << 16;

/// Why reading stopped early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A record or tag larger than [`MAX_RECORD_BYTES`].
    RecordTooLong,
    /// Inflated past the cap.
    Bomb {
        /// The cap, in bytes.
        cap: u64,
    },
}

/// What the parse loop and the guard share.
#[derive(Debug, Default)]
pub struct Budget {
    read: Cell<u64>,
    limit: Cell<u64>,
    refused: Cell<Option<Refusal>>,
}

impl Budget {
    /// Called after each complete record or tag: the next one may be [`MAX_RECORD_BYTES`].
    pub fn next_record(&self) {
        self.limit
            .set(self.read.get() + MAX_RECORD_BYTES + BUFFER as u64);
    }

    /// Why the guard stopped the reading, if it did.
    pub fn refused(&self) -> Option<Refusal> {
        self.refused.get()
    }
}

/// Counts the (inflated) bytes the parser reads and refuses past the caps.
struct Guard<R> {
    inner: R,
    budget: Rc<Budget>,
    inflated_cap: Option<u64>,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = self.budget.read.get() + n as u64;
        self.budget.read.set(read);
        let refusal = match self.inflated_cap {
            Some(cap) if read > cap => Some(Refusal::Bomb { cap }),
            _ if read > self.budget.limit.get() => Some(Refusal::RecordTooLong),
            _ => None,
        };
        if let Some(r) = refusal {
            self.budget.refused.set(Some(r));
            return Err(io::Error::other("input refused"));
        }
        Ok(n)
    }
}

/// The two log formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// XES (XML).
    Xes,
    /// CSV with a header.
    Csv,
}

/// An opened log: its (inflated) text as a buffered reader, its kind, the shared budget.
pub struct Opened {
    /// The text.
    pub reader: Box<dyn BufRead>,
    /// XES or CSV, from the first characters.
    pub kind: Kind,
    /// The caps.
    pub budget: Rc<Budget>,
}

/// Opens `path`, inflating gzip (told by its magic bytes, not its name), and tells XES
/// (the text starts with `<`) from CSV.
pub fn open(path: &Path) -> io::Result<Opened> {
    let mut file = BufReader::with_capacity(BUFFER, File::open(path)?);
    let size = file.get_ref().metadata().map_or(0, |m| m.len());
    let gzip = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let budget = Rc::new(Budget::default());
    budget.next_record();
    let inner: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let guard = Guard {
        inner,
        budget: Rc::clone(&budget),
        inflated_cap: gzip.then(|| MIN_INFLATED_CAP.max(size.saturating_mul(MAX_INFLATE_RATIO))),
    };
    let mut reader = BufReader::with_capacity(BUFFER, guard);
    let start = reader.fill_buf()?;
    let start = start.strip_prefix(b"\xef\xbb\xbf").unwrap_or(start);
    let kind = match start.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Kind::Xes,
        _ => Kind::Csv,
    };
    Ok(Opened {
        reader: Box::new(reader),
        kind,
        budget,
    })
}

/// Turns the byte offsets (in the inflated text) that the XES reader gives its problems
/// into line numbers, reading the log again as far as the last of them. Only the listed
/// problems are placed; reading stops early (keeping the offsets) if the log cannot be read.
pub fn lines_of(path: &Path, problems: &mut super::Problems) {
    let mut wanted: Vec<u64> = problems.list.iter().filter_map(|p| p.line).collect();
    if wanted.is_empty() {
        return;
    }
    wanted.sort_unstable();
    wanted.dedup();
    let Ok(mut opened) = open(path) else { return };
    let mut lines: Vec<(u64, u64)> = Vec::with_capacity(wanted.len());
    let (mut at, mut newlines) = (0u64, 0u64);
    let mut next = wanted.iter().copied().peekable();
    let mut buf = vec![0u8; BUFFER];
    while next.peek().is_some() {
        let n = match opened.reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let chunk = &buf[..n];
        while let Some(&offset) = next.peek().filter(|&&o| o < at + n as u64) {
            let within = usize::try_from(offset - at).unwrap_or(n);
            lines.push((offset, newlines + count_newlines(&chunk[..within]) + 1));
            next.next();
        }
        newlines += count_newlines(chunk);
        at += n as u64;
    }
    // An offset at or past the end (a file cut short) is on the last line.
    for offset in next {
        lines.push((offset, newlines + 1));
    }
    for p in &mut problems.list {
        if let Some(offset) = p.line {
            p.line = lines
                .iter()
                .find(|(o, _)| *o == offset)
                .map(|(_, l)| *l)
                .or(p.line);
        }
    }
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().map(|&b| u64::from(b == b'\n')).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(bytes: Vec<u8>, cap: Option<u64>) -> (Guard<io::Cursor<Vec<u8>>>, Rc<Budget>) {
        let budget = Rc::new(Budget::default());
        budget.next_record();
        let g = Guard {
            inner: io::Cursor::new(bytes),
            budget: Rc::clone(&budget),
            inflated_cap: cap,
        };
        (g, budget)
    }

    #[test]
    fn inflating_past_the_cap_is_refused() {
        let (mut g, budget) = guard(vec![b'x'; 5000], Some(1000));
        let mut sink = Vec::new();
        assert!(g.read_to_end(&mut sink).is_err());
        assert_eq!(budget.refused(), Some(Refusal::Bomb { cap: 1000 }));
        assert!(sink.len() <= 1000 + 5000);
    }

    #[test]
    fn a_record_past_the_cap_is_refused_and_a_new_record_resets_it() {
        let size = (MAX_RECORD_BYTES + BUFFER as u64) as usize + 10;
        let (mut g, budget) = guard(vec![b'x'; size], None);
        let mut buf = vec![0; 1 << 16];
        let mut read = 0;
        let refused = loop {
            match g.read(&mut buf) {
                Ok(0) => break false,
                Ok(n) => {
                    read += n;
                }
                Err(_) => break true,
            }
        };
        assert!(refused && read <= size);
        assert_eq!(budget.refused(), Some(Refusal::RecordTooLong));
        // Records that each stay under the cap read through.
        let (mut g, budget) = guard(vec![b'x'; size], None);
        loop {
            match g.read(&mut buf) {
                Ok(0) => break,
                Ok(_) => budget.next_record(),
                Err(e) => panic!("{e}"),
            }
        }
        assert_eq!(budget.refused(), None);
    }

    #[test]
    fn offsets_become_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.xes");
        std::fs::write(&path, "<log>\n<trace>\n\n<event/>\n</log>").unwrap();
        let mut problems = super::super::Problems::new("l.xes");
        for offset in [3, 8, 16, 20, 999] {
            problems.at_line(offset, None, "x");
        }
        lines_of(&path, &mut problems);
        let lines: Vec<u64> = problems.list.iter().filter_map(|p| p.line).collect();
        assert_eq!(lines, vec![1, 2, 4, 4, 5]);
    }
}
