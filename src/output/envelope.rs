//! The `eventsctl/v1` envelope as types: what `-o json` prints is one of these serialised, and
//! its JSON Schema (`docs/schema/eventsctl-v1.json`, [`json_schema()`]) is generated from the
//! same types, with each command's `data` schema from the command's own data type
//! (`commands::data_schema`).

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;
use serde_json::{Map, Value};

use super::Target;
use super::failure::Failure;
use super::json::SCHEMA;
use crate::report::{Correction, Finding};

/// The envelope of one command's result (`error` null), or of a command that failed (`error`
/// set, `findings`, `data`, `corrections` and `notes` empty).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Envelope<'a> {
    /// Always `eventsctl/v1`; fields are only ever added under this name.
    #[schemars(extend("const" = "eventsctl/v1"))]
    pub schema: &'static str,
    /// The command that ran, e.g. `table verify`.
    pub command: &'a str,
    pub target: &'a Target,
    /// When the result was made, RFC 3339 UTC.
    #[schemars(extend("format" = "date-time"))]
    pub generated_at: String,
    /// Checks: the worst finding; other commands: `ok` or `failed`.
    #[schemars(extend("enum" = ["ok", "warn", "unknown", "crit", "failed"]))]
    pub status: &'a str,
    /// Null when the command ran to its result.
    pub error: Option<&'a Failure>,
    pub findings: &'a [Finding],
    /// The command's own results (`{}` when there is none); its schema per command is in this
    /// definition's `allOf`.
    pub data: &'a Map<String, Value>,
    pub corrections: &'a [Correction],
    pub notes: &'a [String],
}

impl Envelope<'_> {
    /// As a value (an internal error if it cannot be written, which a struct of strings and
    /// values never is).
    pub(crate) fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or_else(|e| {
            Value::String(format!(
                "internal error: the envelope could not be written: {e}"
            ))
        })
    }
}

/// A fleet run (`--env a,b`, `--all-envs`): the worst status, the environments in order, and
/// each environment's own envelope.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct FleetEnvelope<'a> {
    #[schemars(extend("const" = "eventsctl/v1"))]
    pub schema: &'static str,
    pub command: &'a str,
    /// Null: each result has its own.
    pub target: (),
    #[schemars(extend("format" = "date-time"))]
    pub generated_at: String,
    #[schemars(extend("enum" = ["ok", "warn", "unknown", "crit", "failed"]))]
    pub status: &'a str,
    /// Always null: an environment that failed says so in its result.
    pub error: (),
    pub envs: Vec<&'a str>,
    #[schemars(with = "Vec<Envelope<'static>>")]
    pub results: Vec<Value>,
}

/// The opening of a streamed envelope (`events query -o json`, `stream tail -o json`), before
/// its `items`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct StreamHead<'a> {
    #[schemars(extend("const" = "eventsctl/v1"))]
    pub schema: &'static str,
    pub command: &'a str,
    pub target: &'a Target,
    #[schemars(extend("format" = "date-time"))]
    pub generated_at: String,
}

/// The close of a streamed envelope, after its `items`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct StreamTail<'a> {
    #[schemars(extend("enum" = ["ok", "warn", "unknown", "crit", "failed"]))]
    pub status: &'a str,
    pub error: Option<&'a Failure>,
    #[schemars(with = "Map<String, Value>")]
    pub data: &'a Value,
}

/// A streamed envelope, whole: the head, the items as they were read, the tail (the schema's
/// view of what [`StreamHead`] and [`StreamTail`] write around the items).
#[derive(JsonSchema)]
#[allow(dead_code)]
struct StreamEnvelope<'a> {
    #[serde(flatten)]
    head: StreamHead<'a>,
    /// One object an item (an event, a stream record).
    items: Vec<Map<String, Value>>,
    #[serde(flatten)]
    tail: StreamTail<'a>,
}

