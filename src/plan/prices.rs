//! The price list the capacity plan and the cost trend use: us-east-1 list prices, each one
//! overridable, each one carrying where it comes from and how well it is confirmed.
//!
//! Sources (us-east-1, read 2026-12):
//! - On-demand request units and storage per table class:
//!   <https://aws.amazon.com/dynamodb/pricing/on-demand/>; provisioned capacity units, reserved
//!   capacity: <https://aws.amazon.com/dynamodb/pricing/provisioned/>. The pages' price tables
//!   could not be read here; the numbers marked [`Confirmation::PriceList`] are the values AWS's
//!   Price List API (`AmazonDynamoDB`, usage types `WriteRequestUnits`, `ReadRequestUnits`,
//!   `WriteCapacityUnit-Hrs`, `ReadCapacityUnit-Hrs`, `TimedStorage-ByteHrs`,
//!   `TimedPITRStorage-ByteHrs` and their `IA-` twins) returned for us-east-1, as recorded by
//!   independent public sources that agree with each other.
//! - Reserved capacity (1 year, partial upfront, per 100 units, Standard class only) is
//!   [`Confirmation::Unconfirmed`]: only secondary sources give the dollars ($150 upfront +
//!   $0.0128/hour per 100 WCU, $30 + $0.0025/hour per 100 RCU). They agree with what AWS documents
//!   ("up to 54%" off standard provisioned rates for one year, bought in blocks of 100 units, not
//!   for Standard-IA or on-demand:
//!   <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/reserved-capacity.html>):
//!   (150 / 8760 + 0.0128) / 0.065 = 46% of the standard WCU price.
//! - Not modelled: the free tier (25 GB, 25 WCU, 25 RCU per account and Region, not per table),
//!   so a per-table figure here is at list price from the first unit.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

pub const ON_DEMAND_PRICING: &str = "https://aws.amazon.com/dynamodb/pricing/on-demand/";
pub const PROVISIONED_PRICING: &str = "https://aws.amazon.com/dynamodb/pricing/provisioned/";
pub const RESERVED_CAPACITY_DOC: &str =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/reserved-capacity.html";

/// Hours in the 1-year reserved capacity term (365 days).
pub const RESERVED_TERM_HOURS: f64 = 8760.0;
/// Reserved capacity is bought in blocks of this many units.
pub const RESERVED_BLOCK: f64 = 100.0;

/// How well a price is confirmed; said next to every number the plan prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirmation {
    /// The Price List API's us-east-1 value, recorded by independent public sources that agree;
    /// the pricing page's own table was not read.
    PriceList,
    /// Only secondary sources give the number; consistent with what AWS documents.
    Unconfirmed,
    /// Set by the user (`--price KEY=USD` or the config file's `prices`).
    Override,
}

/// One price: dollars per `unit`, where it comes from and how well it is confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Price {
    pub usd: f64,
    pub unit: &'static str,
    pub confirmation: Confirmation,
    pub source: &'static str,
}

impl Price {
    const fn listed(usd: f64, unit: &'static str, source: &'static str) -> Price {
        Price {
            usd,
            unit,
            confirmation: Confirmation::PriceList,
            source,
        }
    }

    const fn unconfirmed(usd: f64, unit: &'static str, source: &'static str) -> Price {
        Price {
            usd,
            unit,
            confirmation: Confirmation::Unconfirmed,
            source,
        }
    }
}

/// A table's class: it sets the price of requests, capacity and storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableClass {
    Standard,
    StandardInfrequentAccess,
}

impl TableClass {
    pub const ALL: [TableClass; 2] = [TableClass::Standard, TableClass::StandardInfrequentAccess];

    /// The class from DescribeTable's `TableClassSummary.TableClass` (absent means Standard).
    pub fn from_aws(value: Option<&str>) -> Option<TableClass> {
        match value {
            None | Some("STANDARD") => Some(TableClass::Standard),
            Some("STANDARD_INFREQUENT_ACCESS") => Some(TableClass::StandardInfrequentAccess),
            Some(_) => None,
        }
    }

    pub fn as_aws(self) -> &'static str {
        match self {
            TableClass::Standard => "STANDARD",
            TableClass::StandardInfrequentAccess => "STANDARD_INFREQUENT_ACCESS",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TableClass::Standard => "Standard",
            TableClass::StandardInfrequentAccess => "Standard-IA",
        }
    }
}

