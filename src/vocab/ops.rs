//! Every AWS operation the tool calls, declared once: the service and operation the call log
//! sees, the IAM action AWS authorises it with, and the kind of resource that action is granted
//! on. A call site names its operation when it maps the SDK's error (`.aws(&GET_ITEM, ...)`), and
//! `iam-policy` is derived from the operations each command may call (`spec::iam`); a test runs
//! the commands against the emulator and checks that every call they make is one their policy
//! declares.
//!
//! Some permissions are checked by AWS as the caller while an operation runs, though the tool
//! never calls them ([`OnBehalf`]): a restore writes its new table, an export writes to the
//! bucket, Athena reads the Glue catalog and the export's files.
//! <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html>

/// What an action is granted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// A DynamoDB table (the events table, a restored or drill table).
    Table,
    /// A table's stream.
    Stream,
    /// A table or its stream (a resource-based policy is attached to either).
    TableOrStream,
    /// A table's PITR exports.
    Export,
    Alarm,
    Dashboard,
    /// A CloudWatch Contributor Insights rule.
    InsightRule,
    LogGroup,
    Function,
    /// An S3 bucket or its objects.
    Bucket,
    /// An Athena workgroup.
    Workgroup,
    /// The Glue catalog, a database and its tables.
    GlueCatalog,
    /// An IAM role (a service-linked one, or a function's execution role).
    Role,
    /// An IAM managed policy (customer-managed, or AWS-managed: `arn:aws:iam::aws:policy/...`).
    Policy,
    /// An SNS topic.
    Topic,
    /// The action has no resource-level permissions: only `*` works.
    Any,
}

/// One AWS operation.
#[derive(Debug, PartialEq, Eq)]
pub struct Op {
    /// The service as the call log and error lines name it: `dynamodb`, `dynamodbstreams`,
    /// `cloudwatch`, `logs`, `lambda`, `cloudtrail`, `s3`, `athena`, `glue`, `sts`.
    pub service: &'static str,
    /// The API operation: `GetItem`.
    pub operation: &'static str,
    /// The IAM action that authorises it: `dynamodb:GetItem`.
    pub action: &'static str,
    pub resource: Resource,
}

/// Permissions AWS checks as the caller while `of` runs, on resources of one kind.
#[derive(Debug, PartialEq, Eq)]
pub struct OnBehalf {
    pub of: &'static Op,
    pub actions: &'static [&'static str],
    pub resource: Resource,
}

macro_rules! ops {
    ($($name:ident: $service:literal $operation:literal => $action:literal on $resource:ident;)*) => {
        $(
            #[doc = concat!("`", $service, ":", $operation, "` (`", $action, "`).")]
            pub const $name: Op = Op {
                service: $service,
                operation: $operation,
                action: $action,
                resource: Resource::$resource,
            };
        )*
        /// Every operation declared here.
        pub const ALL: &[&Op] = &[$(&$name),*];
        /// Every operation by its name here (`GET_ITEM`), for the tests that read the source.
        #[cfg(test)]
        pub(crate) const BY_NAME: &[(&str, &Op)] = &[$((stringify!($name), &$name)),*];
    };
}

