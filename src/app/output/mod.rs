//! The one output path of every command: what a command produced is rendered whole into
//! memory and then written (to a file atomically, `file.rs`, or to standard output), or,
//! for formats that fail only when writing does, streamed straight to standard output.

mod file;

use file::write_with;
pub(super) use file::{check_not_input, write_pieces, OutputError, Pieces};

use std::io::{self, Write};
use std::path::Path;

use super::{fail, Failed, Outcome};
use gapgraph::diagnostic::terminal;
use gapgraph::render::{Render, RenderError};

/// Renders fully in memory, then writes: a failed render never leaves half an output.
/// What the renderer notes (Graphviz's warnings, size hints) goes to standard error.
pub(super) fn emit<D>(
    renderer: &dyn Render<D>,
    document: &D,
    output: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    if renderer.streams() {
        return match output.filter(|path| *path != Path::new("-")) {
            None => stream(renderer, document, stdout, stderr),
            Some(path) => stream_to_file(renderer, document, path, stderr),
        };
    }
    // Rendered whole before anything is written, so a failed render writes nothing.
    let mut buffer = Pieces::default();
    let mut notes = Vec::new();
    let rendered = renderer.render_noting(document, &mut buffer, &mut notes);
    for note in &notes {
        let _ = writeln!(stderr, "{}", terminal(note));
    }
    rendered.map_err(|e| fail(stderr, e))?;
    write_parts(&buffer.parts().collect::<Vec<_>>(), output, stdout, stderr)
}

/// Renders straight to standard output: for formats that fail only when writing does
/// ([`Render::streams`]). A closed pipe (`| head`) ends the output quietly, as elsewhere.
fn stream<D>(
    renderer: &dyn Render<D>,
    document: &D,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let mut notes = Vec::new();
    let mut out = io::BufWriter::with_capacity(1 << 16, &mut *stdout);
    let written = renderer
        .render_noting(document, &mut out, &mut notes)
        .and_then(|()| out.flush().map_err(RenderError::from));
    drop(out);
    for note in &notes {
        let _ = writeln!(stderr, "{}", terminal(note));
    }
    match written {
        Ok(()) => Ok(Outcome::Done),
        Err(RenderError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Outcome::Done),
        Err(RenderError::Io(e)) => Err(fail(
            stderr,
            format!("cannot write to standard output: {e}"),
        )),
        Err(e) => Err(fail(stderr, e)),
    }
}

/// Renders straight into the file `-o` names, for formats that fail only when writing
/// does ([`Render::streams`]): into a temporary file renamed into place once complete, so a
/// gigabyte report is never held in memory and a failed run still leaves no half file.
fn stream_to_file<D>(
    renderer: &dyn Render<D>,
    document: &D,
    path: &Path,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let mut notes = Vec::new();
    let mut failed = None;
    let written = write_with(path, &mut |file| {
        let mut out = io::BufWriter::with_capacity(1 << 16, file);
        match renderer.render_noting(document, &mut out, &mut notes) {
            Ok(()) => out.flush(),
            Err(RenderError::Io(e)) => Err(e),
            Err(e) => {
                let message = e.to_string();
                failed = Some(e);
                Err(io::Error::other(message))
            }
        }
    });
    for note in &notes {
        let _ = writeln!(stderr, "{}", terminal(note));
    }
    if let Some(e) = failed {
        return Err(fail(stderr, e));
    }
    written.map_err(|e| fail(stderr, e.to_string()))?;
    Ok(Outcome::Done)
}

/// Writes finished bytes to `output` (atomically) or standard output.
pub(super) fn write_out(
    bytes: &[u8],
    output: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    write_parts(&[bytes], output, stdout, stderr)
}

/// Writes finished parts, in order, to `output` (atomically) or standard output.
fn write_parts(
    parts: &[&[u8]],
    output: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let written = match output.filter(|path| *path != Path::new("-")) {
        Some(path) => write_pieces(path, &mut parts.iter().copied()).map_err(|e| e.to_string()),
        None => match parts
            .iter()
            .try_for_each(|part| stdout.write_all(part))
            .and_then(|()| stdout.flush())
        {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| format!("cannot write to standard output: {e}")),
        },
    };
    written.map_err(|message| fail(stderr, message))?;
    Ok(Outcome::Done)
}
