//! An export's files, as documented
//! (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html>):
//! `<prefix>/AWSDynamoDB/<export id>/manifest-summary.json` (with `itemCount` and
//! `manifestFilesS3Key`), `manifest-files.json` (one JSON object a line with `dataFileS3Key`
//! and `itemCount`), and `data/*.json.gz`: gzip DynamoDB JSON, one `{"Item": {...}}` a line.
//!
//! The local engine streams the data files through a gzip decoder line by line, several files
//! at once, so memory holds a few buffers and the caller's tallies, whatever the export's size;
//! a line is never longer than `MAX_LINE_BYTES`, so a corrupt file (or a gzip bomb inflating
//! to one endless line) is stopped with an error instead of filling memory.

use std::collections::BTreeMap;
use std::io::Write;

use futures::StreamExt;
use serde::{Deserialize, Serialize};

use std::sync::Arc;

use crate::aws::exports;
use crate::scale::export::{ExportError, ExportInfo};
use crate::scale::export_item::{self, ExportItem};

/// DynamoDB's largest item: 400 KB, names and values, as `events::size` counts them
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html).
pub(crate) const MAX_ITEM_BYTES: usize = 400 * 1024;

/// The most DynamoDB-JSON bytes one byte of item size can take in an export line. An item's
/// size counts each value by its content; its JSON adds the type wrapper, quotes and commas
/// and escapes. Per element, with the element's least size:
/// - a String or Binary byte: at most 6 JSON bytes (a control character is `\u00XX`); an empty
///   string or binary is 1 byte as a list element (`{"S":""},`: 10) or with a 1-byte name
///   (`"\u0001":{"S":""},`: 19 for 2 bytes);
/// - a Boolean or Null: 1 byte, +1 in a list (`{"BOOL":false},`: 15 for 2 bytes);
/// - a Number: at least 2 bytes (1 per two significant digits, +1), but DynamoDB writes it out
///   in full: from 1E-130 to 9.9E+125 that is up to 133 characters (`-0.` and 130 digits). As a
///   Number Set element (no per-element byte: `"<133>",` is 136 JSON bytes for 2) this is the
///   worst ratio of all, 68.
///
/// So no item of at most [`MAX_ITEM_BYTES`] gives a line longer than 68 times that, plus the
/// line's own frame (`{"Item":{` … `}}`); 27.9 MB is a sound bound, and a line above it cannot
/// be an item: the file is corrupt (`scale::export_files::tests` checks the worst cases).
pub(crate) const MAX_JSON_BYTES_PER_ITEM_BYTE: usize = 68;
pub(crate) const MAX_LINE_BYTES: usize = MAX_ITEM_BYTES * MAX_JSON_BYTES_PER_ITEM_BYTE + 64;

/// `manifest-summary.json`, the fields read here.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ManifestSummary {
    pub item_count: u64,
    pub manifest_files_s3_key: String,
    #[serde(default)]
    pub export_time: Option<String>,
    #[serde(default)]
    pub billed_size_bytes: Option<u64>,
    /// `FULL_EXPORT` / `INCREMENTAL_EXPORT`, when the summary says.
    #[serde(default)]
    pub export_type: Option<String>,
    /// `DYNAMODB_JSON` / `ION`, when the summary says.
    #[serde(default)]
    pub output_format: Option<String>,
}

/// One line of `manifest-files.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DataFile {
    pub item_count: u64,
    pub data_file_s3_key: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub summary: ManifestSummary,
    pub files: Vec<DataFile>,
}

pub(crate) fn read_error(bucket: &str, key: &str) -> impl Fn(String) -> ExportError {
    let (bucket, key) = (bucket.to_owned(), key.to_owned());
    move |why| ExportError::Read {
        bucket: bucket.clone(),
        key: key.clone(),
        why,
    }
}

/// An object's body, as a stream.
async fn get_object(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
) -> Result<aws_sdk_s3::primitives::ByteStream, ExportError> {
    // The AWS error itself (its kind: a missing object is not_found, a refused key is
    // credentials); its message names the object.
    Ok(exports::get_object(s3, bucket, key).await?)
}

