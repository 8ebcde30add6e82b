//! One descriptor per command, registered once: what a command is (its name as typed, check or
//! action, default time limit, whether it judges the table first, its report files, its
//! production rule, its IAM entry) next to the function that runs it, in the command's own
//! module. `main` and [`super::run`] ask the descriptor; nothing else matches on the command.
//!
//! Adding a command: its clap variant in `cli.rs`, its `Leaf` in its module, one line in
//! [`COMMANDS`]. The tests below hold the registry to the clap command tree.

use std::future::Future;
use std::io::Write;
use std::path::Path;
use std::pin::Pin;
use std::time::Duration;

use super::Outcome;
use crate::cli::Command;
use crate::context::Context;
use crate::report::ReportKind;

/// Every command, in the order of `eventsctl --help`: one registration line each.
pub static COMMANDS: &[&dyn Descriptor] = &[
    &super::table::CREATE,
    &super::table::VERIFY,
    &super::table::DESCRIBE,
    &super::table_fix::FIX,
    &super::events::PUT,
    &super::events::GET,
    &super::events::QUERY,
    &super::events_import::IMPORT,
    &super::events_delete::DELETE,
    &super::diagnose::THROTTLING,
    &super::diagnose::LATENCY,
    &super::diagnose::WRITES,
    &super::alarms::APPLY,
    &super::alarms::STATUS,
    &super::alarms_backtest::BACKTEST,
    &super::alarms_test::TEST,
    &super::dashboard::APPLY,
    &super::dashboard::SHOW,
    &super::ttl::CHECK_TTL,
    &super::export::START,
    &super::export::STATUS,
    &super::export::LIST,
    &super::stream::STATUS,
    &super::stream::TAIL,
    &super::restore::PITR_RESTORE,
    &super::restore::DR_DRILL,
    &super::dr::CUTOVER,
    &super::dr::ROLLBACK,
    &super::dr::RETIRE,
    &super::insights::LIST,
    &super::insights::RUN,
    &super::hot::HOT_PARTITIONS,
    &super::changes::CHANGES,
    &super::health::MONTHLY,
    &super::health::QUARTERLY,
    &super::bench::WRITE,
    &super::bench::READ,
    &super::bench::CLEANUP,
    &super::iam_audit::IAM_AUDIT,
    &super::iam::IAM_POLICY,
    &super::config::SHOW,
    &super::config::INIT,
    &super::completions::COMPLETIONS,
];

/// The descriptor of a parsed command.
pub fn find(command: &Command) -> Option<&'static dyn Descriptor> {
    COMMANDS.iter().copied().find(|d| d.accepts(command))
}

/// A command's future: boxed, so that the dispatch is not as large as the largest command's
/// state machine (which overflows a 2 MiB thread stack in debug builds).
pub type Running<'a> = Pin<Box<dyn Future<Output = anyhow::Result<Outcome>> + 'a>>;

/// How a command runs: its context, its arguments, stdout (for the commands that stream).
pub type Run<A> = for<'a> fn(&'a Context, &'a A, &'a mut dyn Write) -> Running<'a>;

/// Check (exit 0/1/2/3) or action (exit 0/1), decided before the command runs so that an error
/// gets the right exit code too.
pub enum Kind<A: 'static> {
    Check,
    Action,
    /// By the flags (`check-ttl --cleanup --yes` deletes: an action).
    By(fn(&A) -> ReportKind),
}

/// The whole run's default time limit (`--timeout` replaces it).
pub enum Limit<A: 'static> {
    Minutes(u64),
    /// None: the command bounds itself or runs until stopped.
    Unbounded,
    /// By the flags (`--max-wait` + 15 minutes).
    By(fn(&A) -> Option<Duration>),
}

/// A yes/no that may depend on the flags.
pub enum When<A: 'static> {
    Never,
    Always,
    If(fn(&A) -> bool),
}

impl<A> When<A> {
    fn holds(&self, args: &A) -> bool {
        match self {
            When::Never => false,
            When::Always => true,
            When::If(f) => f(args),
        }
    }
}

