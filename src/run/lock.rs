//! The run lock: one `newsmine run` per data directory at a time.

use std::fs::File;
use std::path::Path;

use crate::{Error, Result};

/// Holds the lock until dropped (or the process dies: the OS releases it, so a killed run never
/// leaves a stale lock behind).
pub struct RunLock {
    _file: File,
}

/// Takes the data directory's lock, or fails at once with [`Error::Locked`].
pub fn acquire(data_dir: &Path) -> Result<RunLock> {
    let path = data_dir.join("newsmine.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| Error::Io { path: path.clone(), source })?;
    match file.try_lock() {
        Ok(()) => Ok(RunLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked { path }),
        Err(std::fs::TryLockError::Error(source)) => Err(Error::Io { path, source }),
    }
}
