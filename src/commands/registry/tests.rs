//! The registry against the clap command tree, the IAM table and docs/safety.md.

use std::collections::BTreeSet;

use clap::{CommandFactory, Parser};

use super::*;
use crate::cli::Cli;

/// Every leaf of the clap tree (a subcommand with no subcommands), as typed: `table verify`.
fn clap_leaves() -> BTreeSet<String> {
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, out: &mut BTreeSet<String>) {
        let subs: Vec<&clap::Command> = cmd
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        if subs.is_empty() && !path.is_empty() {
            out.insert(path.join(" "));
        }
        for s in subs {
            path.push(s.get_name().to_owned());
            walk(s, path, out);
            path.pop();
        }
    }
    let mut out = BTreeSet::new();
    walk(&Cli::command(), &mut Vec::new(), &mut out);
    out
}

/// The clap command at a leaf's path.
fn clap_leaf(name: &str) -> clap::Command {
    let mut cmd = Cli::command();
    for word in name.split(' ') {
        cmd = cmd
            .find_subcommand(word)
            .unwrap_or_else(|| panic!("no subcommand {word} in {name}"))
            .clone();
    }
    cmd
}

/// What a leaf needs beyond its required arguments to parse (arguments that are required
/// unless another is given, which clap does not list as required).
const EXTRA: &[(&str, &[&str])] = &[
    ("events put", &["--user", "u", "--type", "t"]),
    ("pitr-restore", &["--to", "latest"]),
];

/// The shortest command line of a leaf: its words, a value for each positional argument and
/// each required option (the first of a closed set of values).
fn minimal_argv(name: &str) -> Vec<String> {
    let mut argv = vec!["eventsctl".to_owned()];
    argv.extend(name.split(' ').map(str::to_owned));
    let leaf = clap_leaf(name);
    for arg in leaf.get_arguments() {
        let value = arg
            .get_possible_values()
            .first()
            .map(|v| v.get_name().to_owned())
            .unwrap_or_else(|| "abc".to_owned());
        if arg.is_positional() {
            argv.push(value);
        } else if arg.is_required_set()
            && let Some(long) = arg.get_long()
        {
            argv.push(format!("--{long}"));
            argv.push(value);
        }
    }
    if let Some((_, extra)) = EXTRA.iter().find(|(n, _)| *n == name) {
        argv.extend(extra.iter().map(|s| (*s).to_owned()));
    }
    argv
}

fn parse(argv: &[&str]) -> Command {
    let mut all = vec!["eventsctl"];
    all.extend_from_slice(argv);
    Cli::try_parse_from(all)
        .unwrap_or_else(|e| panic!("{argv:?}: {e}"))
        .command
}

fn descriptor(argv: &[&str]) -> (&'static dyn Descriptor, Command) {
    let command = parse(argv);
    let d = find(&command).unwrap_or_else(|| panic!("no descriptor for {argv:?}"));
    (d, command)
}

#[test]
fn every_leaf_command_has_exactly_one_descriptor_of_its_name_and_none_is_orphaned() {
    let names: Vec<&str> = COMMANDS.iter().map(|d| d.name()).collect();
    let unique: BTreeSet<String> = names.iter().map(|n| (*n).to_owned()).collect();
    assert_eq!(
        unique.len(),
        names.len(),
        "a name registered twice: {names:?}"
    );
    let leaves = clap_leaves();
    assert!(leaves.len() > 30, "{leaves:?}");
    let orphans: Vec<&String> = unique.difference(&leaves).collect();
    let missing: Vec<&String> = leaves.difference(&unique).collect();
    assert!(
        orphans.is_empty(),
        "descriptors of no clap command: {orphans:?}"
    );
    assert!(
        missing.is_empty(),
        "clap commands without a descriptor: {missing:?}"
    );
}

#[test]
fn every_parsed_command_reaches_the_one_descriptor_of_its_name() {
    for name in clap_leaves() {
        let argv = minimal_argv(&name);
        let cli = Cli::try_parse_from(&argv).unwrap_or_else(|e| {
            panic!("{argv:?} does not parse ({e}); give the test what {name} needs in EXTRA")
        });
        let accepting: Vec<&str> = COMMANDS
            .iter()
            .filter(|d| d.accepts(&cli.command))
            .map(|d| d.name())
            .collect();
        assert_eq!(accepting, vec![name.as_str()], "{argv:?}");
    }
}

