//! The command-line schema: clap derive definitions and their value parsers, nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::times::{TimeArg, duration_arg, parse_time_arg};

#[derive(Debug, Parser)]
#[command(
    name = "eventsctl",
    version,
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
    /// Environment: names derive as {prefix}-{env}-events
    #[arg(long, global = true, env = "EVENTSCTL_ENV", default_value = "dev", value_parser = env_name)]
    pub env: String,
    /// Table name, overriding the one derived from --name-prefix and --env
    #[arg(long, global = true, value_parser = table_name)]
    pub table: Option<String>,
    /// Prefix of every resource name
    #[arg(long, global = true, env = "EVENTSCTL_NAME_PREFIX", default_value = "zapier-triggers-api", value_parser = name_prefix)]
    pub name_prefix: String,
    /// AWS Region (else AWS_REGION, the profile, instance metadata)
    #[arg(long, global = true)]
    pub region: Option<String>,
    /// AWS shared-config profile (else AWS_PROFILE)
    #[arg(long, global = true)]
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
    /// More logging on stderr (-v info, -vv debug; payloads only at debug)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// No spinners or progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// Colour in tables
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
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
}

#[derive(Debug, Subcommand)]
pub enum TableCommand {
    /// Create the table to spec (dev, test and sandbox environments), wait until ACTIVE,
    /// enable TTL and PITR, tag it managed-by=eventsctl
    Create(TableCreateArgs),
    /// Compare the live table with the runbook's spec, one finding per setting
    Verify,
    /// Show the table's keys, indexes, TTL, PITR, stream and size
    Describe,
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

// ---------------------------------------------------------------------------------------------
// Value parsers: a bad value is a usage error (exit 64) with one line saying what to do.
// ---------------------------------------------------------------------------------------------

fn env_name(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.len() <= 40
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    if ok {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "`{s}` is not an environment name: use lower-case letters, digits and inner hyphens (dev, staging, prod-eu)"
        ))
    }
}

fn name_prefix(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.len() <= 200
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "`{s}` is not a name prefix: use letters, digits, '-', '_' and '.' as DynamoDB table names do"
        ))
    }
}

fn table_name(s: &str) -> Result<String, String> {
    let ok = (3..=255).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "`{s}` is not a DynamoDB table name: 3-255 characters of letters, digits, '-', '_' and '.'"
        ))
    }
}

fn endpoint_url(s: &str) -> Result<String, String> {
    if (s.starts_with("http://") || s.starts_with("https://")) && s.len() > "http://".len() + 1 {
        Ok(s.trim_end_matches('/').to_owned())
    } else {
        Err(format!(
            "`{s}` is not an endpoint URL: give http://host:port or https://host"
        ))
    }
}

/// Clap adapter for a point in time (`now`, `2h ago`, RFC 3339, a date).
pub fn time_arg(s: &str) -> Result<TimeArg, String> {
    parse_time_arg(s)
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

    #[test]
    fn env_names() {
        assert!(env_name("dev").is_ok());
        assert!(env_name("prod-eu").is_ok());
        for bad in ["", "Dev", "my env", "a#b", "-x", "x-"] {
            assert!(env_name(bad).is_err(), "{bad}");
        }
    }
}
