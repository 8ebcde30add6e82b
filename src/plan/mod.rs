//! Capacity planning and cost engines for the monthly and quarterly reviews (runbook Monthly
//! Health Check 1, Quarterly Performance Review 2): pure functions from the data AWS returns
//! (metric series, a Cost Explorer answer, sizes) to typed results and findings. Nothing here
//! calls AWS or prints.
//!
//! - [`prices`]: the us-east-1 price list, every price overridable and labelled by how well it
//!   is confirmed;
//! - [`demand`]: per-minute demand (consumed + throttled) from series kept at 1 minute, 5 minutes
//!   and 1 hour, and which resolution to read each part of a window at;
//! - [`forecast`]: next quarter's monthly units and peak with prediction intervals;
//! - [`autoscale`]: DynamoDB auto scaling simulated minute by minute;
//! - [`mode`]: the window's cost on-demand, with auto scaling and with reserved capacity, and
//!   Standard against Standard-IA, with the advice that follows;
//! - [`cost_trend`]: the last three months' cost, month over month, and what drives it.

pub mod autoscale;
pub mod cost_trend;
pub mod demand;
pub mod forecast;
pub mod mode;
pub mod prices;
