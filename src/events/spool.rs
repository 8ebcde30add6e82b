//! The validated events of an import, kept in an anonymous temporary file between validation and
//! writing: the write pass reads this, never the input again, so what is written is exactly what
//! was validated (appending to the input during an import, or replacing a line, changes nothing)
//! and any input that can be read once (stdin, a FIFO, `<(cat f)`) works.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

/// Where validated events are written: one record after the other, each its input line number
/// (u64), its length (u32, little-endian) and its bytes ([`super::record`]).
pub(crate) struct SpoolWriter {
    file: BufWriter<File>,
    records: u64,
}

impl SpoolWriter {
    pub(crate) fn new() -> io::Result<SpoolWriter> {
        Ok(SpoolWriter {
            file: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            records: 0,
        })
    }

    /// One validated event's record.
    pub(crate) fn push(&mut self, line: usize, record: &[u8]) -> io::Result<()> {
        self.file.write_all(&(line as u64).to_le_bytes())?;
        self.file.write_all(&(record.len() as u32).to_le_bytes())?;
        self.file.write_all(record)?;
        self.records += 1;
        Ok(())
    }

    pub(crate) fn finish(self) -> io::Result<Spool> {
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.flush()?;
        Ok(Spool {
            file,
            records: self.records,
        })
    }
}

/// The spooled events, readable from the start as often as needed.
pub(crate) struct Spool {
    file: File,
    records: u64,
}

impl std::fmt::Debug for Spool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Spool(records: {})", self.records)
    }
}

impl Spool {
    #[cfg(test)]
    pub(crate) fn records(&self) -> u64 {
        self.records
    }

    pub(crate) fn reader(&self) -> io::Result<SpoolReader> {
        let mut file = self.file.try_clone()?;
        file.rewind()?;
        Ok(SpoolReader {
            reader: BufReader::with_capacity(1 << 16, file),
            line: None,
            buf: Vec::new(),
        })
    }
}

pub(crate) struct SpoolReader {
    reader: BufReader<File>,
    /// The last record read and its line: one buffer for the whole pass.
    line: Option<usize>,
    buf: Vec<u8>,
}

impl SpoolReader {
    /// The next record: its input line and its bytes (valid until the next call).
    pub(crate) fn next_record(&mut self) -> io::Result<Option<(usize, &[u8])>> {
        let mut head = [0u8; 12];
        match self.reader.read_exact(&mut head) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                self.line = None;
                return Ok(None);
            }
            Err(e) => return Err(e),
        }
        let (line, len) = head.split_at(8);
        let line = u64::from_le_bytes(line.try_into().expect("8 bytes"));
        let len = u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
        self.buf.resize(len, 0);
        self.reader.read_exact(&mut self.buf).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "the import's spool file is damaged",
            )
        })?;
        self.line = Some(line as usize);
        Ok(Some((line as usize, &self.buf)))
    }

    /// The record [`SpoolReader::next_record`] last returned, if any.
    pub(crate) fn last(&self) -> Option<(usize, &[u8])> {
        self.line.map(|l| (l, &self.buf[..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_as_spooled() {
        let mut w = SpoolWriter::new().unwrap();
        w.push(7, b"first").unwrap();
        w.push(9, b"").unwrap();
        w.push(12, &[0u8; 70_000]).unwrap();
        let spool = w.finish().unwrap();
        assert_eq!(spool.records(), 3);
        for _ in 0..2 {
            let mut r = spool.reader().unwrap();
            assert_eq!(r.next_record().unwrap(), Some((7, &b"first"[..])));
            assert_eq!(r.next_record().unwrap(), Some((9, &b""[..])));
            assert_eq!(r.next_record().unwrap(), Some((12, &[0u8; 70_000][..])));
            assert_eq!(r.next_record().unwrap(), None);
        }
    }
}
