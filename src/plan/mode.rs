//! The window's cost under each billing mode and table class, and whether to change either.
//!
//! Options, each for the table and every GSI together (each index has its own capacity):
//! - on-demand: every demanded unit at the request-unit price (demand includes what was
//!   throttled: on-demand would have served it, up to its own limits, which are not modelled);
//! - provisioned with auto scaling: the [`super::autoscale`] simulation per table/GSI and per
//!   reads/writes, its unit-hours at the capacity-unit price, with its simulated throttling;
//! - provisioned with reserved capacity (Standard class only): the same simulation, the base load
//!   (the lowest total provisioned capacity in the window, down to whole blocks of 100) at the
//!   1-year reserved rate with its upfront spread over the term, the rest at the standard rate.
//!   Reserved capacity commits to a year; the output says so.
//!
//! Storage (table and indexes) and PITR are added at the class's price per GB-month.
//!
//! The decision ([`Rules`]): the billing mode is compared at the table's current class against
//! on-demand (the spec's mode). A provisioned option is recommended only when it saves at least
//! `min_saving_fraction` (20%) and `min_saving_usd_per_month` ($25) and its simulated throttling
//! is zero — without counting on burst capacity, which AWS gives on a best-effort basis
//! (`count_burst: false`). Otherwise on-demand stays, and the output says why for each option.
//! The table class is then compared under the recommended mode, with the same thresholds:
//! Standard-IA pays off when storage dominates (AWS: when storage costs more than half of the
//! throughput, <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.TableClasses.html>);
//! both costs are computed rather than the rule applied.
//!
//! Against the anchors: amazon-dynamodb-tools' evaluator recommends provisioned whenever its
//! estimate is lower, with no throttling estimate, no storage, no reserved capacity and no table
//! class; this prices all five combinations and refuses a cheaper option that would throttle.

use serde::Serialize;

use super::autoscale::{Policy, PolicyError, SimSummary, Simulation, simulate};
use super::demand::Demand;
use super::prices::{PriceKey, Prices, RESERVED_BLOCK, TableClass};
use crate::report::{CheckId, Finding};

const RUNBOOK: &str = "Quarterly Review 2: project capacity needs for next quarter; consider provisioned billing if predictable load";
/// Days in an average month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    OnDemand,
    ProvisionedAutoScaling,
    ProvisionedReserved,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::OnDemand => "on-demand",
            Mode::ProvisionedAutoScaling => "provisioned with auto scaling",
            Mode::ProvisionedReserved => "provisioned with 1-year reserved capacity",
        }
    }
}

/// The demand of the table or of one GSI.
#[derive(Debug, Clone, Copy)]
pub struct ResourceDemand<'a> {
    pub name: &'a str,
    pub reads: &'a Demand,
    pub writes: &'a Demand,
    /// The resource's own auto scaling (Application Auto Scaling: target utilisation, min,
    /// max) per dimension, simulated instead of the rules' default policy when present.
    pub write_policy: Option<Policy>,
    pub read_policy: Option<Policy>,
}

#[derive(Debug, Clone)]
pub struct ModeInput<'a> {
    /// The table first, then its GSIs, over the same window.
    pub resources: Vec<ResourceDemand<'a>>,
    /// Average billed size of the table and its indexes over the window, GB.
    pub storage_gb: f64,
    /// The size PITR bills (the table's), GB; 0 when PITR is off.
    pub pitr_gb: f64,
    pub current_class: TableClass,
    /// Demand multiplier: 1 prices the window as it was; a forecast's ratio prices next quarter.
    pub growth: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rules {
    pub min_saving_fraction: f64,
    pub min_saving_usd_per_month: f64,
    /// Let burst capacity absorb throttling when judging "no throttling" (default: no).
    pub count_burst: bool,
    pub write_policy: Policy,
    pub read_policy: Policy,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            min_saving_fraction: 0.20,
            min_saving_usd_per_month: 25.0,
            count_burst: false,
            write_policy: Policy::default(),
            read_policy: Policy::default(),
        }
    }
}

/// One simulated capacity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapacitySim {
    pub resource: String,
    pub dimension: &'static str,
    pub summary: SimSummary,
    /// `own` (its auto scaling policy) or `default` (the rules').
    pub policy: &'static str,
}

