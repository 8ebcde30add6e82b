//! Typed helpers over the AWS SDK.

pub(crate) mod alarm_history;
pub(crate) mod alarms;
pub(crate) mod athena;
pub mod calls;
pub(crate) mod cloudtrail;
pub(crate) mod contributors;
pub(crate) mod costexplorer;
pub(crate) mod dashboard;
pub(crate) mod error;
pub(crate) mod exports;
pub(crate) mod glue;
pub(crate) mod iam;
pub(crate) mod insights;
pub(crate) mod items;
pub(crate) mod lambda;
pub(crate) mod metrics;
pub(crate) mod one_item;
pub mod ops;
pub(crate) mod reachability;
pub(crate) mod retry;
pub(crate) mod settings;
pub(crate) mod streams;
pub(crate) mod table;
pub(crate) mod table_restore;

pub use error::{AwsError, AwsErrorKind, AwsResultExt};
