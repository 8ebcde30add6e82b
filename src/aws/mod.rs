//! Typed helpers over the AWS SDK.

pub(crate) mod alarm_definition;
pub(crate) mod alarm_history;
pub(crate) mod alarm_state;
pub(crate) mod alarms;
pub(crate) mod athena;
pub(crate) mod autoscaling;
pub(crate) mod backup;
pub mod calls;
pub(crate) mod cloudtrail;
pub(crate) mod consumer_logs;
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
pub(crate) mod lambda_admin;
pub(crate) mod metric_data;
pub(crate) mod metrics;
/// The operations are declared in the bottom layer (`spec::iam` derives policies from them).
pub use crate::vocab::ops;
pub mod publish;
pub(crate) mod reachability;
pub(crate) mod resource_policy;
pub(crate) mod retry;
pub(crate) mod settings;
pub(crate) mod sns;
pub(crate) mod streams;
pub(crate) mod sts;
pub(crate) mod table;
pub(crate) mod table_restore;

pub use error::{AwsError, AwsErrorKind, AwsResultExt};
