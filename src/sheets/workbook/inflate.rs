//! A ZIP workbook inflated entry by entry into nothing, counting bytes, shared strings
//! and cell references (XLSX) or measuring the sheets (ODS), before calamine reads it.

use std::fs;
use std::io::{self, BufReader, Read};
use std::path::Path;

use super::{
    bounded, too_many_cells, MAX_CELLS, MAX_COLUMNS, MAX_INFLATED_BYTES, MAX_ROWS,
    MAX_SHARED_STRINGS, MAX_ZIP_ENTRIES,
};

/// Which workbook a ZIP holds.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Xlsx,
    Ods,
}

/// Inflates every entry of a ZIP workbook into nothing, within the caps, checking cell
/// references (XLSX) or measuring the sheets (ODS) on the way.
pub(super) fn check_zip(path: &Path, kind: Kind) -> Result<(), String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot read it: {e}"))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| format!("cannot read the workbook: {}", bounded(e)))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "the workbook has {} parts, more than the {MAX_ZIP_ENTRIES} read",
            zip.len()
        ));
    }
    let mut total: u64 = 0;
    for index in 0..zip.len() {
        let mut entry = zip
            .by_index(index)
            .map_err(|e| format!("cannot read the workbook: {}", bounded(e)))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default();
        if total.saturating_add(entry.size()) > MAX_INFLATED_BYTES {
            return Err(inflated_error());
        }
        let lower = name.to_ascii_lowercase();
        let left = MAX_INFLATED_BYTES - total;
        let mut limited = (&mut entry).take(left + 1);
        let counted = if kind == Kind::Ods && lower == "content.xml" {
            measure_ods(&mut limited)?
        } else if kind == Kind::Xlsx && Path::new(&lower).extension().is_some_and(|e| e == "xml") {
            scan_xlsx(&mut limited, &name)?
        } else {
            io::copy(&mut limited, &mut io::sink())
                .map_err(|e| format!("cannot read the workbook: {}", bounded(e)))?
        };
        total += counted;
        if total > MAX_INFLATED_BYTES {
            return Err(inflated_error());
        }
    }
    Ok(())
}

fn inflated_error() -> String {
    format!(
        "the workbook inflates to more than {} MiB (a ZIP bomb, or far more than an inventory)",
        MAX_INFLATED_BYTES >> 20
    )
}

/// Reads an XLSX part through, checking every cell reference (`r="B7"`, `ref="A1:C9"`)
/// and, in the shared-strings part, the strings declared and held. Returns the bytes read.
fn scan_xlsx(reader: &mut dyn Read, part: &str) -> Result<u64, String> {
    const KEEP: usize = 96;
    let shared = part.to_ascii_lowercase().ends_with("sharedstrings.xml");
    let mut buffer: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut chunk = vec![0u8; 1 << 16];
    let mut total = 0u64;
    let mut strings = 0u64;
    loop {
        let read = reader
            .read(&mut chunk)
            .map_err(|e| format!("cannot read the workbook: {}", bounded(e)))?;
        total += read as u64;
        buffer.extend_from_slice(&chunk[..read]);
        let end = read == 0;
        // Matches starting in the last KEEP bytes wait for the next chunk.
        let limit = if end {
            buffer.len()
        } else {
            buffer.len().saturating_sub(KEEP)
        };
        check_references(&buffer, limit, part)?;
        if shared {
            strings += count_strings(&buffer[..limit]);
            if strings > MAX_SHARED_STRINGS {
                return Err(format!(
                    "the workbook holds more than {MAX_SHARED_STRINGS} shared strings"
                ));
            }
            if let Some(declared) = attribute(&buffer, limit, b"uniqueCount=") {
                let n: u64 = declared.parse().unwrap_or(u64::MAX);
                if n > MAX_SHARED_STRINGS {
                    return Err(format!(
                        "the workbook declares {} shared strings, more than the {MAX_SHARED_STRINGS} read",
                        bounded(declared)
                    ));
                }
            }
        }
        if end {
            return Ok(total);
        }
        buffer.drain(..limit);
    }
}

/// The number of `<si>` elements starting in `bytes`.
fn count_strings(bytes: &[u8]) -> u64 {
    bytes
        .windows(4)
        .filter(|w| w[..3] == *b"<si" && matches!(w[3], b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r'))
        .count() as u64
}

/// The value of the first attribute `name` (with its `=`) starting before `limit`.
fn attribute<'a>(bytes: &'a [u8], limit: usize, name: &[u8]) -> Option<&'a str> {
    let at = bytes[..limit.min(bytes.len())]
        .windows(name.len())
        .position(|w| w == name)?;
    let rest = &bytes[at + name.len()..];
    let quote = *rest.first()?;
    let value = &rest[1..];
    let close = value.iter().take(64).position(|b| *b == quote)?;
    std::str::from_utf8(&value[..close]).ok()
}