/// What a command may do to a production target (docs/safety.md, `crate::safety`). `with`: the
/// flags that make it write (empty: it always may).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Production {
    /// Reads only.
    ReadOnly,
    /// Writes; on production they need `--yes` (`safety::guard_write`).
    NeedsYes { with: &'static [&'static str] },
    /// Refused on production, with `--yes` too (`safety::forbid_on_production`).
    Refused,
    /// Writes only what it creates itself and removes again (a canary event, a tagged drill
    /// table): no confirmation.
    OwnResources { with: &'static [&'static str] },
    /// Reads only, except for flags that write or page, each with its own rule (`health-check
    /// monthly`: `--restore-test` runs a drill on its own table, `--alarm-test` pages people).
    /// Each rule's `with` is empty: the flag is named beside it.
    PerFlag(&'static [(&'static str, Production)]),
}

impl Production {
    /// The rules of the flags that write: `(flag, rule)`, one per flag in `with` (or in the
    /// per-flag list); a rule with an empty `with` applies to the command itself (flag `""`).
    pub fn flag_rules(&self) -> Vec<(&'static str, Production)> {
        let each = |with: &'static [&'static str],
                    rule: fn(&'static [&'static str]) -> Production| {
            if with.is_empty() {
                vec![("", rule(&[]))]
            } else {
                with.iter().map(|f| (*f, rule(&[]))).collect()
            }
        };
        match *self {
            Production::ReadOnly => Vec::new(),
            Production::Refused => vec![("", Production::Refused)],
            Production::NeedsYes { with } => each(with, |with| Production::NeedsYes { with }),
            Production::OwnResources { with } => {
                each(with, |with| Production::OwnResources { with })
            }
            Production::PerFlag(rules) => rules.to_vec(),
        }
    }
}

/// A `--report FILE` given to a command: the path, its `--force`, and whether it is a drill
/// record (Markdown and JSON beside it).
#[derive(Debug, Clone, Copy)]
pub struct ReportFile<'a> {
    pub path: &'a Path,
    pub force: bool,
    pub drill: bool,
}

/// One leaf command, typed by its arguments `A`.
pub struct Leaf<A: 'static> {
    /// The words as typed: `table verify`, `dr-drill`.
    pub name: &'static str,
    /// Its arguments, when the parsed command is this one.
    pub args: fn(&Command) -> Option<&A>,
    pub kind: Kind<A>,
    pub limit: Limit<A>,
    /// Watches its own deadline and stops cleanly at it (`main` gives it a grace).
    pub bounds_itself: bool,
    /// Prints items as they come (`output::stream`); its `-o ndjson` is items only.
    pub streams: bool,
    /// Judges the table: one DescribeTable first (`super::preflight`).
    pub judges_table: When<A>,
    pub report_file: Option<for<'a> fn(&'a A) -> Option<ReportFile<'a>>>,
    pub production: Production,
    /// Makes no AWS call (`completions`, `config show`): no account guard before it.
    pub offline: bool,
    /// Its entry in the IAM table (`crate::spec::iam`), by command name.
    pub iam: &'static str,
    /// The shapes of its JSON `data`, from the types that write it (`super::data_schema`).
    pub data: Option<Shapes>,
    pub run: Run<A>,
}

/// The JSON Schemas a command's `data` may match, one per shape (`check-ttl` has two), from
/// the types its JSON is written from: `data_schema::shape::<T>`, or `data_schema::none` for
/// a command whose `data` is always `{}`.
pub type Shapes = fn(&mut schemars::SchemaGenerator) -> Vec<schemars::Schema>;

impl<A> Leaf<A> {
    /// A command with the common defaults: 5 minutes, no preflight, no report file, read-only,
    /// its IAM entry under its own name.
    pub const fn new(
        name: &'static str,
        kind: Kind<A>,
        args: fn(&Command) -> Option<&A>,
        run: Run<A>,
    ) -> Leaf<A> {
        Leaf {
            name,
            args,
            kind,
            limit: Limit::Minutes(5),
            bounds_itself: false,
            streams: false,
            judges_table: When::Never,
            report_file: None,
            production: Production::ReadOnly,
            offline: false,
            iam: name,
            data: None,
            run,
        }
    }

    pub const fn limit(mut self, limit: Limit<A>) -> Leaf<A> {
        self.limit = limit;
        self
    }

    pub const fn judges_table(mut self, when: When<A>) -> Leaf<A> {
        self.judges_table = when;
        self
    }

    pub const fn production(mut self, rule: Production) -> Leaf<A> {
        self.production = rule;
        self
    }