#[test]
fn kinds_preflight_and_report_files_follow_the_flags() {
    use crate::report::ReportKind::{Action, Check};
    let kind = |argv: &[&str]| {
        let (d, c) = descriptor(argv);
        d.kind(&c)
    };
    assert_eq!(kind(&["dr-drill"]), Check);
    assert_eq!(kind(&["dr-drill", "--delete", "t-drill-1"]), Action);
    assert_eq!(kind(&["check-ttl"]), Check);
    assert_eq!(kind(&["check-ttl", "--cleanup"]), Check);
    assert_eq!(kind(&["check-ttl", "--cleanup", "--yes"]), Action);
    assert_eq!(kind(&["check-ttl", "--repair"]), Action);
    assert_eq!(kind(&["bench", "write"]), Check);
    assert_eq!(kind(&["bench", "cleanup"]), Action);
    assert_eq!(kind(&["table", "verify"]), Check);
    assert_eq!(kind(&["table", "describe"]), Action);
    assert_eq!(kind(&["alarms", "status"]), Check);
    assert_eq!(kind(&["alarms", "apply"]), Action);

    let judges = |argv: &[&str]| {
        let (d, c) = descriptor(argv);
        d.judges_table(&c)
    };
    for argv in [
        &["diagnose", "throttling"][..],
        &["diagnose", "latency"],
        &["diagnose", "writes"],
        &["dashboard", "show"],
        &["check-ttl"],
        &["check-ttl", "--full"],
        &["stream-status"],
        &["hot-partitions"],
        &["health-check", "monthly"],
        &["health-check", "quarterly"],
    ] {
        assert!(judges(argv), "{argv:?}");
    }
    for argv in [
        &["check-ttl", "--cleanup", "--yes"][..],
        &["check-ttl", "--repair"],
        &["check-ttl", "--from-export", "latest"],
        &["hot-partitions", "--from-export", "latest"],
        &["health-check", "quarterly", "--from-export", "latest"],
        &["table", "verify"],
        &["events", "get", "--user", "u", "--event-id", "e"],
        &["dr-drill"],
    ] {
        assert!(!judges(argv), "{argv:?}");
    }

    let file = |argv: &[&str]| {
        let (d, c) = descriptor(argv);
        d.report_file(&c)
            .map(|f| (f.path.to_path_buf(), f.force, f.drill))
    };
    let p = std::path::PathBuf::from;
    assert_eq!(
        file(&["dr-drill", "--report", "d.md", "--force"]),
        Some((p("d.md"), true, true))
    );
    // Deleting a kept drill table writes no record.
    assert_eq!(
        file(&["dr-drill", "--delete", "t-drill-1", "--report", "d.md"]),
        None
    );
    assert_eq!(
        file(&["health-check", "monthly", "--report", "m.md"]),
        Some((p("m.md"), false, false))
    );
    assert_eq!(
        file(&["health-check", "quarterly", "--report", "q.md", "--force"]),
        Some((p("q.md"), true, false))
    );
    assert_eq!(file(&["health-check", "monthly"]), None);
    assert_eq!(file(&["check-ttl"]), None);
}

#[test]
fn only_the_streaming_commands_stream_and_only_import_bounds_itself() {
    let streaming: BTreeSet<&str> = COMMANDS
        .iter()
        .filter(|d| d.streams())
        .map(|d| d.name())
        .collect();
    assert_eq!(
        streaming,
        BTreeSet::from(["events query", "stream tail"]),
        "docs/json.md: their -o ndjson is items only"
    );
    let bounded: Vec<&str> = COMMANDS
        .iter()
        .filter(|d| d.bounds_itself())
        .map(|d| d.name())
        .collect();
    assert_eq!(bounded, vec!["events import"]);
}

#[test]
fn every_descriptor_names_an_iam_entry_and_every_entry_has_its_command() {
    let entries: BTreeSet<&str> = crate::spec::iam::COMMANDS.iter().map(|(c, _)| *c).collect();
    let named: BTreeSet<&str> = COMMANDS.iter().map(|d| d.iam()).collect();
    assert_eq!(
        named.len(),
        COMMANDS.len(),
        "two commands share an IAM entry"
    );
    let unknown: Vec<&&str> = named.difference(&entries).collect();
    let unused: Vec<&&str> = entries.difference(&named).collect();
    assert!(unknown.is_empty(), "no IAM entry: {unknown:?}");
    assert!(unused.is_empty(), "IAM entries of no command: {unused:?}");
}

