//! The shared vocabulary: types and constants several layers speak, at the bottom of the crate.
//! Nothing here imports another module of eventsctl (`tests/integration/layers.rs` fails on an
//! import cycle between top-level modules), so any module may use it.
//!
//! - [`check_id`]: every check id a finding can carry.
//! - `metrics` (crate-private): CloudWatch namespaces, statistics, metric keys, throttle reasons.
//! - [`ops`]: every AWS operation the tool calls, with its IAM action (what `iam-policy` is
//!   derived from).

pub mod check_id;
pub(crate) mod metrics;
pub mod ops;

pub use check_id::CheckId;
