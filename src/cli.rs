//! The command-line schema: clap derive definitions and their value parsers, nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::values;
use crate::times::{TimeArg, duration_arg, parse_time_arg};

#[derive(Debug, Parser)]
#[command(
    name = "eventsctl",
    version = crate::VERSION,
    about = "Runs the events-table runbook against a live DynamoDB table and CloudWatch",
    long_about = "Runs the events-table runbook against a live DynamoDB table and CloudWatch: \
                  every runbook question is one command with a verdict.\n\n\
                  Exit codes: checks 0 ok, 1 warn, 2 crit, 3 unknown; other commands 0 success, \
                  1 failure; usage errors 64.",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the
    /// config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one
    /// report with a row per environment, the worst exit code
    #[arg(long, global = true, env = "EVENTSCTL_ENV", default_value = "dev", value_parser = env_list)]
    pub env: String,
    /// Checks: run for every environment of the config file (a fleet run, as --env a,b,c)
    #[arg(long, global = true)]
    pub all_envs: bool,
    /// The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml
    /// if it exists); flags override it, it overrides the defaults (`eventsctl config show`)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for
    /// node_exporter's textfile collector
    #[arg(long, global = true, value_name = "FILE")]
    pub metrics_file: Option<PathBuf>,
    /// Checks: also put each check's status (0 ok .. 3 unknown) into CloudWatch, namespace
    /// Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)
    #[arg(long, global = true)]
    pub publish_metrics: bool,
    /// Table name, overriding the one derived from --name-prefix and --env
    #[arg(long, global = true, value_parser = table_name)]
    pub table: Option<String>,
    /// Prefix of every resource name
    #[arg(long, global = true, env = "EVENTSCTL_NAME_PREFIX", default_value = "zapier-triggers-api", value_parser = name_prefix)]
    pub name_prefix: String,
    /// AWS Region (else AWS_REGION, the profile, instance metadata)
    #[arg(long, global = true, value_parser = region)]
    pub region: Option<String>,
    /// AWS shared-config profile (else AWS_PROFILE)
    #[arg(long, global = true, value_parser = profile)]
    pub profile: Option<String>,
    /// Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)
    #[arg(long, global = true, value_parser = endpoint_url)]
    pub endpoint_url: Option<String>,
    /// Output format
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,
    /// No progress and no notes on stderr; errors are still printed
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK's own debug
    /// log; never payloads or credentials
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// No spinners or progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// Print every place the runbook is wrong in full (what it says, the fact, the AWS source),
    /// not only the short lines that bear on this command (all of them: docs/aws-facts.md)
    #[arg(long, global = true)]
    pub explain: bool,
    /// Colour in tables
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits
    /// it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m,
    /// bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS
    /// call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it.
    #[arg(long, global = true, value_parser = timeout_arg)]
    pub timeout: Option<std::time::Duration>,
    /// Production markers: a target whose environment or table name holds one as a name token
    /// (split at anything not a letter or digit; `prod2` matches `prod`) is production, and
    /// every write to it needs --yes (table create is refused). A comma-separated list adds to
    /// prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all
    /// (`none,pci`: only pci); every write says so on stderr while a default is removed. See
    /// docs/safety.md
    #[arg(long, global = true, env = "EVENTSCTL_PRODUCTION_MARKERS", default_value = "prod,prd,production,live", hide_default_value = true, allow_hyphen_values = true, value_parser = production_markers)]
    pub production_markers: crate::safety::ProductionRule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Tables for people
    Table,
    /// One JSON object (the eventsctl/v1 envelope); streams print one object a line
    Json,
    /// Markdown, for tickets and reports
    Markdown,
    /// One JSON object a line (streaming commands)
    Ndjson,
    /// OpenMetrics text (eventsctl_check_status and the run's status, time and duration), for
    /// node_exporter's textfile collector
    Prometheus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, verify and describe the events table (runbook: Architecture Summary)
    #[command(subcommand)]
    Table(TableCommand),
    /// Write, read, query and import events through the shared core
    #[command(subcommand)]
    Events(EventsCommand),
    /// Diagnose throttling, latency and failing writes (runbook Issue 1, alarms 1-3)
    #[command(subcommand)]
    Diagnose(DiagnoseCommand),
    /// Create and check the runbook's alarms
    #[command(subcommand)]
    Alarms(AlarmsCommand),
    /// Put the runbook's dashboard, or draw it in the terminal
    #[command(subcommand)]
    Dashboard(DashboardCommand),
    /// TTL configured on `ttl`, and the data that TTL can or cannot delete (runbook Issue 2)
    CheckTtl(CheckTtlArgs),
    /// PITR exports to S3: exact answers at any size without reading the table
    #[command(subcommand)]
    Export(ExportCommand),
    /// Stream enabled with NEW_IMAGE, its shards, and its consumer (runbook Issue 3)
    StreamStatus(StreamStatusArgs),
    /// Read the table's stream
    #[command(subcommand)]
    Stream(StreamCommand),
    /// Restore the table to a point in time into a new table, verify it, re-apply what a
    /// restore drops (TTL, stream, PITR, tags); never touches the source (runbook: Disaster
    /// Recovery)
    PitrRestore(RestoreArgs),
    /// Restore `latest` into a tagged drill table, verify, measure RTO and RPO, delete it
    /// (runbook: Disaster Recovery Drill)
    DrDrill(DrillArgs),
    /// Point the API at a restored table, undo it, and retire the original (runbook: Disaster
    /// Recovery, steps 4 and 5)
    #[command(subcommand)]
    Dr(DrCommand),
    /// The runbook's Logs Insights queries
    #[command(subcommand)]
    Insights(InsightsCommand),
    /// Hot users and keys: top users' rates, Contributor Insights, key-range throttling
    /// (runbook Issue 4)
    HotPartitions(HotArgs),
    /// What changed, who changed it and when (beyond the runbook): CloudTrail events on the
    /// table, its alarms and its stream consumer, the alarms' history and the throttle and
    /// latency spikes, newest first
    Changes(ChangesArgs),
    /// The runbook's maintenance procedures as one command each
    #[command(subcommand)]
    HealthCheck(HealthCommand),
    /// Open-loop load through the core against the runbook's performance targets
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Audit the IAM roles of the Lambda functions that use the table (runbook Monthly 5)
    #[command(subcommand)]
    Iam(IamCommand),
    /// Print the least-privilege IAM policy (JSON) for these commands (default: all), scoped to
    /// this environment's table, indexes, stream, restore and drill tables, alarms, dashboard
    /// and log groups; split into named policies that each fit IAM's 6,144 characters when one
    /// cannot hold it
    IamPolicy(IamPolicyArgs),
    /// The config file (eventsctl.toml): the settings in force and where each came from, or a
    /// commented example to start from
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish)
    Completions {
        /// The shell to print the script for
        #[arg(value_enum)]
        shell: clap_complete::aot::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Every setting of the environment (--env) as resolved from the flags, the config file and
    /// the defaults, and where each came from
    Show,
    /// Write the commented example config to the XDG config path (or --file FILE); never over
    /// an existing file without --force
    Init(ConfigInitArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ConfigInitArgs {
    /// Write here instead of $XDG_CONFIG_HOME/eventsctl/eventsctl.toml (`--file`, since
    /// `--output` is the global output format)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Replace an existing file
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum HealthCommand {
    /// Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst
    /// status is the exit code
    Monthly(MonthlyArgs),
    /// Latency against targets and last quarter, GSI usage, key distribution, cost
    Quarterly(QuarterlyArgs),
}

#[derive(Debug, Clone, Args)]
pub struct MonthlyArgs {
    /// Also run a restore drill (dr-drill) and include its record
    #[arg(long)]
    pub restore_test: bool,
    /// Also run the alarm test (`alarms test --yes`): every alarm goes to ALARM and pages its
    /// subscribers (the flag is the consent; on production it needs --yes too), and its history
    /// shows whether the page went out
    #[arg(long)]
    pub alarm_test: bool,
    /// With --alarm-test on production: page them (a production environment is refused without it)
    #[arg(long, requires = "alarm_test", conflicts_with = "dry_run")]
    pub yes: bool,
    /// With --alarm-test: say who would be paged and page nobody
    #[arg(long, requires = "alarm_test")]
    pub dry_run: bool,
    /// With --alarm-test: seconds to wait for each alarm's Action item and its return from ALARM
    #[arg(long, requires = "alarm_test", default_value_t = 120, value_parser = clap::value_parser!(u64).range(0..=900))]
    pub alarm_test_wait: u64,
    /// Write the report as Markdown to FILE, for the ticket (never an input, never over an
    /// existing file without --force; checked before the first AWS call)
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Let --report replace an existing file
    #[arg(long, requires = "report")]
    pub force: bool,
    /// Items check-ttl samples
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub sample: u64,
    /// Warn when the last month's cost rose more than this many percent on the month before
    /// (part cost)
    #[arg(long, default_value_t = 25.0, value_parser = non_negative_number)]
    pub cost_jump: f64,
    /// Seconds to wait for each role's IAM access advisor report (part iam)
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=600))]
    pub advisor_wait: u64,
    #[command(flatten)]
    pub prices: PriceArgs,
}

