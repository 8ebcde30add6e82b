//! Reading an import's input: a file, a FIFO, a process substitution (`<(cat f)`) or stdin, read
//! once from start to end (nothing seeks, so anything readable works), one line at a time with a
//! cap on the line's length checked before the line is buffered.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The longest line read: an event is at most 400 KB as stored, and its JSON text, escapes and
/// all, is not expected beyond 1 MiB. Anything longer is not NDJSON events (`/dev/zero`, a
/// binary file, a JSON array on one line).
pub(crate) const MAX_LINE_BYTES: usize = 1 << 20;

/// Why the input cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub(crate) enum InputError {
    /// Nothing to read: stdin is a terminal, closed, or /dev/null.
    #[error("{0}")]
    NothingArrived(String),
    #[error("cannot read {name}: {source}")]
    Unreadable {
        name: String,
        #[source]
        source: io::Error,
    },
    #[error(
        "line {line} of {name} is longer than 1 MiB without a line break: this is not NDJSON events (an event is at most 400 KB stored); nothing was written"
    )]
    LineTooLong { name: String, line: usize },
}

/// Is fd 0 closed or /dev/null? (Rust opens /dev/null for a closed stdin at start-up, so the
/// two look the same.)
#[cfg(unix)]
fn stdin_is_null() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
        return true;
    };
    let (Ok(stdin), Ok(null)) = (File::from(fd).metadata(), std::fs::metadata("/dev/null")) else {
        return false;
    };
    stdin.file_type().is_char_device() && stdin.rdev() == null.rdev()
}

#[cfg(not(unix))]
fn stdin_is_null() -> bool {
    false
}

/// Standard input as an input, unless nothing can arrive on it.
pub(crate) fn stdin_checked(what: &str) -> Result<io::Stdin, InputError> {
    use std::io::IsTerminal;
    let stdin = io::stdin();
    if stdin.is_terminal() {
        return Err(InputError::NothingArrived(format!(
            "{what}: standard input is a terminal; pipe the events in (… | eventsctl …) or name a file"
        )));
    }
    if stdin_is_null() {
        return Err(InputError::NothingArrived(format!(
            "{what}: nothing arrived: standard input is closed (or /dev/null); pipe the events in or name a file"
        )));
    }
    Ok(stdin)
}

/// Reads at most [`MAX_LINE_BYTES`] from stdin (`events put --json -`).
pub(crate) fn read_stdin_capped(what: &str) -> Result<String, InputError> {
    let stdin = stdin_checked(what)?;
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(MAX_LINE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Unreadable {
            name: "standard input".into(),
            source,
        })?;
    if bytes.len() > MAX_LINE_BYTES {
        return Err(InputError::LineTooLong {
            name: "standard input".into(),
            line: 1,
        });
    }
    String::from_utf8(bytes).map_err(|e| InputError::Unreadable {
        name: "standard input".into(),
        source: io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to() + 1
            ),
        ),
    })
}

/// An import's lines, read once: `(line number, text or why it is not text)`. A BOM on the first
/// line is dropped, CR/LF stripped, and a line that is not UTF-8 is a problem of that line only.
pub(crate) struct LineReader {
    reader: Box<dyn BufRead>,
    name: String,
    buf: Vec<u8>,
    n: usize,
    bytes: u64,
}

impl LineReader {
    /// A file (anything `open` can read: a FIFO, `/dev/fd/63`), or `-` for stdin.
    pub(crate) fn open(path: &Path) -> Result<LineReader, InputError> {
        if path == Path::new("-") {
            let stdin = stdin_checked("events import -")?;
            return Ok(LineReader::new(Box::new(stdin), "standard input"));
        }
        let name = path.display().to_string();
        let unreadable = |source| InputError::Unreadable {
            name: name.clone(),
            source,
        };
        if std::fs::metadata(path).map_err(unreadable)?.is_dir() {
            return Err(unreadable(io::Error::other("it is a directory")));
        }
        let file = File::open(path).map_err(unreadable)?;
        Ok(LineReader::new(Box::new(file), &name))
    }

    pub(crate) fn new(reader: Box<dyn Read>, name: &str) -> LineReader {
        LineReader {
            reader: Box::new(BufReader::with_capacity(1 << 16, reader)),
            name: name.to_owned(),
            buf: Vec::new(),
            n: 0,
            bytes: 0,
        }
    }

    /// Bytes read so far.
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The next line, or `None` at the end.
    #[allow(clippy::type_complexity)]
    pub(crate) fn next_line(
        &mut self,
    ) -> Result<Option<(usize, Result<&str, String>)>, InputError> {
        self.buf.clear();
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(source) => {
                    return Err(InputError::Unreadable {
                        name: self.name.clone(),
                        source,
                    });
                }
            };
            if available.is_empty() {
                if self.buf.is_empty() {
                    return Ok(None);
                }
                break;
            }
            let (take, done) = match available.iter().position(|b| *b == b'\n') {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            // The cap is checked before the bytes are kept: memory stays bounded whatever the
            // input (two bytes of slack for CR LF).
            if self.buf.len() + take > MAX_LINE_BYTES + 2 {
                return Err(InputError::LineTooLong {
                    name: self.name.clone(),
                    line: self.n + 1,
                });
            }
            self.buf.extend_from_slice(&available[..take]);
            self.reader.consume(take);
            self.bytes += take as u64;
            if done {
                break;
            }
        }
        self.n += 1;
        let mut bytes: &[u8] = &self.buf;
        if self.n == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        while let Some(rest) = bytes
            .strip_suffix(b"\n")
            .or_else(|| bytes.strip_suffix(b"\r"))
        {
            bytes = rest;
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|e| format!("not valid UTF-8 (byte {})", e.valid_up_to() + 1));
        Ok(Some((self.n, text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(bytes: Vec<u8>) -> LineReader {
        LineReader::new(Box::new(io::Cursor::new(bytes)), "t")
    }

    #[test]
    fn lines_bom_crlf_and_bad_utf8() {
        let mut r = reader(b"\xEF\xBB\xBFa\r\n\xff\nlast".to_vec());
        let (n, t) = r.next_line().unwrap().unwrap();
        assert_eq!((n, t), (1, Ok("a")));
        let (n, t) = r.next_line().unwrap().unwrap();
        assert_eq!(n, 2);
        assert!(t.unwrap_err().contains("not valid UTF-8"));
        let (n, t) = r.next_line().unwrap().unwrap();
        assert_eq!((n, t), (3, Ok("last")));
        assert!(r.next_line().unwrap().is_none());
        assert_eq!(r.bytes(), 12);
    }

    #[test]
    fn an_endless_line_stops_at_the_cap_without_buffering_it() {
        // /dev/zero: no line break, ever. The reader stops after the cap, having kept at most
        // the cap in memory.
        let mut r = LineReader::new(Box::new(io::repeat(0)), "/dev/zero");
        match r.next_line() {
            Err(InputError::LineTooLong { line, .. }) => assert_eq!(line, 1),
            other => panic!("{:?}", other.map(|o| o.map(|(n, _)| n))),
        }
        assert!(r.bytes() <= MAX_LINE_BYTES as u64 + 2);
        let ok = "x".repeat(MAX_LINE_BYTES);
        let mut r = reader(format!("{ok}\r\nnext\n").into_bytes());
        assert_eq!(
            r.next_line().unwrap().unwrap().1.unwrap().len(),
            MAX_LINE_BYTES
        );
        assert_eq!(r.next_line().unwrap().unwrap().1, Ok("next"));
    }
}
