//! IAM statements with every kind of finding, the least-privilege policy parsed back, access
//! advisor present, absent and partial, roles that cannot be read.

use chrono::{Duration, TimeZone};
use serde_json::json;

use super::*;
use crate::report::Status;

const ARN: &str = "arn:aws:dynamodb:us-east-1:123456789012:table/events";

fn target() -> Target {
    Target {
        table: TableTarget::new(ARN).unwrap(),
        indexes: vec!["EventTypeIndex".into(), "StatusIndex".into()],
        stream_arn: Some(format!("{ARN}/stream/2000-01-01T00:00:00.000")),
    }
}

// clock-free: the audit takes the report's own "now".
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2000, 6, 1, 0, 0, 0).unwrap()
}

fn inline(name: &str, doc: &str) -> PolicyInput {
    PolicyInput {
        name: name.into(),
        source: PolicySource::Inline,
        document: Ok(doc.into()),
    }
}

fn role(kind: RoleKind, policies: Vec<PolicyInput>) -> RoleInput {
    RoleInput {
        name: "r".into(),
        arn: "arn:aws:iam::123456789012:role/r".into(),
        kind,
        functions: vec!["f".into()],
        extra_needs: vec![],
        policies: Ok(policies),
        created: None,
        advisor: Err("not generated in this test".into()),
    }
}

fn doc(statements: serde_json::Value) -> String {
    json!({"Version": "2012-10-17", "Statement": statements}).to_string()
}

/// The least-privilege statements of the API role, as a person would write them.
fn api_ok() -> serde_json::Value {
    json!([
        {"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": ARN},
        {"Effect": "Allow", "Action": "dynamodb:Query", "Resource": format!("{ARN}/index/*")}
    ])
}

fn run(r: &RoleInput) -> Vec<Finding> {
    audit_role(&target(), r).1
}

/// The worst status among the findings of `check` (`iam.destructive`), and their summaries.
fn verdict(findings: &[Finding], check: &str) -> (Status, String) {
    let mine: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.check.to_string() == format!("{check}.r"))
        .collect();
    assert!(!mine.is_empty(), "no {check} in {findings:#?}");
    (
        Status::worst(mine.iter().map(|f| f.status)),
        mine.iter()
            .map(|f| f.summary.clone())
            .collect::<Vec<_>>()
            .join(" | "),
    )
}