#[derive(Debug, Clone, Args)]
pub struct QuarterlyArgs {
    /// Write the report as Markdown to FILE (never an input, never over an existing file
    /// without --force; checked before the first AWS call)
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Let --report replace an existing file
    #[arg(long, requires = "report")]
    pub force: bool,
    /// Items sampled for the key distribution
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub sample: u64,
    #[command(flatten)]
    pub prices: PriceArgs,
    /// Key distribution, item sizes and GSI key coverage, exactly, from a PITR export instead
    /// of the sample (local engine)
    #[command(flatten)]
    pub export: FromExportArgs,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Write events at a fixed rate (PutItem, conditional), as the API does; its events are
    /// deleted at the end, on Ctrl-C and on SIGTERM (after a kill -9: bench cleanup)
    Write(BenchArgs),
    /// Query users' recent events at a fixed rate, as GET /inbox does
    Read(BenchArgs),
    /// Delete the events of bench runs that were not cleaned up (killed runs, --keep)
    Cleanup(BenchCleanupArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BenchCleanupArgs {
    /// Only this run (the run_id a bench printed)
    #[arg(long)]
    pub run: Option<String>,
    /// Only runs that started at least this long ago (a run still going is left alone)
    #[arg(long, default_value = "1h", value_parser = duration_arg)]
    pub older_than: chrono::Duration,
    /// Really delete (without it: what would be deleted)
    #[arg(long)]
    pub yes: bool,
    /// Show what would be deleted and delete nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// Requests per second, sent on schedule whatever the latency (open loop)
    #[arg(long, default_value_t = 100.0, value_parser = positive_rate)]
    pub rate: f64,
    /// How long to run
    #[arg(long, default_value = "10s", value_parser = duration_arg)]
    pub duration: chrono::Duration,
    /// Bench users to spread the load over (user ids eventsctl-bench-<run>-<n>)
    // The doc comment is the --help text, written as people read it, not as HTML.
    #[allow(rustdoc::invalid_html_tags)]
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub users: u32,
    /// Requests in flight at most; beyond it a scheduled request is counted as dropped
    #[arg(long, default_value_t = 2048, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_in_flight: u32,
    /// Keep the bench events (their ttl removes them within about a day of the hour they get;
    /// bench cleanup deletes them sooner)
    #[arg(long)]
    pub keep: bool,
    /// Run against a production table (bench events reach its stream consumers)
    #[arg(long)]
    pub yes: bool,
}

/// Prices for the cost estimate; defaults are us-east-1 list prices (check yours).
#[derive(Debug, Clone, Args)]
pub struct PriceArgs {
    /// On-demand $ per million write request units
    #[arg(long, default_value_t = 0.625)]
    pub price_per_million_wru: f64,
    /// On-demand $ per million read request units
    #[arg(long, default_value_t = 0.125)]
    pub price_per_million_rru: f64,
    /// Provisioned $ per WCU-hour
    #[arg(long, default_value_t = 0.00065)]
    pub price_per_wcu_hour: f64,
    /// Provisioned $ per RCU-hour
    #[arg(long, default_value_t = 0.00013)]
    pub price_per_rcu_hour: f64,
}

#[derive(Debug, Clone, Args)]
pub struct HotArgs {
    /// How far back to look
    #[arg(long, default_value = "1h", value_parser = window_arg)]
    pub since: chrono::Duration,
    /// Log group of the API's Lambda (repeatable; default: those under /aws/lambda/{prefix}-{env})
    #[arg(long = "log-group")]
    pub log_groups: Vec<String>,
    /// Enable Contributor Insights (throttled-keys mode) on the table and its GSIs first
    #[arg(long)]
    pub enable_contributor_insights: bool,
    /// With --enable-contributor-insights: show what would be enabled, change nothing
    #[arg(long, requires = "enable_contributor_insights")]
    pub dry_run: bool,
    /// With --enable-contributor-insights on production (docs/safety.md): confirm the change
    #[arg(long, requires = "enable_contributor_insights")]
    pub yes: bool,
    /// Exact events per user and per day from a PITR export instead of the logs and metrics
    /// (the table is not read)
    #[command(flatten)]
    pub export: FromExportArgs,
}

#[derive(Debug, Subcommand)]
pub enum InsightsCommand {
    /// The named queries and what they answer
    List,
    /// Run a named query, or your own with --query
    Run(Box<InsightsRunArgs>),
}

#[derive(Debug, Clone, Args)]
pub struct InsightsRunArgs {
    /// A query name from `insights list`
    #[arg(required_unless_present = "query", conflicts_with = "query")]
    pub name: Option<String>,
    /// Your own query text
    #[arg(long)]
    pub query: Option<String>,
    /// From: RFC 3339 or relative (1h, 2d ago)
    #[arg(long, default_value = "1h", value_parser = time_arg)]
    pub since: TimeArg,
    /// Until: RFC 3339 or relative (default now)
    #[arg(long, value_parser = time_arg)]
    pub until: Option<TimeArg>,
    /// Log group (repeatable, at most 50: a query takes 50; default: the groups under
    /// /aws/lambda/{prefix}-{env}, the first 50 if there are more, and it says which were left)
    #[arg(long = "log-group")]
    pub log_groups: Vec<String>,
    /// Only this user's lines (adds `filter user_id = "..."`, the value escaped)
    #[arg(long)]
    pub user: Option<String>,
    /// Only lines containing this text (adds `filter @message like /.../`, the text escaped)
    #[arg(long = "match")]
    pub matching: Option<String>,
    /// At most this many result rows, read page by page (Logs Insights' default is 10,000; at
    /// most 100,000)
    #[arg(long, value_parser = clap::value_parser!(i32).range(1..=100000))]
    pub limit: Option<i32>,
    /// The application's latency field, read by the latency queries (the runbook's @duration
    /// exists only on Lambda REPORT lines)
    #[arg(long, default_value = crate::spec::insights::DEFAULT_LATENCY_FIELD, value_parser = field_name)]
    pub latency_field: String,
    /// Longest wait for the query (Logs Insights stops queries at 60 minutes)
    #[arg(long, default_value = "15m", value_parser = duration_arg)]
    pub max_wait: chrono::Duration,
}

/// `latest`, or a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestorePoint {
    Latest,
    At(TimeArg),
}

fn restore_point(s: &str) -> Result<RestorePoint, String> {
    if s.eq_ignore_ascii_case("latest") {
        Ok(RestorePoint::Latest)
    } else {
        parse_time_arg(s).map(RestorePoint::At)
    }
}

#[derive(Debug, Subcommand)]
pub enum IamCommand {
    /// The execution roles of the functions that use the table (their variable names it, or an
    /// event source mapping feeds them its stream): each statement of their inline and attached
    /// policies judged (wildcards, account-wide resources, writes and deletes a role does not
    /// need, privilege escalation), what they need and lack, and what they never used in 90 days
    /// (IAM access advisor); each remedy prints the role's least-privilege policy
    Audit(IamAuditArgs),
}

#[derive(Debug, Clone, Args)]
pub struct IamAuditArgs {
    /// Audit this function's role, whether or not it uses the table (repeatable; default: every
    /// function that uses the table)
    #[arg(long = "function", value_name = "F")]
    pub functions: Vec<String>,
    /// The environment variable whose value names the table (its name or ARN)
    #[arg(long, default_value = "EVENTS_TABLE_NAME")]
    pub variable: String,
    /// Seconds to wait for each role's access advisor report (IAM prepares it; without it the
    /// unused permissions are unknown)
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=600))]
    pub advisor_wait: u64,
}

