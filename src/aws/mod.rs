//! Typed helpers over the AWS SDK.

pub(crate) mod alarm_history;
pub(crate) mod alarms;
pub(crate) mod athena;
pub mod calls;
pub(crate) mod cloudtrail;
pub(crate) mod contributors;
pub(crate) mod error;
pub(crate) mod exports;
pub(crate) mod glue;
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