/// The JSON Schema of every `-o json` output: one of the three envelopes, and in each
/// envelope (a fleet's results too) the `data` of its command by the command's data type (`{}`
/// allowed: a failure, or a check with nothing to stand on).
/// `data` gives each command's data schema, from the same generator (`commands::data_schema`).
pub fn json_schema(
    data: impl FnOnce(&mut SchemaGenerator) -> Vec<(&'static str, Vec<Schema>)>,
) -> Value {
    // As the types serialise (an `Option` field is always written, so required; a field
    // skipped when empty is not).
    let mut generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let one = generator.subschema_for::<Envelope<'static>>();
    let fleet = generator.subschema_for::<FleetEnvelope<'static>>();
    let stream = generator.subschema_for::<StreamEnvelope<'static>>();
    // A command whose `data` has more than one shape (`check-ttl --estimate`) lists each.
    let rules: Vec<Value> = data(&mut generator)
        .into_iter()
        .map(|(command, shapes)| {
            data_rule(command, shapes.into_iter().map(Schema::to_value).collect())
        })
        .collect();
    let root: Schema = json_schema!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": SCHEMA,
        "description": "What eventsctl prints with -o json (docs/json.md), generated from its types.",
        "oneOf": [one, fleet, stream],
    });
    let mut root = root.to_value();
    let mut defs = generator.take_definitions(true);
    for name in ["Envelope", "StreamEnvelope"] {
        if let Some(Value::Object(def)) = defs.get_mut(name) {
            def.insert("allOf".into(), Value::Array(rules.clone()));
        }
    }
    root["$defs"] = Value::Object(defs.into_iter().collect());
    close_objects(&mut root);
    root
}

/// Every object the types describe has exactly their fields, so that a command whose JSON is
/// not what its declared type writes fails the suite's validation, not only one whose JSON
/// lacks a field. A schema listing properties is closed with `additionalProperties: false`; one
/// that also takes fields from parts (`$ref`, `allOf`: an internally tagged enum's variant, a
/// flattened struct) with `unevaluatedProperties: false`, which sees the parts' fields, and a
/// definition used as such a part is left open (closing it would refuse the tag beside it).
/// A map says what its values are and is left as it is.
fn close_objects(root: &mut Value) {
    let mut parts = Vec::new();
    find_parts(root, &mut parts);
    if let Some(Value::Object(defs)) = root.get_mut("$defs") {
        for (name, def) in defs.iter_mut() {
            let part = parts.iter().any(|p| p == &format!("#/$defs/{name}"));
            close(def, part);
        }
    }
    if let Some(Value::Array(envelopes)) = root.get_mut("oneOf") {
        envelopes.iter_mut().for_each(|e| close(e, false));
    }
}

/// The definitions referenced beside properties, or from an `allOf`.
fn find_parts(v: &Value, parts: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let (true, Some(Value::String(r))) = (o.contains_key("properties"), o.get("$ref")) {
                parts.push(r.clone());
            }
            if let Some(Value::Array(all)) = o.get("allOf") {
                parts.extend(
                    all.iter()
                        .filter_map(|p| p.get("$ref").and_then(Value::as_str))
                        .map(str::to_owned),
                );
            }
            o.values().for_each(|v| find_parts(v, parts));
        }
        Value::Array(a) => a.iter().for_each(|v| find_parts(v, parts)),
        _ => {}
    }
}

/// Closes `v` (unless it is a `part`) and every object schema inside it.
fn close(v: &mut Value, part: bool) {
    match v {
        Value::Object(o) => {
            let said = ["additionalProperties", "unevaluatedProperties"]
                .iter()
                .any(|k| o.contains_key(*k));
            if o.contains_key("properties") && !said && !part {
                let composed = ["allOf", "anyOf", "oneOf", "$ref"]
                    .iter()
                    .any(|k| o.contains_key(*k));
                let key = if composed {
                    "unevaluatedProperties"
                } else {
                    "additionalProperties"
                };
                o.insert(key.into(), Value::Bool(false));
            }
            // A data rule's `if` and `then` test a few fields of the envelope: not closed.
            o.iter_mut()
                .for_each(|(k, v)| close(v, k == "if" || k == "then"));
        }
        Value::Array(a) => a.iter_mut().for_each(|v| close(v, false)),
        _ => {}
    }
}

/// Where `command` is the envelope's command and `error` is null, `data` is one of `shapes`,
/// or `{}`.
fn data_rule(command: &str, mut shapes: Vec<Value>) -> Value {
    shapes.push(serde_json::json!({"type": "object", "maxProperties": 0}));
    serde_json::json!({
        "if": {
            "properties": {"command": {"const": command}, "error": {"type": "null"}},
            "required": ["command", "error", "data"]
        },
        "then": {
            "properties": {"data": {"anyOf": shapes}}
        }
    })
}