ops! {
    // DynamoDB: tables and their settings.
    DESCRIBE_TABLE: "dynamodb" "DescribeTable" => "dynamodb:DescribeTable" on Table;
    CREATE_TABLE: "dynamodb" "CreateTable" => "dynamodb:CreateTable" on Table;
    DELETE_TABLE: "dynamodb" "DeleteTable" => "dynamodb:DeleteTable" on Table;
    UPDATE_TABLE: "dynamodb" "UpdateTable" => "dynamodb:UpdateTable" on Table;
    DESCRIBE_TIME_TO_LIVE: "dynamodb" "DescribeTimeToLive" => "dynamodb:DescribeTimeToLive" on Table;
    UPDATE_TIME_TO_LIVE: "dynamodb" "UpdateTimeToLive" => "dynamodb:UpdateTimeToLive" on Table;
    DESCRIBE_CONTINUOUS_BACKUPS: "dynamodb" "DescribeContinuousBackups" => "dynamodb:DescribeContinuousBackups" on Table;
    UPDATE_CONTINUOUS_BACKUPS: "dynamodb" "UpdateContinuousBackups" => "dynamodb:UpdateContinuousBackups" on Table;
    LIST_TAGS_OF_RESOURCE: "dynamodb" "ListTagsOfResource" => "dynamodb:ListTagsOfResource" on Table;
    TAG_RESOURCE: "dynamodb" "TagResource" => "dynamodb:TagResource" on Table;
    // A table's or a stream's resource-based policy (the stream's is its own).
    GET_RESOURCE_POLICY: "dynamodb" "GetResourcePolicy" => "dynamodb:GetResourcePolicy" on TableOrStream;
    PUT_RESOURCE_POLICY: "dynamodb" "PutResourcePolicy" => "dynamodb:PutResourcePolicy" on TableOrStream;
    DELETE_RESOURCE_POLICY: "dynamodb" "DeleteResourcePolicy" => "dynamodb:DeleteResourcePolicy" on TableOrStream;
    DESCRIBE_CONTRIBUTOR_INSIGHTS: "dynamodb" "DescribeContributorInsights" => "dynamodb:DescribeContributorInsights" on Table;
    UPDATE_CONTRIBUTOR_INSIGHTS: "dynamodb" "UpdateContributorInsights" => "dynamodb:UpdateContributorInsights" on Table;
    // `dr retire`: an on-demand backup before the table is deleted.
    CREATE_BACKUP: "dynamodb" "CreateBackup" => "dynamodb:CreateBackup" on Table;
    // Its resource is the backup ARN, known only once it exists: granted on `*`.
    DESCRIBE_BACKUP: "dynamodb" "DescribeBackup" => "dynamodb:DescribeBackup" on Any;
    RESTORE_TABLE_TO_POINT_IN_TIME: "dynamodb" "RestoreTableToPointInTime" => "dynamodb:RestoreTableToPointInTime" on Table;
    // DynamoDB: items.
    GET_ITEM: "dynamodb" "GetItem" => "dynamodb:GetItem" on Table;
    PUT_ITEM: "dynamodb" "PutItem" => "dynamodb:PutItem" on Table;
    DELETE_ITEM: "dynamodb" "DeleteItem" => "dynamodb:DeleteItem" on Table;
    UPDATE_ITEM: "dynamodb" "UpdateItem" => "dynamodb:UpdateItem" on Table;
    QUERY: "dynamodb" "Query" => "dynamodb:Query" on Table;
    SCAN: "dynamodb" "Scan" => "dynamodb:Scan" on Table;
    BATCH_GET_ITEM: "dynamodb" "BatchGetItem" => "dynamodb:BatchGetItem" on Table;
    BATCH_WRITE_ITEM: "dynamodb" "BatchWriteItem" => "dynamodb:BatchWriteItem" on Table;
    // A batch of PartiQL statements is authorised statement by statement: the tool sends only
    // INSERTs. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-iam.html
    BATCH_EXECUTE_STATEMENT: "dynamodb" "BatchExecuteStatement" => "dynamodb:PartiQLInsert" on Table;
    // DynamoDB: PITR exports.
    EXPORT_TABLE_TO_POINT_IN_TIME: "dynamodb" "ExportTableToPointInTime" => "dynamodb:ExportTableToPointInTime" on Table;
    DESCRIBE_EXPORT: "dynamodb" "DescribeExport" => "dynamodb:DescribeExport" on Export;
    LIST_EXPORTS: "dynamodb" "ListExports" => "dynamodb:ListExports" on Any;
    // DynamoDB Streams: its own endpoint, DynamoDB's actions.
    DESCRIBE_STREAM: "dynamodbstreams" "DescribeStream" => "dynamodb:DescribeStream" on Stream;
    GET_SHARD_ITERATOR: "dynamodbstreams" "GetShardIterator" => "dynamodb:GetShardIterator" on Stream;
    GET_RECORDS: "dynamodbstreams" "GetRecords" => "dynamodb:GetRecords" on Stream;
    // CloudWatch.
    GET_METRIC_DATA: "cloudwatch" "GetMetricData" => "cloudwatch:GetMetricData" on Any;
    DESCRIBE_ALARMS: "cloudwatch" "DescribeAlarms" => "cloudwatch:DescribeAlarms" on Alarm;
    DESCRIBE_ALARM_HISTORY: "cloudwatch" "DescribeAlarmHistory" => "cloudwatch:DescribeAlarmHistory" on Alarm;
    PUT_METRIC_ALARM: "cloudwatch" "PutMetricAlarm" => "cloudwatch:PutMetricAlarm" on Alarm;
    SET_ALARM_STATE: "cloudwatch" "SetAlarmState" => "cloudwatch:SetAlarmState" on Alarm;
    PUT_DASHBOARD: "cloudwatch" "PutDashboard" => "cloudwatch:PutDashboard" on Dashboard;
    GET_DASHBOARD: "cloudwatch" "GetDashboard" => "cloudwatch:GetDashboard" on Dashboard;
    DELETE_DASHBOARDS: "cloudwatch" "DeleteDashboards" => "cloudwatch:DeleteDashboards" on Dashboard;
    DELETE_ALARMS: "cloudwatch" "DeleteAlarms" => "cloudwatch:DeleteAlarms" on Alarm;
    GET_INSIGHT_RULE_REPORT: "cloudwatch" "GetInsightRuleReport" => "cloudwatch:GetInsightRuleReport" on InsightRule;
    // CloudWatch Logs Insights.
    DESCRIBE_LOG_GROUPS: "logs" "DescribeLogGroups" => "logs:DescribeLogGroups" on LogGroup;
    START_QUERY: "logs" "StartQuery" => "logs:StartQuery" on LogGroup;
    GET_QUERY_RESULTS: "logs" "GetQueryResults" => "logs:GetQueryResults" on Any;
    STOP_QUERY: "logs" "StopQuery" => "logs:StopQuery" on Any;
    // SNS: who an alarm's topic pages.
    GET_TOPIC_ATTRIBUTES: "sns" "GetTopicAttributes" => "sns:GetTopicAttributes" on Topic;
    LIST_SUBSCRIPTIONS_BY_TOPIC: "sns" "ListSubscriptionsByTopic" => "sns:ListSubscriptionsByTopic" on Topic;
    // STS: who the caller is. No permission is needed ([`NO_PERMISSION`]).
    GET_CALLER_IDENTITY: "sts" "GetCallerIdentity" => "sts:GetCallerIdentity" on Any;
    // Lambda.
    LIST_EVENT_SOURCE_MAPPINGS: "lambda" "ListEventSourceMappings" => "lambda:ListEventSourceMappings" on Any;
    GET_FUNCTION: "lambda" "GetFunction" => "lambda:GetFunction" on Function;
    // The functions that use the table (`aws::lambda::table_users`): ListFunctions has no
    // resource-level permissions.
    LIST_FUNCTIONS: "lambda" "ListFunctions" => "lambda:ListFunctions" on Any;
    GET_FUNCTION_CONFIGURATION: "lambda" "GetFunctionConfiguration" => "lambda:GetFunctionConfiguration" on Function;
    // IAM: the roles of the functions that use the table, their policies and access advisor.
    // IAM is global; its actions are granted on roles and policies by ARN, except
    // GetServiceLastAccessedDetails, which reads a job by its id (no resource-level permissions).
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
    GET_ROLE: "iam" "GetRole" => "iam:GetRole" on Role;
    LIST_ROLE_POLICIES: "iam" "ListRolePolicies" => "iam:ListRolePolicies" on Role;
    GET_ROLE_POLICY: "iam" "GetRolePolicy" => "iam:GetRolePolicy" on Role;
    LIST_ATTACHED_ROLE_POLICIES: "iam" "ListAttachedRolePolicies" => "iam:ListAttachedRolePolicies" on Role;
    GET_POLICY: "iam" "GetPolicy" => "iam:GetPolicy" on Policy;
    GET_POLICY_VERSION: "iam" "GetPolicyVersion" => "iam:GetPolicyVersion" on Policy;
    GENERATE_SERVICE_LAST_ACCESSED_DETAILS: "iam" "GenerateServiceLastAccessedDetails" => "iam:GenerateServiceLastAccessedDetails" on Role;
    GET_SERVICE_LAST_ACCESSED_DETAILS: "iam" "GetServiceLastAccessedDetails" => "iam:GetServiceLastAccessedDetails" on Any;
    // `dr cutover` / `dr rollback`: the functions that name the table, their one variable, and
    // the mappings on the streams. ListFunctions and the event source mapping actions take no
    // function ARN as their resource (a mapping's own ARN is its UUID, unknown before it exists).
    UPDATE_FUNCTION_CONFIGURATION: "lambda" "UpdateFunctionConfiguration" => "lambda:UpdateFunctionConfiguration" on Function;
    CREATE_EVENT_SOURCE_MAPPING: "lambda" "CreateEventSourceMapping" => "lambda:CreateEventSourceMapping" on Any;
    UPDATE_EVENT_SOURCE_MAPPING: "lambda" "UpdateEventSourceMapping" => "lambda:UpdateEventSourceMapping" on Any;
    GET_EVENT_SOURCE_MAPPING: "lambda" "GetEventSourceMapping" => "lambda:GetEventSourceMapping" on Any;
    // `dr-drill --cutover`: the drill's own functions and mappings, created and deleted by it
    // (CreateFunction also needs iam:PassRole on the role given with --role).
    CREATE_FUNCTION: "lambda" "CreateFunction" => "lambda:CreateFunction" on Function;
    DELETE_FUNCTION: "lambda" "DeleteFunction" => "lambda:DeleteFunction" on Function;
    DELETE_EVENT_SOURCE_MAPPING: "lambda" "DeleteEventSourceMapping" => "lambda:DeleteEventSourceMapping" on Any;
    // The log group Lambda made for a drill function (`/aws/lambda/NAME`).
    DELETE_LOG_GROUP: "logs" "DeleteLogGroup" => "logs:DeleteLogGroup" on LogGroup;
    // The consumer's log group: the canary's delivery, proven by content.
    FILTER_LOG_EVENTS: "logs" "FilterLogEvents" => "logs:FilterLogEvents" on LogGroup;
    // IAM: whether a function's role may act on the cutover's target, and the grant that lets it.
    SIMULATE_PRINCIPAL_POLICY: "iam" "SimulatePrincipalPolicy" => "iam:SimulatePrincipalPolicy" on Role;
    PUT_ROLE_POLICY: "iam" "PutRolePolicy" => "iam:PutRolePolicy" on Role;
    DELETE_ROLE_POLICY: "iam" "DeleteRolePolicy" => "iam:DeleteRolePolicy" on Role;
    // Cost Explorer (one endpoint per partition): no resource-level permissions for these.
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscostexplorerservice.html
    GET_COST_AND_USAGE: "ce" "GetCostAndUsage" => "ce:GetCostAndUsage" on Any;
    LIST_COST_ALLOCATION_TAGS: "ce" "ListCostAllocationTags" => "ce:ListCostAllocationTags" on Any;
    // Application Auto Scaling: a provisioned table's (and its GSIs') scaling targets and
    // target-tracking policies. No resource-level permissions for the Describe actions.
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_applicationautoscaling.html
    DESCRIBE_SCALABLE_TARGETS: "application-autoscaling" "DescribeScalableTargets" => "application-autoscaling:DescribeScalableTargets" on Any;
    DESCRIBE_SCALING_POLICIES: "application-autoscaling" "DescribeScalingPolicies" => "application-autoscaling:DescribeScalingPolicies" on Any;
    // CloudTrail event history.
    LOOKUP_EVENTS: "cloudtrail" "LookupEvents" => "cloudtrail:LookupEvents" on Any;
    // S3: an export's manifest and data files. ListObjectsV2 is authorised by ListBucket.
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
    GET_OBJECT: "s3" "GetObject" => "s3:GetObject" on Bucket;
    LIST_OBJECTS_V2: "s3" "ListObjectsV2" => "s3:ListBucket" on Bucket;
    // Athena and Glue: an export queried in SQL.
    GET_WORK_GROUP: "athena" "GetWorkGroup" => "athena:GetWorkGroup" on Workgroup;
    START_QUERY_EXECUTION: "athena" "StartQueryExecution" => "athena:StartQueryExecution" on Workgroup;
    GET_QUERY_EXECUTION: "athena" "GetQueryExecution" => "athena:GetQueryExecution" on Workgroup;
    GET_ATHENA_QUERY_RESULTS: "athena" "GetQueryResults" => "athena:GetQueryResults" on Workgroup;
    CREATE_GLUE_DATABASE: "glue" "CreateDatabase" => "glue:CreateDatabase" on GlueCatalog;
    CREATE_GLUE_TABLE: "glue" "CreateTable" => "glue:CreateTable" on GlueCatalog;
    // `--publish-metrics`: PutMetricData has no resource-level permission.
    PUT_METRIC_DATA: "cloudwatch" "PutMetricData" => "cloudwatch:PutMetricData" on Any;
}

