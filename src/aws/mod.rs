//! Typed helpers over the AWS SDK.

pub mod error;
pub mod table;

pub use error::{AwsError, AwsErrorKind, AwsResultExt};
