//! Questions about the whole table at production size: what a full scan costs before it
//! starts, a scan that keeps to a rate and a budget and resumes from a state file, samples that
//! span the key space with confidence intervals, and exact answers from a PITR export.

pub(crate) mod athena;
pub mod ddbjson;
pub(crate) mod estimate;
pub mod export;
pub(crate) mod export_check;
pub mod export_files;
pub(crate) mod export_item;
pub(crate) mod fullscan;
pub(crate) mod sample;
pub(crate) mod stats;
