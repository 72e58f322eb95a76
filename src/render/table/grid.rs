//! A grid of one-line cells written row by row, byte for byte as comfy-table draws its
//! `UTF8_FULL_CONDENSED` grids with content arrangement disabled, but without holding the
//! rows: a landscape's gaps table (690,000 rows) went through comfy-table's cells, lines
//! and joined string, several gigabytes for 170 MB of text. The rows are made twice, once
//! to measure the columns and once to write them.

use std::fmt::{self, Write as _};

use unicode_width::UnicodeWidthStr;

use super::{align_right, grid};
use crate::parallel::in_order;
use crate::text::TerminalText;

/// The widest column comfy-table keeps on one line (its widths are `u16`).
const WIDEST: usize = u16::MAX as usize;

/// A grid's columns: titles and which are right-aligned.
pub(super) struct Columns<'a> {
    pub header: &'a [&'a str],
    pub right: &'a [usize],
}

/// Writes the grid of `rows` rows, each made by `row` into the cells it is given (cleared
/// first), then a line break. A cell with a line break or wider than comfy-table's widest
/// column is drawn by comfy-table itself (it splits such cells over lines), so the grid is
/// the same either way.
pub(super) fn write_grid(
    out: &mut TerminalText,
    columns: &Columns,
    rows: usize,
    row: impl Fn(usize, &mut Vec<String>) + Sync,
) -> fmt::Result {
    let mut widths: Vec<usize> = columns.header.iter().map(|h| h.width()).collect();
    let mut multiline = false;
    in_order(
        rows,
        CHUNK,
        |range| {
            let mut cells: Vec<String> = Vec::with_capacity(columns.header.len());
            let mut widths = vec![0; columns.header.len()];
            for r in range {
                cells.clear();
                row(r, &mut cells);
                for (width, cell) in widths.iter_mut().zip(&cells) {
                    if cell.contains('\n') {
                        return (widths, true);
                    }
                    *width = (*width).max(cell.width());
                }
            }
            (widths, false)
        },
        |(chunk_widths, chunk_multiline)| {
            multiline |= chunk_multiline;
            for (width, chunk) in widths.iter_mut().zip(chunk_widths) {
                *width = (*width).max(chunk);
            }
            Ok(())
        },
    )?;
    if multiline
        || columns.header.iter().any(|h| h.contains('\n'))
        || widths.iter().any(|w| *w > WIDEST)
    {
        return through_comfy_table(out, columns, rows, &row);
    }
    for width in &mut widths {
        *width = (*width).max(1);
    }
    let right: Vec<bool> = (0..widths.len())
        .map(|c| columns.right.contains(&c))
        .collect();
    border(out, &widths, ['┌', '─', '┬', '┐'])?;
    let header: Vec<String> = columns.header.iter().map(ToString::to_string).collect();
    let mut line = String::new();
    write_line(&mut line, &widths, &right, &header);
    out.write_str(&line)?;
    border(out, &widths, ['╞', '═', '╪', '╡'])?;
    in_order(
        rows,
        CHUNK,
        |range| {
            let mut cells: Vec<String> = Vec::with_capacity(columns.header.len());
            let mut lines = String::new();
            for r in range {
                cells.clear();
                row(r, &mut cells);
                write_line(&mut lines, &widths, &right, &cells);
            }
            lines
        },
        |lines| out.write_str(&lines),
    )?;
    border(out, &widths, ['└', '─', '┴', '┘'])?;
    writeln!(out)
}

/// Rows a worker takes at a time.
const CHUNK: usize = 4096;

/// A border line: left corner, the fill across each column with junctions between, right
/// corner. The last one (the bottom) ends without a line break, as comfy-table's does.
fn border(
    out: &mut TerminalText,
    widths: &[usize],
    [left, fill, junction, right]: [char; 4],
) -> fmt::Result {
    let mut line = String::new();
    line.push(left);
    for (c, width) in widths.iter().enumerate() {
        if c > 0 {
            line.push(junction);
        }
        line.extend(std::iter::repeat_n(fill, width + 2));
    }
    line.push(right);
    if left != '└' {
        line.push('\n');
    }
    out.write_str(&line)
}

/// One row: each cell padded to its column, one space either side, `┆` between.
fn write_line(line: &mut String, widths: &[usize], right: &[bool], cells: &[String]) {
    line.push('│');
    for (c, width) in widths.iter().enumerate() {
        if c > 0 {
            line.push('┆');
        }
        let cell = cells.get(c).map_or("", String::as_str);
        let pad = width - cell.width();
        line.push(' ');
        if right[c] {
            line.extend(std::iter::repeat_n(' ', pad));
            line.push_str(cell);
        } else {
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', pad));
        }
        line.push(' ');
    }
    line.push_str("│\n");
}

/// The grid drawn by comfy-table, for cells it splits over lines.
fn through_comfy_table(
    out: &mut TerminalText,
    columns: &Columns,
    rows: usize,
    row: &impl Fn(usize, &mut Vec<String>),
) -> fmt::Result {
    let mut table = grid(columns.header);
    for r in 0..rows {
        let mut cells = Vec::with_capacity(columns.header.len());
        row(r, &mut cells);
        table.add_row(cells);
    }
    align_right(&mut table, columns.right);
    writeln!(out, "{table}")
}

#[cfg(test)]
mod tests {
    use super::{write_grid, Columns};
    use crate::render::table::{align_right, grid};
    use crate::text::TerminalText;

    /// The grid of `rows` written here and by comfy-table.
    fn both(header: &[&str], right: &[usize], rows: &[Vec<&str>]) -> (String, String) {
        let mut ours = TerminalText::new(false);
        let columns = Columns { header, right };
        write_grid(&mut ours, &columns, rows.len(), |r, cells| {
            cells.extend(rows[r].iter().map(ToString::to_string));
        })
        .unwrap();
        let mut theirs = grid(header);
        for r in rows {
            theirs.add_row(r.clone());
        }
        align_right(&mut theirs, right);
        (ours.into_string(), format!("{theirs}\n"))
    }

    #[test]
    fn grids_are_drawn_as_comfy_table_draws_them() {
        type Case<'a> = (Vec<&'a str>, Vec<usize>, Vec<Vec<&'a str>>);
        let cases: Vec<Case> = vec![
            (
                vec!["A", "Bee"],
                vec![1],
                vec![vec!["x", "1.5"], vec!["long text", ""]],
            ),
            (vec!["A", "B"], vec![], vec![]),
            (
                vec!["", "Wide"],
                vec![0, 1],
                vec![vec!["", "日本語 😀 e\u{301}"], vec!["z", "a"]],
            ),
            (
                vec!["One"],
                vec![0],
                vec![vec!["2"], vec!["3,000.5"], vec!["\u{200D}"]],
            ),
            (
                vec!["A", "B"],
                vec![0],
                vec![vec!["two\nlines", "x"], vec!["y", "z"]],
            ),
            (vec!["A", "B"], vec![1], vec![vec!["short"]]),
        ];
        for (header, right, rows) in cases {
            let (ours, theirs) = both(&header, &right, &rows);
            assert_eq!(ours, theirs, "{header:?} {rows:?}");
        }
        let wide = "w".repeat(70_000);
        let (ours, theirs) = both(&["A"], &[], &[vec![wide.as_str()]]);
        assert_eq!(ours, theirs);
    }
}
