//! Typed helpers over the AWS SDK.

pub(crate) mod alarm_history;
pub(crate) mod alarms;
pub mod calls;
pub(crate) mod cloudtrail;
pub(crate) mod error;
pub(crate) mod insights;
pub(crate) mod items;
pub(crate) mod lambda;
pub(crate) mod metrics;
pub mod ops;
pub(crate) mod retry;
pub(crate) mod settings;
pub(crate) mod streams;
pub(crate) mod table;

pub use error::{AwsError, AwsErrorKind, AwsResultExt};
