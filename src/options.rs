//! The settings of a compare, and the one way it stops early: below the pipeline and its stages,
//! which all take them.

use std::time::Duration;

use crate::load;

/// Limits and settings of a compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Files larger than this are refused with a message saying how to raise the limit.
    pub max_file_bytes: u64,
    /// Time allowed for one word diff; past it the diff is approximate and says so.
    pub diff_timeout: Duration,
    /// Time allowed for fetching one link.
    pub fetch_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_file_bytes: load::DEFAULT_MAX_FILE_BYTES,
            diff_timeout: Duration::from_millis(250),
            fetch_timeout: crate::fetch::DEFAULT_FETCH_TIMEOUT,
        }
    }
}

/// The compare was cancelled before it finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;
