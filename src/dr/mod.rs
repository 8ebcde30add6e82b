//! Disaster recovery as plans and recorded steps. A point-in-time restore into a new table is
//! a `plan` checked against AWS before anything is written, then steps run in order through a
//! `step::Journal` that records each (start, wait for ACTIVE, re-apply what a restore drops,
//! verify; a drill then deletes its table): the times a report gives are the records', and a
//! resumed restore records what it found done. What finishing found is data
//! (`restore::Finished`); the commands (`pitr-restore`, `dr-drill`, `health-check monthly
//! --restore-test`) turn it into reports. A cutover will be another plan of recorded steps.
//!
//! The source table is only ever read, and never scanned unless an exact count is asked for.

pub(crate) mod access;
pub(crate) mod canary_proof;
pub(crate) mod checklist;
pub(crate) mod cutover;
pub(crate) mod cutover_plan;
pub(crate) mod data;
pub(crate) mod drill;
pub(crate) mod drill_cutover;
pub(crate) mod drill_seed;
pub(crate) mod findings;
pub(crate) mod monitoring;
pub(crate) mod plan;
pub(crate) mod policy_copy;
pub(crate) mod record;
#[cfg(test)]
mod recorded;
pub(crate) mod restore;
pub(crate) mod retire;
pub(crate) mod rollback;
pub(crate) mod step;
pub(crate) mod zip;
