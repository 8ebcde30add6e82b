//! Whether an engine read the whole export: what it read against the manifest's counts, the
//! summary's `itemCount` and each data file's, for every engine and every reader of an export
//! (`check-ttl`, `hot-partitions`, `health-check quarterly` with `--from-export`). Pure.
//!
//! The local engine counts the items of each file it reads: every file is compared with its
//! own `itemCount`. Athena counts all rows under `data/` at once: there each listed file must
//! be in S3 and nothing unlisted beside them (Athena reads every object there), and the count
//! must equal the summary's.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::report::{CheckId, Finding};
use crate::scale::export_files::{FileRead, Manifest};

/// Examples kept of each kind of difference.
const EXAMPLES: usize = 5;

/// A data file whose items read differ from its manifest line.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct FileMismatch {
    pub key: String,
    pub manifest: u64,
    pub read: u64,
}

impl crate::report::Evidence for ManifestCheck {}

/// What was read against what the manifest lists.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct ManifestCheck {
    /// The summary's `itemCount`.
    pub manifest_items: u64,
    /// Data files in `manifest-files.json`, and the sum of their `itemCount`s.
    pub files: usize,
    pub files_items: u64,
    /// Items the engine read (local) or counted (Athena).
    pub read_items: u64,
    /// How each file was checked: `counted` (its items read, local engine) or `listed` (in S3,
    /// with nothing unlisted beside it: Athena counts all files at once).
    pub per_file: &'static str,
    pub files_mismatched: usize,
    pub file_mismatches: Vec<FileMismatch>,
    /// Listed data files not in S3, and objects under `data/` the manifest does not list.
    pub missing_files: Vec<String>,
    pub unlisted_files: Vec<String>,
    /// The data files' size in S3 (gzip: what Athena scans), when they were listed.
    pub data_bytes: Option<i64>,
    /// Why what was read is not the export as its manifest describes it; None: it is.
    pub problem: Option<String>,
}

impl ManifestCheck {
    #[cfg(test)]
    pub(crate) fn complete(&self) -> bool {
        self.problem.is_none()
    }
}

fn first<T: Clone>(v: &[T]) -> Vec<T> {
    v.iter().take(EXAMPLES).cloned().collect()
}

fn base(manifest: &Manifest, read: u64, per_file: &'static str) -> ManifestCheck {
    ManifestCheck {
        manifest_items: manifest.summary.item_count,
        files: manifest.files.len(),
        files_items: manifest.files.iter().map(|f| f.item_count).sum(),
        read_items: read,
        per_file,
        files_mismatched: 0,
        file_mismatches: Vec::new(),
        missing_files: Vec::new(),
        unlisted_files: Vec::new(),
        data_bytes: None,
        problem: None,
    }
}

/// The local engine: each file's items read against its line of the manifest.
pub(crate) fn local(manifest: &Manifest, read: &[FileRead]) -> ManifestCheck {
    let total = read.iter().map(|f| f.items).sum();
    let mut c = base(manifest, total, "counted");
    let got: HashMap<&str, u64> = read.iter().map(|f| (f.key.as_str(), f.items)).collect();
    let mismatches: Vec<FileMismatch> = manifest
        .files
        .iter()
        .filter_map(|f| {
            let r = got.get(f.data_file_s3_key.as_str()).copied().unwrap_or(0);
            (r != f.item_count).then(|| FileMismatch {
                key: f.data_file_s3_key.clone(),
                manifest: f.item_count,
                read: r,
            })
        })
        .collect();
    c.files_mismatched = mismatches.len();
    c.file_mismatches = first(&mismatches);
    c.problem = problem(&c, "read");
    c
}