/// The reserved base, per dimension, in units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reserved {
    pub write_units: f64,
    pub read_units: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionCost {
    pub mode: Mode,
    pub class: TableClass,
    pub throughput_usd: f64,
    pub storage_usd: f64,
    pub pitr_usd: f64,
    pub total_usd: f64,
    pub throttled_units: f64,
    pub throttled_units_without_burst: f64,
    pub reserved: Option<Reserved>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    pub current: String,
    pub recommended: String,
    pub saving_usd: f64,
    pub saving_usd_per_month: f64,
    pub saving_fraction: f64,
    /// Why it is recommended, or why the current stays.
    pub why: String,
    /// Each other option and why it was not chosen.
    pub rejected: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub months: f64,
    pub growth: f64,
    pub write_units: f64,
    pub read_units: f64,
    pub gap_minutes: usize,
    pub options: Vec<OptionCost>,
    /// Why there is no reserved option, when there is none.
    pub reserved_unavailable: Option<String>,
    pub billing_mode: Advice,
    pub recommended_mode: Mode,
    pub table_class: Advice,
    pub recommended_class: TableClass,
    /// Storage cost over throughput cost at the current class under on-demand.
    pub storage_to_throughput: Option<f64>,
    pub simulations: Vec<CapacitySim>,
    /// Which auto scaling the provisioned options were simulated with, in words.
    pub scaling: String,
    pub rules: Rules,
    pub unconfirmed_prices: Vec<String>,
}

/// The simulations of every capacity, and the per-minute total provisioned per dimension.
struct Simulated {
    sims: Vec<(String, &'static str, Simulation, &'static str)>,
    write_units: f64,
    read_units: f64,
    gap_minutes: usize,
    minutes: usize,
}

fn simulate_all(input: &ModeInput<'_>, rules: &Rules) -> Result<Simulated, PolicyError> {
    let mut out = Simulated {
        sims: Vec::new(),
        write_units: 0.0,
        read_units: 0.0,
        gap_minutes: 0,
        minutes: 0,
    };
    for r in &input.resources {
        for (dim, demand, own, default) in [
            (
                "write",
                r.writes,
                r.write_policy.as_ref(),
                &rules.write_policy,
            ),
            ("read", r.reads, r.read_policy.as_ref(), &rules.read_policy),
        ] {
            let policy = own.unwrap_or(default);
            let d = demand.scaled(input.growth);
            if dim == "write" {
                out.write_units += d.total();
            } else {
                out.read_units += d.total();
            }
            out.gap_minutes = out.gap_minutes.max(d.gap_minutes());
            out.minutes = out.minutes.max(d.units.len());
            let sim = simulate(d.start, &d.units, policy, 1.0)?;
            out.sims.push((
                r.name.to_owned(),
                dim,
                sim,
                if own.is_some() { "own" } else { "default" },
            ));
        }
    }
    Ok(out)
}

impl Simulated {
    fn sum(&self, f: impl Fn(&str, &SimSummary) -> f64) -> f64 {
        self.sims.iter().map(|(_, d, s, _)| f(d, &s.summary)).sum()
    }

    fn throttled(&self) -> (f64, f64) {
        (
            self.sum(|_, s| s.throttled_units),
            self.sum(|_, s| s.throttled_units_without_burst),
        )
    }

    /// Total provisioned units of `dim` in each minute, across the table and its GSIs.
    fn provisioned(&self, dim: &str) -> Vec<f64> {
        let mut total = vec![0.0; self.minutes];
        for (_, _, s, _) in self.sims.iter().filter(|(_, d, _, _)| *d == dim) {
            for (t, m) in total.iter_mut().zip(&s.minutes) {
                *t += m.provisioned;
            }
        }
        total
    }
}

fn reserved_cost(sim: &Simulated, prices: &Prices) -> Result<(f64, Reserved), String> {
    let base = |dim: &str| {
        let p = sim.provisioned(dim);
        let low = p.iter().copied().fold(f64::INFINITY, f64::min);
        if low.is_finite() {
            (low / RESERVED_BLOCK).floor() * RESERVED_BLOCK
        } else {
            0.0
        }
    };
    let reserved = Reserved {
        write_units: base("write"),
        read_units: base("read"),
    };
    if reserved.write_units + reserved.read_units < RESERVED_BLOCK {
        return Err(
            "the base load is below the 100-unit minimum reserved capacity purchase".to_owned(),
        );
    }
    let std = &prices.standard;
    let r = &prices.reserved_1y;
    let mut usd = 0.0;
    for (dim, units, effective, standard) in [
        (
            "write",
            reserved.write_units,
            r.wcu_effective_hour(),
            std.wcu_hour.usd,
        ),
        (
            "read",
            reserved.read_units,
            r.rcu_effective_hour(),
            std.rcu_hour.usd,
        ),
    ] {
        for p in sim.provisioned(dim) {
            usd += (units * effective + (p - units).max(0.0) * standard) / 60.0;
        }
    }
    Ok((usd, reserved))
}

