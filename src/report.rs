//! What every command returns: findings with a status, human sections and machine data.
//!
//! Commands build a [`Report`]; they never print. The output layer renders it as a table, JSON
//! (the `eventsctl/v1` envelope) or Markdown, and `main` turns it into the exit code.

use serde::Serialize;
use serde_json::{Map, Value};

pub use crate::vocab::check_id::CheckId;

/// The status of one check, and of a whole report.
///
/// Ordered by how bad it is for the worst-of rule: a known critical problem outranks a check that
/// could not be evaluated, which outranks a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warn,
    Unknown,
    Crit,
}

impl Status {
    fn rank(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Warn => 1,
            Status::Unknown => 2,
            Status::Crit => 3,
        }
    }

    /// The worse of two statuses.
    pub(crate) fn max(self, other: Status) -> Status {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }

    /// The worst of many; `Ok` when there are none.
    pub(crate) fn worst(statuses: impl IntoIterator<Item = Status>) -> Status {
        statuses.into_iter().fold(Status::Ok, Status::max)
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Unknown => "unknown",
            Status::Crit => "crit",
        }
    }

    /// Exit code of a check command (design §2): 0 ok, 1 warn, 2 crit, 3 unknown.
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Warn => 1,
            Status::Crit => 2,
            Status::Unknown => 3,
        }
    }
}

/// What a finding rests on, as its check's own type: a `Serialize` struct (or a list of them)
/// declared with [`evidence!`](crate::evidence), whose fields are the keys docs/evidence.md and
/// docs/runbook-map.md document. `serde_json::Value` is not evidence, so a check cannot hand
/// over an ad-hoc `json!` shape.
pub(crate) trait Evidence: Serialize {}

impl<T: Evidence + ?Sized> Evidence for &T {}
impl<T: Evidence> Evidence for Vec<T> {}
impl<T: Evidence> Evidence for [T] {}
impl<T: Evidence> Evidence for Option<T> {}

/// Evidence keyed by names known only at run time (a resource, an operation, a statistic),
/// written as one JSON object in the order given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Keyed<V>(pub Vec<(String, V)>);

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<V: Serialize> Evidence for Keyed<V> {}

/// An object of the names in order, each with a `V`.
impl<V: schemars::JsonSchema> schemars::JsonSchema for Keyed<V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Keyed_{}", V::schema_name()).into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": generator.subschema_for::<V>(),
        })
    }
}

impl<K: Into<String>, V> FromIterator<(K, V)> for Keyed<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Keyed<V> {
        Keyed(iter.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

/// Declares a finding's evidence: a struct that serialises its fields in order (a `None` as
/// `null`) and implements `Evidence`.
///
/// ```ignore
/// evidence! {
///     /// `table.exists`: the table that was not found.
///     pub(crate) struct TableMissing<'a> { table: &'a str }
/// }
/// ```
#[macro_export]
macro_rules! evidence {
    ($($(#[$m:meta])* $vis:vis struct $name:ident $(<$lt:lifetime>)? {
        $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)?
    })*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, serde::Serialize)]
        $vis struct $name $(<$lt>)? { $($(#[$fm])* pub $field: $ty),* }
        impl $(<$lt>)? $crate::report::Evidence for $name $(<$lt>)? {}
    )*};
}

/// One verdict about one thing: `{"check", "status", "summary", "evidence", "remedy", "runbook"}`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// The check's stable dotted name (docs/runbook-map.md).
    #[schemars(with = "String")]
    pub check: CheckId,
    pub status: Status,
    pub summary: String,
    /// What AWS returned that led to the status (docs/evidence.md): an `Evidence` type, an
    /// object (a list of them, or null, for the checks whose evidence is so declared).
    #[schemars(schema_with = "evidence_schema")]
    pub evidence: Value,
    pub remedy: Option<String>,
    pub runbook: Option<String>,
}

