//! The integration tests, one binary: one module per area, sharing the harness in `common`.
//!
//! Tests marked `#[ignore = "needs the emulator: run scripts/test.sh"]` run the real binary
//! against the local emulator (and the microburst fault proxy); `scripts/test.sh` starts both
//! and runs them with `--include-ignored`. The rest (recorded AWS-shaped responses, generated
//! docs, usage errors) need no network and run under a plain `cargo test`.
//!
//! Test code: exempt from the `[lints]` that keep printing in `src/output/` (a test may print
//! what it measured).
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

mod common;

mod alarm_backtest;
mod alarm_test;
mod changes;
mod cloudwatch;
mod config_fleet;
mod corpus;
mod demo;
mod dr;
mod dr_drill_cutover;
mod events;
mod evidence;
mod faults;
mod first_screens;
mod generated;
mod iam_audit;
mod insights_health;
mod layers;
mod recommended_alarms;
mod recorded;
mod restore;
mod safety;
mod scale;
mod schema_data;
mod table;
mod time_bombs;
mod ttl_repair;
mod ttl_stream;
mod world;