#[test]
fn statements_with_every_kind_of_finding() {
    use RoleKind::*;
    use Status::*;
    let table_and_indexes = json!([ARN, format!("{ARN}/index/*")]);
    type Case<'a> = (RoleKind, serde_json::Value, Vec<(&'a str, Status, &'a str)>);
    let cases: Vec<Case> = vec![
        (
            Api,
            api_ok(),
            vec![
                ("iam.wildcard_action", Ok, "no wildcard"),
                ("iam.wildcard_resource", Ok, "only on the events table"),
                ("iam.destructive", Ok, "no destructive"),
                ("iam.unneeded", Ok, "nothing on the table beyond"),
                ("iam.needed", Ok, "allowed all 5 permissions"),
            ],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": "dynamodb:*", "Resource": table_and_indexes}]),
            vec![
                ("iam.wildcard_action", Warn, "allows dynamodb:* ("),
                ("iam.destructive", Crit, "DeleteTable"),
                ("iam.unneeded", Warn, "admin"),
                ("iam.wildcard_resource", Ok, ""),
                ("iam.needed", Ok, ""),
            ],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
            vec![
                ("iam.wildcard_action", Crit, "every action of every service"),
                (
                    "iam.wildcard_resource",
                    Warn,
                    "every resource of every service",
                ),
                ("iam.destructive", Crit, "BatchWriteItem"),
                (
                    "iam.escalation",
                    Crit,
                    "iam:AddUserToGroup, iam:AttachGroupPolicy",
                ),
            ],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]),
            vec![
                ("iam.not_action", Crit, "allows every action except iam:*"),
                // Excepting IAM still leaves STS and Lambda's ways up.
                (
                    "iam.escalation",
                    Crit,
                    "allows lambda:UpdateFunctionCode, sts:AssumeRole",
                ),
            ],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:*:*:table/*"}]),
            vec![
                (
                    "iam.wildcard_resource",
                    Warn,
                    "every table in every Region, every account",
                ),
                ("iam.wildcard_action", Ok, ""),
                ("iam.needed", Ok, ""),
            ],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/*"}]),
            vec![(
                "iam.wildcard_resource",
                Warn,
                "every table of the account and Region",
            )],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:DeleteItem"], "Resource": ARN}]),
            vec![
                ("iam.destructive", Crit, "can DeleteItem on"),
                (
                    "iam.needed",
                    Crit,
                    "not allowed dynamodb:GetItem on arn:aws:dynamodb:us-east-1:123456789012:table/events",
                ),
            ],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": ARN}]),
            vec![
                ("iam.destructive", Crit, "can BatchWriteItem"),
                // Query on the table does not reach its indexes.
                (
                    "iam.needed",
                    Crit,
                    "dynamodb:Query on arn:aws:dynamodb:us-east-1:123456789012:table/events/index/EventTypeIndex",
                ),
            ],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": "dynamodb:DeleteTable", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/other"}]),
            vec![
                (
                    "iam.destructive",
                    Crit,
                    "can DeleteTable on arn:aws:dynamodb:us-east-1:123456789012:table/other",
                ),
                ("iam.unneeded", Ok, ""),
            ],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": "dynamodb:Get*", "Resource": ARN}]),
            vec![(
                "iam.wildcard_action",
                Warn,
                "GetItem, GetRecords, GetResourcePolicy, GetShardIterator",
            )],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": ["iam:PassRole", "lambda:InvokeFunction"], "Resource": "*"}]),
            vec![
                (
                    "iam.escalation",
                    Crit,
                    "allows iam:PassRole: with it the role can grant itself any permission",
                ),
                ("iam.wildcard_resource", Ok, ""),
            ],
        ),
        (
            Consumer,
            json!([
                {"Effect": "Allow", "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], "Resource": format!("{ARN}/stream/*")},
                {"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:DescribeTable"], "Resource": ARN}
            ]),
            vec![
                (
                    "iam.unneeded",
                    Warn,
                    "grants what a stream consumer role does not need: write PutItem; read DescribeTable",
                ),
                ("iam.needed", Ok, "allowed all 4"),
            ],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": table_and_indexes,
                      "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}]),
            vec![("iam.needed", Warn, "only under a Condition")],
        ),
        (
            Api,
            json!([
                {"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": table_and_indexes},
                {"Effect": "Deny", "Action": "dynamodb:PutItem", "Resource": "*"}
            ]),
            vec![("iam.needed", Crit, "denied what it needs: dynamodb:PutItem")],
        ),
        (
            Api,
            json!([{"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], "NotResource": "arn:aws:s3:::logs/*"}]),
            vec![(
                "iam.wildcard_resource",
                Warn,
                "every resource except arn:aws:s3:::logs/*",
            )],
        ),
    ];
    for (kind, statements, expected) in cases {
        let findings = run(&role(kind, vec![inline("p", &doc(statements.clone()))]));
        for (check, status, words) in expected {
            let (got, summary) = verdict(&findings, check);
            assert_eq!(got, status, "{statements}: {check}: {summary}");
            assert!(
                summary.contains(words),
                "{statements}: {check}: {summary:?} lacks {words:?}"
            );
        }
    }
}

#[test]
fn each_finding_names_the_role_policy_and_statement_and_carries_the_least_privilege_policy() {
    let r = role(
        RoleKind::Api,
        vec![inline(
            "events-api",
            &doc(json!([
                {"Sid": "Reads", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": ARN},
                {"Sid": "Everything", "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}
            ])),
        )],
    );
    let findings = run(&r);
    let f = findings
        .iter()
        .find(|f| f.check.to_string() == "iam.destructive.r")
        .unwrap();
    assert!(
        f.summary
            .starts_with("r: policy events-api (inline), statement 2 (\"Everything\")"),
        "{}",
        f.summary
    );
    assert_eq!(f.evidence["statement"], 2);
    assert_eq!(f.evidence["sid"], "Everything");
    let remedy = f.remedy.as_ref().unwrap();
    let policy_text = &remedy[remedy.find('{').unwrap()..];
    let parsed = policy::parse(policy_text).unwrap();
    assert!(parsed.iter().any(|s| s.covers("dynamodb:PutItem", ARN)));
}

#[test]
fn the_least_privilege_policy_of_each_kind_passes_its_own_audit() {
    for (kind, extra) in [
        (RoleKind::Api, vec![]),
        (RoleKind::Consumer, vec![]),
        (RoleKind::Api, vec!["dynamodb:BatchWriteItem".to_owned()]),
    ] {
        let needs = kind.needs(&extra);
        let policy = needs::least_privilege(&needs, &target().table);
        let text = policy.to_string();
        // Well under IAM's 6,144 characters for a managed policy.
        assert!(text.len() < 1000, "{text}");
        let mut r = role(kind, vec![inline("least", &text)]);
        r.extra_needs = extra.clone();
        let findings = run(&r);
        let bad: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.status != Status::Ok && f.check.to_string() != "iam.unused.r")
            .collect();
        assert!(bad.is_empty(), "{kind:?} {extra:?}: {bad:#?}");
        // It grants nothing else: no destructive or unneeded action on the table.
        let statements = policy::parse(&text).unwrap();
        assert!(
            !statements
                .iter()
                .any(|s| s.covers("dynamodb:DeleteItem", ARN))
        );
        assert!(!statements.iter().any(|s| s.covers("dynamodb:Scan", ARN)));
    }
}

#[test]
fn the_aws_managed_lambda_dynamodb_role_reads_every_stream() {
    // AWSLambdaDynamoDBExecutionRole, as GetPolicyVersion returns it.
    let managed = PolicyInput {
        name: "AWSLambdaDynamoDBExecutionRole".into(),
        source: PolicySource::Managed {
            arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole".into(),
        },
        document: Ok(doc(json!([{"Effect": "Allow", "Action": [
            "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams",
            "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]))),
    };
    let findings = run(&role(RoleKind::Consumer, vec![managed]));
    let (status, summary) = verdict(&findings, "iam.wildcard_resource");
    assert_eq!(status, Status::Warn);
    assert!(
        summary.contains("AWSLambdaDynamoDBExecutionRole (managed)"),
        "{summary}"
    );
    assert_eq!(verdict(&findings, "iam.destructive").0, Status::Ok);
    assert_eq!(verdict(&findings, "iam.needed").0, Status::Ok);
}

#[test]
fn an_unconditional_deny_takes_back_what_it_covers() {
    let statements = json!([
        {"Effect": "Allow", "Action": "dynamodb:*", "Resource": ARN},
        {"Effect": "Deny", "Action": ["dynamodb:Delete*", "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete"], "Resource": "*"},
        {"Effect": "Deny", "Action": "dynamodb:UpdateTable", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}
    ]);
    let findings = run(&role(RoleKind::Api, vec![inline("p", &doc(statements))]));
    let (status, summary) = verdict(&findings, "iam.destructive");
    assert_eq!(status, Status::Crit);
    // The conditional Deny does not count; the unconditional one removes the deletes.
    assert!(summary.contains("UpdateTable"), "{summary}");
    assert!(
        !summary.contains("DeleteTable") && !summary.contains("DeleteItem"),
        "{summary}"
    );
    assert!(!summary.contains("BatchWriteItem"), "{summary}");
}

#[test]
fn an_extra_need_is_not_a_finding() {
    let statements = json!([{"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": [ARN, format!("{ARN}/index/*")]}]);
    let mut r = role(RoleKind::Api, vec![inline("p", &doc(statements))]);
    r.extra_needs = vec!["dynamodb:BatchWriteItem".into()];
    let findings = run(&r);
    assert_eq!(verdict(&findings, "iam.destructive").0, Status::Ok);
    assert_eq!(verdict(&findings, "iam.unneeded").0, Status::Ok);
    assert_eq!(verdict(&findings, "iam.needed").0, Status::Ok);
}

#[test]
fn a_role_that_cannot_be_read_is_unknown_never_ok() {
    let mut r = role(RoleKind::Api, vec![]);
    r.policies = Err("AccessDenied: iam:ListRolePolicies".into());
    let (data, findings) = audit_role(&target(), &r);
    assert!(!data.read);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].status, Status::Unknown);
    assert!(
        findings[0]
            .summary
            .contains("could not be read (AccessDenied")
    );
    assert_eq!(findings[0].runbook.as_deref(), Some(RUNBOOK));

    // One managed policy unreadable: what is read is judged, the rest is unknown.
    let unreadable = PolicyInput {
        name: "shared".into(),
        source: PolicySource::Managed {
            arn: "arn:aws:iam::123456789012:policy/shared".into(),
        },
        document: Err("AccessDenied: iam:GetPolicyVersion".into()),
    };
    let partial = role(
        RoleKind::Api,
        vec![
            inline(
                "p",
                &doc(json!([{"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": ARN}])),
            ),
            unreadable,
        ],
    );
    let findings = run(&partial);
    assert_eq!(verdict(&findings, "iam.role").0, Status::Unknown);
    let (status, summary) = verdict(&findings, "iam.needed");
    assert_eq!(status, Status::Unknown, "{summary}");
    assert!(summary.contains("the unreadable ones may"));
    let broken = role(RoleKind::Api, vec![inline("p", "{\"Statement\": 5}")]);
    let (status, summary) = verdict(&run(&broken), "iam.role");
    assert_eq!(status, Status::Unknown);
    assert!(summary.contains("not a valid IAM policy"), "{summary}");
}

fn advisor_report(
    actions: Option<Vec<(&str, Option<i64>)>>,
    service_days_ago: i64,
) -> AccessAdvisor {
    AccessAdvisor {
        generated: now(),
        services: vec![ServiceUse {
            namespace: "dynamodb".into(),
            last_authenticated: Some(now() - Duration::days(service_days_ago)),
            actions: actions.map(|list| {
                list.into_iter()
                    .map(|(a, d)| ActionUse {
                        action: a.into(),
                        last_accessed: d.map(|d| now() - Duration::days(d)),
                        region: None,
                    })
                    .collect()
            }),
        }],
    }
}

#[test]
fn unused_permissions_with_access_advisor_present_absent_and_partial() {
    let statements = json!([
        {"Sid": "Api", "Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": [ARN, format!("{ARN}/index/*")]},
        {"Sid": "Old", "Effect": "Allow", "Action": "dynamodb:Scan", "Resource": ARN}
    ]);
    let base = role(RoleKind::Api, vec![inline("p", &doc(statements))]);

    let mut present = base.clone();
    present.advisor = Ok(advisor_report(
        Some(vec![
            ("PutItem", Some(1)),
            ("GetItem", Some(2)),
            ("Query", Some(1)),
            ("Scan", Some(200)),
        ]),
        1,
    ));
    let (status, summary) = verdict(&run(&present), "iam.unused");
    assert_eq!(status, Status::Warn);
    assert!(
        summary.contains("dynamodb:Scan granted and not used in 90 days (policy p statement 2)"),
        "{summary}"
    );

    let absent = base.clone();
    let (status, summary) = verdict(&run(&absent), "iam.unused");
    assert_eq!(status, Status::Unknown);
    assert!(summary.contains("access advisor is not available: not generated in this test"));

    let mut partial = base.clone();
    partial.advisor = Ok(advisor_report(None, 3));
    let (status, summary) = verdict(&run(&partial), "iam.unused");
    assert_eq!(status, Status::Ok);
    assert!(summary.contains("per service only"), "{summary}");

    let mut idle = base.clone();
    idle.advisor = Ok(advisor_report(None, 150));
    let (status, summary) = verdict(&run(&idle), "iam.unused");
    assert_eq!(status, Status::Warn);
    assert!(
        summary.contains("dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query, dynamodb:Scan"),
        "{summary}"
    );

    let mut young = present.clone();
    young.created = Some(now() - Duration::days(20));
    let (status, summary) = verdict(&run(&young), "iam.unused");
    assert_eq!(status, Status::Ok);
    assert!(summary.contains("the role is 20 days old"), "{summary}");
}

#[test]
fn statements_outside_dynamodb_are_not_judged_and_data_keys_are_stable() {
    let statements = json!([
        {"Effect": "Allow", "Action": "logs:*", "Resource": "*"},
        {"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": [ARN, format!("{ARN}/index/*")]}
    ]);
    let (audit, findings) = audit(
        &target(),
        &[role(RoleKind::Api, vec![inline("p", &doc(statements))])],
    );
    assert_eq!(audit.roles[0].statements.len(), 1);
    assert_eq!(audit.roles[0].statements[0].statement, 2);
    assert!(
        findings
            .iter()
            .all(|f| f.status == Status::Ok || f.check.to_string() == "iam.unused.r")
    );
    let v = serde_json::to_value(&audit).unwrap();
    let keys: Vec<&String> = v["roles"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "role",
            "arn",
            "kind",
            "functions",
            "read",
            "policies",
            "statements",
            "needs",
            "unused",
            "least_privilege"
        ]
    );
    // Both indexes and the table are checked, each by name.
    let needs = &audit.roles[0].needs;
    assert_eq!(needs.len(), 5);
    assert!(
        needs
            .iter()
            .any(|n| n.resource.ends_with("/index/StatusIndex") && n.grant == Grant::Allowed)
    );
}