#[derive(Debug, Clone, Args)]
pub struct IamPolicyArgs {
    /// Commands to cover: a group (`table`, `alarms`) or one command (`table create`); none
    /// means every command. Permissions only a flag needs are in statements named after it
    pub commands: Vec<String>,
    /// The AWS account the resources are in (default `*`: any account)
    #[arg(long, value_parser = account_id)]
    pub account_id: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    /// `latest`, RFC 3339, or relative (`2h ago`)
    #[arg(long, value_parser = restore_point, required_unless_present = "resume", conflicts_with = "resume")]
    pub to: Option<RestorePoint>,
    /// The new table (default {table}-restored-YYYYMMDD)
    #[arg(long, value_parser = table_name, conflicts_with = "resume")]
    pub target: Option<String>,
    /// Pick up a restore already started: wait for TARGET, verify it, re-apply settings
    #[arg(long, value_parser = table_name)]
    pub resume: Option<String>,
    /// Show the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Confirm a restore from a production table (production rule: docs/safety.md); a dry run
    /// needs no confirmation
    #[arg(long)]
    pub yes: bool,
    /// Wait for the restore and verify it (the default in a terminal)
    #[arg(long, conflicts_with = "no_wait")]
    pub wait: bool,
    /// Start the restore and return (pick it up later with --resume)
    #[arg(long)]
    pub no_wait: bool,
    /// Longest wait for the restored table to become ACTIVE (restores can take hours)
    #[arg(long, default_value = "6h", value_parser = duration_arg)]
    pub max_wait: chrono::Duration,
    /// Do not re-apply TTL, stream, PITR and tags on the restored table
    #[arg(long)]
    pub no_reapply: bool,
    /// Keys read from the restored table and looked up in the source, and about as many
    /// source events (dated before the restore point) looked up in the restored table
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(0..=10000))]
    pub sample: u64,
    /// Count both tables exactly with a Scan (billed by the bytes it reads: half a read unit per
    /// 4 KB, eventually consistent; hours and many read units on a production-size source; the
    /// estimate is shown first). Without it the counts are DescribeTable's ItemCount, refreshed
    /// about every six hours
    #[arg(long)]
    pub exact_count: bool,
    /// Compare the restored table with the source as it was at the restore point: the item
    /// count in the manifest of a PITR export of the source (`latest`: the newest completed
    /// full DynamoDB-JSON export at or before the restore point; take one with `export start
    /// --to <point>`). Checked before the restore starts (and by --dry-run): a reference that
    /// cannot be used refuses the restore. With --exact-count only the restored table is
    /// scanned
    #[arg(long, value_name = "ARN|latest")]
    pub reference_export: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct DrillArgs {
    /// Keep the drill table (delete it later with --delete NAME --yes)
    #[arg(long)]
    pub keep: bool,
    /// Write the drill record as Markdown to FILE and as JSON beside it (FILE with .json; a
    /// FILE ending in .json gets the JSON and the Markdown goes to FILE with .md). Never over an
    /// existing file without --force; checked before the first AWS call
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Let --report replace existing files
    #[arg(long, requires = "report")]
    pub force: bool,
    /// Longest wait for the drill table to become ACTIVE
    #[arg(long, default_value = "6h", value_parser = duration_arg)]
    pub max_wait: chrono::Duration,
    /// Keys sampled for verification
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(0..=10000))]
    pub sample: u64,
    /// Rehearse the whole procedure (not in production): a drill source table seeded with known
    /// events, a drill API function and a drill consumer with its mapping, all created and
    /// tagged by the drill; restore, cutover of the drill API to the restored table, canary
    /// through the consumer, rollback, then everything the drill created deleted. RTO runs from
    /// the restore's start to the verified cutover
    #[arg(long, conflicts_with_all = ["delete", "keep"], requires = "role")]
    pub cutover: bool,
    /// With --cutover: overwrite N of the seeded events with garbage after the restore is taken,
    /// and prove by content that each has its seeded value in the restored table and the
    /// garbage only in the drill source
    #[arg(long, requires = "cutover", value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub corruption: Option<u64>,
    /// With --cutover: the execution role ARN of the drill functions (it must allow DynamoDB on
    /// the drill tables, `{table}-drill-*`, and their streams)
    #[arg(long, requires = "cutover", value_name = "ARN")]
    pub role: Option<String>,
    /// With --cutover: how long the consumer may take to show the canary
    #[arg(long, requires = "cutover", default_value = "5m", value_parser = duration_arg)]
    pub canary_timeout: chrono::Duration,
    /// Delete a kept drill table instead of drilling (only a table tagged as a drill)
    #[arg(long, value_parser = table_name)]
    pub delete: Option<String>,
    /// With --delete: really delete
    #[arg(long, requires = "delete")]
    pub yes: bool,
    /// Show the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("confirmable").args(["cleanup", "full", "repair"]).multiple(true)))]