fn evidence_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": ["object", "array", "null"]})
}

impl Finding {
    pub(crate) fn new(check: CheckId, status: Status, summary: impl Into<String>) -> Finding {
        Finding {
            check,
            status,
            summary: summary.into(),
            evidence: Value::Object(Map::new()),
            remedy: None,
            runbook: None,
        }
    }

    pub(crate) fn ok(check: CheckId, summary: impl Into<String>) -> Finding {
        Finding::new(check, Status::Ok, summary)
    }

    pub(crate) fn warn(check: CheckId, summary: impl Into<String>) -> Finding {
        Finding::new(check, Status::Warn, summary)
    }

    pub(crate) fn crit(check: CheckId, summary: impl Into<String>) -> Finding {
        Finding::new(check, Status::Crit, summary)
    }

    pub(crate) fn unknown(check: CheckId, summary: impl Into<String>) -> Finding {
        Finding::new(check, Status::Unknown, summary)
    }

    /// The finding's evidence, written once as JSON here (the output layer and the few checks
    /// that combine findings read it as JSON). A type that cannot be written (a map whose keys
    /// are not strings) is a bug in eventsctl, said in the evidence itself, never a panic.
    pub(crate) fn evidence(mut self, evidence: impl Evidence) -> Finding {
        self.set_evidence(evidence);
        self
    }

    /// Replaces the evidence (a finding another one re-judges: see [`Finding::evidence`]).
    pub(crate) fn set_evidence(&mut self, evidence: impl Evidence) {
        self.evidence = serde_json::to_value(&evidence).unwrap_or_else(|e| {
            Value::String(format!(
                "internal error: the evidence could not be written: {e}"
            ))
        });
    }

    pub(crate) fn remedy(mut self, remedy: impl Into<String>) -> Finding {
        self.remedy = Some(remedy.into());
        self
    }

    pub(crate) fn runbook(mut self, runbook: impl Into<String>) -> Finding {
        self.runbook = Some(runbook.into());
        self
    }
}

/// Checks exit 0/1/2/3 by their worst finding; actions exit 0 on success and 1 on failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    Check,
    Action,
}