fn options(
    input: &ModeInput<'_>,
    sim: &Simulated,
    prices: &Prices,
    months: f64,
) -> (Vec<OptionCost>, Option<String>) {
    let (throttled, throttled_nb) = sim.throttled();
    let wcu_hours = sim.sum(|d, s| if d == "write" { s.unit_hours } else { 0.0 });
    let rcu_hours = sim.sum(|d, s| if d == "read" { s.unit_hours } else { 0.0 });
    let reserved = reserved_cost(sim, prices);
    let mut out = Vec::new();
    for class in TableClass::ALL {
        let c = prices.class(class);
        let storage_usd = input.storage_gb * c.storage_gb_month.usd * months;
        let pitr_usd = input.pitr_gb * prices.pitr_gb_month.usd * months;
        let option = |mode, throughput_usd: f64, throttled: (f64, f64), reserved| OptionCost {
            mode,
            class,
            throughput_usd,
            storage_usd,
            pitr_usd,
            total_usd: throughput_usd + storage_usd + pitr_usd,
            throttled_units: throttled.0,
            throttled_units_without_burst: throttled.1,
            reserved,
        };
        let on_demand = sim.write_units / 1e6 * c.on_demand_write_per_million.usd
            + sim.read_units / 1e6 * c.on_demand_read_per_million.usd;
        out.push(option(Mode::OnDemand, on_demand, (0.0, 0.0), None));
        let autoscaled = wcu_hours * c.wcu_hour.usd + rcu_hours * c.rcu_hour.usd;
        out.push(option(
            Mode::ProvisionedAutoScaling,
            autoscaled,
            (throttled, throttled_nb),
            None,
        ));
        if let (TableClass::Standard, Ok((usd, r))) = (class, &reserved) {
            out.push(option(
                Mode::ProvisionedReserved,
                *usd,
                (throttled, throttled_nb),
                Some(*r),
            ));
        }
    }
    (out, reserved.err())
}

/// Why `candidate` does not replace `baseline`, or `None` when it clearly should.
fn rejection(
    candidate: &OptionCost,
    baseline: &OptionCost,
    rules: &Rules,
    months: f64,
) -> Option<String> {
    let throttled = if rules.count_burst {
        candidate.throttled_units
    } else {
        candidate.throttled_units_without_burst
    };
    let saving = baseline.total_usd - candidate.total_usd;
    let per_month = saving / months.max(f64::MIN_POSITIVE);
    let fraction = if baseline.total_usd > 0.0 {
        saving / baseline.total_usd
    } else {
        0.0
    };
    if throttled > 0.0 {
        Some(format!(
            "would throttle {} in the simulation",
            crate::vocab::words::whole(throttled, "unit", "units")
        ))
    } else if saving <= 0.0 {
        Some(format!("costs ${:.2} more", -saving))
    } else if fraction < rules.min_saving_fraction {
        Some(format!(
            "saves only {:.0}% (clear: {:.0}%)",
            fraction * 100.0,
            rules.min_saving_fraction * 100.0
        ))
    } else if per_month < rules.min_saving_usd_per_month {
        Some(format!(
            "saves only ${per_month:.2}/month (clear: ${:.0})",
            rules.min_saving_usd_per_month
        ))
    } else {
        None
    }
}

fn label(o: &OptionCost) -> String {
    format!("{} ({})", o.mode.label(), o.class.label())
}

