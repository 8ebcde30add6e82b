//! `events import`: NDJSON validated first, written in batches (`crate::events::import`); what
//! did not land goes to a 0600 file that can be imported again.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit, Production};
use crate::cli::{Command, EventsCommand, ImportArgs};
use crate::context::Context;
use crate::error::UsageError;
use crate::events::import::{self, ImportOptions, Place, Validation, WriteSummary};
use crate::events::input::{InputError, LineReader};
use crate::events::keys::format_ts;
use crate::events::writer::RetryPolicy;
use crate::files;
use crate::output::count;
use crate::report::{Report, Section};
use crate::safety;
use crate::spec;

/// `events import` gives up on an endpoint that stops answering and writes what did not land
/// to its file: it bounds itself.
pub(crate) static IMPORT: Leaf<ImportArgs> = Leaf::new(
    "events import",
    Kind::Action,
    |c| match c {
        Command::Events(EventsCommand::Import(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(import(ctx, a).await?.into()) }),
)
.limit(Limit::Unbounded)
.bounds_itself()
.production(Production::NeedsYes { with: &[] })
.data(shape::<ImportData<'static>>);

pub(crate) async fn import(ctx: &Context, args: &ImportArgs) -> anyhow::Result<Report> {
    safety::guard_write(&ctx.names, "events import", args.yes, args.dry_run)?;
    let started_at = Utc::now();
    let started = Instant::now();
    let opts = options(ctx, args, started_at);
    let mut input = LineReader::open(&args.file).map_err(|e| UsageError::new(e.to_string()))?;
    // A dry run writes no file, but an explicit --failed-out is still checked.
    let failed_out = if args.dry_run && args.failed_out.is_none() {
        Vec::new()
    } else {
        failed_out_places(args)?
    };
    let spinner = ctx.progress().spinner("validating");
    let validation = match import::validate(&mut input, &opts) {
        Ok(v) => v,
        Err(e @ (InputError::LineTooLong { .. } | InputError::NothingArrived(_))) => {
            return Err(UsageError::new(e.to_string()).into());
        }
        Err(e) => return Err(e.into()),
    };
    spinner.finish_and_clear();

    let mut report = Report::action("events import");
    let mut data = ImportData::validated(&validation, args.dry_run);
    validation_views(&mut report, &validation, args, started_at);
    if let Some(stop) = Before::of(&validation, args) {
        stop.end(&mut report, &mut data, &validation)?;
        return Ok(report);
    }

    let client = ctx.dynamodb_bulk().await?;
    let bar = ctx
        .progress()
        .bar(Some(validation.to_write() as u64), "importing");
    let summary = import::write(
        client,
        ctx.table(),
        &validation,
        &opts,
        failed_out,
        &bar,
        ctx.calls(),
        super::interrupted(),
    )
    .await
    .with_context(|| format!("importing {}", args.file.display()))?;
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    let run = ImportRun::of(&summary, &validation, args.overwrite, elapsed);
    report.failed =
        !summary.failed.is_empty() || !summary.conflicts.is_empty() || summary.stopped.is_some();
    data.written = summary.written;
    report.section(run_section(&data, &run, elapsed));
    write_views(&mut report, &summary, args);
    data.run = Some(run);
    report.set_data(&data)?;
    report.correct(spec::corrections::item_size());
    Ok(report)
}

/// The import's options from its flags, bounded by the run's deadline.
fn options(ctx: &Context, args: &ImportArgs, started: DateTime<Utc>) -> ImportOptions {
    ImportOptions {
        stamp_now: args.stamp_now,
        skip_expired: args.skip_expired,
        overwrite: args.overwrite,
        concurrency: usize::from(args.concurrency),
        rate: args.rate,
        policy: RetryPolicy {
            max_attempts: args.max_attempts,
            ..RetryPolicy::default()
        },
        started,
        deadline: ctx.deadline().map(tokio::time::Instant::from_std),
    }
}

/// What validation found, said before anything is written: the invalid lines, and notes on
/// stamped, repeated and expired events.
fn validation_views(
    report: &mut Report,
    v: &Validation,
    args: &ImportArgs,
    started_at: DateTime<Utc>,
) {
    if !v.invalid.is_empty() {
        report.section(Section::table(
            format!("Invalid lines ({})", shown(&v.invalid)),
            &["LINE", "REASON"],
            problem_rows(&v.invalid),
        ));
    }
    if v.stamped > 0 {
        report.note(stamped_note(v.stamped, &format_ts(started_at)));
    }
    if !v.duplicates.is_empty() {
        report.note(duplicates_note(v.duplicates.total()));
    }
    if v.expired > 0 {
        report.note(expired_note(v.expired, args.skip_expired));
    }
}

/// Why an import ends before it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// Invalid lines without `--skip-invalid`: nothing is written, and that is a failure.
    Invalid,
    /// No events: nothing to do is success (nothing arriving at all was refused before).
    Empty,
    DryRun,
}

impl Before {
    fn of(v: &Validation, args: &ImportArgs) -> Option<Before> {
        if !v.invalid.is_empty() && !args.skip_invalid {
            Some(Before::Invalid)
        } else if v.read == 0 {
            Some(Before::Empty)
        } else if args.dry_run {
            Some(Before::DryRun)
        } else {
            None
        }
    }

    /// The report of an import that ends here.
    fn end(
        self,
        report: &mut Report,
        data: &mut ImportData<'_>,
        v: &Validation,
    ) -> Result<(), crate::report::DataError> {
        match self {
            Before::Invalid => {
                report.failed = true;
                report.note(invalid_note(v.invalid.total(), v.read));
            }
            Before::Empty => {
                data.empty_input = true;
                report.section(Section::pairs(
                    "Import",
                    vec![(
                        "read",
                        "0 events: the input is empty, nothing to do".to_owned(),
                    )],
                ));
            }
            Before::DryRun => report.section(Section::pairs(
                "Import (dry run, nothing written)",
                vec![
                    ("read", v.read.to_string()),
                    ("would write", v.to_write().to_string()),
                    ("would skip", skipped(v).to_string()),
                ],
            )),
        }
        report.set_data(data)
    }
}

/// Lines not written by choice: invalid (with `--skip-invalid`), repeated, expired and left out.
fn skipped(v: &Validation) -> usize {
    v.invalid.total() + v.duplicates.total() + v.expired_skipped
}

/// The write's counts, one row each.
fn run_section(data: &ImportData<'_>, run: &ImportRun<'_>, elapsed: Duration) -> Section {
    let rate = data.written as f64 / elapsed.as_secs_f64().max(0.001);
    Section::pairs(
        "Import",
        vec![
            ("read", data.read.to_string()),
            ("written", data.written.to_string()),
            (
                if run.overwrite {
                    "already present (not checked: --overwrite)"
                } else {
                    "already present (identical)"
                },
                run.already_present.to_string(),
            ),
            (
                "conflicts (differ, not replaced)",
                run.conflicts.to_string(),
            ),
            ("skipped", run.skipped.to_string()),
            ("failed", run.failed.to_string()),
            ("retried batches", run.retried.to_string()),
            ("unprocessed items retried", run.unprocessed.to_string()),
            ("throttled calls", run.throttled.to_string()),
            (
                "rate",
                format!(
                    "{rate:.0} events/s over {}",
                    crate::times::human(chrono::Duration::from_std(elapsed).unwrap_or_default())
                ),
            ),
        ],
    )
}

/// What the write left: the conflicts, an early stop, the events that did not land and where
/// they are.
fn write_views(report: &mut Report, summary: &WriteSummary, args: &ImportArgs) {
    if !summary.conflicts.is_empty() {
        report.section(Section::table(
            format!(
                "Not replaced: stored events that differ ({})",
                shown(&summary.conflicts)
            ),
            &["LINE", "REASON"],
            problem_rows(&summary.conflicts),
        ));
        report.note(conflicts_note(summary.conflicts.total()));
    }
    if let Some(stop) = &summary.stopped {
        report.note(format!("The import stopped early: {stop}."));
    }
    if !summary.failed.is_empty() {
        report.section(Section::table(
            format!("Did not land ({})", shown(&summary.failed)),
            &["LINE", "REASON"],
            problem_rows(&summary.failed),
        ));
    }
    let saved = &summary.failed_out;
    for problem in &saved.problems {
        report.note(format!(
            "{problem}; the failed events went on in the next place."
        ));
    }
    let kept = summary.failed.total() as u64 - saved.lost.min(summary.failed.total() as u64);
    if !saved.files.is_empty() {
        report.note(not_landed_note(kept as usize, &saved.files, args.overwrite));
    }
    if saved.lost > 0 {
        report.note(lost_note(saved.lost, &args.file, args.overwrite));
    }
}

/// `it` or `they`, and the like: the word for one or for many.
fn one_or_many<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn stamped_note(n: usize, at: &str) -> String {
    format!(
        "{} no timestamp and {} stamped {at}: importing this file again writes {} again (not idempotent for {}).",
        count(n, "line had", "lines had"),
        one_or_many(n, "was", "were"),
        one_or_many(n, "it", "them"),
        one_or_many(n, "that line", "those lines"),
    )
}

fn duplicates_note(n: usize) -> String {
    format!(
        "{} an earlier line's event and {} written once.",
        count(n, "line repeats", "lines repeat"),
        one_or_many(n, "is", "are"),
    )
}

fn expired_note(n: usize, skipped: bool) -> String {
    if skipped {
        format!(
            "{} already past {} ttl and {} left out (--skip-expired).",
            count(n, "event was", "events were"),
            one_or_many(n, "its", "their"),
            one_or_many(n, "was", "were"),
        )
    } else {
        format!(
            "{} already past {} ttl: DynamoDB may delete {} at any time after {} written (typically within 48 h). --skip-expired leaves {} out.",
            count(n, "event is", "events are"),
            one_or_many(n, "its", "their"),
            one_or_many(n, "it", "them"),
            one_or_many(n, "it is", "they are"),
            one_or_many(n, "it", "them"),
        )
    }
}

fn invalid_note(invalid: usize, read: usize) -> String {
    format!(
        "Nothing was written: {invalid} of {} invalid. Fix {}, or pass --skip-invalid to write the valid ones.",
        count(read, "line is", "lines are"),
        one_or_many(invalid, "it", "them"),
    )
}

fn conflicts_note(n: usize) -> String {
    format!(
        "{} from what is stored (the application may have moved {} on) and {} left as {}; --overwrite replaces {}.",
        count(n, "event differs", "events differ"),
        one_or_many(n, "it", "them"),
        one_or_many(n, "was", "were"),
        one_or_many(n, "it is", "they are"),
        one_or_many(n, "it", "them"),
    )
}

/// Where the events that did not land are, and the command that lands exactly them (with
/// `--overwrite` when this run had it: without it, events that differ from what is stored
/// would be left as they are).
fn not_landed_note(n: usize, files: &[PathBuf], overwrite: bool) -> String {
    let flag = if overwrite { " --overwrite" } else { "" };
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let commands: Vec<String> = names
        .iter()
        .map(|f| format!("eventsctl events import{flag} {f}"))
        .collect();
    format!(
        "{} not land; {} in {}. Import {} to land exactly {}: {}",
        count(n, "event did", "events did"),
        one_or_many(n, "it is", "they are"),
        names.join(" and "),
        one_or_many(files.len(), "that file", "those files"),
        one_or_many(n, "it", "them"),
        commands.join("; ")
    )
}

/// Events that did not land and that no file could take: how many, and how to send them again.
fn lost_note(n: u64, input: &Path, overwrite: bool) -> String {
    let flag = if overwrite { " --overwrite" } else { "" };
    let again = if input == Path::new("-") {
        "import the same input again".to_owned()
    } else {
        format!("eventsctl events import{flag} {}", input.display())
    };
    format!(
        "{} not land and could not be saved to any file (see above): run the import again once a file can be written ({again}); the events already stored are not written twice.",
        crate::output::plural(n, "event did", "events did"),
    )
}

/// Rows of a problems table (the first 200; JSON has the first 1,000; all are counted).
fn problem_rows(problems: &import::Problems) -> Vec<Vec<String>> {
    problems
        .iter()
        .take(200)
        .map(|p| vec![p.line.to_string(), p.reason])
        .collect()
}

fn shown(problems: &import::Problems) -> String {
    if problems.total() > 200 {
        format!(
            "{}; the first 200 shown, -o json lists the first {}",
            problems.total(),
            import::KEPT_PROBLEMS
        )
    } else {
        problems.total().to_string()
    }
}

/// Where the events that did not land go, in order: `--failed-out` (checked now under the
/// output-file rule), else a name of this run's own in the private state directory
/// (`files::state_dir`: the file holds whole payloads), `NAME.failed.TIME-PID-RANDOM.ndjson`,
/// which no other run can pick; when a place cannot be written, a new name in the state
/// directory, then one in the temporary directory. Checked before the first AWS call.
fn failed_out_places(args: &ImportArgs) -> Result<Vec<Place>, UsageError> {
    let inputs = [args.file.as_path()];
    let prefix = default_failed_prefix(&args.file);
    let mut places = Vec::new();
    if let Some(path) = &args.failed_out {
        files::check(
            &files::Output {
                flag: "--failed-out",
                path,
                force: args.force,
            },
            &inputs,
        )?;
        places.push(Place::Named {
            path: path.clone(),
            force: args.force,
        });
    }
    match files::state_dir() {
        Ok(dir) => places.push(Place::Unique {
            dir,
            prefix: prefix.clone(),
        }),
        Err(e) if places.is_empty() => {
            return Err(UsageError::new(format!(
                "the failed-events file goes to the private state directory, which cannot be used ({e}); give --failed-out FILE"
            )));
        }
        Err(_) => {}
    }
    places.push(Place::Unique {
        dir: std::env::temp_dir().join(format!("eventsctl-{}", current_uid())),
        prefix,
    });
    Ok(places)
}

/// The user's id, naming the last-resort directory in the shared temporary directory (0700).
fn current_uid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// `events import`'s `data`: what validation found, and with `run` what the write did.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "EventsImportData")]
pub(crate) struct ImportData<'a> {
    /// Non-blank lines read.
    read: usize,
    valid: usize,
    /// Bytes of input read.
    bytes: u64,
    /// The first invalid lines, by line number (`invalid_count` counts them all).
    #[schemars(with = "Vec<import::LineProblem>")]
    invalid: &'a import::Problems,
    invalid_count: usize,
    /// The first lines whose event is an earlier line's (same key, same content), written
    /// once (`duplicate_count` counts them all).
    #[schemars(with = "Vec<import::LineProblem>")]
    duplicates: &'a import::Problems,
    duplicate_count: usize,
    /// Valid events whose `ttl` had already passed when the import started.
    expired: usize,
    dry_run: bool,
    written: u64,
    /// Only when the input held no events.
    empty_input: bool,
    #[serde(flatten)]
    run: Option<ImportRun<'a>>,
}

