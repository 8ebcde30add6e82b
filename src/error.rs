//! Errors the library raises that are not AWS's: bad input found at run time, refusals.

/// Input that is wrong in itself (a malformed value found only after parsing): exit 64.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl UsageError {
    pub(crate) fn new(message: impl Into<String>) -> UsageError {
        UsageError(message.into())
    }
}

/// Something the tool will not do as asked (an existing table, a production env, a table it did
/// not create): a failure with one line that says why and what to do instead. Exit 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Refusal(pub String);

impl Refusal {
    pub(crate) fn new(message: impl Into<String>) -> Refusal {
        Refusal(message.into())
    }
}

/// A table, event or other thing the command was asked about that is not there (AWS answered,
/// and it does not have it): exit 1, `error.kind` `not_found` (docs/json.md).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct NotFound(pub String);

impl NotFound {
    pub(crate) fn new(message: impl Into<String>) -> NotFound {
        NotFound(message.into())
    }
}
