//! Writing a fixed file safely: only if it still holds what was read, never through a read-only
//! file, atomically (a temporary file in the same folder, flushed to disk, then renamed over the
//! original, with the original's permissions).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::Msg;
use crate::msg;

#[derive(Debug)]
pub enum WriteError {
    /// The file changed (or vanished) since it was read.
    Changed,
    /// The file is read-only.
    ReadOnly,
    Io(std::io::Error),
}

impl WriteError {
    pub fn describe(&self) -> Msg {
        match self {
            WriteError::Changed => msg!(
                "it changed since it was read; run again",
                "读取后文件已被修改，请重新运行"
            ),
            WriteError::ReadOnly => msg!(
                "the file is read-only; left untouched",
                "文件为只读，未作修改"
            ),
            WriteError::Io(e) => msg!("cannot write it: {e}", "无法写入：{e}"),
        }
    }
}

/// Replace the file at `path` (following a symlink to the real file) with `fixed`, provided
/// it still holds exactly `original`.
pub fn write_fixed(path: &Path, original: &str, fixed: &str) -> Result<(), WriteError> {
    let real = path.canonicalize().map_err(|_| WriteError::Changed)?;
    let meta = std::fs::metadata(&real).map_err(|_| WriteError::Changed)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    if !super::unchanged(&real, original) {
        return Err(WriteError::Changed);
    }
    let dir = real.parent().unwrap_or(Path::new("."));
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp, mut file) = create_temp(dir, &name).map_err(WriteError::Io)?;
    let result = (|| {
        file.write_all(fixed.as_bytes())?;
        file.set_permissions(meta.permissions())?;
        file.sync_all()?;
        drop(file);
        // Last look before replacing: a concurrent edit wins over our fix.
        if !super::unchanged(&real, original) {
            return Err(std::io::Error::other("changed"));
        }
        std::fs::rename(&tmp, &real)?;
        // Make the rename itself durable (best effort; not possible everywhere).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        if e.to_string() == "changed" {
            WriteError::Changed
        } else {
            WriteError::Io(e)
        }
    })
}

fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let pid = std::process::id();
    let mut last = None;
    for i in 0..100 {
        let tmp = dir.join(format!(".{name}.chattools-lint-{pid}-{i}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file name")))
}