/// Picks the clearly cheaper of `candidates` over `baseline`, or keeps the baseline with reasons.
fn advise<'a>(
    baseline: &'a OptionCost,
    candidates: &[&'a OptionCost],
    rules: &Rules,
    months: f64,
    name: impl Fn(&OptionCost) -> String,
) -> (&'a OptionCost, Advice) {
    let mut rejected = Vec::new();
    let mut best: Option<&OptionCost> = None;
    for c in candidates {
        match rejection(c, baseline, rules, months) {
            Some(why) => rejected.push(format!("{}: {why}", name(c))),
            None if best.is_none_or(|b| c.total_usd < b.total_usd) => best = Some(c),
            None => rejected.push(format!("{}: a cheaper option qualifies", name(c))),
        }
    }
    let chosen = best.unwrap_or(baseline);
    let saving = baseline.total_usd - chosen.total_usd;
    let why = match best {
        Some(c) => format!(
            "{} costs ${:.2} instead of ${:.2} ({:.0}% less) with no simulated throttling",
            name(c),
            c.total_usd,
            baseline.total_usd,
            saving / baseline.total_usd * 100.0
        ),
        None => format!(
            "{} stays: no option is clearly cheaper without throttling",
            name(baseline)
        ),
    };
    let advice = Advice {
        current: name(baseline),
        recommended: name(chosen),
        saving_usd: saving,
        saving_usd_per_month: saving / months.max(f64::MIN_POSITIVE),
        saving_fraction: if baseline.total_usd > 0.0 {
            saving / baseline.total_usd
        } else {
            0.0
        },
        why,
        rejected,
    };
    (chosen, advice)
}

fn find(options: &[OptionCost], mode: Mode, class: TableClass) -> Option<&OptionCost> {
    options.iter().find(|o| o.mode == mode && o.class == class)
}

/// Prices the window under every mode and class and advises on both.
pub fn compare(
    input: &ModeInput<'_>,
    prices: &Prices,
    rules: &Rules,
) -> Result<Comparison, PolicyError> {
    let sim = simulate_all(input, rules)?;
    let months = sim.minutes as f64 / (DAYS_PER_MONTH * 1440.0);
    let (options, reserved_unavailable) = options(input, &sim, prices, months);
    let class = input.current_class;
    let baseline = find(&options, Mode::OnDemand, class)
        .ok_or_else(|| PolicyError("no on-demand option".into()))?;
    let candidates: Vec<&OptionCost> = options
        .iter()
        .filter(|o| o.class == class && o.mode != Mode::OnDemand)
        .collect();
    let (mode_choice, billing_mode) = advise(baseline, &candidates, rules, months, label);
    let recommended_mode = mode_choice.mode;
    let current_in_mode = find(&options, recommended_mode, class).unwrap_or(mode_choice);
    let others: Vec<&OptionCost> = options
        .iter()
        .filter(|o| o.mode == recommended_mode && o.class != class)
        .collect();
    let (class_choice, table_class) = advise(current_in_mode, &others, rules, months, |o| {
        o.class.label().to_owned()
    });
    let recommended_class = class_choice.class;
    let storage_to_throughput =
        (baseline.throughput_usd > 0.0).then(|| baseline.storage_usd / baseline.throughput_usd);
    let mut used = vec![PriceKey::WcuHour(class), PriceKey::RcuHour(class)];
    if recommended_mode == Mode::ProvisionedReserved || reserved_unavailable.is_none() {
        used.extend([
            PriceKey::ReservedWcuUpfrontPer100,
            PriceKey::ReservedWcuHourlyPer100,
            PriceKey::ReservedRcuUpfrontPer100,
            PriceKey::ReservedRcuHourlyPer100,
        ]);
    }
    Ok(Comparison {
        scaling: scaling_text(input, rules),
        months,
        growth: input.growth,
        write_units: sim.write_units,
        read_units: sim.read_units,
        gap_minutes: sim.gap_minutes,
        reserved_unavailable,
        billing_mode,
        recommended_mode,
        table_class,
        recommended_class,
        storage_to_throughput,
        simulations: sim
            .sims
            .into_iter()
            .map(|(resource, dimension, s, policy)| CapacitySim {
                resource,
                dimension,
                summary: s.summary,
                policy,
            })
            .collect(),
        options,
        rules: *rules,
        unconfirmed_prices: prices.unconfirmed(&used),
    })
}