/// A manifest's text: small files (a summary, a line per data file); bounded all the same.
async fn get_text(s3: &aws_sdk_s3::Client, bucket: &str, key: &str) -> Result<String, ExportError> {
    const MAX_MANIFEST_BYTES: usize = 64 * 1024 * 1024;
    let read = read_error(bucket, key);
    let mut body = get_object(s3, bucket, key).await?;
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await {
        bytes.extend_from_slice(&chunk.map_err(|e| read(e.to_string()))?);
        if bytes.len() > MAX_MANIFEST_BYTES {
            return Err(read(format!(
                // plural-ok: a constant over 1
                "longer than {MAX_MANIFEST_BYTES} bytes: not a manifest"
            )));
        }
    }
    String::from_utf8(bytes).map_err(|e| read(e.to_string()))
}

/// Reads the summary, then the list of data files. A summary that says it is of another kind
/// than a full DynamoDB-JSON export is refused, as DescribeExport's answer is.
pub(crate) async fn manifest(
    s3: &aws_sdk_s3::Client,
    info: &ExportInfo,
) -> Result<Manifest, ExportError> {
    let key = info.manifest_key();
    let text = get_text(s3, &info.bucket, &key).await?;
    let summary: ManifestSummary =
        serde_json::from_str(&text).map_err(|e| read_error(&info.bucket, &key)(e.to_string()))?;
    let stated = |v: &Option<String>, want: &str| v.as_deref().is_none_or(|v| v == want);
    if !stated(&summary.export_type, "FULL_EXPORT")
        || !stated(&summary.output_format, "DYNAMODB_JSON")
    {
        return Err(ExportError::WrongKind {
            arn: info.arn.clone(),
            kind: format!(
                "{} in {} (its manifest says)",
                summary.export_type.as_deref().unwrap_or("FULL_EXPORT"),
                summary.output_format.as_deref().unwrap_or("DYNAMODB_JSON")
            ),
        });
    }
    let files_key = &summary.manifest_files_s3_key;
    let text = get_text(s3, &info.bucket, files_key).await?;
    let files = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str::<DataFile>)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| read_error(&info.bucket, files_key)(e.to_string()))?;
    Ok(Manifest { summary, files })
}

/// The objects under the export's `data/` folder (what Athena reads), key to size in bytes.
pub(crate) async fn data_objects(
    s3: &aws_sdk_s3::Client,
    info: &ExportInfo,
) -> Result<BTreeMap<String, i64>, ExportError> {
    let prefix = format!("{}data/", info.root());
    exports::list_objects(s3, &info.bucket, &prefix)
        .await
        .map_err(|e| read_error(&info.bucket, &prefix)(e.to_string()))
}

/// Why a data file stopped being read.
const LINE_TOO_LONG: &str = "longer than any DynamoDB item can be written";

/// Splits decompressed bytes into lines and hands each parsed item to `add`. A line longer
/// than [`MAX_LINE_BYTES`] stops the writer with an error at once: it is never held whole.
struct Lines<'a> {
    partial: Vec<u8>,
    add: &'a mut dyn FnMut(&ExportItem<'_>),
    items: u64,
    bad: Option<String>,
    max_line: usize,
}

impl Lines<'_> {
    fn line(&mut self, raw: &[u8]) {
        let text = String::from_utf8_lossy(raw);
        let text = text.trim();
        if text.is_empty() || self.bad.is_some() {
            return;
        }
        match export_item::parse(text) {
            Ok(item) => {
                self.items += 1;
                (self.add)(&item);
            }
            Err(e) => self.bad = Some(format!("line {}: {e}", self.items + 1)),
        }
    }

    fn too_long(&mut self) -> std::io::Error {
        let why = format!(
            // plural-ok: the line bound, never 1 byte
            "line {} is over {} bytes, {LINE_TOO_LONG} ({} KB at most, {} bytes of DynamoDB JSON at most): the file is corrupt; stopped reading it",
            self.items + 1,
            self.max_line,
            MAX_ITEM_BYTES / 1024,
            self.max_line,
        );
        self.bad = Some(why.clone());
        self.partial = Vec::new();
        std::io::Error::other(why)
    }
}

