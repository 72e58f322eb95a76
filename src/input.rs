//! Reading a whole input with a size cap: a model, an exchange file, a CSV sheet. A regular
//! file larger than the cap is refused from its length, before a byte is read; a stream
//! (standard input, a pipe, `/dev/zero`) is read in pieces and refused the moment it passes
//! the cap, so memory never holds much more than the cap (a 400 MB model on standard input
//! stops at 256 MiB, not after doubling a buffer to 512 MiB). A model file is read and
//! validated in one step ([`open_model`]), its diagnostics written to the writer the
//! caller gives, its failures typed ([`OpenError`]).

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use crate::diagnostic::write_diagnostics;
use crate::model::{self, Loaded, Syntax};

/// The size of one piece read from a stream.
const PIECE: usize = 1 << 20;

/// Why an input could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The system refused.
    Io(io::Error),
    /// The input is larger than the cap (in bytes).
    TooLarge(u64),
}

/// Reads the file at `path` whole, at most `cap` bytes.
pub fn read_file(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Io(io::Error::other("it is a directory")));
    }
    if meta.is_file() {
        if meta.len() > cap {
            return Err(ReadError::TooLarge(cap));
        }
        // Sized from the file's length, so a 20 MB model is read into one allocation.
        let mut buffer = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
        file.take(cap + 1)
            .read_to_end(&mut buffer)
            .map_err(ReadError::Io)?;
        if buffer.len() as u64 > cap {
            return Err(ReadError::TooLarge(cap));
        }
        return Ok(buffer);
    }
    read_stream(&mut { file }, cap)
}

/// Reads `reader` to its end, at most `cap` bytes, in pieces of a few MiB: the bytes are
/// joined only once the whole input is known to fit.
pub fn read_stream(reader: &mut dyn Read, cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    let mut total: u64 = 0;
    loop {
        let mut piece = Vec::with_capacity(PIECE);
        let read = (&mut *reader)
            .take(PIECE as u64)
            .read_to_end(&mut piece)
            .map_err(ReadError::Io)?;
        total += read as u64;
        if total > cap {
            return Err(ReadError::TooLarge(cap));
        }
        if read == 0 {
            break;
        }
        pieces.push(piece);
    }
    if pieces.len() == 1 {
        return Ok(pieces.pop().unwrap_or_default());
    }
    let mut whole = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    for piece in pieces {
        whole.extend_from_slice(&piece);
    }
    Ok(whole)
}

/// The largest model read (256 MiB): generous for any real landscape (a 100 MB model
/// loads), and `/dev/zero` or `yes` on standard input stops here instead of filling memory
/// (read in pieces, so memory holds little more than this when it does).
pub const MAX_MODEL_BYTES: u64 = 256 << 20;

/// Why a model (or another text input a command reads whole) could not be opened; the
/// message names the input as the user gave it.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The system refused to read it.
    #[error("cannot read {input}: {error}")]
    Unreadable {
        /// `` `path` `` or "standard input".
        input: String,
        /// What the system said.
        error: io::Error,
    },
    /// It is larger than [`MAX_MODEL_BYTES`].
    #[error("{input} is larger than the input limit of {} MiB", cap >> 20)]
    TooLarge {
        /// Its shown name ([`shown_name`]).
        input: String,
        /// The limit in bytes.
        cap: u64,
    },
    /// It is not UTF-8.
    #[error("{input} is not UTF-8 text (invalid byte at offset {offset})")]
    NotText {
        /// The path as given.
        input: String,
        /// The offset of the first invalid byte.
        offset: usize,
    },
    /// It is not a valid model; its diagnostics were written.
    #[error("{input} is not a valid model ({count} error{})", if *count == 1 { "" } else { "s" })]
    Invalid {
        /// Its shown name ([`shown_name`]).
        input: String,
        /// How many errors the diagnostics gave.
        count: usize,
    },
}

/// How an input named `path` on the command line is shown in messages: the path, or
/// `<stdin>` for `-`.
pub fn shown_name(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

/// The text at `path` (`-`: `stdin`), at most [`MAX_MODEL_BYTES`]; a byte order mark is
/// dropped.
pub fn read_text(path: &str, stdin: &mut dyn Read) -> Result<String, OpenError> {
    let shown = shown_name(path);
    let read = if path == "-" {
        read_stream(stdin, MAX_MODEL_BYTES)
    } else {
        read_file(Path::new(path), MAX_MODEL_BYTES)
    };
    let bytes = read.map_err(|e| match e {
        ReadError::Io(error) => OpenError::Unreadable {
            input: if path == "-" {
                "standard input".to_string()
            } else {
                format!("`{path}`")
            },
            error,
        },
        ReadError::TooLarge(cap) => OpenError::TooLarge {
            input: shown.to_string(),
            cap,
        },
    })?;
    let bytes = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| OpenError::NotText {
        input: path.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The model at `path` (`-`: `stdin`) read and validated, with its text (for showing
/// warnings against their source lines). When it is not valid, every error is written to
/// `diagnostics` with its source excerpt, and [`OpenError::Invalid`] counts them.
pub fn open_model(
    path: &str,
    stdin: &mut dyn Read,
    diagnostics: &mut dyn Write,
) -> Result<(Loaded, String), OpenError> {
    let shown = shown_name(path);
    let source = read_text(path, stdin)?;
    match model::load(&source, Syntax::detect(path, &source)) {
        Ok(loaded) => Ok((loaded, source)),
        Err(errors) => {
            let _ = write_diagnostics(diagnostics, &errors, shown, &source);
            Err(OpenError::Invalid {
                input: shown.to_string(),
                count: errors.len(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_read_whole_under_the_cap_and_refused_past_it() {
        let bytes: Vec<u8> = (0..(PIECE * 2 + 17)).map(|i| (i % 251) as u8).collect();
        let read = read_stream(&mut bytes.as_slice(), bytes.len() as u64).unwrap();
        assert_eq!(read, bytes);
        let refused = read_stream(&mut bytes.as_slice(), bytes.len() as u64 - 1);
        assert!(matches!(refused, Err(ReadError::TooLarge(_))));
        assert!(read_stream(&mut io::empty(), 10).unwrap().is_empty());
    }

    #[test]
    fn a_large_file_is_refused_from_its_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        fs::write(&path, vec![b'x'; 1000]).unwrap();
        assert!(matches!(
            read_file(&path, 999),
            Err(ReadError::TooLarge(999))
        ));
        assert_eq!(read_file(&path, 1000).unwrap().len(), 1000);
    }
}
