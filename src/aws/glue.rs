//! The Glue catalog: a database and a table, created when missing.
//! <https://docs.aws.amazon.com/glue/latest/webapi/API_CreateTable.html>

use aws_sdk_glue::Client;
use aws_sdk_glue::types::{DatabaseInput, TableInput};

use super::error::{AwsError, AwsErrorKind, AwsResultExt};
use super::ops;

const EXISTS: &str = "AlreadyExistsException";

/// CreateDatabase; `Ok(false)` when it exists already.
pub(crate) async fn create_database(
    glue: &Client,
    name: &str,
    description: &str,
) -> Result<bool, AwsError> {
    let input = DatabaseInput::builder()
        .name(name)
        .description(description)
        .build()
        .map_err(|e| invalid(&ops::CREATE_GLUE_DATABASE, name, e))?;
    let created = glue
        .create_database()
        .database_input(input)
        .send()
        .await
        .aws(&ops::CREATE_GLUE_DATABASE, name.to_owned());
    match created {
        Ok(_) => Ok(true),
        Err(e) if e.code.as_deref() == Some(EXISTS) => Ok(false),
        Err(e) => Err(e),
    }
}

/// CreateTable in `database`; `Ok(false)` when it exists already.
pub(crate) async fn create_table(
    glue: &Client,
    database: &str,
    table: TableInput,
) -> Result<bool, AwsError> {
    let resource = format!("{database}.{}", table.name());
    let created = glue
        .create_table()
        .database_name(database)
        .table_input(table)
        .send()
        .await
        .aws(&ops::CREATE_GLUE_TABLE, resource);
    match created {
        Ok(_) => Ok(true),
        Err(e) if e.code.as_deref() == Some(EXISTS) => Ok(false),
        Err(e) => Err(e),
    }
}

fn invalid(op: &'static ops::Op, name: &str, e: impl std::fmt::Display) -> AwsError {
    AwsError::local(
        AwsErrorKind::Invalid,
        op.service,
        op.operation,
        Some(name.to_owned()),
        e.to_string(),
    )
}