/// The prices that depend on the table class.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClassPrices {
    pub on_demand_write_per_million: Price,
    pub on_demand_read_per_million: Price,
    pub wcu_hour: Price,
    pub rcu_hour: Price,
    pub storage_gb_month: Price,
}

/// 1-year reserved capacity, partial upfront, per block of 100 units (Standard class only).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReservedPrices {
    pub wcu_upfront_per_100: Price,
    pub wcu_hourly_per_100: Price,
    pub rcu_upfront_per_100: Price,
    pub rcu_hourly_per_100: Price,
}

impl ReservedPrices {
    /// What one reserved write unit costs per hour over the term, upfront spread evenly.
    pub fn wcu_effective_hour(&self) -> f64 {
        (self.wcu_upfront_per_100.usd / RESERVED_TERM_HOURS + self.wcu_hourly_per_100.usd)
            / RESERVED_BLOCK
    }

    /// What one reserved read unit costs per hour over the term, upfront spread evenly.
    pub fn rcu_effective_hour(&self) -> f64 {
        (self.rcu_upfront_per_100.usd / RESERVED_TERM_HOURS + self.rcu_hourly_per_100.usd)
            / RESERVED_BLOCK
    }
}

/// Every price the plan uses; `Default` is us-east-1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prices {
    pub region: String,
    pub standard: ClassPrices,
    pub standard_ia: ClassPrices,
    pub pitr_gb_month: Price,
    pub reserved_1y: ReservedPrices,
}

impl Default for Prices {
    fn default() -> Prices {
        let od = ON_DEMAND_PRICING;
        let pr = PROVISIONED_PRICING;
        Prices {
            region: "us-east-1".to_owned(),
            standard: ClassPrices {
                on_demand_write_per_million: Price::listed(0.625, "million WRU", od),
                on_demand_read_per_million: Price::listed(0.125, "million RRU", od),
                wcu_hour: Price::listed(0.00065, "WCU-hour", pr),
                rcu_hour: Price::listed(0.00013, "RCU-hour", pr),
                storage_gb_month: Price::listed(0.25, "GB-month", od),
            },
            standard_ia: ClassPrices {
                on_demand_write_per_million: Price::listed(0.78, "million WRU", od),
                on_demand_read_per_million: Price::listed(0.155, "million RRU", od),
                wcu_hour: Price::listed(0.00081, "WCU-hour", pr),
                rcu_hour: Price::listed(0.00016, "RCU-hour", pr),
                storage_gb_month: Price::listed(0.10, "GB-month", od),
            },
            pitr_gb_month: Price::listed(0.20, "GB-month", od),
            reserved_1y: ReservedPrices {
                wcu_upfront_per_100: Price::unconfirmed(150.0, "100 WCU, 1 year", pr),
                wcu_hourly_per_100: Price::unconfirmed(0.0128, "100 WCU-hour", pr),
                rcu_upfront_per_100: Price::unconfirmed(30.0, "100 RCU, 1 year", pr),
                rcu_hourly_per_100: Price::unconfirmed(0.0025, "100 RCU-hour", pr),
            },
        }
    }
}

/// The name of one overridable price, as `--price KEY=USD` and the config file spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PriceKey {
    OnDemandWritePerMillion(TableClass),
    OnDemandReadPerMillion(TableClass),
    WcuHour(TableClass),
    RcuHour(TableClass),
    StorageGbMonth(TableClass),
    PitrGbMonth,
    ReservedWcuUpfrontPer100,
    ReservedWcuHourlyPer100,
    ReservedRcuUpfrontPer100,
    ReservedRcuHourlyPer100,
}

impl PriceKey {
    /// Every key, Standard first, then Standard-IA (`ia_` prefix), then the rest.
    pub fn all() -> Vec<PriceKey> {
        let mut keys = Vec::new();
        for class in TableClass::ALL {
            keys.extend([
                PriceKey::OnDemandWritePerMillion(class),
                PriceKey::OnDemandReadPerMillion(class),
                PriceKey::WcuHour(class),
                PriceKey::RcuHour(class),
                PriceKey::StorageGbMonth(class),
            ]);
        }
        keys.extend([
            PriceKey::PitrGbMonth,
            PriceKey::ReservedWcuUpfrontPer100,
            PriceKey::ReservedWcuHourlyPer100,
            PriceKey::ReservedRcuUpfrontPer100,
            PriceKey::ReservedRcuHourlyPer100,
        ]);
        keys
    }

