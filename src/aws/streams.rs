//! DynamoDB Streams: the stream's shards and a reader that follows every shard, children after
//! their parents (docs/aws-facts.md §7.2), from LATEST or TRIM_HORIZON.

use super::ops;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use aws_sdk_dynamodbstreams::Client;
use aws_sdk_dynamodbstreams::types::{Record, ShardIteratorType, StreamStatus, StreamViewType};

use super::error::{AwsError, AwsResultExt};

/// A shard as DescribeStream reports it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct ShardInfo {
    pub id: String,
    pub parent: Option<String>,
    /// No ending sequence number yet: records are still being written to it.
    pub open: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct StreamInfo {
    pub arn: String,
    pub status: Option<StreamStatus>,
    pub view_type: Option<StreamViewType>,
    pub shards: Vec<ShardInfo>,
}

/// The Lambda event source mappings reading `stream_arn` (ListEventSourceMappings, paginated).
pub(crate) async fn event_source_mappings(
    lambda: &aws_sdk_lambda::Client,
    stream_arn: &str,
) -> Result<Vec<aws_sdk_lambda::types::EventSourceMappingConfiguration>, AwsError> {
    let mut out = Vec::new();
    let mut pages = lambda
        .list_event_source_mappings()
        .event_source_arn(stream_arn)
        .into_paginator()
        .send();
    while let Some(p) = pages.next().await {
        let p = p.aws(
            &ops::LIST_EVENT_SOURCE_MAPPINGS,
            Some(format!("stream {stream_arn}")),
        )?;
        out.extend(p.event_source_mappings.unwrap_or_default());
    }
    Ok(out)
}