/// Which auto scaling the simulation used: each resource's own policy (Application Auto
/// Scaling's target utilisation, min and max), else the rules' default, said as such.
fn scaling_text(input: &ModeInput<'_>, rules: &Rules) -> String {
    let mut own = Vec::new();
    let mut defaults = 0;
    for r in &input.resources {
        for (dim, p) in [("write", r.write_policy), ("read", r.read_policy)] {
            match p {
                Some(p) => own.push(format!(
                    // plural-ok: the top of a range of capacity units
                    "{} {dim} target {:.0}%, {:.0} to {:.0} units",
                    r.name,
                    p.target * 100.0,
                    p.min,
                    p.max
                )),
                None => defaults += 1,
            }
        }
    }
    let default = format!(
        "the default auto scaling policy (target {:.0}%)",
        rules.write_policy.target * 100.0
    );
    match (own.is_empty(), defaults) {
        (true, _) => default,
        (false, 0) => format!("the table's own auto scaling ({})", own.join("; ")),
        (false, _) => format!(
            "the table's own auto scaling where it has one ({}), {default} for the rest",
            own.join("; ")
        ),
    }
}

fn mode_remedy(c: &Comparison) -> String {
    let target = c.rules.write_policy.target * 100.0;
    let switch = format!(
        "switch the table and its GSIs to provisioned capacity with auto scaling (target {target:.0}%, minimum and maximum around the simulated range in the evidence)"
    );
    match c
        .options
        .iter()
        .find(|o| o.mode == Mode::ProvisionedReserved && o.class == c.recommended_class)
    {
        Some(OptionCost {
            reserved: Some(r), ..
        }) if c.recommended_mode == Mode::ProvisionedReserved => format!(
            "{switch}, then buy {:.0} WCU and {:.0} RCU of 1-year reserved capacity (a 12-month commitment, Standard class only)",
            r.write_units, r.read_units
        ),
        _ => switch,
    }
}

crate::evidence! {
    /// `quarterly.billing_mode`
    struct BillingModeEvidence<'a> {
        months: f64,
        growth: f64,
        write_units: f64,
        read_units: f64,
        gap_minutes: usize,
        options: &'a [OptionCost],
        advice: &'a Advice,
        reserved_unavailable: Option<&'a str>,
        unconfirmed_prices: &'a [String],
    }
    /// `quarterly.table_class`
    struct TableClassEvidence<'a> {
        advice: &'a Advice,
        storage_to_throughput: Option<f64>,
    }
}

/// `quarterly.billing_mode`: warn when a provisioned option is clearly cheaper without throttling.
pub fn billing_mode_finding(c: &Comparison) -> Finding {
    let evidence = BillingModeEvidence {
        months: c.months,
        growth: c.growth,
        write_units: c.write_units,
        read_units: c.read_units,
        gap_minutes: c.gap_minutes,
        options: &c.options,
        advice: &c.billing_mode,
        reserved_unavailable: c.reserved_unavailable.as_deref(),
        unconfirmed_prices: &c.unconfirmed_prices,
    };
    if c.write_units + c.read_units <= 0.0 {
        return Finding::unknown(
            CheckId::QuarterlyBillingMode,
            "no traffic in the window: no billing mode to advise",
        )
        .evidence(evidence)
        .runbook(RUNBOOK);
    }
    let unconfirmed = if c.recommended_mode == Mode::ProvisionedReserved {
        " (reserved capacity prices unconfirmed: check the pricing page; it commits to a year)"
    } else {
        ""
    };
    let finding = if c.recommended_mode == Mode::OnDemand {
        Finding::ok(
            CheckId::QuarterlyBillingMode,
            format!(
                "{}; {}",
                c.billing_mode.why,
                c.billing_mode.rejected.join("; ")
            ),
        )
    } else {
        Finding::warn(
            CheckId::QuarterlyBillingMode,
            format!(
                "{}: ${:.2}/month less{unconfirmed}",
                c.billing_mode.why, c.billing_mode.saving_usd_per_month
            ),
        )
        .remedy(mode_remedy(c))
    };
    let mut finding = finding;
    finding.summary = format!(
        "{}; provisioned simulated with {}",
        finding.summary, c.scaling
    );
    finding.evidence(evidence).runbook(RUNBOOK)
}