/// A human view of part of the data: rendered as a table or list by the output layer.
#[derive(Debug, Clone)]
pub enum Section {
    Table {
        title: String,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Pairs {
        title: String,
        pairs: Vec<(String, String)>,
    },
    Lines {
        title: String,
        lines: Vec<String>,
    },
    /// A series drawn as a sparkline with its latest value and an optional target.
    Chart {
        title: String,
        series: Vec<ChartSeries>,
    },
    /// Things that happened, one or two lines each: when, what, and a detail line (who, on
    /// what). Long names stay whole, on a line of their own when they must.
    Timeline {
        title: String,
        entries: Vec<TimelineEntry>,
    },
}

/// One entry of a [`Section::Timeline`].
#[derive(Debug, Clone)]
pub struct TimelineEntry {
    /// `3h ago`
    pub when: String,
    /// `UpdateTimeToLive: TTL disabled (attribute `ttl`)`
    pub what: String,
    /// `by arn:aws:sts::...:assumed-role/oncall/bob from 198.51.100.7`; empty for none.
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct ChartSeries {
    pub label: String,
    pub unit: String,
    pub values: Vec<Option<f64>>,
    pub target: Option<f64>,
}

impl Section {
    pub(crate) fn table(
        title: impl Into<String>,
        headers: &[&str],
        rows: Vec<Vec<String>>,
    ) -> Section {
        Section::Table {
            title: title.into(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows,
        }
    }

    pub(crate) fn pairs(title: impl Into<String>, pairs: Vec<(&str, String)>) -> Section {
        Section::Pairs {
            title: title.into(),
            pairs: pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }

    pub(crate) fn lines(title: impl Into<String>, lines: Vec<String>) -> Section {
        Section::Lines {
            title: title.into(),
            lines,
        }
    }
}

/// Where the runbook is wrong and the tool follows `docs/aws-facts.md` instead.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Correction {
    pub runbook_says: String,
    pub fact: String,
    pub source: String,
}

impl Correction {
    pub(crate) fn new(runbook_says: &str, fact: &str, source: &str) -> Correction {
        Correction {
            runbook_says: runbook_says.to_owned(),
            fact: fact.to_owned(),
            source: source.to_owned(),
        }
    }
}

/// A command's typed data could not become the `data` object: a bug in eventsctl, not bad input.
#[derive(Debug, thiserror::Error)]
#[error("internal error: the JSON data of `{command}` could not be written: {reason}")]
pub(crate) struct DataError {
    pub command: String,
    pub reason: String,
}

/// A command's typed data as the `data` object of the JSON envelope: its fields become the
/// object's keys (docs/json.md), every one always present, a `None` as `null`. A value that
/// cannot be serialised, or that is not an object, is an internal error, never a silent `null`.
/// `JsonSchema`: every `data` is of a type the published schema can describe (the command
/// declares it beside its definition, `commands::data_schema`).
pub(crate) fn data_object(
    command: &str,
    data: &(impl Serialize + schemars::JsonSchema),
) -> Result<Map<String, Value>, DataError> {
    let failed = |reason: String| DataError {
        command: command.to_owned(),
        reason,
    };
    match serde_json::to_value(data).map_err(|e| failed(e.to_string()))? {
        Value::Object(map) => Ok(map),
        other => Err(failed(format!("it is {other}, not an object"))),
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    /// `table verify`, `events import`, ...
    pub command: String,
    pub kind: ReportKind,
    pub findings: Vec<Finding>,
    /// Shown before the findings (a health check's summary).
    pub lead: Vec<Section>,
    pub sections: Vec<Section>,
    /// The `data` object of the JSON envelope.
    pub data: Map<String, Value>,
    pub corrections: Vec<Correction>,
    /// Next steps and remarks shown after everything else.
    pub notes: Vec<String>,
    /// For actions: did it fail (exit 1)?
    pub failed: bool,
    /// Overrides the table named in the report's target (a restore target, a drill table).
    pub table_override: Option<String>,
    /// Files the output layer also writes the report to (`--report FILE`).
    pub attachments: Vec<Attachment>,
}

/// A copy of the report in a file, in Markdown or JSON.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub path: std::path::PathBuf,
    pub markdown: bool,
}

impl Report {
    pub(crate) fn check(command: impl Into<String>) -> Report {
        Report::new(command, ReportKind::Check)
    }

    pub(crate) fn action(command: impl Into<String>) -> Report {
        Report::new(command, ReportKind::Action)
    }

