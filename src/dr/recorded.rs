//! Recorded AWS-shaped responses for what the emulator never does (it reports every function
//! update Successful half a second later, accepts a second update while one is in progress,
//! creates mappings Enabled at once and backups AVAILABLE at once): LastUpdateStatus InProgress
//! then Failed with its reason code, ResourceConflictException and TooManyRequestsException on an
//! update, a mapping Creating then Enabling then Enabled, a backup CREATING then AVAILABLE. The
//! code paths are the real ones, with a mocked client.

use std::collections::HashMap;

use aws_sdk_dynamodb::operation::create_backup::CreateBackupOutput;
use aws_sdk_dynamodb::operation::describe_backup::DescribeBackupOutput;
use aws_sdk_dynamodb::types::{BackupDescription, BackupDetails, BackupStatus, BackupType};
use aws_sdk_lambda::operation::get_event_source_mapping::GetEventSourceMappingOutput;
use aws_sdk_lambda::operation::get_function_configuration::GetFunctionConfigurationOutput;
use aws_sdk_lambda::operation::update_function_configuration::UpdateFunctionConfigurationOutput;
use aws_sdk_lambda::types::{
    Environment, EnvironmentResponse, LastUpdateStatus, LastUpdateStatusReasonCode,
};
use aws_smithy_mocks::{RuleMode, mock, mock_client};

use super::cutover::{change_variable, settle_mapping};
use super::record::Status;

fn config(
    value: &str,
    revision: &str,
    status: LastUpdateStatus,
    reason: Option<LastUpdateStatusReasonCode>,
) -> GetFunctionConfigurationOutput {
    let vars = HashMap::from([
        ("EVENTS_TABLE_NAME".to_owned(), value.to_owned()),
        ("SECRET_TOKEN".to_owned(), "kept".to_owned()),
    ]);
    GetFunctionConfigurationOutput::builder()
        .function_name("api")
        .function_arn("arn:aws:lambda:us-east-1:111122223333:function:api")
        .revision_id(revision)
        .last_update_status(status)
        .set_last_update_status_reason_code(reason)
        .environment(
            EnvironmentResponse::builder()
                .set_variables(Some(vars))
                .build(),
        )
        .build()
}

fn lambda_error(status: u16, code: &str, message: &str) -> aws_smithy_runtime_api::http::Response {
    let mut r = aws_smithy_runtime_api::http::Response::new(
        aws_smithy_runtime_api::http::StatusCode::try_from(status).unwrap(),
        aws_smithy_types::body::SdkBody::from(format!(
            r#"{{"Type":"User","message":"{message}"}}"#
        )),
    );
    r.headers_mut().insert("x-amzn-errortype", code.to_owned());
    r.headers_mut().insert("content-type", "application/json");
    r
}

fn updated() -> UpdateFunctionConfigurationOutput {
    UpdateFunctionConfigurationOutput::builder()
        .revision_id("r2")
        .last_update_status(LastUpdateStatus::InProgress)
        .build()
}

/// The whole environment is written back, only the one variable changed, naming the revision read.
fn the_one_variable(
    r: &aws_sdk_lambda::operation::update_function_configuration::UpdateFunctionConfigurationInput,
) -> bool {
    let vars = r.environment().and_then(Environment::variables);
    r.revision_id() == Some("r1")
        && vars.is_some_and(|v| {
            v.len() == 2 && v["EVENTS_TABLE_NAME"] == "t" && v["SECRET_TOKEN"] == "kept"
        })
}

#[tokio::test]
async fn recorded_an_update_in_progress_then_failed_stops_with_its_reason_code() {
    let ready = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .then_output(|| config("s", "r1", LastUpdateStatus::Successful, None));
    let read = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .then_output(|| config("s", "r1", LastUpdateStatus::Successful, None));
    let update = mock!(aws_sdk_lambda::Client::update_function_configuration)
        .match_requests(the_one_variable)
        .then_output(updated);
    let in_progress = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .then_output(|| config("t", "r2", LastUpdateStatus::InProgress, None));
    let failed = mock!(aws_sdk_lambda::Client::get_function_configuration).then_output(|| {
        config(
            "t",
            "r3",
            LastUpdateStatus::Failed,
            Some(LastUpdateStatusReasonCode::InsufficientRolePermissions),
        )
    });
    let client = mock_client!(
        aws_sdk_lambda,
        RuleMode::Sequential,
        &[&ready, &read, &update, &in_progress, &failed]
    );
    let e = change_variable(&client, "api", "EVENTS_TABLE_NAME", "s", "t", false)
        .await
        .unwrap_err();
    let text = format!("{e:#}");
    assert!(
        text.contains("update failed (LastUpdateStatus Failed: InsufficientRolePermissions)"),
        "{text}"
    );
    assert_eq!(update.num_calls(), 1);
    assert_eq!(in_progress.num_calls(), 1);
}

