//! The shared vocabulary: types and constants several layers speak, at the bottom of the crate.
//! Nothing here imports another module of eventsctl (`tests/integration/layers.rs` fails on an
//! import cycle between top-level modules), so any module may use it.
//!
//! - [`check_id`]: every check id a finding can carry.
//! - [`defaults`]: flag defaults and choices the checks share with the command line.
//! - [`item`]: the one view of a stored item.
//! - `metrics` (crate-private): CloudWatch namespaces, statistics, metric keys, throttle reasons.
//! - `words` (crate-private): a count and its noun in the count's form (`1 user`, `2 users`).
//! - [`ops`]: every AWS operation the tool calls, with its IAM action (what `iam-policy` is
//!   derived from).

pub mod check_id;
pub mod defaults;
pub mod item;
pub(crate) mod metrics;
pub mod ops;
pub(crate) mod words;

pub use check_id::CheckId;
