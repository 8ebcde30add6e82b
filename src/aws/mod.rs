//! Typed helpers over the AWS SDK.

pub mod alarm_history;
pub mod alarms;
pub mod calls;
pub mod cloudtrail;
pub mod error;
pub mod insights;
pub mod metrics;
pub mod settings;
pub mod streams;
pub mod table;

pub use error::{AwsError, AwsErrorKind, AwsResultExt};