/// Operations any caller may call without a permission: never in a policy.
/// <https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html>
pub const NO_PERMISSION: &[&Op] = &[&GET_CALLER_IDENTITY];

/// A restore writes its new table as the caller: DynamoDB checks read and write permissions on
/// the target. <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_IAM.html>
pub const RESTORE_WRITES_TARGET: OnBehalf = OnBehalf {
    of: &RESTORE_TABLE_TO_POINT_IN_TIME,
    actions: &[
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:GetItem",
        "dynamodb:Query",
        "dynamodb:Scan",
        "dynamodb:BatchWriteItem",
    ],
    resource: Resource::Table,
};

/// A table created with tags needs TagResource too.
/// <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.Operations.html>
pub const CREATE_TAGS: OnBehalf = OnBehalf {
    of: &CREATE_TABLE,
    actions: &["dynamodb:TagResource"],
    resource: Resource::Table,
};

/// DynamoDB writes an export into the bucket with the caller's permissions.
/// <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport_Requesting.html>
pub const EXPORT_WRITES_BUCKET: OnBehalf = OnBehalf {
    of: &EXPORT_TABLE_TO_POINT_IN_TIME,
    actions: &["s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl"],
    resource: Resource::Bucket,
};

/// Athena reads the table's definition from Glue as the caller...
/// <https://docs.aws.amazon.com/athena/latest/ug/managed-policies.html>
pub const ATHENA_READS_CATALOG: OnBehalf = OnBehalf {
    of: &START_QUERY_EXECUTION,
    actions: &["glue:GetDatabase", "glue:GetTable"],
    resource: Resource::GlueCatalog,
};