/// Issue 27: every command says what its JSON `data` is written from, so the published schema
/// (`super::super::data_schema`) describes every command's `data`, and only a command whose
/// `data` is always `{}` says `none`.
#[test]
fn every_command_declares_the_types_of_its_json_data() {
    let undeclared: Vec<&str> = COMMANDS
        .iter()
        .filter(|d| d.data().is_none())
        .map(|d| d.name())
        .collect();
    assert!(undeclared.is_empty(), "no `.data(...)`: {undeclared:?}");
    let mut generator = schemars::SchemaGenerator::default();
    let empty: Vec<&str> = COMMANDS
        .iter()
        .filter(|d| {
            d.data()
                .is_some_and(|shapes| shapes(&mut generator).is_empty())
        })
        .map(|d| d.name())
        .collect();
    assert_eq!(empty, vec!["completions"], "only completions has no data");
}

/// The commands the first cell of each row of docs/safety.md's production table names
/// (`events put`, `check-ttl --full`).
fn safety_rows() -> Vec<Vec<String>> {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/safety.md"),
    )
    .expect("docs/safety.md");
    let table = doc
        .split("| Command | On production |")
        .nth(1)
        .expect("the production table of docs/safety.md");
    table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            let first = row.split('|').nth(1).unwrap_or_default();
            first
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn the_production_rule_of_every_command_is_the_one_docs_safety_gives() {
    let rows = safety_rows();
    let named: Vec<&String> = rows.iter().flatten().collect();
    let mentions = |name: &str| {
        named
            .iter()
            .any(|n| *n == name || n.starts_with(&format!("{name} --")))
    };
    for d in COMMANDS {
        let name = d.name();
        let with: &[&str] = match d.production() {
            Production::ReadOnly => {
                assert!(
                    !mentions(name),
                    "{name} is read-only but docs/safety.md lists it"
                );
                continue;
            }
            Production::Refused => {
                let row = rows.iter().find(|r| r.iter().any(|n| n == name));
                assert!(row.is_some(), "{name}: refused on production, not in docs");
                continue;
            }
            Production::NeedsYes { with } | Production::OwnResources { with } => with,
            Production::PerFlag(_) => &[],
        };
        assert!(
            mentions(name),
            "{name} writes but docs/safety.md does not list it"
        );
        for flag in with {
            let form = format!("{name} {flag}");
            assert!(
                named.iter().any(|n| **n == form),
                "docs/safety.md has no row for `{form}`"
            );
        }
        // A rule per flag: each flag has its row, and the row says the flag's rule.
        if let Production::PerFlag(rules) = d.production() {
            for (flag, rule) in rules {
                let form = format!("{name} {flag}");
                let text = safety_row_text(&form)
                    .unwrap_or_else(|| panic!("docs/safety.md has no row for `{form}`"));
                match rule {
                    Production::NeedsYes { .. } => {
                        assert!(text.contains("`--yes`"), "`{form}` needs --yes: {text}")
                    }
                    Production::OwnResources { .. } => {
                        assert!(text.contains("no confirmation"), "`{form}`: {text}")
                    }
                    other => {
                        panic!("`{form}`: a flag's rule is NeedsYes or OwnResources, not {other:?}")
                    }
                }
            }
        }
    }
}

/// The second cell of the row of docs/safety.md's production table that names `form`.
fn safety_row_text(form: &str) -> Option<String> {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/safety.md"),
    )
    .ok()?;
    doc.lines()
        .filter(|l| l.starts_with('|'))
        .find(|l| {
            l.split('|')
                .nth(1)
                .is_some_and(|c| c.split('`').skip(1).step_by(2).any(|n| n == form))
        })
        .and_then(|l| l.split('|').nth(2).map(str::to_owned))
}

/// `health-check monthly --alarm-test` pages people: on production it needs `--yes`, while
/// `--restore-test` (its own drill table) needs no confirmation: one rule per flag.
#[test]
fn health_check_monthly_has_a_rule_per_flag_that_writes_or_pages() {
    let (d, _) = descriptor(&["health-check", "monthly"]);
    let rules = d.production().flag_rules();
    assert!(
        rules.contains(&("--alarm-test", Production::NeedsYes { with: &[] })),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("--restore-test", Production::OwnResources { with: &[] })),
        "{rules:?}"
    );
}