impl Write for Lines<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bad.is_some() {
            return Err(std::io::Error::other("stopped"));
        }
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|b| *b == b'\n') {
            if self.partial.len() + i > self.max_line {
                return Err(self.too_long());
            }
            if self.partial.is_empty() {
                self.line(&rest[..i]);
            } else {
                self.partial.extend_from_slice(&rest[..i]);
                let line = std::mem::take(&mut self.partial);
                self.line(&line);
            }
            rest = &rest[i + 1..];
        }
        if self.partial.len() + rest.len() > self.max_line {
            return Err(self.too_long());
        }
        self.partial.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One data file's bytes as they arrive: gunzipped, split into lines, each item to `add`.
struct DataFileReader<'a> {
    decoder: flate2::write::GzDecoder<Lines<'a>>,
    fed: usize,
}

impl<'a> DataFileReader<'a> {
    fn new(add: &'a mut dyn FnMut(&ExportItem<'_>), max_line: usize) -> DataFileReader<'a> {
        DataFileReader {
            decoder: flate2::write::GzDecoder::new(Lines {
                partial: Vec::new(),
                add,
                items: 0,
                bad: None,
                max_line,
            }),
            fed: 0,
        }
    }

    fn feed(&mut self, chunk: &[u8]) -> Result<(), String> {
        self.fed += chunk.len();
        self.decoder
            .write_all(chunk)
            .map_err(|e| match self.decoder.get_mut().bad.take() {
                Some(bad) => bad,
                None => format!("gzip: {e}"),
            })
    }

    /// The items read. An object of no bytes at all is an empty file (an export writes one for
    /// each empty partition), not a broken gzip stream.
    fn finish(self) -> Result<u64, String> {
        if self.fed == 0 {
            return Ok(0);
        }
        let mut lines = self.decoder.finish().map_err(|e| format!("gzip: {e}"))?;
        let last = std::mem::take(&mut lines.partial);
        lines.line(&last);
        match lines.bad {
            Some(b) => Err(b),
            None => Ok(lines.items),
        }
    }
}

/// An object's body, chunk by chunk as it arrives (an S3 body; in tests, chunks in memory).
pub(crate) trait Chunks {
    type Chunk: AsRef<[u8]> + Send + 'static;
    fn next_chunk(&mut self) -> impl Future<Output = Option<Result<Self::Chunk, String>>>;
}

impl Chunks for aws_sdk_s3::primitives::ByteStream {
    type Chunk = bytes::Bytes;
    async fn next_chunk(&mut self) -> Option<Result<bytes::Bytes, String>> {
        self.next().await.map(|c| c.map_err(|e| e.to_string()))
    }
}

/// Chunks of one data file waiting for its decoding thread: the queue is bounded, so a file is
/// fetched no faster than it is decoded and memory holds at most this many chunks a file.
const CHUNKS_QUEUED: usize = 8;

/// Threads decoding at once (one data file each): one per core this process may run on
/// (`taskset` and cgroup limits included).
pub(crate) fn decode_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// One data file: its chunks fetched here (async) and queued to a thread of its own that
/// gunzips them, splits the lines and reads each item into a state of its own with `add`.
/// Returns the state and the items read; a bad line or a broken stream is the file's error
/// (the first one: a fetch error, or the decoder's, which stops the fetch).
async fn decode_file<T, C, A>(mut body: C, add: Arc<A>) -> Result<(T, u64), String>
where
    T: Default + Send + 'static,
    C: Chunks,
    A: Fn(&mut T, &ExportItem<'_>) + Send + Sync + 'static,
{
    let (tx, mut rx) = tokio::sync::mpsc::channel::<C::Chunk>(CHUNKS_QUEUED);
    let decoder = tokio::task::spawn_blocking(move || {
        let mut state = T::default();
        let mut add_one = |item: &ExportItem<'_>| add(&mut state, item);
        let mut reader = DataFileReader::new(&mut add_one, MAX_LINE_BYTES);
        while let Some(chunk) = rx.blocking_recv() {
            reader.feed(chunk.as_ref())?;
        }
        let n = reader.finish()?;
        Ok::<_, String>((state, n))
    });
    let mut fetch_error = None;
    while let Some(chunk) = body.next_chunk().await {
        match chunk {
            Ok(c) => {
                if tx.send(c).await.is_err() {
                    // The decoder stopped: its error says why.
                    break;
                }
            }
            Err(e) => {
                fetch_error = Some(e);
                break;
            }
        }
    }
    drop(tx);
    let decoded = decoder
        .await
        .map_err(|e| format!("the decoding thread failed: {e}"))?;
    match fetch_error {
        Some(e) => Err(e),
        None => decoded,
    }
}

/// What the local engine read of one data file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FileRead {
    pub key: String,
    pub items: u64,
}

