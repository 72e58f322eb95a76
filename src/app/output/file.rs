//! Writing results with `-o`. A regular file (or a path that does not exist yet) is written
//! atomically: a temporary file in the same folder renamed into place, so a failed run never
//! leaves half a file. A symbolic link is followed, so its target is replaced and the link
//! kept. A character device (`/dev/null`, a terminal) or a FIFO is written directly: renaming
//! a file over it would replace the node and lose the output. Anything else (a directory, a
//! socket, a block device) is refused, as is the model file itself.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many links a chain of symbolic links may have (as Linux allows).
const MAX_LINKS: usize = 40;

/// Why output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output is a file the command reads (the output as given, the input as given).
    #[error("refusing to write `{}`: it is the input `{}`, and writing would destroy it", .0.display(), .1.display())]
    IsInput(PathBuf, PathBuf),
    /// The output names something that is not a file, a character device or a FIFO.
    #[error("`{0}` is {1}; give a file name")]
    NotWritable(PathBuf, &'static str),
    /// The system refused.
    #[error("cannot write `{0}`: {1}")]
    Io(PathBuf, io::Error),
}

/// A finished output held in pieces: a report of a hundred megabytes is never copied to
/// grow one buffer, and its pages are touched once (issue 8).
#[derive(Debug, Default)]
pub struct Pieces {
    pieces: Vec<Vec<u8>>,
}

/// The size of a new piece, unless one write is larger.
const PIECE: usize = 1 << 20;

impl Pieces {
    /// The bytes, in order.
    pub fn parts(&self) -> impl Iterator<Item = &[u8]> {
        self.pieces.iter().map(Vec::as_slice)
    }
}

