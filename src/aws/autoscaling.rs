//! Application Auto Scaling: the scaling a provisioned table and its GSIs have of their own —
//! each scalable target's minimum and maximum (DescribeScalableTargets) and its target-tracking
//! policy's target utilisation (DescribeScalingPolicies). The emulator does not serve this API
//! (a call freezes it for 10–16 s): it is tested with recorded AWS-shaped responses.
//! <https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html>
//! <https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html>
//! <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html>

use aws_sdk_applicationautoscaling::Client;
use aws_sdk_applicationautoscaling::types::{PolicyType, ServiceNamespace};

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// One scalable dimension of the table or a GSI: its bounds and its target utilisation (percent;
/// `None`: a scalable target without a target-tracking policy).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scaling {
    /// `table/T` or `table/T/index/I`.
    pub resource_id: String,
    /// `read` or `write`.
    pub dimension: &'static str,
    pub min: f64,
    pub max: f64,
    pub target_percent: Option<f64>,
}

/// The resource id of the table (`index: None`) or one of its GSIs.
pub(crate) fn resource_id(table: &str, index: Option<&str>) -> String {
    match index {
        Some(i) => format!("table/{table}/index/{i}"),
        None => format!("table/{table}"),
    }
}

/// `read`/`write` of a DynamoDB scalable dimension (`dynamodb:table:ReadCapacityUnits`,
/// `dynamodb:index:WriteCapacityUnits`); `None` for any other.
fn dimension(d: &str) -> Option<&'static str> {
    if d.ends_with("ReadCapacityUnits") {
        Some("read")
    } else if d.ends_with("WriteCapacityUnits") {
        Some("write")
    } else {
        None
    }
}