/// The local engine's loop over `files`: `threads` files at a time, each fetched by `open` (its key) and
/// decoded on a thread of its own ([`decode_file`]) into a state of its own; the states are
/// merged in the manifest's order, so the result (counts and the examples each class keeps) is
/// what one thread reading the files in turn gives. Memory: `threads` files in flight, each a
/// bounded queue of chunks, a line and its state.
pub(crate) async fn decode_files<T, C, Fut, A>(
    bucket: &str,
    files: &[DataFile],
    threads: usize,
    open: impl Fn(String) -> Fut,
    add: A,
    merge: &dyn Fn(&mut T, T),
    progress: &dyn Fn(u64),
) -> Result<(T, Vec<FileRead>), ExportError>
where
    T: Default + Send + 'static,
    C: Chunks,
    Fut: Future<Output = Result<C, ExportError>>,
    A: Fn(&mut T, &ExportItem<'_>) + Send + Sync + 'static,
{
    let add = Arc::new(add);
    let open = &open;
    let mut reads = futures::stream::iter(files)
        .map(|f| {
            let add = Arc::clone(&add);
            async move {
                let key = &f.data_file_s3_key;
                let body = open(key.clone()).await?;
                let (state, items) = decode_file(body, add)
                    .await
                    .map_err(read_error(bucket, key))?;
                progress(items);
                let read = FileRead {
                    key: key.clone(),
                    items,
                };
                Ok::<_, ExportError>((state, read))
            }
        })
        .buffered(threads.max(1));
    let mut total = T::default();
    let mut read = Vec::with_capacity(files.len());
    while let Some(r) = reads.next().await {
        let (state, file) = r?;
        merge(&mut total, state);
        read.push(file);
    }
    Ok((total, read))
}

/// The local engine: every data file of the export streamed from S3 and decoded on
/// [`decode_threads`] threads ([`decode_files`]). Returns the merged state and what was read
/// of each file, in the manifest's order.
pub(crate) async fn read_local<T, A>(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    manifest: &Manifest,
    threads: usize,
    add: A,
    merge: &dyn Fn(&mut T, T),
    progress: &dyn Fn(u64),
) -> Result<(T, Vec<FileRead>), ExportError>
where
    T: Default + Send + 'static,
    A: Fn(&mut T, &ExportItem<'_>) + Send + Sync + 'static,
{
    let open = |key: String| async move { get_object(s3, bucket, &key).await };
    decode_files(bucket, &manifest.files, threads, open, add, merge, progress).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::model::Item;
    use crate::events::view::ItemView;
    use crate::scale::ddbjson;
    use aws_sdk_dynamodb::types::AttributeValue;
    use std::collections::HashMap;

    fn lines<'a>(add: &'a mut dyn FnMut(&ExportItem<'_>), max_line: usize) -> Lines<'a> {
        Lines {
            partial: Vec::new(),
            add,
            items: 0,
            bad: None,
            max_line,
        }
    }

    #[test]
    fn lines_split_across_chunks_are_joined() {
        let mut seen = Vec::new();
        let mut add = |i: &ExportItem<'_>| seen.push(i.s("user_id").map(str::to_owned));
        let mut l = lines(&mut add, MAX_LINE_BYTES);
        l.write_all(b"{\"Item\":{\"user_id\":{\"S\":\"a\"}}}\n{\"Item\":{\"user_id\":")
            .unwrap();
        l.write_all(b"{\"S\":\"b\"}}}\n").unwrap();
        assert_eq!(l.items, 2);
        assert!(l.bad.is_none());
        drop(l);
        assert_eq!(seen, [Some("a".to_owned()), Some("b".to_owned())]);
    }

    /// A line over the bound stops the writer as soon as it is over, whether it arrives in
    /// one piece or many, and the buffer is let go; shorter lines before it were read.
    #[test]
    fn a_line_over_the_bound_stops_the_file_and_is_never_held_whole() {
        let mut add = |_: &ExportItem<'_>| {};
        let mut l = lines(&mut add, 100);
        l.write_all(b"{\"Item\":{\"k\":{\"S\":\"a\"}}}\n").unwrap();
        l.write_all(&[b'x'; 60]).unwrap();
        let err = l.write_all(&[b'x'; 60]).unwrap_err();
        assert!(err.to_string().contains(LINE_TOO_LONG), "{err}");
        assert!(l.partial.capacity() == 0, "the partial line is dropped");
        assert_eq!(l.items, 1);
        assert!(
            l.bad
                .as_deref()
                .unwrap()
                .starts_with("line 2 is over 100 bytes")
        );
        assert!(l.write_all(b"\n").is_err(), "nothing more is read");
        // In one chunk with its newline: refused the same way.
        let mut add = |_: &ExportItem<'_>| {};
        let mut l = lines(&mut add, 100);
        let mut chunk = vec![b'x'; 101];
        chunk.push(b'\n');
        assert!(l.write_all(&chunk).is_err());
        // Exactly at the bound: read (and here rejected as JSON, not as too long).
        let mut add = |_: &ExportItem<'_>| {};
        let mut l = lines(&mut add, 100);
        let mut chunk = vec![b'x'; 100];
        chunk.push(b'\n');
        l.write_all(&chunk).unwrap();
        assert!(l.bad.as_deref().unwrap().contains("not DynamoDB JSON"));
    }

    fn gzip(text: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text).unwrap();
        gz.finish().unwrap()
    }

    /// Whole files, in chunks of any size: items counted; an empty object and an empty gzip
    /// stream are 0 items; a stream cut short or a line that is not an item is an error; a
    /// line over the bound stops the file, and the rest of it is not read.
    #[test]
    fn data_files_are_read_in_chunks_and_stopped_at_a_bad_line() {
        let two = b"{\"Item\":{\"k\":{\"S\":\"a\"}}}\n{\"Item\":{\"k\":{\"S\":\"b\"}}}\n";
        let read = |bytes: &[u8], chunk: usize, max_line: usize| {
            let mut add = |_: &ExportItem<'_>| {};
            let mut r = DataFileReader::new(&mut add, max_line);
            for c in bytes.chunks(chunk.max(1)) {
                r.feed(c)?;
            }
            r.finish()
        };
        let good = gzip(two);
        for chunk in [1, 7, good.len()] {
            assert_eq!(read(&good, chunk, MAX_LINE_BYTES), Ok(2), "{chunk}");
        }
        assert_eq!(read(&[], 1, MAX_LINE_BYTES), Ok(0));
        assert_eq!(read(&gzip(b""), 3, MAX_LINE_BYTES), Ok(0));
        assert!(read(&good[..good.len() - 4], 5, MAX_LINE_BYTES).is_err());
        let err = read(&gzip(b"{\"Nope\":1}\n"), 5, MAX_LINE_BYTES).unwrap_err();
        assert!(err.contains("line 1"), "{err}");
        let mut long = two.to_vec();
        long.extend(std::iter::repeat_n(b'x', 10_000));
        long.extend_from_slice(b"\n");
        long.extend_from_slice(two);
        let err = read(&gzip(&long), 64, 100).unwrap_err();
        assert!(err.starts_with("line 3 is over 100 bytes"), "{err}");
    }

    /// An object's body held in memory, in chunks.
    struct Memory(std::collections::VecDeque<Vec<u8>>);

    impl Chunks for Memory {
        type Chunk = Vec<u8>;
        async fn next_chunk(&mut self) -> Option<Result<Vec<u8>, String>> {
            self.0.pop_front().map(Ok)
        }
    }

    /// `now` of the tallies below: 2000-01-01, a pure function's clock (the items' times are
    /// all before it).
    const NOW: i64 = 946_684_800;

    /// A data file's lines: `n` events of `user`, a day apart back from `NOW`, cycling through
    /// the ttl classes (absent, a string, milliseconds, too old, overdue, expired recently, too
    /// far, live), so every class has examples in several files.
    fn export_lines(user: &str, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                let ts = NOW - (i as i64 % 40) * 86_400 - 1;
                let when = chrono::DateTime::from_timestamp(ts, 0).unwrap();
                let text = when.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
                let mut item: Item = HashMap::from([
                    ("user_id".to_owned(), AttributeValue::S(user.to_owned())),
                    (
                        "timestamp#event_id".to_owned(),
                        AttributeValue::S(format!("{text}#{user}-{i}")),
                    ),
                    ("timestamp".to_owned(), AttributeValue::S(text)),
                    (
                        "payload".to_owned(),
                        AttributeValue::M(HashMap::from([(
                            "i".to_owned(),
                            AttributeValue::N(i.to_string()),
                        )])),
                    ),
                ]);
                let ttl = match i % 8 {
                    0 => None,
                    1 => Some(AttributeValue::S("soon".into())),
                    2 => Some(AttributeValue::N((ts * 1000).to_string())),
                    3 => Some(AttributeValue::N((NOW - 6 * 365 * 86_400).to_string())),
                    4 => Some(AttributeValue::N((NOW - 10 * 86_400).to_string())),
                    5 => Some(AttributeValue::N((NOW - 3600).to_string())),
                    6 => Some(AttributeValue::N((ts + 400 * 86_400).to_string())),
                    _ => Some(AttributeValue::N((NOW + 86_400).to_string())),
                };
                if let Some(t) = ttl {
                    item.insert("ttl".to_owned(), t);
                }
                format!("{{\"Item\":{}}}", ddbjson::item_to_ddb_json(&item))
            })
            .collect()
    }

    type Tallies = (crate::checks::ttl::TtlTally, crate::checks::keys::KeyTally);

    fn add(t: &mut Tallies, item: &(impl ItemView + ?Sized)) {
        t.0.add(item, NOW, 48 * 3600);
        t.1.add(item);
    }

    fn merge(t: &mut Tallies, o: Tallies) {
        t.0.merge(&o.0);
        t.1.merge(o.1);
    }

    /// Runs the engine over `files` (name, lines) on `threads` threads, each file in chunks
    /// of 1 KB.
    async fn decode(
        files: &[(String, Vec<String>)],
        threads: usize,
    ) -> Result<(Tallies, Vec<FileRead>), ExportError> {
        let bodies: HashMap<String, Vec<u8>> = files
            .iter()
            .map(|(k, lines)| (k.clone(), gzip(lines.join("\n").as_bytes())))
            .collect();
        let manifest: Vec<DataFile> = files
            .iter()
            .map(|(k, lines)| DataFile {
                item_count: lines.len() as u64,
                data_file_s3_key: k.clone(),
            })
            .collect();
        let open = |key: String| {
            let chunks = bodies[&key].chunks(1024).map(<[u8]>::to_vec).collect();
            async move { Ok(Memory(chunks)) }
        };
        decode_files(
            "b",
            &manifest,
            threads,
            open,
            |t: &mut Tallies, item| add(t, item),
            &merge,
            &|_| {},
        )
        .await
    }

    /// Issue 28: the export's files decoded on several threads give the tallies one thread
    /// gives, examples included (merged in the manifest's order, whichever file finishes
    /// first: the first file is the longest), and those of the tree reader item by item; a
    /// bad line stops the read with its file and line, whatever the threads.
    #[tokio::test]
    async fn parallel_decode_gives_the_tallies_of_one_thread_on_a_multi_file_export() {
        let files: Vec<(String, Vec<String>)> = [
            ("big", 3000),
            ("a", 40),
            ("b", 7),
            ("c", 0),
            ("d", 300),
            ("e", 90),
        ]
        .iter()
        .enumerate()
        .map(|(i, (user, n))| (format!("data/file-{i}.json.gz"), export_lines(user, *n)))
        .collect();
        let (one, read_one) = decode(&files, 1).await.unwrap();
        // The tree reader, line by line, in the manifest's order.
        let mut tree = Tallies::default();
        for (_, lines) in &files {
            for line in lines {
                add(&mut tree, &ddbjson::export_line(line).unwrap());
            }
        }
        assert_eq!(one, tree);
        assert_eq!(one.0.scanned, 3437);
        assert!(one.0.classes().iter().all(|c| c.count > 0), "{:?}", one.0);
        for threads in [2, 4, 6, decode_threads()] {
            let (many, read) = decode(&files, threads).await.unwrap();
            let on = crate::vocab::words::count(threads, "thread", "threads");
            assert_eq!(many, one, "{on}");
            assert_eq!(read, read_one, "{on}");
        }
        let counts: Vec<u64> = read_one.iter().map(|f| f.items).collect();
        assert_eq!(counts, [3000, 40, 7, 0, 300, 90]);

        let mut broken = files.clone();
        broken[4].1[120] = r#"{"Item":{"user_id":{"S":1}}}"#.to_owned();
        for threads in [1, 4] {
            let e = decode(&broken, threads).await.unwrap_err().to_string();
            assert!(
                e.contains("data/file-4.json.gz") && e.contains("line 121: not DynamoDB JSON"),
                "{}: {e}",
                crate::vocab::words::count(threads, "thread", "threads")
            );
        }
    }

    fn line_of(item: &Item) -> usize {
        serde_json::json!({"Item": ddbjson::item_to_ddb_json(item)})
            .to_string()
            .len()
    }

    fn size(item: &Item) -> usize {
        crate::events::size::item_size(item)
    }

    /// Positive numbers written out with `f` decimals (`0.00…m`, m of `len` significant digits
    /// and no trailing zero), the longest text per byte of size first, up to `budget` bytes of
    /// item size: the worst number set an item can hold.
    fn long_number_set(budget: usize) -> Vec<String> {
        let number_size = crate::events::size::number_size;
        let mut levels: Vec<(usize, usize)> = (1..=4usize)
            .flat_map(|len| (len..=130usize).map(move |f| (len, f)))
            .collect();
        // Most JSON bytes per byte of size first: (text + quotes + comma) / size.
        let ratio = |&(len, f): &(usize, usize)| (f + 5) as f64 / (len.div_ceil(2) + 1) as f64;
        levels.sort_by(|a, b| ratio(b).total_cmp(&ratio(a)));
        let mut out = Vec::new();
        let mut used = 0;
        for (len, f) in levels {
            let (low, high) = (10usize.pow(len as u32 - 1), 10usize.pow(len as u32));
            for m in (low..high).filter(|m| m % 10 != 0) {
                let text = format!("0.{}{m}", "0".repeat(f - len));
                let s = number_size(&text);
                if used + s > budget {
                    return out;
                }
                used += s;
                out.push(text);
            }
        }
        out
    }

    /// The worst items for the bound, each filled to 400 KB: their lines stay under
    /// [`MAX_LINE_BYTES`]; the number set of the longest numbers is the worst ratio found.
    #[test]
    fn the_longest_lines_of_400_kb_items_are_within_the_bound() {
        let set = long_number_set(MAX_ITEM_BYTES - 1);
        let longest = set[0].clone();
        assert_eq!(longest.len(), 132, "{longest}");
        let list = |count: usize, v: AttributeValue| {
            HashMap::from([("l".to_owned(), AttributeValue::L(vec![v; count]))])
        };
        let worst: Vec<Item> = vec![
            HashMap::from([("n".to_owned(), AttributeValue::Ns(set))]),
            list((MAX_ITEM_BYTES - 4) / 3, AttributeValue::N(longest)),
            list(MAX_ITEM_BYTES - 4, AttributeValue::S(String::new())),
            list((MAX_ITEM_BYTES - 4) / 2, AttributeValue::Bool(false)),
            HashMap::from([(
                "s".to_owned(),
                AttributeValue::S("\u{1}".repeat(MAX_ITEM_BYTES - 1)),
            )]),
        ];
        let mut ratio_max = 0.0f64;
        for item in &worst {
            let (s, l) = (size(item), line_of(item));
            assert!(s <= MAX_ITEM_BYTES && s > MAX_ITEM_BYTES - 200, "{s}");
            assert!(l <= MAX_LINE_BYTES, "{l} > {MAX_LINE_BYTES}");
            ratio_max = ratio_max.max(l as f64 / s as f64);
        }
        // The bound is sound and not loose by much: the worst item found is within 2x of it.
        assert!(ratio_max > 40.0, "{ratio_max}");
    }
}
