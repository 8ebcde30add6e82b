//! The validated events of an import, kept in an anonymous temporary file between validation and
//! writing: the write pass reads this, never the input again, so what is written is exactly what
//! was validated (appending to the input during an import, or replacing a line, changes nothing)
//! and any input that can be read once (stdin, a FIFO, `<(cat f)`) works.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};

use super::model::Event;

/// Where validated events are written: one `LINE<TAB>EVENT-JSON` record a line.
pub struct SpoolWriter {
    file: BufWriter<File>,
    records: u64,
}

impl SpoolWriter {
    pub fn new() -> io::Result<SpoolWriter> {
        Ok(SpoolWriter {
            file: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            records: 0,
        })
    }

    /// One validated event, as the JSON `serde_json` writes for an [`Event`] (its maps have
    /// sorted keys, so the text is canonical).
    pub fn push(&mut self, line: usize, event_json: &str) -> io::Result<()> {
        write!(self.file, "{line}\t")?;
        self.file.write_all(event_json.as_bytes())?;
        self.file.write_all(b"\n")?;
        self.records += 1;
        Ok(())
    }

    pub fn finish(self) -> io::Result<Spool> {
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.flush()?;
        Ok(Spool {
            file,
            records: self.records,
        })
    }
}

/// The spooled events, readable from the start as often as needed.
pub struct Spool {
    file: File,
    records: u64,
}

impl std::fmt::Debug for Spool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Spool({} records)", self.records)
    }
}

impl Spool {
    pub fn records(&self) -> u64 {
        self.records
    }

    pub fn reader(&self) -> io::Result<SpoolReader> {
        let mut file = self.file.try_clone()?;
        file.rewind()?;
        Ok(SpoolReader {
            reader: BufReader::with_capacity(1 << 16, file),
            buf: String::new(),
        })
    }
}

pub struct SpoolReader {
    reader: BufReader<File>,
    buf: String,
}

impl SpoolReader {
    /// The next record: its input line and its event.
    pub fn next_event(&mut self) -> io::Result<Option<(usize, Event)>> {
        self.buf.clear();
        if self.reader.read_line(&mut self.buf)? == 0 {
            return Ok(None);
        }
        let bad = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "the import's spool file is damaged",
            )
        };
        let (line, json) = self.buf.trim_end().split_once('\t').ok_or_else(bad)?;
        let line: usize = line.parse().map_err(|_| bad())?;
        let event: Event = serde_json::from_str(json).map_err(|_| bad())?;
        Ok(Some((line, event)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::model::{Defaults, EventInput};

    #[test]
    fn events_come_back_as_spooled() {
        let (input, v) = EventInput::parse(
            r#"{"user_id":"u v","event_type":"t","timestamp":"2026-01-01T00:00:00Z","payload":{"n":1.5,"s":"a\n\tb"}}"#,
        )
        .unwrap();
        let event = input.into_event(Defaults { now: None }, Some(&v)).unwrap();
        let mut w = SpoolWriter::new().unwrap();
        w.push(7, &serde_json::to_string(&event).unwrap()).unwrap();
        let spool = w.finish().unwrap();
        assert_eq!(spool.records(), 1);
        for _ in 0..2 {
            let mut r = spool.reader().unwrap();
            assert_eq!(r.next_event().unwrap(), Some((7, event.clone())));
            assert_eq!(r.next_event().unwrap(), None);
        }
    }
}