impl<'a> ImportData<'a> {
    /// What validation found, before anything is written.
    fn validated(v: &'a Validation, dry_run: bool) -> ImportData<'a> {
        ImportData {
            read: v.read,
            valid: v.valid,
            bytes: v.bytes,
            invalid: &v.invalid,
            invalid_count: v.invalid.total(),
            duplicates: &v.duplicates,
            duplicate_count: v.duplicates.total(),
            expired: v.expired,
            dry_run,
            written: 0,
            empty_input: false,
            run: None,
        }
    }
}

/// What the write of an import did (absent when nothing was written: invalid lines, an empty
/// input, a dry run).
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "EventsImportRun")]
struct ImportRun<'a> {
    /// Events already stored exactly as given.
    already_present: u64,
    conflicts: usize,
    /// The first lines in conflict (`conflicts` counts them all).
    #[schemars(with = "Vec<import::LineProblem>")]
    conflict_lines: &'a import::Problems,
    skipped: usize,
    failed: usize,
    /// The first lines that failed (`failed` counts them all).
    #[schemars(with = "Vec<import::LineProblem>")]
    failed_lines: &'a import::Problems,
    retried: u64,
    unprocessed: u64,
    throttled: u64,
    overwrite: bool,
    stopped: Option<String>,
    failed_out: Option<String>,
    /// Every file that holds failed events (more than one when a file failed part way).
    failed_files: Vec<String>,
    /// Failed events no file could take.
    lost: u64,
    elapsed_ms: u64,
    items_per_second: f64,
}

