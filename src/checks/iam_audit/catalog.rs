//! The DynamoDB actions a policy can grant, sorted by what they can do to the events table, and
//! the IAM actions that let a role grant itself more.
//!
//! The DynamoDB list is the Service Authorization Reference's
//! (<https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html>);
//! a wildcard that matches an action missing here is still reported as a wildcard. The classes
//! are eventsctl's judgement: *destructive* actions delete items or tables or remove their
//! protection (BatchWriteItem can delete, so it is one; UpdateTable can drop an index or the
//! stream; UpdateTimeToLive and UpdateContinuousBackups can switch TTL or PITR off; a resource
//! policy can hand the table to another account).
//!
//! The escalation list is the IAM part of the privilege-escalation actions Cloudsplaining flags
//! (after Rhino Security Labs): with any of them a role can give itself every permission,
//! DeleteTable included.
//! <https://github.com/salesforce/cloudsplaining>

use serde::Serialize;

/// What an action can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Reads items or describes the table.
    Read,
    /// Reads the table's stream.
    Stream,
    /// Writes items without deleting any.
    Write,
    /// Creates, copies, tags or exports: changes that delete nothing.
    Admin,
    /// Deletes items or tables, or removes their protection.
    Destructive,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Read => "read",
            Class::Stream => "stream",
            Class::Write => "write",
            Class::Admin => "admin",
            Class::Destructive => "destructive",
        }
    }
}

/// One DynamoDB action: its name (without `dynamodb:`), its class, and whether it can be scoped
/// to a resource (the others can only be granted on `*`).
pub struct Action {
    pub name: &'static str,
    pub class: Class,
    pub resource_level: bool,
}

const fn a(name: &'static str, class: Class) -> Action {
    Action {
        name,
        class,
        resource_level: true,
    }
}

/// Only grantable on `*`.
const fn any(name: &'static str, class: Class) -> Action {
    Action {
        name,
        class,
        resource_level: false,
    }
}

use Class::*;

pub const DYNAMODB: &[Action] = &[
    a("BatchGetItem", Read),
    a("BatchWriteItem", Destructive),
    a("ConditionCheckItem", Read),
    a("CreateBackup", Admin),
    a("CreateGlobalTable", Admin),
    a("CreateTable", Admin),
    a("CreateTableReplica", Admin),
    a("DeleteBackup", Destructive),
    a("DeleteItem", Destructive),
    a("DeleteResourcePolicy", Destructive),
    a("DeleteTable", Destructive),
    a("DeleteTableReplica", Destructive),
    a("DescribeBackup", Read),
    a("DescribeContinuousBackups", Read),
    a("DescribeContributorInsights", Read),
    any("DescribeEndpoints", Read),
    a("DescribeExport", Read),
    a("DescribeGlobalTable", Read),
    a("DescribeGlobalTableSettings", Read),
    a("DescribeImport", Read),
    a("DescribeKinesisStreamingDestination", Read),
    any("DescribeLimits", Read),
    any("DescribeReservedCapacity", Read),
    any("DescribeReservedCapacityOfferings", Read),
    a("DescribeStream", Stream),
    a("DescribeTable", Read),
    a("DescribeTableReplicaAutoScaling", Read),
    a("DescribeTimeToLive", Read),
    a("DisableKinesisStreamingDestination", Admin),
    a("EnableKinesisStreamingDestination", Admin),
    a("ExportTableToPointInTime", Admin),
    a("GetItem", Read),
    a("GetRecords", Stream),
    a("GetResourcePolicy", Read),
    a("GetShardIterator", Stream),
    a("ImportTable", Admin),
    any("ListBackups", Read),
    any("ListContributorInsights", Read),
    any("ListExports", Read),
    any("ListGlobalTables", Read),
    any("ListImports", Read),
    a("ListStreams", Stream),
    any("ListTables", Read),
    a("ListTagsOfResource", Read),
    a("PartiQLDelete", Destructive),
    a("PartiQLInsert", Write),
    a("PartiQLSelect", Read),
    a("PartiQLUpdate", Write),
    any("PurchaseReservedCapacityOfferings", Admin),
    a("PutItem", Write),
    a("PutResourcePolicy", Destructive),
    a("Query", Read),
    a("RestoreTableFromAwsBackup", Admin),
    a("RestoreTableFromBackup", Admin),
    a("RestoreTableToPointInTime", Admin),
    a("Scan", Read),
    a("StartAwsBackupJob", Admin),
    a("TagResource", Admin),
    a("UntagResource", Admin),
    a("UpdateContinuousBackups", Destructive),
    a("UpdateContributorInsights", Admin),
    a("UpdateGlobalTable", Destructive),
    a("UpdateGlobalTableSettings", Admin),
    a("UpdateGlobalTableVersion", Admin),
    a("UpdateItem", Write),
    a("UpdateKinesisStreamingDestination", Admin),
    a("UpdateTable", Destructive),
    a("UpdateTableReplicaAutoScaling", Admin),
    a("UpdateTimeToLive", Destructive),
];

/// IAM, STS and Lambda actions that let a role widen its own permissions.
pub const ESCALATION: &[&str] = &[
    "iam:AddUserToGroup",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:CreatePolicyVersion",
    "iam:PassRole",
    "iam:PutGroupPolicy",
    "iam:PutRolePolicy",
    "iam:PutUserPolicy",
    "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateLoginProfile",
    "lambda:UpdateFunctionCode",
    "sts:AssumeRole",
];

/// `dynamodb:PutItem` for the catalog entry.
pub fn qualified(action: &Action) -> String {
    format!("dynamodb:{}", action.name)
}

/// The catalog entry of a DynamoDB action (`dynamodb:PutItem`, any case).
pub fn find(action: &str) -> Option<&'static Action> {
    let name = action.split_once(':').map(|(_, n)| n).unwrap_or(action);
    DYNAMODB.iter().find(|a| a.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_is_sorted_unique_and_knows_the_runbooks_actions() {
        let names: Vec<&str> = DYNAMODB.iter().map(|a| a.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
        for (action, class) in [
            ("dynamodb:PutItem", Write),
            ("dynamodb:getitem", Read),
            ("dynamodb:BatchWriteItem", Destructive),
            ("dynamodb:DeleteTable", Destructive),
            ("dynamodb:UpdateTable", Destructive),
            ("dynamodb:DeleteBackup", Destructive),
            ("dynamodb:GetRecords", Stream),
            ("dynamodb:TagResource", Admin),
        ] {
            assert_eq!(find(action).map(|a| a.class), Some(class), "{action}");
        }
        assert!(find("dynamodb:Nope").is_none());
        assert!(!find("dynamodb:ListTables").unwrap().resource_level);
    }
}
