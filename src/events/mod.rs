//! The shared events core: model and validation, key encoding, item size, writes, queries and
//! imports. Every command that writes or reads events goes through here.

pub(crate) mod canary;
pub(crate) mod compare;
pub(crate) mod dedupe;
pub(crate) mod failed_file;
pub(crate) mod import;
pub(crate) mod input;
pub(crate) mod insert;
pub(crate) mod keys;
pub(crate) mod model;
pub(crate) mod numbers;
pub(crate) mod query;
pub(crate) mod record;
pub(crate) mod scan;
pub(crate) mod size;
pub(crate) mod spool;
pub(crate) mod stream_record;
pub(crate) mod strict_json;
pub(crate) mod view;
pub mod writer;

pub use model::{Event, EventInput};
