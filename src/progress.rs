//! Progress as the core reports it, without knowing how (or whether) it is drawn: `src/output/`
//! implements these traits (spinners and bars on stderr, or nothing).

/// One task in progress. Dropping it ends it (a drawn task vanishes).
pub trait Task: Sync {
    /// More units are done (events written, items read).
    fn advance(&self, units: u64);
    /// What is going on now (a status, a retry, stopping).
    fn status(&self, text: &str);
}

/// Starts tasks.
pub(crate) trait Reporter: Sync {
    /// A wait of unknown length.
    fn spinner(&self, message: &str) -> Box<dyn Task>;
}

/// Reports nothing (library callers and tests that draw no progress).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Silent;

impl Task for Silent {
    fn advance(&self, _units: u64) {}
    fn status(&self, _text: &str) {}
}

impl Reporter for Silent {
    fn spinner(&self, _message: &str) -> Box<dyn Task> {
        Box::new(Silent)
    }
}