/// ...and writes its results to S3 as the caller (it reads the data files with the
/// `s3:GetObject` and `s3:ListBucket` the tool's own reads of the export need).
pub const ATHENA_WRITES_RESULTS: OnBehalf = OnBehalf {
    of: &START_QUERY_EXECUTION,
    actions: &["s3:GetBucketLocation", "s3:PutObject"],
    resource: Resource::Bucket,
};

/// Enabling Contributor Insights the first time creates its service-linked role.
/// <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/contributorinsights_HowItWorks.html>
pub const INSIGHTS_ROLE: OnBehalf = OnBehalf {
    of: &UPDATE_CONTRIBUTOR_INSIGHTS,
    actions: &["iam:CreateServiceLinkedRole"],
    resource: Resource::Role,
};

/// Creating a function hands it its execution role: the caller needs iam:PassRole on that role.
/// <https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html>
pub const FUNCTION_ROLE: OnBehalf = OnBehalf {
    of: &CREATE_FUNCTION,
    actions: &["iam:PassRole"],
    resource: Resource::Role,
};

/// The operation the call log names `service:operation`, if it is declared.
pub fn find(service: &str, operation: &str) -> Option<&'static Op> {
    ALL.iter()
        .copied()
        .find(|op| op.service == service && op.operation == operation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operation_is_declared_once_with_an_action_of_its_service() {
        let mut seen = std::collections::BTreeSet::new();
        for op in ALL {
            assert!(seen.insert((op.service, op.operation)), "{op:?} twice");
            let prefix = match op.service {
                "dynamodbstreams" => "dynamodb",
                s => s,
            };
            assert!(op.action.starts_with(&format!("{prefix}:")), "{op:?}");
            assert_eq!(find(op.service, op.operation), Some(*op));
        }
        assert_eq!(find("dynamodb", "TransactWriteItems"), None);
    }
}
