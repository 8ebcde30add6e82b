//! Values the command line offers and the checks judge by: a flag's default that a check also
//! uses when the flag was not given, and the choices of a flag that the engine works with. The
//! clap definitions (`cli`) re-export them.

use clap::ValueEnum;

/// `alarms apply --recommended --iterator-age-minutes`'s default.
pub const DEFAULT_ITERATOR_AGE_MINUTES: f64 = 5.0;

/// The classes of `ttl` `check-ttl --repair` may rewrite (named as in the tally).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    ValueEnum,
    serde::Serialize,
    schemars::JsonSchema,
    serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RepairClass {
    /// No `ttl`
    #[value(name = "missing")]
    Missing,
    /// A `ttl` that is not a Number (a string)
    #[value(name = "not_number")]
    NotNumber,
    /// A `ttl` in milliseconds
    #[value(name = "milliseconds")]
    Milliseconds,
    /// A `ttl` beyond the event's timestamp + 30 days (TTL deletes it, later)
    #[value(name = "too_far")]
    TooFar,
}

impl RepairClass {
    /// The default of `--classes`: the items TTL never deletes.
    pub const NEVER_DELETED: [RepairClass; 3] = [
        RepairClass::Missing,
        RepairClass::NotNumber,
        RepairClass::Milliseconds,
    ];

    /// The class's name in the tally and in `--classes`.
    pub fn name(self) -> &'static str {
        match self {
            RepairClass::Missing => "missing",
            RepairClass::NotNumber => "not_number",
            RepairClass::Milliseconds => "milliseconds",
            RepairClass::TooFar => "too_far",
        }
    }
}