impl<'a> ImportRun<'a> {
    fn of(
        summary: &'a WriteSummary,
        v: &Validation,
        overwrite: bool,
        elapsed: Duration,
    ) -> ImportRun<'a> {
        let rate = summary.written as f64 / elapsed.as_secs_f64().max(0.001);
        ImportRun {
            already_present: summary.present,
            conflicts: summary.conflicts.total(),
            conflict_lines: &summary.conflicts,
            skipped: skipped(v),
            failed: summary.failed.total(),
            failed_lines: &summary.failed,
            retried: summary.retries,
            unprocessed: summary.unprocessed,
            throttled: summary.throttled,
            overwrite,
            stopped: summary.stopped.as_ref().map(|s| s.to_string()),
            failed_out: summary.failed_out.first().map(|p| p.display().to_string()),
            failed_files: summary
                .failed_out
                .files
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            lost: summary.failed_out.lost,
            elapsed_ms: elapsed.as_millis() as u64,
            items_per_second: (rate * 10.0).round() / 10.0,
        }
    }
}

/// The failed-events file of an input that has no name of its own.
const STDIN_FAILED_OUT: &str = "eventsctl-import.failed.";

/// The start of the default name of the failed-events file (in the state directory; the run's
/// time, pid and a random part follow, then `.ndjson`): `NAME.failed.` for a regular file named
/// NAME; for stdin, a FIFO or `<(...)`, which have no name worth keeping,
/// `eventsctl-import.failed.`.
fn default_failed_prefix(input: &Path) -> String {
    let regular = std::fs::metadata(input).is_ok_and(|m| m.is_file());
    match input.file_name() {
        Some(name) if regular && input != Path::new("-") => {
            format!("{}.failed.", name.to_string_lossy())
        }
        _ => STDIN_FAILED_OUT.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 24 §5: "1 events did not land; they are in ...".
    #[test]
    fn one_event_that_did_not_land_is_one_event() {
        let path = [PathBuf::from("/s/in.failed.ndjson")];
        assert_eq!(
            not_landed_note(1, &path, false),
            "1 event did not land; it is in /s/in.failed.ndjson. Import that file to land exactly it: eventsctl events import /s/in.failed.ndjson"
        );
        assert!(
            not_landed_note(3, &path, false).starts_with("3 events did not land; they are in /s/"),
            "{}",
            not_landed_note(3, &path, false)
        );
    }

    /// Review of issue 23, defect 9: the hint to land the failed events dropped `--overwrite`,
    /// so events that differ from what is stored would be left as they are on the re-run.
    #[test]
    fn the_hint_to_land_the_failed_events_keeps_overwrite_and_names_every_file() {
        let two = [PathBuf::from("/s/a.ndjson"), PathBuf::from("/t/b.ndjson")];
        assert_eq!(
            not_landed_note(2, &two, true),
            "2 events did not land; they are in /s/a.ndjson and /t/b.ndjson. Import those files to land exactly them: eventsctl events import --overwrite /s/a.ndjson; eventsctl events import --overwrite /t/b.ndjson"
        );
        assert!(lost_note(1, Path::new("in.ndjson"), true).starts_with(
            "1 event did not land and could not be saved to any file (see above): run the import again once a file can be written (eventsctl events import --overwrite in.ndjson)"
        ));
    }

    /// The other counts an import says are one or many the same way.
    #[test]
    fn every_count_of_an_import_agrees_with_its_number() {
        let one = [
            stamped_note(1, "T"),
            duplicates_note(1),
            expired_note(1, true),
            expired_note(1, false),
            invalid_note(1, 1),
            conflicts_note(1),
        ];
        for (text, start) in one.iter().zip([
            "1 line had no timestamp and was stamped T",
            "1 line repeats an earlier line's event and is written once",
            "1 event was already past its ttl and was left out",
            "1 event is already past its ttl: DynamoDB may delete it at any time after it is written",
            "Nothing was written: 1 of 1 line is invalid. Fix it,",
            "1 event differs from what is stored (the application may have moved it on) and was left as it is; --overwrite replaces it.",
        ]) {
            assert!(text.starts_with(start), "{text}");
        }
        assert!(
            expired_note(2, false)
                .starts_with("2 events are already past their ttl: DynamoDB may delete them"),
            "{}",
            expired_note(2, false)
        );
        assert!(
            invalid_note(2, 5)
                .starts_with("Nothing was written: 2 of 5 lines are invalid. Fix them,")
        );
        assert!(stamped_note(2, "T").contains("2 lines had no timestamp and were stamped T: importing this file again writes them again (not idempotent for those lines)"));
        assert!(
            duplicates_note(4)
                .starts_with("4 lines repeat an earlier line's event and are written once")
        );
        assert!(conflicts_note(2).starts_with("2 events differ from what is stored"));
    }
}