/// Athena: the rows it counted, and the objects under `data/` against the listed files.
/// Objects whose name starts with `_` or `.` are not data (Athena skips them).
pub(crate) fn counted(
    manifest: &Manifest,
    count: u64,
    objects: &BTreeMap<String, i64>,
) -> ManifestCheck {
    let mut c = base(manifest, count, "listed");
    let listed: std::collections::HashSet<&str> = manifest
        .files
        .iter()
        .map(|f| f.data_file_s3_key.as_str())
        .collect();
    let missing: Vec<String> = manifest
        .files
        .iter()
        .filter(|f| !objects.contains_key(&f.data_file_s3_key))
        .map(|f| f.data_file_s3_key.clone())
        .collect();
    let hidden = |k: &str| {
        k.rsplit('/')
            .next()
            .is_some_and(|n| n.starts_with(['_', '.']))
    };
    let unlisted: Vec<String> = objects
        .keys()
        .filter(|k| !listed.contains(k.as_str()) && !hidden(k) && !k.ends_with('/'))
        .cloned()
        .collect();
    c.data_bytes = Some(
        objects
            .iter()
            .filter(|(k, _)| listed.contains(k.as_str()))
            .map(|(_, s)| *s)
            .sum(),
    );
    c.files_mismatched = missing.len() + unlisted.len();
    c.missing_files = first(&missing);
    c.unlisted_files = first(&unlisted);
    c.problem = problem(&c, "counted");
    c
}

