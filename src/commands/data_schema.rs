//! The JSON Schema of every `-o json` output (`docs/schema/eventsctl-v1.json`): the envelope's
//! types (`output::envelope`) and, per command, the type its `data` is written from.
//! `scripts/gen-docs.sh` writes the file; `tests/integration/generated.rs` checks it is current
//! and the integration suite validates every JSON output against it.

use schemars::{Schema, SchemaGenerator};

/// The schema, as written to `docs/schema/eventsctl-v1.json`.
pub fn json_schema() -> serde_json::Value {
    crate::output::envelope::json_schema(data_schemas)
}

/// Each command's `data` schema, from its data type (a command listed twice has two shapes). A
/// command not listed here has a `data` object the schema does not describe further.
fn data_schemas(g: &mut SchemaGenerator) -> Vec<(&'static str, Schema)> {
    use super::{changes, export, stream, table, ttl};
    vec![
        (
            "table describe",
            g.subschema_for::<table::DescribeData<'static>>(),
        ),
        (
            "changes",
            g.subschema_for::<changes::ChangesData<'static>>(),
        ),
        (
            "stream-status",
            g.subschema_for::<stream::StatusData<'static>>(),
        ),
        ("check-ttl", g.subschema_for::<ttl::CheckTtlData<'static>>()),
        ("check-ttl", g.subschema_for::<ttl::EstimateData<'static>>()),
        (
            "table verify",
            g.subschema_for::<table::VerifyData<'static>>(),
        ),
        (
            "export start",
            g.subschema_for::<export::ExportData<'static>>(),
        ),
        (
            "export status",
            g.subschema_for::<export::ExportData<'static>>(),
        ),
        (
            "export list",
            g.subschema_for::<export::ListData<'static>>(),
        ),
    ]
}