impl Write for Pieces {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self.pieces.last_mut() {
            Some(last) if last.capacity() - last.len() >= bytes.len() => {
                last.extend_from_slice(bytes);
            }
            _ => {
                let mut piece = Vec::with_capacity(PIECE.max(bytes.len()));
                piece.extend_from_slice(bytes);
                self.pieces.push(piece);
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes `bytes` to `path`: atomically to a regular file, directly to a device or FIFO.
#[cfg(test)]
fn write_output(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    write_pieces(path, &mut std::iter::once(bytes))
}

/// Writes `parts`, in order, to `path`: atomically to a regular file, directly to a device
/// or FIFO.
pub fn write_pieces(
    path: &Path,
    parts: &mut dyn Iterator<Item = &[u8]>,
) -> Result<(), OutputError> {
    write_with(path, &mut |file| {
        for part in &mut *parts {
            file.write_all(part)?;
        }
        Ok(())
    })
}

/// What writes an output into the file (or device) it is given.
pub type Fill<'f> = dyn FnMut(&mut dyn Write) -> io::Result<()> + 'f;

/// Writes what `fill` writes to `path`: atomically to a regular file (a temporary file
/// renamed into place only once `fill` succeeded), directly to a device or FIFO.
pub fn write_with(path: &Path, fill: &mut Fill) -> Result<(), OutputError> {
    let io_error = |e| OutputError::Io(path.to_path_buf(), e);
    // What the name finally stands for, through every link (also the kernel's own, such as
    // `/dev/stdout` -> `/proc/self/fd/1` -> `pipe:[..]`, which names no path): a device or
    // FIFO is written through the name as given, since opening it follows those links.
    if let Ok(meta) = fs::metadata(path) {
        if !meta.is_file() {
            return match special_kind(&meta) {
                Special::Stream => write_stream(path, fill).map_err(io_error),
                Special::Refused(what) => Err(OutputError::NotWritable(path.to_path_buf(), what)),
            };
        }
    }
    let target = resolve_links(path).map_err(io_error)?;
    match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => write_atomic(&target, fill).map_err(io_error),
        Ok(meta) => match special_kind(&meta) {
            Special::Stream => write_stream(&target, fill).map_err(io_error),
            Special::Refused(what) => Err(OutputError::NotWritable(path.to_path_buf(), what)),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            write_atomic(&target, fill).map_err(io_error)
        }
        Err(e) => Err(io_error(e)),
    }
}

/// Refuses an output that is one of `inputs` (the same file, by any name, symbolic or
/// hard link). An output that does not exist yet is none of them.
pub fn check_not_input(inputs: &[&Path], output: &Path) -> Result<(), OutputError> {
    if output == Path::new("-") {
        return Ok(());
    }
    let Ok(written) = fs::metadata(output) else {
        return Ok(());
    };
    for input in inputs {
        if *input == Path::new("-") {
            continue;
        }
        if let Ok(read) = fs::metadata(input) {
            if same_file(&read, &written, input, output) {
                return Err(OutputError::IsInput(
                    output.to_path_buf(),
                    input.to_path_buf(),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata, _: &Path, _: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata, a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// Follows symbolic links to the path finally written (which may not exist yet: a link
/// to a file still to be created is followed too).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

enum Special {
    /// Written in place.
    Stream,
    /// Not written; what it is.
    Refused(&'static str),
}

#[cfg(unix)]
fn special_kind(meta: &fs::Metadata) -> Special {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_char_device() || kind.is_fifo() {
        Special::Stream
    } else if kind.is_dir() {
        Special::Refused("a directory")
    } else if kind.is_block_device() {
        Special::Refused("a block device")
    } else if kind.is_socket() {
        Special::Refused("a socket")
    } else {
        Special::Refused("not a regular file")
    }
}

#[cfg(not(unix))]
fn special_kind(meta: &fs::Metadata) -> Special {
    if meta.is_dir() {
        Special::Refused("a directory")
    } else {
        Special::Stream
    }
}

/// Writes to a device or FIFO as it is (no temporary file, no truncation of a node).
fn write_stream(path: &Path, fill: &mut Fill) -> io::Result<()> {
    let mut file = open_stream(path)?;
    fill(&mut file)?;
    file.flush()
}

/// Opens a device or FIFO for writing without waiting: a FIFO that nobody reads would
/// block `open` forever, so it is first opened non-blocking (which fails at once with
/// ENXIO when there is no reader), then again as usual while that reader is known to be
/// there (writes then block as a pipe's do, instead of failing with EAGAIN).
#[cfg(unix)]
fn open_stream(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let probe = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ENXIO) {
                io::Error::other("it is a FIFO that nobody reads (start the reader first)")
            } else {
                e
            }
        })?;
    let file = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(path);
    drop(probe);
    file
}

#[cfg(not(unix))]
fn open_stream(path: &Path) -> io::Result<fs::File> {
    OpenOptions::new().write(true).open(path)
}

/// tempfile's error without the random name of the file it could not make, which it adds
/// as ` at path "..."` (the user named only the output, which the caller's message gives),
/// so the message is the same from run to run.
fn without_temporary_name(error: io::Error) -> io::Error {
    let text = error.to_string();
    match text.rfind(" at path \"") {
        Some(at) => io::Error::new(error.kind(), &text[..at]),
        None => error,
    }
}

/// Writes what `fill` writes to the regular file `path` atomically.
fn write_atomic(path: &Path, fill: &mut Fill) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".gapgraph-")
        .tempfile_in(dir)
        .map_err(without_temporary_name)?;
    fill(file.as_file_mut())?;
    file.as_file().sync_all()?;
    let permissions = fs::metadata(path).map(|m| m.permissions()).ok();
    file.persist(path).map_err(|e| e.error)?;
    match permissions {
        Some(permissions) => fs::set_permissions(path, permissions)?,
        None => set_readable(path)?,
    }
    Ok(())
}

/// A temporary file is private (0600); a report is an ordinary file.
#[cfg(unix)]
fn set_readable(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_readable(_path: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_every_byte_in_order_across_pieces() {
        let mut pieces = Pieces::default();
        let mut expected = Vec::new();
        // Small writes fill a piece; one write larger than a piece gets its own.
        for k in 0..3000u32 {
            let line = format!("line {k}: {}\n", "x".repeat((k % 700) as usize));
            pieces.write_all(line.as_bytes()).unwrap();
            expected.extend_from_slice(line.as_bytes());
        }
        let big = vec![b'y'; PIECE + 17];
        pieces.write_all(&big).unwrap();
        expected.extend_from_slice(&big);
        pieces.write_all(b"end").unwrap();
        expected.extend_from_slice(b"end");
        assert!(pieces.parts().count() >= 2);
        assert_eq!(pieces.parts().collect::<Vec<_>>().concat(), expected);
    }
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn a_link_keeps_pointing_at_the_rewritten_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.txt");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("report.txt", &link).unwrap();
        write_output(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn devices_are_written_in_place_and_their_errors_reported() {
        // Only on a sound /dev/null: a replaced one is a regular file, and stays one.
        let null_is_device = |(): ()| {
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        };
        if null_is_device(()) {
            write_output(Path::new("/dev/null"), b"x").unwrap();
            assert!(null_is_device(()), "/dev/null was replaced");
        }
        let full = write_output(Path::new("/dev/full"), b"x");
        assert!(matches!(full, Err(OutputError::Io(..))), "{full:?}");
    }

    #[test]
    fn a_fifo_without_a_reader_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let refused = write_output(&fifo, b"x").unwrap_err().to_string();
        assert!(refused.contains("a FIFO that nobody reads"), "{refused}");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn a_missing_folder_is_said_without_the_temporary_files_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("report.json");
        let refused = write_output(&path, b"x").unwrap_err().to_string();
        assert_eq!(
            refused,
            format!(
                "cannot write `{}`: No such file or directory (os error 2)",
                path.display()
            )
        );
    }

    #[test]
    fn a_directory_and_the_model_itself_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let refused = write_output(dir.path(), b"x");
        assert!(matches!(
            refused,
            Err(OutputError::NotWritable(_, "a directory"))
        ));
        let model = dir.path().join("m.yaml");
        fs::write(&model, "name: x\n").unwrap();
        let alias = dir.path().join("alias.yaml");
        std::os::unix::fs::symlink(&model, &alias).unwrap();
        let same = check_not_input(&[&model], &alias);
        assert!(matches!(same, Err(OutputError::IsInput(..))));
        let hard = dir.path().join("hard.yaml");
        fs::hard_link(&model, &hard).unwrap();
        let other = dir.path().join("other.yaml");
        fs::write(&other, "name: y\n").unwrap();
        let same = check_not_input(&[&other, &model], &hard);
        assert!(matches!(same, Err(OutputError::IsInput(..))));
        assert!(check_not_input(&[&model], &dir.path().join("r.txt")).is_ok());
    }
}