    pub const fn report_file(mut self, f: for<'a> fn(&'a A) -> Option<ReportFile<'a>>) -> Leaf<A> {
        self.report_file = Some(f);
        self
    }

    /// Streams items and stops by its own rules (`events query`, `stream tail`).
    pub const fn streams(mut self) -> Leaf<A> {
        self.streams = true;
        self
    }

    /// Makes no AWS call: the account guard does not run before it.
    pub const fn offline(mut self) -> Leaf<A> {
        self.offline = true;
        self
    }

    /// The shapes of its JSON `data` (every command declares them; `registry::tests`).
    pub const fn data(mut self, shapes: Shapes) -> Leaf<A> {
        self.data = Some(shapes);
        self
    }

    /// Watches its own deadline (`events import`).
    pub const fn bounds_itself(mut self) -> Leaf<A> {
        self.bounds_itself = true;
        self
    }
}

/// A descriptor with its argument type erased: what `main` and the dispatch ask.
pub trait Descriptor: Sync {
    fn name(&self) -> &'static str;
    /// Is the parsed command this one?
    fn accepts(&self, command: &Command) -> bool;
    fn kind(&self, command: &Command) -> ReportKind;
    /// The default time limit for these flags.
    fn default_limit(&self, command: &Command) -> Option<Duration>;
    fn bounds_itself(&self) -> bool;
    fn streams(&self) -> bool;
    fn judges_table(&self, command: &Command) -> bool;
    fn report_file<'a>(&self, command: &'a Command) -> Option<ReportFile<'a>>;
    fn production(&self) -> Production;
    /// Makes no AWS call (no account guard before it).
    fn offline(&self) -> bool;
    fn iam(&self) -> &'static str;
    /// The shapes of its JSON `data` (None: not declared, which `registry::tests` refuses).
    fn data(&self) -> Option<Shapes>;
    fn run<'a>(
        &self,
        ctx: &'a Context,
        command: &'a Command,
        out: &'a mut dyn Write,
    ) -> Running<'a>;
}

impl<A> Descriptor for Leaf<A> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn accepts(&self, command: &Command) -> bool {
        (self.args)(command).is_some()
    }

    fn kind(&self, command: &Command) -> ReportKind {
        match (&self.kind, (self.args)(command)) {
            (Kind::Check, _) => ReportKind::Check,
            (Kind::By(f), Some(a)) => f(a),
            (Kind::Action | Kind::By(_), _) => ReportKind::Action,
        }
    }

    fn default_limit(&self, command: &Command) -> Option<Duration> {
        match (&self.limit, (self.args)(command)) {
            (Limit::Unbounded, _) => None,
            (Limit::By(f), Some(a)) => f(a),
            (Limit::Minutes(m), _) => Some(minutes(*m)),
            (Limit::By(_), None) => Some(minutes(5)),
        }
    }

    fn bounds_itself(&self) -> bool {
        self.bounds_itself
    }

    fn streams(&self) -> bool {
        self.streams
    }

    fn judges_table(&self, command: &Command) -> bool {
        (self.args)(command).is_some_and(|a| self.judges_table.holds(a))
    }

    fn report_file<'a>(&self, command: &'a Command) -> Option<ReportFile<'a>> {
        self.report_file
            .and_then(|f| (self.args)(command).and_then(f))
    }

    fn production(&self) -> Production {
        self.production
    }

    fn offline(&self) -> bool {
        self.offline
    }

    fn iam(&self) -> &'static str {
        self.iam
    }

    fn data(&self) -> Option<Shapes> {
        self.data
    }

    fn run<'a>(
        &self,
        ctx: &'a Context,
        command: &'a Command,
        out: &'a mut dyn Write,
    ) -> Running<'a> {
        match (self.args)(command) {
            Some(a) => (self.run)(ctx, a, out),
            None => {
                let name = self.name;
                Box::pin(async move {
                    Err(anyhow::anyhow!(
                        "internal error: the command given is not `{name}`"
                    ))
                })
            }
        }
    }
}

/// `m` minutes.
pub const fn minutes(m: u64) -> Duration {
    Duration::from_secs(60 * m)
}

/// A flag's duration and `m` minutes more: a wait bounded by a flag, and time around it.
pub fn plus(d: chrono::Duration, m: u64) -> Option<Duration> {
    Some(d.to_std().unwrap_or_default() + minutes(m))
}

#[cfg(test)]
mod tests;
