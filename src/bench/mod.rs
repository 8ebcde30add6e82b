//! The bench generator: open-loop load at a fixed rate through the core, and the bench's own
//! events (a marker per run, its users' events) found and deleted again. Each request is sent at
//! its scheduled time whatever the latency of the others, and its latency is measured from that
//! time, so a slow server shows as latency instead of as a lower request rate (no coordinated
//! omission). Latencies go into an HDR histogram; `checks::bench` judges what was measured and
//! `commands/bench.rs` reports it.

pub(crate) mod events;
pub(crate) mod load;
pub(crate) mod runs;