#[command(group(clap::ArgGroup::new("whole").args(["full", "resume", "repair"]).multiple(true)))]
#[command(group(clap::ArgGroup::new("writes").args(["cleanup", "repair"]).multiple(false)))]
pub struct CheckTtlArgs {
    /// Items to sample: small pages from randomly chosen segments spanning the key space; every
    /// share reported carries a 95% confidence interval
    #[arg(long, default_value_t = 10_000, conflicts_with_all = ["full", "from_export", "repair"], value_parser = clap::value_parser!(u64).range(1..))]
    pub sample: u64,
    /// Scan the whole table: prints the estimate (read units, time, price) first, honours
    /// --read-rate and --max-read-units, checkpoints to a state file
    #[arg(long, conflicts_with = "from_export")]
    pub full: bool,
    /// With --full: only print the estimate, read nothing
    #[arg(long, requires = "whole")]
    pub estimate: bool,
    /// With --full: consumed read units per second at most (ReturnConsumedCapacity), shared by
    /// all segments; throttled pages back off
    #[arg(long, requires = "whole", value_parser = positive_number)]
    pub read_rate: Option<f64>,
    /// With --full: stop after consuming this many read units and report what was seen as
    /// partial (resume later with --resume)
    #[arg(long, requires = "whole", value_parser = positive_number)]
    pub max_read_units: Option<f64>,
    /// With --full or --repair: the state file, created 0600 (default: a new one in the
    /// private state directory, $XDG_STATE_HOME/eventsctl or ~/.local/state/eventsctl, named
    /// in the output; removed when the scan finishes)
    #[arg(long, requires = "whole", conflicts_with = "resume")]
    pub checkpoint: Option<PathBuf>,
    /// Continue the full scan (or --repair) saved in this state file (after Ctrl-C, a kill, an
    /// expired credential or a budget stop), with the full scan's time limit; nothing is counted
    /// twice. A file of another table or command, or one that does not add up, is refused
    #[arg(long, conflicts_with_all = ["cleanup", "sample", "from_export"])]
    pub resume: Option<PathBuf>,
    /// With --full: TotalSegments (default: one per GB of table, at least 4; at most 1,000,000)
    #[arg(long, value_parser = clap::value_parser!(i32).range(1..=1_000_000))]
    pub segments: Option<i32>,
    /// Segments read at the same time
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// With --full on a production environment: the estimate in read units above which --yes
    /// is needed
    #[arg(long, default_value_t = crate::scale::estimate::DEFAULT_CONFIRM_ABOVE_UNITS, value_parser = non_negative_number)]
    pub confirm_above: f64,
    /// On-demand $ per million read request units, for the estimate
    #[arg(long, default_value_t = crate::scale::estimate::DEFAULT_PRICE_PER_MILLION_RRU, value_parser = non_negative_number)]
    pub price_per_million_rru: f64,
    #[command(flatten)]
    pub export: FromExportArgs,
    /// How long after expiry an item counts as overdue (DynamoDB typically deletes within 48 h)
    #[arg(long, default_value = "48h", value_parser = duration_arg)]
    pub grace: chrono::Duration,
    /// Delete the overdue items the scan finds (conditional on `ttl` still being past the
    /// cutoff); without --yes only reports what it would delete
    #[arg(long, conflicts_with = "from_export")]
    pub cleanup: bool,
    /// With --cleanup: really delete; with --full on production: read above --confirm-above
    #[arg(long, requires = "confirmable")]
    pub yes: bool,
    /// With --cleanup --yes: delete even though TTL is not enabled on `ttl` (a cleanup that
    /// stands in for TTL: a different operation, asked for explicitly)
    #[arg(long, requires = "cleanup")]
    pub instead_of_ttl: bool,
    /// With --cleanup: deletes per second at most; with --repair: rewrites per second at most
    #[arg(long, default_value = "50", requires = "writes", value_parser = positive_rate)]
    pub rate: f64,
    /// Beyond the runbook: give a Number `ttl` in epoch seconds to the items TTL never deletes
    /// (missing or malformed: the event's timestamp + 30 days; a string or milliseconds: the
    /// same moment in seconds), each only if it is unchanged since it was read. Never shortens
    /// a ttl or sets one already past unless its class is named (--classes, --expire-now).
    /// Reads the whole table like --full (--read-rate, --max-read-units, --checkpoint,
    /// --resume); production needs --yes
    #[arg(long, conflicts_with_all = ["cleanup", "from_export", "estimate"])]
    pub repair: bool,
    /// With --repair: read and count what would be rewritten, class by class, write nothing
    #[arg(long, requires = "repair")]
    pub dry_run: bool,
    /// With --repair: the classes to rewrite (default: missing,not_number,milliseconds, the
    /// items TTL never deletes). too_far (a ttl beyond timestamp + 30 days, which TTL does
    /// delete, later) is rewritten to timestamp + 30 days only when named: that shortens a ttl
    /// that may be deliberate
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "CLASS,...",
        requires = "repair"
    )]
    pub classes: Vec<RepairClass>,
    /// With --repair: also rewrite the items of these classes whose new ttl is already past
    /// (an event older than 30 days): TTL then deletes them, typically within 48 hours. Without
    /// it they are counted ("would expire at once") and left as they are
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "CLASS,...",
        requires = "repair"
    )]
    pub expire_now: Vec<RepairClass>,
}

pub use crate::vocab::defaults::RepairClass;