/// The scaling of `resources` (resource ids, at most 50: a table and its 20 GSIs fit): every
/// page of DescribeScalableTargets for them, then DescribeScalingPolicies for each resource
/// that has a target, its target-tracking policies' target values. Empty: no auto scaling.
pub(crate) async fn scaling(aas: &Client, resources: &[String]) -> Result<Vec<Scaling>, AwsError> {
    let mut out = Vec::new();
    let mut pages = aas
        .describe_scalable_targets()
        .service_namespace(ServiceNamespace::Dynamodb)
        .set_resource_ids(Some(resources.to_vec()))
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::DESCRIBE_SCALABLE_TARGETS, None)?;
        for t in page.scalable_targets() {
            let Some(dim) = dimension(t.scalable_dimension().as_str()) else {
                continue;
            };
            out.push(Scaling {
                resource_id: t.resource_id().to_owned(),
                dimension: dim,
                min: f64::from(t.min_capacity()),
                max: f64::from(t.max_capacity()),
                target_percent: None,
            });
        }
    }
    let mut ids: Vec<String> = out.iter().map(|s| s.resource_id.clone()).collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        let mut pages = aas
            .describe_scaling_policies()
            .service_namespace(ServiceNamespace::Dynamodb)
            .resource_id(&id)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.aws(&ops::DESCRIBE_SCALING_POLICIES, Some(id.clone()))?;
            for p in page.scaling_policies() {
                let (Some(dim), Some(conf)) = (
                    dimension(p.scalable_dimension().as_str()),
                    p.target_tracking_scaling_policy_configuration(),
                ) else {
                    continue;
                };
                if p.policy_type() != &PolicyType::TargetTrackingScaling {
                    continue;
                }
                if let Some(s) = out
                    .iter_mut()
                    .find(|s| s.resource_id == p.resource_id() && s.dimension == dim)
                {
                    s.target_percent = Some(conf.target_value());
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_applicationautoscaling::operation::describe_scalable_targets::{
        DescribeScalableTargetsError, DescribeScalableTargetsOutput,
    };
    use aws_sdk_applicationautoscaling::operation::describe_scaling_policies::DescribeScalingPoliciesOutput;
    use aws_sdk_applicationautoscaling::types::{
        ScalableDimension, ScalableTarget, ScalingPolicy, TargetTrackingScalingPolicyConfiguration,
    };
    use aws_smithy_mocks::{RuleMode, mock, mock_client};
    use aws_smithy_types::DateTime;

    fn target(id: &str, dim: ScalableDimension, min: i32, max: i32) -> ScalableTarget {
        ScalableTarget::builder()
            .service_namespace(ServiceNamespace::Dynamodb)
            .resource_id(id)
            .scalable_dimension(dim)
            .min_capacity(min)
            .max_capacity(max)
            .role_arn("arn:aws:iam::111122223333:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable")
            .creation_time(DateTime::from_secs(946_684_800)) // clock-free: a fixed answer
            .build()
            .unwrap()
    }

    fn policy(id: &str, dim: ScalableDimension, percent: f64) -> ScalingPolicy {
        ScalingPolicy::builder()
            .policy_arn("arn:aws:autoscaling:eu-west-1:111122223333:scalingPolicy:x")
            .policy_name(format!("{id}-policy"))
            .service_namespace(ServiceNamespace::Dynamodb)
            .resource_id(id)
            .scalable_dimension(dim)
            .policy_type(PolicyType::TargetTrackingScaling)
            .target_tracking_scaling_policy_configuration(
                TargetTrackingScalingPolicyConfiguration::builder()
                    .target_value(percent)
                    .build()
                    .unwrap(),
            )
            .creation_time(DateTime::from_secs(946_684_800)) // clock-free: a fixed answer
            .build()
            .unwrap()
    }

    /// A table with its own auto scaling (writes 50%, 5..500; reads 80%, 10..1000) and a GSI
    /// with a read target only, as AWS answers DescribeScalableTargets and
    /// DescribeScalingPolicies.
    #[tokio::test]
    async fn recorded_a_tables_own_scaling_targets_and_policies_are_read() {
        let targets = mock!(Client::describe_scalable_targets).then_output(|| {
            DescribeScalableTargetsOutput::builder()
                .scalable_targets(target(
                    "table/t",
                    ScalableDimension::DynamoDbTableWriteCapacityUnits,
                    5,
                    500,
                ))
                .scalable_targets(target(
                    "table/t",
                    ScalableDimension::DynamoDbTableReadCapacityUnits,
                    10,
                    1000,
                ))
                .scalable_targets(target(
                    "table/t/index/g",
                    ScalableDimension::DynamoDbIndexReadCapacityUnits,
                    1,
                    50,
                ))
                .build()
        });
        let table_policies = mock!(Client::describe_scaling_policies)
            .match_requests(|r| r.resource_id() == Some("table/t"))
            .then_output(|| {
                DescribeScalingPoliciesOutput::builder()
                    .scaling_policies(policy(
                        "table/t",
                        ScalableDimension::DynamoDbTableWriteCapacityUnits,
                        50.0,
                    ))
                    .scaling_policies(policy(
                        "table/t",
                        ScalableDimension::DynamoDbTableReadCapacityUnits,
                        80.0,
                    ))
                    .build()
            });
        let index_policies = mock!(Client::describe_scaling_policies)
            .match_requests(|r| r.resource_id() == Some("table/t/index/g"))
            .then_output(|| DescribeScalingPoliciesOutput::builder().build());
        let client = mock_client!(
            aws_sdk_applicationautoscaling,
            RuleMode::MatchAny,
            &[&targets, &table_policies, &index_policies]
        );
        let got = scaling(
            &client,
            &[resource_id("t", None), resource_id("t", Some("g"))],
        )
        .await
        .unwrap();
        let find = |id: &str, dim: &str| {
            got.iter()
                .find(|s| s.resource_id == id && s.dimension == dim)
                .cloned()
        };
        let w = find("table/t", "write").unwrap();
        assert_eq!((w.min, w.max, w.target_percent), (5.0, 500.0, Some(50.0)));
        let r = find("table/t", "read").unwrap();
        assert_eq!((r.min, r.max, r.target_percent), (10.0, 1000.0, Some(80.0)));
        let g = find("table/t/index/g", "read").unwrap();
        assert_eq!((g.min, g.max, g.target_percent), (1.0, 50.0, None));
        assert!(find("table/t/index/g", "write").is_none());
    }

    /// A provisioned table without auto scaling: no scalable target, no policy asked for.
    #[tokio::test]
    async fn recorded_a_table_without_scaling_has_none() {
        let targets = mock!(Client::describe_scalable_targets)
            .then_output(|| DescribeScalableTargetsOutput::builder().build());
        let client = mock_client!(
            aws_sdk_applicationautoscaling,
            RuleMode::MatchAny,
            &[&targets]
        );
        let got = scaling(&client, &[resource_id("t", None)]).await.unwrap();
        assert!(got.is_empty());
    }

    /// The caller may not read Application Auto Scaling: AccessDenied, naming the action.
    #[tokio::test]
    async fn recorded_access_denied_names_the_action() {
        let denied = mock!(Client::describe_scalable_targets).then_error(|| {
            DescribeScalableTargetsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("User: arn:aws:sts::111122223333:assumed-role/oncall/x is not authorized to perform: application-autoscaling:DescribeScalableTargets")
                    .build(),
            )
        });
        let client = mock_client!(
            aws_sdk_applicationautoscaling,
            RuleMode::MatchAny,
            &[&denied]
        );
        let e = scaling(&client, &[resource_id("t", None)])
            .await
            .unwrap_err();
        assert_eq!(e.kind, crate::aws::AwsErrorKind::AccessDenied);
        assert!(
            e.to_string()
                .contains("application-autoscaling:DescribeScalableTargets"),
            "{e}"
        );
    }
}