    fn new(command: impl Into<String>, kind: ReportKind) -> Report {
        Report {
            command: command.into(),
            kind,
            findings: Vec::new(),
            lead: Vec::new(),
            sections: Vec::new(),
            data: Map::new(),
            corrections: Vec::new(),
            notes: Vec::new(),
            failed: false,
            table_override: None,
            attachments: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    pub(crate) fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        self.findings.extend(findings);
    }

    pub(crate) fn section(&mut self, section: Section) {
        self.sections.push(section);
    }

    /// Sets the `data` object of the JSON envelope from the command's typed data (see
    /// [`data_object`]).
    pub(crate) fn set_data(
        &mut self,
        data: &(impl Serialize + schemars::JsonSchema),
    ) -> Result<(), DataError> {
        self.data = data_object(&self.command, data)?;
        Ok(())
    }

    pub(crate) fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    pub(crate) fn correct(&mut self, correction: Correction) {
        self.corrections.push(correction);
    }

    /// The worst finding's status.
    pub(crate) fn worst(&self) -> Status {
        Status::worst(self.findings.iter().map(|f| f.status))
    }

    /// `ok|warn|crit|unknown` for a check, `ok|failed` for an action.
    pub(crate) fn status_label(&self) -> &'static str {
        match self.kind {
            ReportKind::Check => self.worst().as_str(),
            ReportKind::Action if self.failed => "failed",
            ReportKind::Action => "ok",
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ReportKind::Check => self.worst().exit_code(),
            ReportKind::Action => u8::from(self.failed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_orders_crit_over_unknown_over_warn() {
        assert_eq!(Status::worst([]), Status::Ok);
        assert_eq!(Status::worst([Status::Ok, Status::Warn]), Status::Warn);
        assert_eq!(
            Status::worst([Status::Warn, Status::Unknown]),
            Status::Unknown
        );
        assert_eq!(
            Status::worst([Status::Unknown, Status::Crit, Status::Warn]),
            Status::Crit
        );
    }

    #[test]
    fn typed_data_writes_every_key_with_none_as_null_and_refuses_what_is_not_an_object() {
        #[derive(Serialize, schemars::JsonSchema)]
        struct Data {
            zeta: u32,
            alpha: Option<u32>,
            absent: Option<u32>,
        }
        let mut r = Report::action("x");
        r.set_data(&Data {
            zeta: 1,
            alpha: None,
            absent: None,
        })
        .unwrap();
        let written = Value::Object(r.data.clone());
        assert_eq!(
            written,
            serde_json::json!({"zeta": 1, "alpha": null, "absent": null})
        );
        let e = r.set_data(&[1, 2]).unwrap_err();
        assert!(e.to_string().contains("not an object"), "{e}");

        struct Broken;
        impl Serialize for Broken {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("a map key that is not a string"))
            }
        }
        #[derive(Serialize, schemars::JsonSchema)]
        struct Holds {
            #[schemars(with = "String")]
            broken: Broken,
        }
        let e = r.set_data(&Holds { broken: Broken }).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("internal error: the JSON data of `x`"),
            "{e}"
        );
        assert_eq!(
            Value::Object(r.data.clone()),
            written,
            "a failed serialisation leaves the data as it was"
        );
    }

    /// A finding's evidence is its check's type: fields in declaration order, `None` as `null`,
    /// run-time keys in the order given (not sorted).
    #[test]
    fn typed_evidence_keeps_its_order_and_nulls() {
        crate::evidence! {
            struct Sample<'a> { zeta: u32, alpha: Option<&'a str>, by: Keyed<f64> }
        }
        let f = Finding::ok(CheckId::TableBilling, "s").evidence(Sample {
            zeta: 1,
            alpha: None,
            by: Keyed(vec![("table".into(), 1.0), ("EventTypeIndex".into(), 0.0)]),
        });
        assert_eq!(
            f.evidence.to_string(),
            r#"{"zeta":1,"alpha":null,"by":{"table":1.0,"EventTypeIndex":0.0}}"#
        );
        let none = Finding::ok(CheckId::TableBilling, "s");
        assert_eq!(
            none.evidence.to_string(),
            "{}",
            "no evidence is an empty object"
        );
    }

    #[test]
    fn exit_codes_follow_the_contract() {
        let mut check = Report::check("x");
        assert_eq!(check.exit_code(), 0);
        check.push(Finding::warn(CheckId::TableBilling, "w"));
        assert_eq!(check.exit_code(), 1);
        check.push(Finding::unknown(CheckId::TableTtl, "u"));
        assert_eq!(check.exit_code(), 3);
        check.push(Finding::crit(CheckId::TableExists, "c"));
        assert_eq!(check.exit_code(), 2);

        let mut action = Report::action("y");
        action.push(Finding::crit(CheckId::TableExists, "c"));
        assert_eq!(
            action.exit_code(),
            0,
            "an action's findings do not set its exit code"
        );
        action.failed = true;
        assert_eq!(action.exit_code(), 1);
        assert_eq!(action.status_label(), "failed");
    }
}