#[tokio::test]
async fn recorded_an_update_refused_while_another_is_in_progress_or_throttled_is_tried_again() {
    let ready = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .then_output(|| config("s", "r1", LastUpdateStatus::Successful, None));
    let read = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .then_output(|| config("s", "r1", LastUpdateStatus::Successful, None));
    let conflict = mock!(aws_sdk_lambda::Client::update_function_configuration).then_http_response(|| {
        lambda_error(
            409,
            "ResourceConflictException",
            "The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:111122223333:function:api",
        )
    });
    let read_again = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .then_output(|| config("s", "r1", LastUpdateStatus::Successful, None));
    let throttled = mock!(aws_sdk_lambda::Client::update_function_configuration)
        .then_http_response(|| lambda_error(429, "TooManyRequestsException", "Rate exceeded"));
    let read_third = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .then_output(|| config("s", "r1", LastUpdateStatus::Successful, None));
    let update = mock!(aws_sdk_lambda::Client::update_function_configuration)
        .match_requests(the_one_variable)
        .then_output(updated);
    let done = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .then_output(|| config("t", "r2", LastUpdateStatus::Successful, None));
    let client = mock_client!(
        aws_sdk_lambda,
        RuleMode::Sequential,
        &[
            &ready,
            &read,
            &conflict,
            &read_again,
            &throttled,
            &read_third,
            &update,
            &done
        ],
        |c| c.retry_config(aws_sdk_lambda::config::retry::RetryConfig::disabled())
    );
    let (status, revision) = change_variable(&client, "api", "EVENTS_TABLE_NAME", "s", "t", false)
        .await
        .unwrap();
    assert_eq!(status, Status::Done);
    assert_eq!(revision.as_deref(), Some("r2"));
    assert_eq!(
        (
            conflict.num_calls(),
            throttled.num_calls(),
            update.num_calls()
        ),
        (1, 1, 1)
    );
}

#[tokio::test]
async fn recorded_a_variable_someone_else_changed_is_never_overwritten() {
    let other = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .then_output(|| config("third-table", "r9", LastUpdateStatus::Successful, None));
    let update = mock!(aws_sdk_lambda::Client::update_function_configuration).then_output(updated);
    let client = mock_client!(aws_sdk_lambda, RuleMode::MatchAny, &[&other, &update]);
    let e = change_variable(&client, "api", "EVENTS_TABLE_NAME", "s", "t", false)
        .await
        .unwrap_err();
    assert!(format!("{e}").contains("is third-table now, not s"), "{e}");
    assert_eq!(update.num_calls(), 0);
}

#[tokio::test]
async fn recorded_a_mapping_creating_then_enabling_is_waited_for_until_enabled() {
    let state = |s: &'static str| {
        mock!(aws_sdk_lambda::Client::get_event_source_mapping).then_output(move || {
            GetEventSourceMappingOutput::builder()
                .uuid("u")
                .state(s)
                .build()
        })
    };
    let (creating, enabling, enabled) = (state("Creating"), state("Enabling"), state("Enabled"));
    let client = mock_client!(
        aws_sdk_lambda,
        RuleMode::Sequential,
        &[&creating, &enabling, &enabled]
    );
    assert_eq!(
        settle_mapping(&client, "u", "Enabled").await.unwrap(),
        "Enabled"
    );
    assert_eq!(enabled.num_calls(), 1);
}