    fn base_name(self) -> &'static str {
        match self {
            PriceKey::OnDemandWritePerMillion(_) => "on_demand_write_per_million",
            PriceKey::OnDemandReadPerMillion(_) => "on_demand_read_per_million",
            PriceKey::WcuHour(_) => "wcu_hour",
            PriceKey::RcuHour(_) => "rcu_hour",
            PriceKey::StorageGbMonth(_) => "storage_gb_month",
            PriceKey::PitrGbMonth => "pitr_gb_month",
            PriceKey::ReservedWcuUpfrontPer100 => "reserved_wcu_upfront_per_100",
            PriceKey::ReservedWcuHourlyPer100 => "reserved_wcu_hourly_per_100",
            PriceKey::ReservedRcuUpfrontPer100 => "reserved_rcu_upfront_per_100",
            PriceKey::ReservedRcuHourlyPer100 => "reserved_rcu_hourly_per_100",
        }
    }

    fn class(self) -> Option<TableClass> {
        match self {
            PriceKey::OnDemandWritePerMillion(c)
            | PriceKey::OnDemandReadPerMillion(c)
            | PriceKey::WcuHour(c)
            | PriceKey::RcuHour(c)
            | PriceKey::StorageGbMonth(c) => Some(c),
            _ => None,
        }
    }
}

impl fmt::Display for PriceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.class() == Some(TableClass::StandardInfrequentAccess) {
            f.write_str("ia_")?;
        }
        f.write_str(self.base_name())
    }
}

/// A price override that cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceError {
    UnknownKey(String),
    BadValue { key: String, value: String },
}

impl fmt::Display for PriceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PriceError::UnknownKey(k) => {
                let known: Vec<String> = PriceKey::all().iter().map(|k| k.to_string()).collect();
                write!(f, "unknown price `{k}`; known: {}", known.join(", "))
            }
            PriceError::BadValue { key, value } => write!(
                f,
                "price `{key}` must be a non-negative number of US dollars, not `{value}`"
            ),
        }
    }
}

impl std::error::Error for PriceError {}

impl FromStr for PriceKey {
    type Err = PriceError;

    fn from_str(s: &str) -> Result<PriceKey, PriceError> {
        PriceKey::all()
            .into_iter()
            .find(|k| k.to_string() == s)
            .ok_or_else(|| PriceError::UnknownKey(s.to_owned()))
    }
}

impl Prices {
    pub fn class(&self, class: TableClass) -> &ClassPrices {
        match class {
            TableClass::Standard => &self.standard,
            TableClass::StandardInfrequentAccess => &self.standard_ia,
        }
    }

    fn class_mut(&mut self, class: TableClass) -> &mut ClassPrices {
        match class {
            TableClass::Standard => &mut self.standard,
            TableClass::StandardInfrequentAccess => &mut self.standard_ia,
        }
    }

    fn slot(&mut self, key: PriceKey) -> &mut Price {
        let class = Prices::class_mut;
        match key {
            PriceKey::OnDemandWritePerMillion(c) => &mut class(self, c).on_demand_write_per_million,
            PriceKey::OnDemandReadPerMillion(c) => &mut class(self, c).on_demand_read_per_million,
            PriceKey::WcuHour(c) => &mut class(self, c).wcu_hour,
            PriceKey::RcuHour(c) => &mut class(self, c).rcu_hour,
            PriceKey::StorageGbMonth(c) => &mut class(self, c).storage_gb_month,
            PriceKey::PitrGbMonth => &mut self.pitr_gb_month,
            PriceKey::ReservedWcuUpfrontPer100 => &mut self.reserved_1y.wcu_upfront_per_100,
            PriceKey::ReservedWcuHourlyPer100 => &mut self.reserved_1y.wcu_hourly_per_100,
            PriceKey::ReservedRcuUpfrontPer100 => &mut self.reserved_1y.rcu_upfront_per_100,
            PriceKey::ReservedRcuHourlyPer100 => &mut self.reserved_1y.rcu_hourly_per_100,
        }
    }

    /// The price under `key`.
    pub fn get(&self, key: PriceKey) -> Price {
        *self.clone().slot(key)
    }

    /// Overrides one price; it is then labelled [`Confirmation::Override`].
    pub fn set(&mut self, key: PriceKey, usd: f64) -> Result<(), PriceError> {
        if !usd.is_finite() || usd < 0.0 {
            return Err(PriceError::BadValue {
                key: key.to_string(),
                value: usd.to_string(),
            });
        }
        let slot = self.slot(key);
        slot.usd = usd;
        slot.confirmation = Confirmation::Override;
        Ok(())
    }