/// Exact answers from a PITR export in S3 instead of reading the table.
#[derive(Debug, Clone, Args)]
pub struct FromExportArgs {
    /// Answer from this export (an export ARN, or `latest`: the newest completed full export
    /// of the table in DynamoDB JSON; an incremental or ION export is refused); the table
    /// itself is not read, and what is read is checked against the export's manifest
    #[arg(long, value_name = "ARN|latest")]
    pub from_export: Option<String>,
    /// With --from-export: read the export's files here (`local`, streamed in parallel) or run
    /// SQL over them in Amazon Athena (`athena`)
    #[arg(long, value_enum, default_value_t = ExportEngine::Local, requires = "from_export")]
    pub engine: ExportEngine,
    #[command(flatten)]
    pub athena: AthenaArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportEngine {
    Local,
    Athena,
}

/// Where Athena runs and what it costs.
#[derive(Debug, Clone, Args)]
pub struct AthenaArgs {
    /// Athena workgroup
    #[arg(long, default_value = "primary", value_parser = workgroup)]
    pub athena_workgroup: String,
    /// Where Athena writes query results (s3://bucket/prefix/); default: the workgroup's
    /// result location, or, when it has none, `athena-results/` beside the export
    /// (s3://BUCKET/PREFIX/athena-results/)
    #[arg(long, value_parser = s3_location)]
    pub athena_output: Option<String>,
    /// Glue database the export's table is registered in (created when missing): lower-case
    /// letters, digits and '_', as in eventsctl.toml
    #[arg(long, default_value = "eventsctl", value_parser = athena_database)]
    pub athena_database: String,
    /// Athena $ per TB scanned, for the estimate (of the export's gzip files, at least 10 MB
    /// a query, as Athena bills)
    #[arg(long, default_value_t = 5.0, value_parser = non_negative_number)]
    pub price_per_tb_scanned: f64,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity
    /// used; a full export in DynamoDB JSON); run again, it reuses the export of the same
    /// bucket and prefix that is still in progress, or a recent completed one, unless --new
    Start(ExportStartArgs),
    /// One export's state (an ARN, or `latest`)
    Status(ExportStatusArgs),
    /// The table's exports, newest first
    List,
}

#[derive(Debug, Clone, Args)]
pub struct ExportStartArgs {
    /// S3 bucket for the export (else `bucket` in the environment's [env.NAME.export] of the
    /// config file)
    #[arg(long, value_parser = bucket)]
    pub bucket: Option<String>,
    /// Key prefix in the bucket
    #[arg(long, value_parser = key_prefix)]
    pub prefix: Option<String>,
    /// The AWS account id (12 digits) that owns the bucket: needed when the bucket is in
    /// another account than the table (AWS requires S3BucketOwner then, and the bucket's
    /// policy must let this account write to it)
    #[arg(long, value_name = "ACCOUNT", value_parser = account_id)]
    pub bucket_owner: Option<String>,
    /// The point in time to export (default: now); within the PITR window
    #[arg(long, value_parser = time_arg)]
    pub to: Option<TimeArg>,
    /// Reuse a completed export of this bucket and prefix no older than this (one still in
    /// progress is always reused; with an absolute --to, one of exactly that point; with a
    /// relative --to such as 1m, which moves with the clock, one of a point within this before
    /// the point asked, so a run again after a timeout or Ctrl-C never starts a second export)
    #[arg(long, default_value = "24h", value_parser = window_arg)]
    pub reuse_within: chrono::Duration,
    /// Start a new export even when a recent one, or one in progress, exists
    #[arg(long)]
    pub new: bool,
    /// Wait until the export completes (progress on stderr)
    #[arg(long)]
    pub wait: bool,
    /// With --wait: give up waiting after this long (the export goes on)
    #[arg(long, default_value = "2h", value_parser = duration_arg)]
    pub wait_timeout: chrono::Duration,
    /// Export $ per GB of table, for the estimate
    #[arg(long, default_value_t = 0.10, value_parser = non_negative_number)]
    pub price_per_gb: f64,
    /// Show the estimate and what would be started; start nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ExportStatusArgs {
    /// An export ARN, or `latest`
    #[arg(default_value = "latest")]
    pub export: String,
    /// Wait until it completes
    #[arg(long)]
    pub wait: bool,
    /// With --wait: give up waiting after this long
    #[arg(long, default_value = "2h", value_parser = duration_arg)]
    pub wait_timeout: chrono::Duration,
}

#[derive(Debug, Clone, Args)]
pub struct StreamStatusArgs {
    /// Write a canary event (type eventsctl.canary), wait for it on the stream, report the
    /// end-to-end latency and delete it. Downstream consumers see the canary too and can drop
    /// it by its event type.
    #[arg(long)]
    pub probe: bool,
    /// With --probe: how long to wait for the canary on the stream, then as long again for quiet consumers to show it
    #[arg(long, default_value = "30s", value_parser = duration_arg)]
    pub probe_timeout: chrono::Duration,
    /// With --probe: read the stream even when two event source mappings already do (a third
    /// reader of a shard gets throttled, and so may they)
    #[arg(long, requires = "probe")]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum StreamCommand {
    /// Follow every open shard (children after parents) and print one record a line; Ctrl-C
    /// stops. Refused when two event source mappings already read the stream (--force)
    Tail(TailArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StreamFrom {
    /// Only records written from now on
    Latest,
    /// Everything still in the stream (24 h retention)
    TrimHorizon,
}

#[derive(Debug, Clone, Args)]
pub struct TailArgs {
    /// Where to start
    #[arg(long, value_enum, default_value_t = StreamFrom::Latest)]
    pub from: StreamFrom,
    /// Only records of this user
    #[arg(long)]
    pub user: Option<String>,
    /// Only records of this event type
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Stop after this many records
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_records: Option<u64>,
    /// Stop after this long (default: until Ctrl-C)
    #[arg(long = "for", value_parser = duration_arg)]
    pub duration: Option<chrono::Duration>,
    /// Read even when two event source mappings already do (a third reader of a shard gets
    /// throttled, and so may they)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum DiagnoseCommand {
    /// Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)
    Throttling(WindowArgs),
    /// SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)
    Latency(WindowArgs),
    /// Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write
    Writes(WritesArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ChangesArgs {
    /// How far back to look: 1h, 24h, 7d (CloudTrail keeps 90 days)
    #[arg(long, default_value = "24h", value_parser = changes_window)]
    pub since: chrono::Duration,
}

fn changes_window(s: &str) -> Result<chrono::Duration, String> {
    let d = window_arg(s)?;
    if d > chrono::Duration::days(90) {
        return Err(format!(
            "`{s}` is more than 90 days: CloudTrail event history keeps 90 days"
        ));
    }
    Ok(d)
}

#[derive(Debug, Clone, Args)]
pub struct WindowArgs {
    /// How far back to look: 1h, 30m, 6h, 2d (or "1h ago")
    #[arg(long, default_value = "1h", value_parser = window_arg)]
    pub since: chrono::Duration,
}

#[derive(Debug, Clone, Args)]
pub struct WritesArgs {
    #[command(flatten)]
    pub window: WindowArgs,
    /// Write a canary event (user eventsctl-canary, type eventsctl.canary, 1 h ttl), read it
    /// back and delete it, timing the round trip. Stream consumers see it and can filter on its
    /// type.
    #[arg(long)]
    pub canary: bool,
}

#[derive(Debug, Subcommand)]
pub enum AlarmsCommand {
    /// Create or update the runbook's alarms to spec
    Apply(AlarmsApplyArgs),
    /// Each alarm: present, as specified, its state, and whether it notifies anyone
    Status,
    /// Replay each alarm's own rule over the last days of its metrics: when it would have
    /// fired, how often it would have paged, and the threshold for a target page rate
    Backtest(AlarmsBacktestArgs),
    /// Put each alarm into ALARM (pages people: needs --yes) and prove the page went out: its
    /// topics exist with confirmed subscribers, and its history shows the action ran
    Test(AlarmsTestArgs),
}

#[derive(Debug, Clone, Args)]
pub struct AlarmsTestArgs {
    /// Only this alarm (its full name, or without `{prefix}-{env}-`); repeatable
    #[arg(long = "alarm", value_name = "NAME")]
    pub alarms: Vec<String>,
    /// Seconds to wait for each alarm's Action item and its return from ALARM
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(0..=900))]
    pub wait: u64,
    /// Say who would be paged and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Page them: put the alarms into ALARM (every environment; it pages people)
    #[arg(long)]
    pub yes: bool,
}

/// `alarms backtest --days`'s default.
pub const DEFAULT_BACKTEST_DAYS: u32 = 30;

#[derive(Debug, Clone, Args)]
pub struct AlarmsBacktestArgs {
    /// Days of history to replay (CloudWatch keeps 1-minute datapoints 15 days, 5-minute ones
    /// 63, hourly ones 455: an alarm whose period is finer than what is kept is replayed over
    /// what is kept, and says so)
    #[arg(long, default_value_t = DEFAULT_BACKTEST_DAYS, value_parser = clap::value_parser!(u32).range(1..=455))]
    pub days: u32,
    /// A target page rate (pages a month): the threshold that would have met it, next to the
    /// runbook's (advice: the alarms keep their thresholds)
    #[arg(long, value_parser = positive_number)]
    pub pages_per_month: Option<f64>,
    /// Only this alarm (its full name, or without `{prefix}-{env}-`); repeatable
    #[arg(long = "alarm", value_name = "NAME")]
    pub alarms: Vec<String>,
}

pub use crate::vocab::defaults::DEFAULT_ITERATOR_AGE_MINUTES;

#[derive(Debug, Clone, Args)]
pub struct AlarmsApplyArgs {
    /// SNS topic to notify on ALARM and OK, replacing the actions for those states (without it,
    /// every action an alarm has is kept; INSUFFICIENT_DATA actions are always kept)
    #[arg(long, value_parser = sns_topic)]
    pub sns_topic: Option<String>,
    /// Also the alarms the runbook forgot (beyond the runbook): SystemErrors on the table, TTL
    /// deletes stopped, and the stream consumer's IteratorAge and Errors
    #[arg(long)]
    pub recommended: bool,
    /// With --recommended: the stream consumer's Lambda function, which must exist (default:
    /// the one event source mapping reading the table's stream)
    #[arg(long, requires = "recommended", value_parser = function_name)]
    pub consumer_function: Option<String>,
    /// With --recommended: minutes behind (IteratorAge) at which the consumer alarm fires
    #[arg(long, requires = "recommended", default_value_t = DEFAULT_ITERATOR_AGE_MINUTES, value_parser = positive_number)]
    pub iterator_age_minutes: f64,
    /// Also the alarms on the scheduled `health-check monthly --publish-metrics`: its last run
    /// crit (or unknown), and no run for 7 days (the longest CloudWatch evaluates: schedule the
    /// check at least daily)
    #[arg(long)]
    pub health_check: bool,
    /// The thresholds a backtest suggested (`alarms backtest --pages-per-month N`) instead of
    /// the runbook's, for the alarms it names: FILE (its `-o json` output) or `latest` (the
    /// last one of this environment); the plan shows each threshold before → after
    #[arg(long, value_name = "FILE|latest")]
    pub thresholds_from_backtest: Option<String>,
    /// Show what would change and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Apply to a production environment
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum DashboardCommand {
    /// Put the runbook's dashboard (four widgets) into CloudWatch
    Apply(DashboardApplyArgs),
    /// Draw the dashboard's four widgets in the terminal
    Show(ShowArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DashboardApplyArgs {
    /// Print the dashboard body and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Apply to a production environment
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ShowArgs {
    /// How far back to draw: 3h, 1d, 7d
    #[arg(long, default_value = "3h", value_parser = window_arg)]
    pub since: chrono::Duration,
}

#[derive(Debug, Subcommand)]
pub enum DrCommand {
    /// Move what points at the table (functions' variable, the consumer's stream mapping) to a
    /// restored TARGET, in a safe order, recorded step by step and proven by a canary
    Cutover(CutoverArgs),
    /// Undo a cutover from its record: exactly the previous values, conflicts shown
    Rollback(RollbackArgs),
    /// Back up and delete the original table after a verified cutover (--table SOURCE)
    Retire(RetireArgs),
}

#[derive(Debug, Clone, Args)]
pub struct CutoverArgs {
    /// The restored table to point the API at (restored and verified by pitr-restore)
    #[arg(long, value_parser = table_name)]
    pub to: String,
    /// A function to change (repeatable); default: every function whose --variable names the
    /// table
    #[arg(long = "function", value_name = "F")]
    pub functions: Vec<String>,
    /// The environment variable that names the events table in the functions
    #[arg(long, default_value = "EVENTS_TABLE_NAME")]
    pub variable: String,
    /// The cutover record (JSON, 0600); default: cutover-SOURCE-to-TARGET.json in the private
    /// state directory. An existing record is picked up where it stopped
    #[arg(long)]
    pub record: Option<PathBuf>,
    /// Print the plan (every change as before -> after) and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Confirm a write to production
    #[arg(long)]
    pub yes: bool,
    /// How long each consumer may take to show the canary (AWS may take minutes to start a
    /// new mapping's polling)
    #[arg(long, default_value = "5m", value_parser = duration_arg)]
    pub canary_timeout: chrono::Duration,
    /// Keep what was done when a step fails or the canary is not seen (default: undo it)
    #[arg(long)]
    pub no_rollback: bool,
    /// Add what a function's role lacks on TARGET as an inline policy (the record holds it;
    /// dr rollback removes it); without it such a cutover is refused with the statement to add
    #[arg(long)]
    pub grant: bool,
}

#[derive(Debug, Clone, Args)]
pub struct RollbackArgs {
    /// The record dr cutover wrote
    #[arg(long)]
    pub record: PathBuf,
    /// Set back a function (or enable a mapping, by UUID; a copied resource-based policy, by
    /// the target's table or stream ARN; an alarm or the dashboard, by name) that changed since
    /// the cutover (repeatable)
    #[arg(long = "force", value_name = "RESOURCE")]
    pub force: Vec<String>,
    /// Print what would be set back, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Confirm a write to production
    #[arg(long)]
    pub yes: bool,
    /// How long each consumer may take to show the canary written to the source afterwards
    #[arg(long, default_value = "5m", value_parser = duration_arg)]
    pub canary_timeout: chrono::Duration,
    /// Do not write a canary to the source after the rollback
    #[arg(long)]
    pub no_canary: bool,
}

#[derive(Debug, Clone, Args)]
pub struct RetireArgs {
    /// The record of the verified cutover away from the table; default: the one cutover record
    /// of the table in the private state directory
    #[arg(long)]
    pub record: Option<PathBuf>,
    /// Print what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Confirm: the table is deleted (after its backup is AVAILABLE)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum TableCommand {
    /// Create the table to spec (dev, test and sandbox environments; refused for a production
    /// env or table name, see --production-markers), wait until ACTIVE, enable TTL and PITR,
    /// tag it managed-by=eventsctl
    Create(TableCreateArgs),
    /// Compare the live table with the runbook's spec, one finding per setting
    Verify,
    /// Show the table's keys, indexes, TTL, PITR, stream and size
    Describe,
    /// Put back TTL on `ttl` and PITR where someone switched them off, on any table (production
    /// with --yes: TTL then deletes what has expired); keys, indexes, the stream and tags are
    /// not touched
    Fix(TableFixArgs),
}

#[derive(Debug, Clone, Args)]
pub struct TableFixArgs {
    /// Show what would be put back and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write to a production environment
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Clone, Args)]
pub struct TableCreateArgs {
    /// Show what would be created and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// PITR retention in days (1-35)
    #[arg(long, default_value_t = 35, value_parser = clap::value_parser!(i32).range(1..=35))]
    pub pitr_days: i32,
    /// Longest wait for the table to become ACTIVE
    #[arg(long, default_value = "10m", value_parser = duration_arg)]
    pub wait_timeout: chrono::Duration,
}

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// Write one event (never overwrites); prints the stored event
    Put(PutArgs),
    /// Read one event by user and event id
    Get(GetArgs),
    /// Events of one user, by time, type or status, streamed page by page
    Query(QueryArgs),
    /// Import NDJSON events: validated first, written in batches; never replaces a stored event
    /// that differs (--overwrite does), so a re-run is idempotent
    Import(ImportArgs),
    /// Delete one event (a poison event) by user and event id: only if it exists; --dry-run
    /// shows it, --yes deletes it
    Delete(DeleteArgs),
}

/// One event by its key: `events get`, `events delete`.
#[derive(Debug, Clone, Args)]
pub struct EventKeyArgs {
    /// User id (partition key)
    #[arg(long)]
    pub user: String,
    /// Event id (as `events put` or `events query` printed it)
    #[arg(long)]
    pub event_id: String,
    /// The event's timestamp: a direct GetItem instead of a search of the user's events;
    /// needed when two of the user's events share the id
    #[arg(long)]
    pub timestamp: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub key: EventKeyArgs,
    /// Delete it (without --yes nothing is deleted: the event is shown and the command fails)
    #[arg(long)]
    pub yes: bool,
    /// Show the event that would be deleted, delete nothing
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Args)]
pub struct PutArgs {
    /// User id (partition key)
    #[arg(long, required_unless_present = "json", conflicts_with = "json")]
    pub user: Option<String>,
    /// Event type (no `#`)
    #[arg(
        long = "type",
        required_unless_present = "json",
        conflicts_with = "json"
    )]
    pub event_type: Option<String>,
    /// Payload, a JSON object
    #[arg(long, conflicts_with = "json")]
    pub payload: Option<String>,
    /// Status (no `#`; default pending)
    #[arg(long, conflicts_with = "json")]
    pub status: Option<String>,
    /// RFC 3339 timestamp (default now)
    #[arg(long, conflicts_with = "json")]
    pub timestamp: Option<String>,
    /// Event id (default a random UUID)
    #[arg(long, conflicts_with = "json")]
    pub event_id: Option<String>,
    /// Metadata, a JSON object
    #[arg(long, conflicts_with = "json")]
    pub metadata: Option<String>,
    /// The whole event as one JSON object; `-` reads it from stdin
    #[arg(long)]
    pub json: Option<String>,
    /// Validate and show the item, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write to a production table
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Clone, Args)]
pub struct GetArgs {
    #[command(flatten)]
    pub key: EventKeyArgs,
    /// Without --timestamp: stop searching after this many of the user's events
    #[arg(long, default_value_t = 10_000)]
    pub max_scan: usize,
    /// Strongly consistent read
    #[arg(long)]
    pub consistent: bool,
}

#[derive(Debug, Clone, Args)]
pub struct QueryArgs {
    /// User id (partition key): the user whose events to list
    #[arg(long)]
    pub user: String,
    /// The newest N events, newest first (what did this user do just now?); same as
    /// --desc --limit N
    #[arg(long, value_name = "N", conflicts_with_all = ["limit", "page_token"], value_parser = clap::value_parser!(u64).range(1..))]
    pub last: Option<u64>,
    /// Only this event type (EventTypeIndex)
    #[arg(long = "type", conflicts_with = "status")]
    pub event_type: Option<String>,
    /// Only this status (StatusIndex)
    #[arg(long)]
    pub status: Option<String>,
    /// From this time: RFC 3339 or relative (1h, 7d, 2h ago)
    #[arg(long, value_parser = time_arg)]
    pub since: Option<TimeArg>,
    /// Until this time: RFC 3339 or relative
    #[arg(long, value_parser = time_arg)]
    pub until: Option<TimeArg>,
    /// At most this many events (a next-page token is printed when more remain)
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
    /// Continue where a previous query stopped: the token keeps that query's time window as
    /// its first page resolved it (`--since 1h` is not resolved again); give the same flags or
    /// leave --since/--until out
    #[arg(long)]
    pub page_token: Option<String>,
    /// Newest first
    #[arg(long)]
    pub desc: bool,
    /// Show events whose ttl has passed but that DynamoDB has not deleted yet
    #[arg(long)]
    pub include_expired: bool,
    /// Items per DynamoDB call (default: as many as fit DynamoDB's 1 MB page)
    #[arg(long, value_parser = clap::value_parser!(i32).range(1..=10000))]
    pub page_size: Option<i32>,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// NDJSON file, one event a line (at most 1 MiB a line); `-` for stdin; pipes and FIFOs
    /// work too. What is written is exactly what was validated (the valid lines are spooled)
    #[arg(value_parser = path_or_dash)]
    pub file: PathBuf,
    /// Write the valid lines and list the invalid ones (default: write nothing if any is bad)
    #[arg(long)]
    pub skip_invalid: bool,
    /// Give lines without a timestamp the import's start time (a re-run then writes them again)
    #[arg(long)]
    pub stamp_now: bool,
    /// Groups of up to 100 events in flight (each sent 25 to a request)
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// At most this many events per second (protects a production table)
    #[arg(long, value_parser = positive_rate)]
    pub rate: Option<f64>,
    /// Where the events that did not land go, created 0600 (they are whole payloads). Default:
    /// NAME.failed.TIME-PID-RANDOM.ndjson, the run's own, in the private state directory
    /// ($XDG_STATE_HOME/eventsctl, EVENTSCTL_STATE_DIR overrides it). Never the input, never
    /// over an existing file without --force; checked before the first AWS call. A file that
    /// cannot be written: the events go on in a new file, and the report names each
    #[arg(long)]
    pub failed_out: Option<PathBuf>,
    /// Let --failed-out replace an existing file
    #[arg(long, requires = "failed_out")]
    pub force: bool,
    /// Replace stored events that differ from the file (default: leave them, count them as
    /// conflicts, exit 1)
    #[arg(long)]
    pub overwrite: bool,
    /// Leave out events whose ttl has already passed (default: write them and count them)
    #[arg(long)]
    pub skip_expired: bool,
    /// Write to a production table
    #[arg(long)]
    pub yes: bool,
    /// Attempts per batch before its events count as failed
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub max_attempts: u32,
    /// Validate only; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

// ---------------------------------------------------------------------------------------------
// Value parsers: a bad value is a usage error (exit 64) with one line saying what to do.
// ---------------------------------------------------------------------------------------------

/// A value whose rule the config file shares (`config::values`): written once, so a flag and
/// its key in eventsctl.toml take the same values and say the same thing about a bad one.
fn shared(check: fn(&str) -> Result<(), String>, s: &str) -> Result<String, String> {
    check(s).map(|()| s.to_owned())
}

fn env_name(s: &str) -> Result<String, String> {
    shared(values::env_name, s)
}

/// One environment name, or several separated by commas (a fleet run of a check).
fn env_list(s: &str) -> Result<String, String> {
    for name in s.split(',') {
        env_name(name.trim())?;
    }
    Ok(s.split(',').map(str::trim).collect::<Vec<_>>().join(","))
}

fn name_prefix(s: &str) -> Result<String, String> {
    shared(values::name_prefix, s)
}

fn region(s: &str) -> Result<String, String> {
    shared(values::region, s)
}

fn profile(s: &str) -> Result<String, String> {
    shared(values::profile, s)
}

fn account_id(s: &str) -> Result<String, String> {
    shared(values::account, s)
}

fn sns_topic(s: &str) -> Result<String, String> {
    shared(values::sns_topic, s)
}

fn function_name(s: &str) -> Result<String, String> {
    shared(values::function_name, s)
}

fn bucket(s: &str) -> Result<String, String> {
    shared(values::bucket, s)
}

fn key_prefix(s: &str) -> Result<String, String> {
    shared(values::key_prefix, s)
}

/// Goes into Athena's SQL inside double quotes: only what a Glue database name may hold.
fn athena_database(s: &str) -> Result<String, String> {
    shared(values::athena_database, s)
}

fn workgroup(s: &str) -> Result<String, String> {
    shared(values::workgroup, s)
}

fn s3_location(s: &str) -> Result<String, String> {
    values::s3_location(s)
}

fn field_name(s: &str) -> Result<String, String> {
    crate::spec::insights::check_field(s).map(|()| s.to_owned())
}

fn table_name(s: &str) -> Result<String, String> {
    shared(values::table, s)
}

fn endpoint_url(s: &str) -> Result<String, String> {
    values::endpoint_url(s)
}

/// Clap adapter for a point in time (`now`, `2h ago`, RFC 3339, a date).
pub fn time_arg(s: &str) -> Result<TimeArg, String> {
    parse_time_arg(s)
}

/// A look-back window: a positive duration, `ago` allowed.
pub fn window_arg(s: &str) -> Result<chrono::Duration, String> {
    let t = s.trim();
    crate::times::parse_duration(t.strip_suffix("ago").map(str::trim_end).unwrap_or(t))
}

fn timeout_arg(s: &str) -> Result<std::time::Duration, String> {
    let d = crate::times::parse_duration(s)?;
    d.to_std()
        .map_err(|_| format!("`{s}` is not a positive duration"))
}

fn production_markers(s: &str) -> Result<crate::safety::ProductionRule, String> {
    crate::safety::ProductionRule::parse(s)
}

fn positive_number(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if r.is_finite() && r > 0.0 => Ok(r),
        _ => Err(format!("`{s}` is not a positive number")),
    }
}

fn non_negative_number(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if r.is_finite() && r >= 0.0 => Ok(r),
        _ => Err(format!("`{s}` is not a number >= 0")),
    }
}

