//! The JSON Schema of every `-o json` output (`docs/schema/eventsctl-v1.json`): the envelope's
//! types (`output::envelope`) and, per command, the types its `data` is written from, as each
//! command's descriptor declares them (`Leaf::data`). `scripts/gen-docs.sh` writes the file;
//! `tests/integration/generated.rs` checks it is current and the integration suite validates
//! every JSON output against it.

use schemars::{JsonSchema, Schema, SchemaGenerator};

use super::registry::COMMANDS;

/// The schema, as written to `docs/schema/eventsctl-v1.json`.
pub fn json_schema() -> serde_json::Value {
    crate::output::envelope::json_schema(|g| {
        COMMANDS
            .iter()
            .filter_map(|d| d.data().map(|shapes| (d.name(), shapes(g))))
            .collect()
    })
}

/// A command's `data` is written from `T`.
pub(crate) fn shape<T: JsonSchema>(g: &mut SchemaGenerator) -> Vec<Schema> {
    vec![g.subschema_for::<T>()]
}

/// A command's `data` is written from `A` or from `B`, by its flags.
pub(crate) fn either<A: JsonSchema, B: JsonSchema>(g: &mut SchemaGenerator) -> Vec<Schema> {
    vec![g.subschema_for::<A>(), g.subschema_for::<B>()]
}

/// A command's `data` is written from `A`, `B` or `C`, by its flags.
pub(crate) fn one_of3<A: JsonSchema, B: JsonSchema, C: JsonSchema>(
    g: &mut SchemaGenerator,
) -> Vec<Schema> {
    vec![
        g.subschema_for::<A>(),
        g.subschema_for::<B>(),
        g.subschema_for::<C>(),
    ]
}

/// A command whose `data` is always `{}`.
pub(crate) fn none(_: &mut SchemaGenerator) -> Vec<Schema> {
    Vec::new()
}