    /// Overrides from `KEY=USD` text (a flag or a config value).
    pub fn set_from_text(&mut self, text: &str) -> Result<(), PriceError> {
        let (key, value) = text
            .split_once('=')
            .ok_or_else(|| PriceError::UnknownKey(text.to_owned()))?;
        let key: PriceKey = key.trim().parse()?;
        let usd: f64 = value.trim().parse().map_err(|_| PriceError::BadValue {
            key: key.to_string(),
            value: value.trim().to_owned(),
        })?;
        self.set(key, usd)
    }

    /// The keys of the prices used that AWS's price list does not confirm (and the user did not
    /// set): what the output labels "unconfirmed".
    pub fn unconfirmed(&self, keys: &[PriceKey]) -> Vec<String> {
        keys.iter()
            .filter(|k| self.get(**k).confirmation == Confirmation::Unconfirmed)
            .map(|k| k.to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_us_east_1_list_with_reserved_capacity_labelled_unconfirmed() {
        let p = Prices::default();
        assert_eq!(p.region, "us-east-1");
        assert_eq!(p.standard.on_demand_write_per_million.usd, 0.625);
        assert_eq!(p.standard.on_demand_read_per_million.usd, 0.125);
        assert_eq!(p.standard.wcu_hour.usd, 0.00065);
        assert_eq!(p.standard.rcu_hour.usd, 0.00013);
        assert_eq!(p.standard.storage_gb_month.usd, 0.25);
        assert_eq!(p.standard_ia.storage_gb_month.usd, 0.10);
        assert_eq!(p.pitr_gb_month.usd, 0.20);
        let all = PriceKey::all();
        assert_eq!(
            p.unconfirmed(&all),
            [
                "reserved_wcu_upfront_per_100",
                "reserved_wcu_hourly_per_100",
                "reserved_rcu_upfront_per_100",
                "reserved_rcu_hourly_per_100"
            ]
        );
        // AWS documents "up to 54%" off for one year: the secondary numbers must not beat it.
        let w = p.reserved_1y.wcu_effective_hour() / p.standard.wcu_hour.usd;
        let r = p.reserved_1y.rcu_effective_hour() / p.standard.rcu_hour.usd;
        assert!((0.46..0.47).contains(&w), "{w}");
        assert!((0.45..0.47).contains(&r), "{r}");
    }

    #[test]
    fn every_price_can_be_overridden_by_name_and_is_then_labelled_so() {
        let mut p = Prices::default();
        for key in PriceKey::all() {
            let name = key.to_string();
            assert_eq!(name.parse::<PriceKey>(), Ok(key), "{name}");
            p.set_from_text(&format!("{name}=1.5")).unwrap();
            assert_eq!(p.get(key).usd, 1.5, "{name}");
            assert_eq!(p.get(key).confirmation, Confirmation::Override, "{name}");
        }
        assert!(p.unconfirmed(&PriceKey::all()).is_empty());
        assert_eq!(p.standard_ia.wcu_hour.usd, 1.5);
        assert_eq!(
            PriceKey::WcuHour(TableClass::StandardInfrequentAccess).to_string(),
            "ia_wcu_hour"
        );
    }

    #[test]
    fn a_bad_override_names_what_is_wrong_and_changes_nothing() {
        let mut p = Prices::default();
        let e = p.set_from_text("wcu_hours=1").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("unknown price `wcu_hours`; known: on_demand_write_per_million"),
            "{e}"
        );
        let e = p.set_from_text("wcu_hour=-1").unwrap_err();
        assert_eq!(
            e.to_string(),
            "price `wcu_hour` must be a non-negative number of US dollars, not `-1`"
        );
        let e = p.set_from_text("wcu_hour=cheap").unwrap_err();
        assert!(e.to_string().contains("not `cheap`"), "{e}");
        assert!(p.set_from_text("wcu_hour").is_err());
        assert_eq!(p, Prices::default());
    }

    #[test]
    fn table_class_follows_describe_table() {
        assert_eq!(TableClass::from_aws(None), Some(TableClass::Standard));
        assert_eq!(
            TableClass::from_aws(Some("STANDARD_INFREQUENT_ACCESS")),
            Some(TableClass::StandardInfrequentAccess)
        );
        assert_eq!(TableClass::from_aws(Some("GLACIER")), None);
        assert_eq!(
            TableClass::StandardInfrequentAccess.as_aws(),
            "STANDARD_INFREQUENT_ACCESS"
        );
    }
}