/// Checks every ` r="..."` and ` ref="..."` starting before `limit`.
fn check_references(bytes: &[u8], limit: usize, part: &str) -> Result<(), String> {
    for name in [&b" r="[..], &b" ref="[..], &b"\tr="[..], &b"\nr="[..]] {
        let mut from = 0;
        while let Some(found) = bytes[from..limit.min(bytes.len())]
            .windows(name.len())
            .position(|w| w == name)
        {
            let at = from + found + name.len();
            from = at;
            let Some(&quote) = bytes.get(at) else { break };
            if quote != b'"' && quote != b'\'' {
                continue;
            }
            let value = &bytes[at + 1..];
            let close = value.iter().take(40).position(|b| *b == quote);
            let reference = close.and_then(|c| std::str::from_utf8(&value[..c]).ok());
            match reference {
                Some(r) if valid_reference(r) => {}
                _ => {
                    let shown = String::from_utf8_lossy(&value[..value.len().min(24)]);
                    let shown = shown.split(['"', '\'']).next().unwrap_or("");
                    return Err(format!(
                        "{part}: the cell reference `{}` is outside any sheet (A1 to XFD1048576)",
                        crate::text::terminal(shown)
                    ));
                }
            }
        }
    }
    Ok(())
}

/// `B7`, `7` (a row), `A1:C9`, `A:C` or `1:3`, within XFD1048576.
fn valid_reference(reference: &str) -> bool {
    reference.split(':').all(|part| {
        let letters = part.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (column, row) = part.split_at(letters);
        let column_ok = column.is_empty()
            || (column.len() <= 3
                && column.bytes().fold(0u32, |n, c| {
                    n * 26 + u32::from(c.to_ascii_uppercase() - b'A') + 1
                }) <= MAX_COLUMNS);
        let row_ok = row.is_empty()
            || (row.len() <= 7
                && row.bytes().all(|c| c.is_ascii_digit())
                && row
                    .parse::<u32>()
                    .is_ok_and(|r| (1..=MAX_ROWS).contains(&r)));
        !part.is_empty() && column_ok && row_ok
    })
}

/// Reads an ODS `content.xml` through, measuring each table's used area as calamine will
/// make it (rows and columns repeated expanded, empty rows inside the area too). Returns
/// the bytes read.
fn measure_ods(reader: &mut dyn Read) -> Result<u64, String> {
    use quick_xml::events::Event;
    let mut counting = Counting {
        inner: reader,
        read: 0,
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(&mut counting));
    let mut buf = Vec::new();
    let mut area: u64 = 0;
    let mut table = OdsTable::default();
    let repeat = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("cannot read the workbook: {}", bounded(e)))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                table = OdsTable::default();
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                table.row_repeat = repeat(&e, "table:number-rows-repeated");
                table.column = 0;
                table.row_last = None;
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                table.row += repeat(&e, "table:number-rows-repeated");
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let columns = repeat(e, "table:number-columns-repeated");
                let has_value = matches!(event, Event::Start(_))
                    || e.attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == "office:value-type");
                table.column = table.column.saturating_add(columns);
                if has_value {
                    table.row_last = Some(table.column);
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(last) = table.row_last {
                    table.first.get_or_insert(table.row);
                    table.last = table.row.saturating_add(table.row_repeat);
                    table.width = table.width.max(last);
                }
                table.row = table.row.saturating_add(table.row_repeat);
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(first) = table.first {
                    area = area.saturating_add((table.last - first).saturating_mul(table.width));
                }
                if area > MAX_CELLS {
                    return Err(too_many_cells());
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    drop(xml);
    Ok(counting.read)
}

/// Where the measure of one ODS table stands.
#[derive(Default)]
struct OdsTable {
    row: u64,
    row_repeat: u64,
    column: u64,
    row_last: Option<u64>,
    first: Option<u64>,
    last: u64,
    width: u64,
}

/// A reader that counts what passes through.
struct Counting<'a> {
    inner: &'a mut dyn Read,
    read: u64,
}

impl Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_within_a_sheet_pass_and_others_do_not() {
        for ok in ["A1", "XFD1048576", "B7:C9", "7", "1:3", "A:C", "aa10"] {
            assert!(valid_reference(ok), "{ok}");
        }
        for bad in [
            "ZZZZZZ1",
            "A4294967295",
            "XFE1",
            "A1048577",
            "A0",
            "",
            "A1B",
            "A-1",
        ] {
            assert!(!valid_reference(bad), "{bad}");
        }
    }

    #[test]
    fn a_scan_finds_references_across_chunk_boundaries() {
        let mut xml = "<x>".repeat(30_000).into_bytes();
        xml.extend_from_slice(br#"<dimension ref="A1:ZZZZZZ1"/>"#);
        let refused = scan_xlsx(&mut xml.as_slice(), "sheet1.xml").unwrap_err();
        assert!(
            refused.contains("`A1:ZZZZZZ1` is outside any sheet"),
            "{refused}"
        );
        let strings = br#"<sst uniqueCount="4294967295"><si><t>a</t></si></sst>"#;
        let refused = scan_xlsx(&mut strings.as_slice(), "xl/sharedStrings.xml").unwrap_err();
        assert!(
            refused.contains("declares 4294967295 shared strings"),
            "{refused}"
        );
    }
}