/// DescribeStream, following LastEvaluatedShardId through every shard.
pub(crate) async fn describe(client: &Client, arn: &str) -> Result<StreamInfo, AwsError> {
    let mut info = StreamInfo {
        arn: arn.to_owned(),
        status: None,
        view_type: None,
        shards: Vec::new(),
    };
    let mut start: Option<String> = None;
    loop {
        let out = client
            .describe_stream()
            .stream_arn(arn)
            .set_exclusive_start_shard_id(start.take())
            .send()
            .await
            .aws(&ops::DESCRIBE_STREAM, Some(format!("stream {arn}")))?;
        let Some(d) = out.stream_description else {
            return Ok(info);
        };
        info.status = d.stream_status.clone();
        info.view_type = d.stream_view_type.clone();
        for s in d.shards() {
            info.shards.push(ShardInfo {
                id: s.shard_id().unwrap_or_default().to_owned(),
                parent: s.parent_shard_id().map(str::to_owned),
                open: s
                    .sequence_number_range()
                    .and_then(|r| r.ending_sequence_number())
                    .is_none(),
            });
        }
        match d.last_evaluated_shard_id {
            Some(id) if !id.is_empty() => start = Some(id),
            _ => return Ok(info),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum From {
    Latest,
    TrimHorizon,
}

#[derive(Debug)]
struct ShardState {
    parent: Option<String>,
    iterator: Option<String>,
    started: bool,
    finished: bool,
    last_sequence: Option<String>,
}

/// A record and the shard it came from.
#[derive(Debug, Clone)]
pub(crate) struct ShardRecord {
    pub shard: String,
    pub record: Record,
}

/// Follows a stream: every shard gets an iterator once its parent is read to the end (or is
/// gone); closed shards end; new shards appear on the periodic DescribeStream.
pub(crate) struct StreamReader {
    client: Client,
    arn: String,
    shards: HashMap<String, ShardState>,
    /// Shard ids in the order they were discovered (parents come before children).
    order: Vec<String>,
    last_refresh: Option<Instant>,
    refresh_every: Duration,
}

impl StreamReader {
    /// Reads the shard list and starts every shard that can start: from `from` for shards open
    /// now (LATEST skips the closed ones, which hold only old records).
    pub(crate) async fn open(
        client: Client,
        arn: &str,
        from: From,
    ) -> Result<StreamReader, AwsError> {
        let mut r = StreamReader {
            client,
            arn: arn.to_owned(),
            shards: HashMap::new(),
            order: Vec::new(),
            last_refresh: None,
            refresh_every: Duration::from_secs(10),
        };
        let info = describe(&r.client, arn).await?;
        for s in &info.shards {
            let finished = from == From::Latest && !s.open;
            r.add(s, finished);
        }
        r.last_refresh = Some(Instant::now());
        let kind = match from {
            From::Latest => ShardIteratorType::Latest,
            From::TrimHorizon => ShardIteratorType::TrimHorizon,
        };
        r.start_ready(kind).await?;
        Ok(r)
    }

    fn add(&mut self, s: &ShardInfo, finished: bool) {
        if self.shards.contains_key(&s.id) {
            return;
        }
        self.order.push(s.id.clone());
        self.shards.insert(
            s.id.clone(),
            ShardState {
                parent: s.parent.clone(),
                iterator: None,
                started: finished,
                finished,
                last_sequence: None,
            },
        );
    }

    /// Open shards being read.
    pub(crate) fn active(&self) -> usize {
        self.shards
            .values()
            .filter(|s| s.started && !s.finished)
            .count()
    }

    async fn iterator(
        &self,
        shard: &str,
        kind: ShardIteratorType,
        after: Option<&str>,
    ) -> Result<Option<String>, AwsError> {
        let mut req = self
            .client
            .get_shard_iterator()
            .stream_arn(&self.arn)
            .shard_id(shard)
            .shard_iterator_type(kind);
        if let Some(seq) = after {
            req = req.sequence_number(seq);
        }
        Ok(req
            .send()
            .await
            .aws(&ops::GET_SHARD_ITERATOR, Some(format!("shard {shard}")))?
            .shard_iterator)
    }

    /// Starts the shards whose parent is done or unknown.
    async fn start_ready(&mut self, kind: ShardIteratorType) -> Result<(), AwsError> {
        let ready: Vec<String> = self
            .order
            .iter()
            .filter(|id| {
                let s = &self.shards[*id];
                !s.started
                    && s.parent
                        .as_ref()
                        .is_none_or(|p| self.shards.get(p).is_none_or(|ps| ps.finished))
            })
            .cloned()
            .collect();
        for id in ready {
            let it = self.iterator(&id, kind.clone(), None).await?;
            let s = self.shards.get_mut(&id).expect("listed above");
            s.started = true;
            s.finished = it.is_none();
            s.iterator = it;
        }
        Ok(())
    }

    /// One GetRecords per active shard; new shards are picked up every 10 seconds.
    pub(crate) async fn poll(&mut self) -> Result<Vec<ShardRecord>, AwsError> {
        if self
            .last_refresh
            .is_none_or(|t| t.elapsed() >= self.refresh_every)
        {
            let info = describe(&self.client, &self.arn).await?;
            for s in &info.shards {
                self.add(s, false);
            }
            self.last_refresh = Some(Instant::now());
        }
        // A child discovered later starts at its beginning, after its parent ended.
        self.start_ready(ShardIteratorType::TrimHorizon).await?;
        let mut out = Vec::new();
        let ids: Vec<String> = self.order.clone();
        for id in ids {
            let (iterator, last) = {
                let s = &self.shards[&id];
                if !s.started || s.finished {
                    continue;
                }
                (s.iterator.clone(), s.last_sequence.clone())
            };
            let Some(iterator) = iterator else {
                self.shards.get_mut(&id).expect("known").finished = true;
                continue;
            };
            let got = self
                .client
                .get_records()
                .shard_iterator(iterator)
                .limit(1000)
                .send()
                .await
                .aws(&ops::GET_RECORDS, Some(format!("shard {id}")));
            match got {
                Ok(page) => {
                    let records = page.records.unwrap_or_default();
                    let s = self.shards.get_mut(&id).expect("known");
                    if let Some(seq) = records
                        .last()
                        .and_then(|r| r.dynamodb())
                        .and_then(|d| d.sequence_number())
                    {
                        s.last_sequence = Some(seq.to_owned());
                    }
                    s.iterator = page.next_shard_iterator;
                    s.finished = s.iterator.is_none();
                    out.extend(records.into_iter().map(|record| ShardRecord {
                        shard: id.clone(),
                        record,
                    }));
                }
                // Iterators expire after 15 minutes: continue after the last record seen.
                Err(e) if e.code.as_deref() == Some("ExpiredIteratorException") => {
                    let it = match &last {
                        Some(seq) => {
                            self.iterator(&id, ShardIteratorType::AfterSequenceNumber, Some(seq))
                                .await?
                        }
                        None => self.iterator(&id, ShardIteratorType::Latest, None).await?,
                    };
                    self.shards.get_mut(&id).expect("known").iterator = it;
                }
                // Past the 24 h retention: resume at the oldest record still there.
                Err(e) if e.code.as_deref() == Some("TrimmedDataAccessException") => {
                    let it = self
                        .iterator(&id, ShardIteratorType::TrimHorizon, None)
                        .await?;
                    self.shards.get_mut(&id).expect("known").iterator = it;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}