/// Every difference, in one line.
fn problem(c: &ManifestCheck, verb: &str) -> Option<String> {
    let mut out = Vec::new();
    if c.files_items != c.manifest_items {
        out.push(format!(
            "its manifest is inconsistent (the summary says {}, its {} {})",
            crate::vocab::words::plural(c.manifest_items, "item", "items"),
            crate::vocab::words::count(c.files, "data file", "data files"),
            c.files_items
        ));
    }
    if c.read_items != c.manifest_items {
        out.push(format!(
            "{verb} {} where its manifest lists {}",
            crate::vocab::words::plural(c.read_items, "item", "items"),
            c.manifest_items
        ));
    }
    if let Some(m) = c.file_mismatches.first() {
        out.push(format!(
            "{} another count than {} manifest line (e.g. {}: {} listed, {} read)",
            crate::vocab::words::count(c.files_mismatched, "data file holds", "data files hold"),
            if c.files_mismatched == 1 {
                "its"
            } else {
                "their"
            },
            m.key,
            m.manifest,
            m.read
        ));
    }
    if let Some(k) = c.missing_files.first() {
        out.push(format!("a listed data file is not in S3 (e.g. {k})"));
    }
    if let Some(k) = c.unlisted_files.first() {
        out.push(format!(
            "an object under data/ is not in the manifest (e.g. {k}), and Athena reads it too"
        ));
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// The finding a reader gives about it: ok when what was read is the export as its manifest
/// describes it, unknown otherwise (the answer would be about part of the table, or more).
pub(crate) fn finding(check: CheckId, c: &ManifestCheck, export_id: &str, engine: &str) -> Finding {
    let evidence = c;
    match &c.problem {
        None => Finding::ok(
            check,
            format!(
                "read all {} of export {export_id} ({engine} engine), as its manifest lists them: {}",
                crate::vocab::words::plural(c.read_items, "item", "items"),
                match c.per_file {
                    "counted" if c.files == 1 => "its one data file counted".to_owned(),
                    // plural-ok: more than one file here
                    "counted" => format!("each of its {} data files counted", c.files),
                    _ if c.files == 1 => "its one data file in S3, nothing else beside it".to_owned(),
                    // plural-ok: more than one file here
                    _ => format!("each of its {} data files in S3, nothing else beside them", c.files),
                }
            ),
        ),
        Some(p) => Finding::unknown(
            check,
            format!("export {export_id} ({engine} engine) is not whole: {p}; an answer from it is not the table's"),
        )
        .remedy("read it again, or take a new export (`eventsctl export start --new --bucket B --wait`); a data file may be missing, truncated or replaced"),
    }
    .evidence(evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;
    use crate::scale::export_files::{DataFile, ManifestSummary};

    fn manifest(summary: u64, files: &[u64]) -> Manifest {
        Manifest {
            summary: ManifestSummary {
                item_count: summary,
                manifest_files_s3_key: "m".into(),
                export_time: None,
                billed_size_bytes: None,
                export_type: None,
                output_format: None,
            },
            files: files
                .iter()
                .enumerate()
                .map(|(i, n)| DataFile {
                    item_count: *n,
                    data_file_s3_key: format!("data/f{i}.json.gz"),
                })
                .collect(),
        }
    }

    fn reads(counts: &[u64]) -> Vec<FileRead> {
        counts
            .iter()
            .enumerate()
            .map(|(i, n)| FileRead {
                key: format!("data/f{i}.json.gz"),
                items: *n,
            })
            .collect()
    }

    /// The local engine, file by file: a file short of its count (a quarter of the export
    /// missing), a file with more, compensating files (the total equal), a manifest whose
    /// summary and files disagree.
    #[test]
    fn the_local_engine_is_compared_file_by_file() {
        // (summary, files' counts, read per file, complete, words)
        type Case<'a> = (u64, &'a [u64], &'a [u64], bool, &'a str);
        let cases: [Case; 6] = [
            (40, &[10, 10, 10, 10], &[10, 10, 10, 10], true, ""),
            (
                40,
                &[10, 10, 10, 10],
                &[10, 10, 10, 0],
                false,
                "read 30 items where its manifest lists 40",
            ),
            (
                40,
                &[10, 10, 10, 10],
                &[10, 10, 10, 12],
                false,
                "1 data file holds another count",
            ),
            (
                40,
                &[10, 10, 10, 10],
                &[12, 8, 10, 10],
                false,
                "2 data files hold another count than their manifest line (e.g. data/f0.json.gz: 10 listed, 12 read)",
            ),
            (
                40,
                &[10, 10, 10],
                &[10, 10, 10],
                false,
                "its manifest is inconsistent (the summary says 40 items, its 3 data files 30)",
            ),
            (0, &[0], &[0], true, ""),
        ];
        for (summary, files, read, complete, words) in cases {
            let c = local(&manifest(summary, files), &reads(read));
            assert_eq!(
                c.complete(),
                complete,
                "{files:?} {read:?}: {:?}",
                c.problem
            );
            assert!(
                c.problem.as_deref().unwrap_or_default().contains(words),
                "{:?}",
                c.problem
            );
            let f = finding(CheckId::HotExportRead, &c, "01-ab", "local");
            let want = if complete {
                Status::Ok
            } else {
                Status::Unknown
            };
            assert_eq!(f.status, want, "{}", f.summary);
            assert_eq!(f.evidence["manifest_items"], summary);
        }
    }

    /// Athena: the count against the summary, and S3's objects against the listed files.
    #[test]
    fn athena_is_compared_by_count_and_listing() {
        let m = manifest(30, &[10, 10, 10]);
        let objects = |keys: &[&str]| -> BTreeMap<String, i64> {
            keys.iter().map(|k| ((*k).to_owned(), 100)).collect()
        };
        let all = ["data/f0.json.gz", "data/f1.json.gz", "data/f2.json.gz"];
        let c = counted(&m, 30, &objects(&all));
        assert!(c.complete(), "{:?}", c.problem);
        assert_eq!(c.data_bytes, Some(300));
        // A hidden object is not data.
        let mut with_hidden = all.to_vec();
        with_hidden.push("data/_SUCCESS");
        assert!(counted(&m, 30, &objects(&with_hidden)).complete());
        // A missing file: fewer rows, and named.
        let c = counted(&m, 20, &objects(&all[..2]));
        let p = c.problem.unwrap();
        assert!(
            p.contains("counted 20 items where its manifest lists 30"),
            "{p}"
        );
        assert!(p.contains("not in S3 (e.g. data/f2.json.gz)"), "{p}");
        // An extra file beside them.
        let mut extra = all.to_vec();
        extra.push("data/extra.json.gz");
        let c = counted(&m, 40, &objects(&extra));
        assert!(c.problem.unwrap().contains("data/extra.json.gz"));
    }
}