/// `quarterly.table_class`: warn when the other table class is clearly cheaper.
pub fn table_class_finding(c: &Comparison, current: TableClass) -> Finding {
    let share = c
        .storage_to_throughput
        .map(|s| format!("storage is {:.0}% of throughput cost", s * 100.0))
        .unwrap_or_else(|| "no throughput cost".to_owned());
    let evidence = TableClassEvidence {
        advice: &c.table_class,
        storage_to_throughput: c.storage_to_throughput,
    };
    let finding = if c.recommended_class == current {
        Finding::ok(
            CheckId::QuarterlyTableClass,
            format!("{}; {share}", c.table_class.why),
        )
    } else {
        Finding::warn(
            CheckId::QuarterlyTableClass,
            format!("{}; {share}", c.table_class.why),
        )
        .remedy(format!(
            "UpdateTable TableClass={} (at most twice in 30 days)",
            c.recommended_class.as_aws()
        ))
    };
    finding.evidence(evidence).runbook(RUNBOOK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;
    use chrono::{DateTime, Utc};

    // clock-free: pure pricing of a given window; the dates never meet the clock.
    fn flat(rate: f64, minutes: usize) -> Demand {
        Demand {
            start: DateTime::parse_from_rfc3339("2999-01-01T00:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            units: vec![Some(rate * 60.0); minutes],
            resolution: vec![60; minutes],
            consumed_units: rate * 60.0 * minutes as f64,
            throttled_units: 0.0,
            units_per_event: 1.0,
        }
    }

    fn input<'a>(reads: &'a Demand, writes: &'a Demand, storage_gb: f64) -> ModeInput<'a> {
        ModeInput {
            resources: vec![ResourceDemand {
                name: "t",
                reads,
                writes,
                write_policy: None,
                read_policy: None,
            }],
            storage_gb,
            pitr_gb: storage_gb,
            current_class: TableClass::Standard,
            growth: 1.0,
        }
    }

    fn no_delay() -> Rules {
        let p = Policy {
            update_delay_minutes: 0,
            ..Policy::default()
        };
        Rules {
            write_policy: p,
            read_policy: p,
            ..Rules::default()
        }
    }

    const DAY: usize = 1440;

    #[test]
    fn a_steady_load_is_cheaper_provisioned_and_the_numbers_are_the_hand_worked_ones() {
        // 1,000 writes/s and 1,000 reads/s for 30 days, 0 GB.
        let (w, r) = (flat(1000.0, 30 * DAY), flat(1000.0, 30 * DAY));
        let c = compare(&input(&r, &w, 0.0), &Prices::default(), &no_delay()).unwrap();
        let od = find(&c.options, Mode::OnDemand, TableClass::Standard).unwrap();
        let units = 1000.0 * 86_400.0 * 30.0;
        assert!(
            (od.total_usd - units / 1e6 * (0.625 + 0.125)).abs() < 1e-6,
            "{od:?}"
        );
        // Auto scaling holds ceil(1000 / 0.7) = 1429 units all month: no change, no throttling.
        let asg = find(
            &c.options,
            Mode::ProvisionedAutoScaling,
            TableClass::Standard,
        )
        .unwrap();
        let hours = 30.0 * 24.0;
        assert!(
            (asg.total_usd - 1429.0 * hours * (0.00065 + 0.00013)).abs() < 1e-6,
            "{asg:?}"
        );
        assert_eq!(asg.throttled_units_without_burst, 0.0);
        // Reserved: 1,400 of each (whole blocks under 1,429) at the effective rate, 29 at list.
        let rsv = find(&c.options, Mode::ProvisionedReserved, TableClass::Standard).unwrap();
        assert_eq!(
            rsv.reserved,
            Some(Reserved {
                write_units: 1400.0,
                read_units: 1400.0
            })
        );
        let p = Prices::default();
        let want = hours
            * (1400.0 * p.reserved_1y.wcu_effective_hour()
                + 29.0 * 0.00065
                + 1400.0 * p.reserved_1y.rcu_effective_hour()
                + 29.0 * 0.00013);
        assert!(
            (rsv.total_usd - want).abs() < 1e-6,
            "{} vs {want}",
            rsv.total_usd
        );
        assert_eq!(c.recommended_mode, Mode::ProvisionedReserved);
        assert_eq!(c.unconfirmed_prices.len(), 4, "{:?}", c.unconfirmed_prices);
        let f = billing_mode_finding(&c);
        assert_eq!(f.status, Status::Warn);
        assert!(
            f.summary.contains("reserved capacity prices unconfirmed"),
            "{}",
            f.summary
        );
    }

    #[test]
    fn a_spiky_load_keeps_on_demand_because_provisioned_would_throttle() {
        // 100 writes/s with a 5-minute burst to 2,000/s every 6 hours: auto scaling cannot follow.
        let mut w = flat(100.0, 30 * DAY);
        for start in (0..30 * DAY).step_by(360).skip(1) {
            for m in start..start + 5 {
                w.units[m] = Some(2000.0 * 60.0);
            }
        }
        let r = flat(0.0, 30 * DAY);
        let c = compare(&input(&r, &w, 0.0), &Prices::default(), &no_delay()).unwrap();
        assert_eq!(c.recommended_mode, Mode::OnDemand);
        assert!(
            c.billing_mode
                .rejected
                .iter()
                .any(|r| r.starts_with("provisioned with auto scaling (Standard): would throttle")),
            "{:?}",
            c.billing_mode.rejected
        );
        let f = billing_mode_finding(&c);
        assert_eq!(f.status, Status::Ok);
        assert!(
            f.summary.starts_with("on-demand (Standard) stays"),
            "{}",
            f.summary
        );
    }

    #[test]
    fn a_small_saving_is_not_clear_enough() {
        // 10 writes/s: provisioned ~$7/month vs on-demand ~$16: over half less, but under $25/month.
        let (w, r) = (flat(10.0, 30 * DAY), flat(0.0, 30 * DAY));
        let c = compare(&input(&r, &w, 0.0), &Prices::default(), &no_delay()).unwrap();
        assert_eq!(c.recommended_mode, Mode::OnDemand);
        assert!(
            c.billing_mode
                .rejected
                .iter()
                .any(|r| r.contains("saves only $")),
            "{:?}",
            c.billing_mode.rejected
        );
        assert_eq!(
            c.reserved_unavailable.as_deref(),
            Some("the base load is below the 100-unit minimum reserved capacity purchase")
        );
    }

    #[test]
    fn storage_heavy_tables_are_advised_standard_ia_and_light_ones_stay() {
        // 1 TB, 50 writes/s: storage $256/month at Standard, $102 at IA; requests +25%.
        let (w, r) = (flat(50.0, 30 * DAY), flat(0.0, 30 * DAY));
        let c = compare(&input(&r, &w, 1024.0), &Prices::default(), &no_delay()).unwrap();
        assert_eq!(c.recommended_class, TableClass::StandardInfrequentAccess);
        assert!(c.storage_to_throughput.unwrap() > 0.5);
        let f = table_class_finding(&c, TableClass::Standard);
        assert_eq!(f.status, Status::Warn);
        assert!(f.remedy.unwrap().contains("STANDARD_INFREQUENT_ACCESS"));
        // 1 GB: IA's storage saving is cents; its dearer requests make it cost more.
        let c = compare(&input(&r, &w, 1.0), &Prices::default(), &no_delay()).unwrap();
        assert_eq!(c.recommended_class, TableClass::Standard);
        assert!(
            c.table_class.rejected[0].contains("costs $"),
            "{:?}",
            c.table_class.rejected
        );
        assert_eq!(
            table_class_finding(&c, TableClass::Standard).status,
            Status::Ok
        );
    }

    #[test]
    fn no_traffic_is_no_advice() {
        let (w, r) = (flat(0.0, DAY), flat(0.0, DAY));
        let c = compare(&input(&r, &w, 0.0), &Prices::default(), &no_delay()).unwrap();
        let f = billing_mode_finding(&c);
        assert_eq!(f.status, Status::Unknown);
        assert_eq!(
            f.summary,
            "no traffic in the window: no billing mode to advise"
        );
    }

    #[test]
    fn growth_scales_the_demand_priced() {
        let (w, r) = (flat(100.0, DAY), flat(0.0, DAY));
        let mut i = input(&r, &w, 0.0);
        let one = compare(&i, &Prices::default(), &no_delay()).unwrap();
        i.growth = 2.0;
        let two = compare(&i, &Prices::default(), &no_delay()).unwrap();
        assert_eq!(two.write_units, 2.0 * one.write_units);
        let od = |c: &Comparison| {
            find(&c.options, Mode::OnDemand, TableClass::Standard)
                .unwrap()
                .total_usd
        };
        assert!((od(&two) - 2.0 * od(&one)).abs() < 1e-9);
    }
}