fn positive_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if r.is_finite() && r > 0.0 => Ok(r),
        _ => Err(format!("`{s}` is not a positive rate (events per second)")),
    }
}

/// A file argument where `-` means standard input or output.
pub fn path_or_dash(s: &str) -> Result<PathBuf, String> {
    if s.is_empty() {
        Err("empty path; give a file name or - for standard input".into())
    } else {
        Ok(PathBuf::from(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Issue 24 §6: `--athena-database` went into Athena's SQL inside double quotes unchecked,
    /// and flags with a key in eventsctl.toml had rules of their own, or none. Each now takes
    /// exactly the values its key takes, and says the same about a bad one, at parse time.
    #[test]
    fn flags_with_a_config_twin_take_what_the_config_takes() {
        type Check = fn(&str) -> Result<(), String>;
        let cases: &[(&[&str], &str, Check)] = &[
            (
                &["check-ttl", "--from-export", "latest", "--athena-database"],
                "x\"; DROP TABLE t; --",
                values::athena_database,
            ),
            (
                &[
                    "hot-partitions",
                    "--from-export",
                    "latest",
                    "--athena-database",
                ],
                "Events",
                values::athena_database,
            ),
            (
                &["check-ttl", "--from-export", "latest", "--athena-workgroup"],
                "a b",
                values::workgroup,
            ),
            (&["--region"], "us-east", values::region),
            (&["--profile"], "on call", values::profile),
            (&["--env"], "Prod", values::env_name),
            (&["--name-prefix"], "a b", values::name_prefix),
            (&["iam-policy", "--account-id"], "12345", values::account),
            (
                &["export", "start", "--bucket", "b-1", "--bucket-owner"],
                "1234",
                values::account,
            ),
            (&["export", "start", "--bucket"], "s3://b", values::bucket),
            (
                &["export", "start", "--bucket", "b-1", "--prefix"],
                "/ddb",
                values::key_prefix,
            ),
            (
                &["alarms", "apply", "--sns-topic"],
                "arn:aws:sqs:us-east-1:123456789012:q",
                values::sns_topic,
            ),
            (
                &["alarms", "apply", "--recommended", "--consumer-function"],
                "not ok",
                values::function_name,
            ),
        ];
        for (flags, bad, check) in cases {
            let rule = check(bad).expect_err("a bad value for the config too");
            let mut argv = vec!["eventsctl"];
            argv.extend_from_slice(flags);
            argv.push(bad);
            if argv.len() == 3 {
                // A global flag: any command.
                argv.extend(["table", "verify"]);
            }
            let err = match Cli::try_parse_from(&argv) {
                Ok(_) => panic!("{argv:?} was accepted"),
                Err(e) => e.to_string(),
            };
            assert!(err.contains(&rule), "{argv:?}: {err} (config: {rule})");
        }
        let e = |u: &str| values::endpoint_url(u).expect_err(u);
        let err = Cli::try_parse_from([
            "eventsctl",
            "--endpoint-url",
            "http://h:99999",
            "table",
            "verify",
        ])
        .map(|_| ())
        .expect_err("a port past 65535");
        assert!(err.to_string().contains(&e("http://h:99999")), "{err}");
        // What both take, both take.
        let ok = Cli::try_parse_from([
            "eventsctl",
            "--region",
            "eu-west-2",
            "check-ttl",
            "--from-export",
            "latest",
            "--athena-database",
            "events_db",
        ]);
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn env_names() {
        assert!(env_name("dev").is_ok());
        assert!(env_name("prod-eu").is_ok());
        for bad in ["", "Dev", "my env", "a#b", "-x", "x-"] {
            assert!(env_name(bad).is_err(), "{bad}");
        }
    }
}
