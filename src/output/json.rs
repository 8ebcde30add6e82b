//! The `eventsctl/v1` JSON envelope (design §2), documented in `docs/json.md`.

use std::io::{self, Write};

use serde_json::Value;

use super::RenderContext;
use super::envelope::Envelope;
use crate::report::Report;

pub(crate) const SCHEMA: &str = "eventsctl/v1";

/// The envelope as a value: `{schema, command, target, generated_at, status, error, findings,
/// data, corrections, notes}`. Every key is always present (an empty list when there is
/// nothing, `error` null when the command ran to its result; a command that did not is
/// `super::failure`): scripts read keys, and a key that is sometimes absent breaks them.
pub(crate) fn envelope(report: &Report, rc: &RenderContext) -> Value {
    Envelope {
        schema: SCHEMA,
        command: &report.command,
        target: &rc.target,
        generated_at: crate::times::stamp(rc.generated_at),
        status: report.status_label(),
        error: None,
        findings: &report.findings,
        data: &report.data,
        corrections: &report.corrections,
        notes: &report.notes,
    }
    .to_value()
}

pub fn render(
    report: &Report,
    rc: &RenderContext,
    out: &mut dyn Write,
    pretty: bool,
) -> io::Result<()> {
    let value = envelope(report, rc);
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &value)?;
    } else {
        serde_json::to_writer(&mut *out, &value)?;
    }
    out.write_all(b"\n")?;
    out.flush()
}
