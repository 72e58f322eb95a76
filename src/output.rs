//! Writing results: to standard output, or atomically to a file (a temporary file in the
//! same folder renamed into place, so a failed run never leaves half a file).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".gapgraph-")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
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