#[tokio::test]
async fn recorded_a_backup_creating_then_available_is_waited_for() {
    let details = |s: BackupStatus| {
        BackupDetails::builder()
            .backup_arn("arn:aws:dynamodb:us-east-1:111122223333:table/s/backup/01")
            .backup_name("b")
            .backup_status(s)
            .backup_type(BackupType::User)
            .backup_creation_date_time(aws_smithy_types::DateTime::from_secs(946_684_800))
            .build()
            .unwrap()
    };
    let describe = |s: BackupStatus| {
        let d = details(s);
        mock!(aws_sdk_dynamodb::Client::describe_backup).then_output(move || {
            DescribeBackupOutput::builder()
                .backup_description(
                    BackupDescription::builder()
                        .backup_details(d.clone())
                        .build(),
                )
                .build()
        })
    };
    let created = {
        let d = details(BackupStatus::Creating);
        mock!(aws_sdk_dynamodb::Client::create_backup).then_output(move || {
            CreateBackupOutput::builder()
                .backup_details(d.clone())
                .build()
        })
    };
    let (creating, available) = (
        describe(BackupStatus::Creating),
        describe(BackupStatus::Available),
    );
    let client = mock_client!(
        aws_sdk_dynamodb,
        RuleMode::Sequential,
        &[&created, &creating, &available]
    );
    let arn = crate::aws::backup::create(&client, "s", "b").await.unwrap();
    assert_eq!(arn.status, "CREATING");
    let status =
        super::retire::wait_available(&client, &arn.arn, std::time::Duration::from_secs(30))
            .await
            .unwrap();
    assert!(status.contains("AVAILABLE"), "{status}");
    assert_eq!(available.num_calls(), 1);
}

fn iam_error(status: u16, code: &str, message: &str) -> aws_smithy_runtime_api::http::Response {
    aws_smithy_runtime_api::http::Response::new(
        aws_smithy_runtime_api::http::StatusCode::try_from(status).unwrap(),
        aws_smithy_types::body::SdkBody::from(format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r</RequestId></ErrorResponse>"
        )),
    )
}

#[tokio::test]
async fn recorded_a_missing_role_is_no_such_entity_not_an_implicit_deny() {
    // The emulator answers implicitDeny for a role that does not exist; AWS answers NoSuchEntity.
    let missing = mock!(aws_sdk_iam::Client::get_role).then_http_response(|| {
        iam_error(
            404,
            "NoSuchEntity",
            "The role with name gone cannot be found.",
        )
    });
    let client = mock_client!(aws_sdk_iam, RuleMode::MatchAny, &[&missing]);
    let gap = super::access::check_role(&client, "arn:aws:iam::111122223333:role/gone", &[])
        .await
        .unwrap();
    assert!(gap.is_none());
}

#[tokio::test]
async fn recorded_the_aggregate_answer_is_read_per_resource() {
    use aws_sdk_iam::operation::simulate_principal_policy::SimulatePrincipalPolicyOutput;
    use aws_sdk_iam::types::{
        EvaluationResult, PolicyEvaluationDecisionType as D, ResourceSpecificResult, Statement,
    };
    // AWS now gives one result per action with the most restrictive decision on top and each
    // resource's in ResourceSpecificResults (a Deny statement named there).
    let aggregate = mock!(aws_sdk_iam::Client::simulate_principal_policy).then_output(|| {
        SimulatePrincipalPolicyOutput::builder()
            .evaluation_results(
                EvaluationResult::builder()
                    .eval_action_name("dynamodb:PutItem")
                    .eval_resource_name("*")
                    .eval_decision(D::ExplicitDeny)
                    .resource_specific_results(
                        ResourceSpecificResult::builder()
                            .eval_resource_name("arn:t")
                            .eval_resource_decision(D::ExplicitDeny)
                            .matched_statements(
                                Statement::builder().source_policy_id("no-writes").build(),
                            )
                            .build()
                            .unwrap(),
                    )
                    .resource_specific_results(
                        ResourceSpecificResult::builder()
                            .eval_resource_name("arn:s")
                            .eval_resource_decision(D::Allowed)
                            .build()
                            .unwrap(),
                    )
                    .build()
                    .unwrap(),
            )
            .is_truncated(false)
            .build()
    });
    let client = mock_client!(aws_sdk_iam, RuleMode::MatchAny, &[&aggregate]);
    let got = super::access::simulate(
        &client,
        "arn:aws:iam::1:role/api",
        &["dynamodb:PutItem"],
        "arn:t",
    )
    .await
    .unwrap();
    let by: Vec<(&str, crate::checks::iam_audit::simulate::Decision)> = got
        .iter()
        .map(|s| (s.resource.as_str(), s.decision))
        .collect();
    use crate::checks::iam_audit::simulate::Decision;
    assert_eq!(
        by,
        [
            ("arn:t", Decision::ExplicitDeny),
            ("arn:s", Decision::Allowed)
        ]
    );
    assert_eq!(got[0].matched, ["no-writes"]);
}
