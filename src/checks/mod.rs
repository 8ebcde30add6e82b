//! One module per runbook procedure: `gather` makes the AWS calls (concurrently), `evaluate` is a
//! pure function from what AWS returned to findings, unit-tested without a network.

pub mod alarms;
pub mod bench;
pub mod capacity;
pub mod changes;
pub mod evidence;
pub mod hot;
pub mod id;
pub mod keys;
pub mod latency;
pub mod pitr;
pub mod quarterly;
pub mod restore;
pub mod settings;
pub mod shape;
pub mod stream;
pub mod table;
pub mod throttling;
pub mod ttl;
