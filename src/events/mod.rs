//! The shared events core: model and validation, key encoding, item size, writes, queries and
//! imports. Every command that writes or reads events goes through here.

pub mod canary;
pub mod compare;
pub mod dedupe;
pub mod import;
pub mod input;
pub mod keys;
pub mod model;
pub mod numbers;
pub mod query;
pub mod record;
pub mod scan;
pub mod size;
pub mod spool;
pub mod strict_json;
pub mod writer;

pub use model::{Event, EventInput};
