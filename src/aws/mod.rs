//! Typed helpers over the AWS SDK.

pub(crate) mod alarm_history;
pub(crate) mod alarms;
pub mod calls;
pub(crate) mod cloudtrail;
pub(crate) mod dashboard;
pub(crate) mod error;
pub(crate) mod insights;
pub(crate) mod lambda;
pub(crate) mod metrics;
pub(crate) mod one_item;
pub(crate) mod reachability;
pub(crate) mod settings;
pub(crate) mod streams;
pub(crate) mod table;
pub(crate) mod table_restore;

pub use error::{AwsError, AwsErrorKind, AwsResultExt};
