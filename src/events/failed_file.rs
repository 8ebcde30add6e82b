//! Where an import keeps the events that did not land: a file of their NDJSON lines, 0600 (whole
//! payloads), created only when something fails. Nothing is lost quietly: when the file cannot
//! be created or written (a name taken by another run, a full disk, a directory gone), the
//! events go on in the next place ([`Place`]: `--failed-out`, then a new name in the private
//! state directory, then one in the temporary directory); a line cut by a failed write is taken
//! back and written whole in the next file. What no place took is counted ([`FailedFile::lost`])
//! so that the command can say how many and how to send them again.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A place for the failed-events file, tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// This very file (`--failed-out`): a new one, or with `force` a replaced one.
    Named { path: PathBuf, force: bool },
    /// A name of this run's own in `dir`: `{prefix}{time}-{pid}-{random}.ndjson`, created with
    /// `create_new` (`files::create_unique_private`), so concurrent runs never share it.
    Unique { dir: PathBuf, prefix: String },
    /// An existing file opened for writing (tests: `/dev/full`, whose writes fail).
    #[cfg(test)]
    Existing(PathBuf),
}

impl Place {
    fn open(&self) -> io::Result<(PathBuf, File)> {
        match self {
            Place::Named { path, force } => {
                Ok((path.clone(), crate::files::create_private(path, *force)?))
            }
            Place::Unique { dir, prefix } => {
                crate::files::private_dir(dir)?;
                crate::files::create_unique_private(dir, prefix, ".ndjson")
            }
            #[cfg(test)]
            Place::Existing(path) => Ok((
                path.clone(),
                std::fs::OpenOptions::new().write(true).open(path)?,
            )),
        }
    }
}

/// Lines gathered before they are written: a write never holds more than this in memory (but a
/// line longer than it is written whole).
const BUFFER: usize = 256 * 1024;

/// One file being written: how far its lines are known to be on disk.
struct Open {
    path: PathBuf,
    file: File,
    /// Bytes of whole lines written.
    written: u64,
}

/// The failed-events file(s) of one import.
pub(crate) struct FailedFile {
    /// Places not tried yet.
    places: std::collections::VecDeque<Place>,
    open: Option<Open>,
    /// Whole lines not written yet.
    buffer: Vec<u8>,
    /// Lines in `buffer`.
    buffered: u64,
    /// The files that hold events, in order (one unless a file failed part way).
    files: Vec<PathBuf>,
    /// Why each place that failed could not be used.
    problems: Vec<String>,
    lost: u64,
}

impl FailedFile {
    /// Nothing is created until the first line.
    pub(crate) fn new(places: Vec<Place>) -> FailedFile {
        FailedFile {
            places: places.into(),
            open: None,
            buffer: Vec::new(),
            buffered: 0,
            files: Vec::new(),
            problems: Vec::new(),
            lost: 0,
        }
    }

    /// One event's line (without its newline).
    pub(crate) fn line(&mut self, line: &[u8]) {
        self.buffer.extend_from_slice(line);
        self.buffer.push(b'\n');
        self.buffered += 1;
        if self.buffer.len() >= BUFFER {
            self.drain();
        }
    }

    /// Writes the buffer, moving on to the next place while one fails; what no place takes is
    /// lost (counted).
    fn drain(&mut self) {
        while !self.buffer.is_empty() {
            if self.open.is_none() && !self.open_next() {
                self.lost += self.buffered;
                self.buffer.clear();
                self.buffered = 0;
                return;
            }
            let Some(open) = self.open.as_mut() else {
                continue;
            };
            match write_lines(open, &self.buffer) {
                Ok(()) => {
                    self.buffer.clear();
                    self.buffered = 0;
                }
                Err((done, e)) => {
                    // The whole lines written stay in that file; the rest goes to the next.
                    self.problems
                        .push(format!("cannot write {}: {e}", open.path.display()));
                    let kept = self.buffer[..done].iter().filter(|b| **b == b'\n').count();
                    self.buffered -= kept as u64;
                    self.buffer.drain(..done);
                    self.open = None;
                }
            }
        }
    }

    /// Opens the next place that can be created; false when none is left.
    fn open_next(&mut self) -> bool {
        while let Some(place) = self.places.pop_front() {
            match place.open() {
                Ok((path, file)) => {
                    self.files.push(path.clone());
                    self.open = Some(Open {
                        path,
                        file,
                        written: 0,
                    });
                    return true;
                }
                Err(e) => self.problems.push(e.to_string()),
            }
        }
        false
    }

    /// Writes what is left and says where everything went.
    pub(crate) fn finish(mut self) -> Saved {
        self.drain();
        if let Some(open) = self.open.as_mut()
            && let Err(e) = open.file.sync_all()
        {
            self.problems
                .push(format!("cannot write {}: {e}", open.path.display()));
        }
        Saved {
            files: self.files,
            lost: self.lost,
            problems: self.problems,
        }
    }
}

/// Appends `buf` (whole lines) to `open`. On an error, the number of bytes of `buf` that are in
/// the file as whole lines, and the error; a line cut in the middle is cut off the file again
/// (best effort: it is written whole in the next file either way).
fn write_lines(open: &mut Open, buf: &[u8]) -> Result<(), (usize, io::Error)> {
    let mut done = 0;
    while done < buf.len() {
        match open.file.write(&buf[done..]) {
            Ok(0) => {
                return Err(cut(open, buf, done, io::ErrorKind::WriteZero.into()));
            }
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(cut(open, buf, done, e)),
        }
    }
    open.written += buf.len() as u64;
    Ok(())
}

