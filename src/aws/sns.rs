//! SNS: who an alarm's topic pages. GetTopicAttributes says whether the topic exists and counts
//! its confirmed and pending subscriptions; ListSubscriptionsByTopic lists them (a subscription
//! not yet confirmed is listed with `PendingConfirmation` as its ARN).
//! <https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html>,
//! <https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptionsByTopic.html>

use aws_sdk_sns::Client;

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// A topic's counts, from its attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TopicCounts {
    pub confirmed: Option<u64>,
    pub pending: Option<u64>,
}

/// One subscription of a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Subscription {
    /// `PendingConfirmation` until the endpoint confirms.
    pub arn: String,
    pub protocol: String,
    pub endpoint: String,
}

/// The topic's subscription counts; `None` when the topic does not exist.
pub(crate) async fn topic_counts(
    client: &Client,
    topic: &str,
) -> Result<Option<TopicCounts>, AwsError> {
    let out = client
        .get_topic_attributes()
        .topic_arn(topic)
        .send()
        .await
        .aws(&ops::GET_TOPIC_ATTRIBUTES, Some(format!("topic {topic}")));
    let out = match out {
        Ok(out) => out,
        Err(e) if is_not_found(&e) => return Ok(None),
        Err(e) => return Err(e),
    };
    let count = |k: &str| {
        out.attributes()
            .and_then(|a| a.get(k))
            .and_then(|v| v.parse::<u64>().ok())
    };
    Ok(Some(TopicCounts {
        confirmed: count("SubscriptionsConfirmed"),
        pending: count("SubscriptionsPending"),
    }))
}

/// SNS answers `NotFound` for a topic that does not exist.
fn is_not_found(e: &AwsError) -> bool {
    matches!(e.code.as_deref(), Some("NotFound" | "NotFoundException"))
}

/// Every subscription of the topic (NextToken followed); `None` when the topic does not exist.
pub(crate) async fn subscriptions(
    client: &Client,
    topic: &str,
) -> Result<Option<Vec<Subscription>>, AwsError> {
    let mut out = Vec::new();
    let mut pages = client
        .list_subscriptions_by_topic()
        .topic_arn(topic)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = match page.aws(
            &ops::LIST_SUBSCRIPTIONS_BY_TOPIC,
            Some(format!("topic {topic}")),
        ) {
            Ok(p) => p,
            Err(e) if is_not_found(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        out.extend(page.subscriptions().iter().map(|s| Subscription {
            arn: s.subscription_arn().unwrap_or_default().to_owned(),
            protocol: s.protocol().unwrap_or_default().to_owned(),
            endpoint: s.endpoint().unwrap_or_default().to_owned(),
        }));
    }
    Ok(Some(out))
}
