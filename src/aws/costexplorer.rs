//! Cost Explorer: the table's monthly DynamoDB cost (GetCostAndUsage) and whether a cost
//! allocation tag is active (ListCostAllocationTags). Cost Explorer has one endpoint per
//! partition (`ce.us-east-1.amazonaws.com` for every Region of `aws`); the SDK picks it.
//! <https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html>
//! <https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_ListCostAllocationTags.html>

use aws_sdk_costexplorer::Client;
use aws_sdk_costexplorer::types::{
    CostAllocationTagStatus, DateInterval, Dimension, DimensionValues, Expression, Granularity,
    GroupDefinition, GroupDefinitionType, MatchOption, TagValues,
};
use chrono::NaiveDate;

use super::error::{AwsError, AwsErrorKind, AwsResultExt};
use super::ops;

/// One month of GetCostAndUsage: `(start, end, estimated, [(usage type, amount, unit)])`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CostMonth {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub estimated: bool,
    pub groups: Vec<(String, String, String)>,
}

/// The keys of the account's active cost allocation tags (user-defined or AWS-generated):
/// ListCostAllocationTags with `Status=Active`, every page. Only an active tag filters costs.
pub(crate) async fn active_tags(ce: &Client) -> Result<Vec<String>, AwsError> {
    let mut out = Vec::new();
    {
        let mut pages = ce
            .list_cost_allocation_tags()
            .status(CostAllocationTagStatus::Active)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.aws(&ops::LIST_COST_ALLOCATION_TAGS, None)?;
            out.extend(
                page.cost_allocation_tags()
                    .iter()
                    .filter(|t| *t.status() == CostAllocationTagStatus::Active)
                    .map(|t| t.tag_key().to_owned()),
            );
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The monthly UnblendedCost of DynamoDB in `region`, grouped by usage type, from `start` to
/// `end` (exclusive, first days of months), filtered to the tag `(key, value)` when given.
pub(crate) async fn monthly_cost(
    ce: &Client,
    region: &str,
    tag: Option<(&str, &str)>,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<Vec<CostMonth>, AwsError> {
    let local =
        |m: String| AwsError::local(AwsErrorKind::Invalid, "ce", "GetCostAndUsage", None, m);
    let period = DateInterval::builder()
        .start(start.format("%Y-%m-%d").to_string())
        .end(end.format("%Y-%m-%d").to_string())
        .build()
        .map_err(|e| local(e.to_string()))?;
    let dimension = |d: Dimension, v: &str| {
        Expression::builder()
            .dimensions(DimensionValues::builder().key(d).values(v).build())
            .build()
    };
    let mut filter = Expression::builder()
        .and(dimension(Dimension::Service, "Amazon DynamoDB"))
        .and(dimension(Dimension::Region, region));
    if let Some((key, value)) = tag {
        filter = filter.and(
            Expression::builder()
                .tags(
                    TagValues::builder()
                        .key(key)
                        .values(value)
                        .match_options(MatchOption::Equals)
                        .build(),
                )
                .build(),
        );
    }
    let filter = filter.build();
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = ce
            .get_cost_and_usage()
            .time_period(period.clone())
            .granularity(Granularity::Monthly)
            .metrics("UnblendedCost")
            .group_by(
                GroupDefinition::builder()
                    .r#type(GroupDefinitionType::Dimension)
                    .key("USAGE_TYPE")
                    .build(),
            )
            .filter(filter.clone())
            .set_next_page_token(token.clone())
            .send()
            .await
            .aws(&ops::GET_COST_AND_USAGE, None)?;
        for r in page.results_by_time() {
            let Some(p) = r.time_period() else { continue };
            let (Ok(s), Ok(e)) = (
                NaiveDate::parse_from_str(p.start(), "%Y-%m-%d"),
                NaiveDate::parse_from_str(p.end(), "%Y-%m-%d"),
            ) else {
                continue;
            };
            let groups = r
                .groups()
                .iter()
                .filter_map(|g| {
                    let m = g.metrics()?.get("UnblendedCost")?;
                    Some((
                        g.keys().first().cloned().unwrap_or_default(),
                        m.amount().unwrap_or("0").to_owned(),
                        m.unit().unwrap_or_default().to_owned(),
                    ))
                })
                .collect();
            out.push(CostMonth {
                start: s,
                end: e,
                estimated: r.estimated(),
                groups,
            });
        }
        token = page.next_page_token().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    Ok(out)
}