/// After a write of `buf` failed at `done`: the bytes of whole lines written, the partial line
/// taken off the file.
fn cut(open: &mut Open, buf: &[u8], done: usize, e: io::Error) -> (usize, io::Error) {
    let whole = buf[..done]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    if whole < done {
        let _ = open.file.set_len(open.written + whole as u64);
    }
    open.written += whole as u64;
    (whole, e)
}

/// Where the failed events went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Saved {
    /// The files that hold them, in order.
    pub files: Vec<PathBuf>,
    /// Events no file took.
    pub lost: u64,
    /// Why a place could not be used (for the report).
    pub problems: Vec<String>,
}

impl Saved {
    /// The first file, the one named in the report.
    pub(crate) fn first(&self) -> Option<&Path> {
        self.files.first().map(PathBuf::as_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(path: &Path) -> Vec<String> {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn unique(dir: &Path) -> Place {
        Place::Unique {
            dir: dir.to_owned(),
            prefix: "in.failed.".into(),
        }
    }

    /// Review of issue 23, defect 1: two imports of the same input started together once
    /// picked the same default name, and the one that lost the race saved nothing. Each run's
    /// default name is now its own.
    #[test]
    fn runs_started_together_never_share_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut runs: Vec<FailedFile> = (0..20)
            .map(|_| FailedFile::new(vec![unique(&dir.path().join("state"))]))
            .collect();
        for (i, run) in runs.iter_mut().enumerate() {
            run.line(format!("{{\"run\":{i}}}").as_bytes());
        }
        let saved: Vec<Saved> = runs.into_iter().map(FailedFile::finish).collect();
        let mut names = std::collections::HashSet::new();
        for (i, s) in saved.iter().enumerate() {
            assert_eq!((s.files.len(), s.lost), (1, 0), "{s:?}");
            assert!(names.insert(s.files[0].clone()), "shared: {:?}", s.files[0]);
            assert_eq!(lines(&s.files[0]), [format!("{{\"run\":{i}}}")]);
            let name = s.files[0]
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert!(
                name.starts_with("in.failed.") && name.ends_with(".ndjson"),
                "{name}"
            );
            assert!(
                name.contains(&format!("-{}-", std::process::id())),
                "{name}"
            );
        }
    }

    /// A `--failed-out` that another run created meanwhile is not written over: the events go
    /// to a name of this run's own.
    #[test]
    fn a_named_file_taken_meanwhile_falls_back_to_a_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let named = dir.path().join("mine.ndjson");
        std::fs::write(&named, "someone else's\n").unwrap();
        let mut f = FailedFile::new(vec![
            Place::Named {
                path: named.clone(),
                force: false,
            },
            unique(&dir.path().join("state")),
        ]);
        f.line(b"{\"a\":1}");
        let saved = f.finish();
        assert_eq!(std::fs::read_to_string(&named).unwrap(), "someone else's\n");
        assert_eq!((saved.files.len(), saved.lost), (1, 0));
        assert!(saved.files[0].starts_with(dir.path().join("state")));
        assert_eq!(lines(&saved.files[0]), ["{\"a\":1}"]);
        assert!(
            saved.problems[0].contains("mine.ndjson"),
            "{:?}",
            saved.problems
        );
    }

    /// A file whose writes fail part way (a full disk): the lines go on in the next place,
    /// none twice, none lost.
    #[test]
    fn a_file_that_fails_part_way_hands_its_lines_to_the_next_place() {
        if !Path::new("/dev/full").exists() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut f = FailedFile::new(vec![
            Place::Existing("/dev/full".into()),
            unique(&dir.path().join("state")),
        ]);
        let n = 3 * BUFFER / 20;
        for i in 0..n {
            f.line(format!("{{\"line\":{i:>10}}}").as_bytes());
        }
        let saved = f.finish();
        assert_eq!(saved.lost, 0);
        assert_eq!(saved.files.len(), 2, "{saved:?}");
        let got = lines(&saved.files[1]);
        assert_eq!(got.len(), n);
        assert_eq!(got[0], format!("{{\"line\":{:>10}}}", 0));
        assert!(
            saved.problems[0].contains("/dev/full"),
            "{:?}",
            saved.problems
        );
    }

    /// When nothing can be written, the events are counted as lost (the command says so and
    /// how to send them again), never dropped without a word.
    #[test]
    fn events_no_place_takes_are_counted_lost() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_dir = dir.path().join("file");
        std::fs::write(&not_a_dir, "").unwrap();
        let mut f = FailedFile::new(vec![
            Place::Named {
                path: not_a_dir.join("x.ndjson"),
                force: false,
            },
            unique(&not_a_dir.join("state")),
        ]);
        for _ in 0..7 {
            f.line(b"{}");
        }
        let saved = f.finish();
        assert_eq!((saved.files.len(), saved.lost), (0, 7));
        assert_eq!(saved.problems.len(), 2, "{:?}", saved.problems);
    }
}
