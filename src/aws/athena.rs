//! Amazon Athena: a workgroup's result location, and one query's start, state and rows. The SQL
//! and what its rows mean are `scale::athena`'s.
//! <https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html>

use aws_sdk_athena::Client;
use aws_sdk_athena::types::{QueryExecutionContext, QueryExecutionState, ResultConfiguration};

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// GetWorkGroup: does the workgroup keep query results of its own (a result location, or
/// managed query results)?
pub(crate) async fn keeps_results(athena: &Client, workgroup: &str) -> Result<bool, AwsError> {
    let out = athena
        .get_work_group()
        .work_group(workgroup)
        .send()
        .await
        .aws(&ops::GET_WORK_GROUP, workgroup.to_owned())?;
    let conf = out.work_group().and_then(|w| w.configuration());
    let location = conf
        .and_then(|c| c.result_configuration())
        .and_then(|r| r.output_location())
        .is_some_and(|l| !l.is_empty());
    let managed = conf
        .and_then(|c| c.managed_query_results_configuration())
        .is_some_and(|m| m.enabled());
    Ok(location || managed)
}

/// StartQueryExecution: the query's execution id.
pub(crate) async fn start(
    athena: &Client,
    sql: &str,
    workgroup: &str,
    database: &str,
    output: Option<&str>,
) -> Result<String, AwsError> {
    let started = athena
        .start_query_execution()
        .query_string(sql)
        .work_group(workgroup)
        .query_execution_context(QueryExecutionContext::builder().database(database).build())
        .set_result_configuration(
            output.map(|o| ResultConfiguration::builder().output_location(o).build()),
        )
        .send()
        .await
        .aws(&ops::START_QUERY_EXECUTION, workgroup.to_owned())?;
    Ok(started.query_execution_id().unwrap_or_default().to_owned())
}

/// Where a query is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum State {
    Running,
    /// Done, with the bytes it scanned.
    Succeeded(Option<i64>),
    /// Failed or cancelled: the state, and Athena's reason.
    Ended(String, String),
}

/// GetQueryExecution.
pub(crate) async fn state(athena: &Client, id: &str) -> Result<State, AwsError> {
    let out = athena
        .get_query_execution()
        .query_execution_id(id)
        .send()
        .await
        .aws(&ops::GET_QUERY_EXECUTION, id.to_owned())?;
    let exec = out.query_execution();
    let status = exec.and_then(|e| e.status());
    Ok(match status.and_then(|s| s.state()) {
        Some(QueryExecutionState::Succeeded) => State::Succeeded(
            exec.and_then(|e| e.statistics())
                .and_then(|s| s.data_scanned_in_bytes()),
        ),
        Some(s @ (QueryExecutionState::Failed | QueryExecutionState::Cancelled)) => State::Ended(
            s.as_str().to_owned(),
            status
                .and_then(|s| s.state_change_reason())
                .unwrap_or("no reason given")
                .to_owned(),
        ),
        _ => State::Running,
    })
}

/// Every row of a finished query's results, the header row left out.
pub(crate) async fn rows(athena: &Client, id: &str) -> Result<Vec<Vec<Option<String>>>, AwsError> {
    let mut rows = Vec::new();
    let mut pages = athena
        .get_query_results()
        .query_execution_id(id)
        .into_paginator()
        .send();
    let mut header = true;
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::GET_ATHENA_QUERY_RESULTS, id.to_owned())?;
        for row in page.result_set().map(|r| r.rows()).unwrap_or_default() {
            if std::mem::take(&mut header) {
                continue; // the first row of the first page names the columns
            }
            rows.push(
                row.data()
                    .iter()
                    .map(|d| d.var_char_value().map(str::to_owned))
                    .collect(),
            );
        }
    }
    Ok(rows)
}
