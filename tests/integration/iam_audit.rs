//! `iam audit` on the emulator: real roles (inline, customer-managed and AWS-managed policies,
//! whose documents IAM sends URL-encoded), real Lambda functions that use the table (by their
//! variable, by an event source mapping on its stream) and one that does not, and a role the
//! caller may not read (the fault proxy answers AccessDenied for it). Access advisor on the
//! emulator is the patch layer's (docs/emulator.md): the services each role's policies allow, used
//! only by what the emulator really did as that role; an empty report (unknown, never "unused")
//! and action-level data are in `recorded/iam.rs`.

use std::io::Write;

use serde_json::Value;

use crate::common::{self, Proxy, World};

const ACCOUNT: &str = "000000000000";

fn iam_client(conf: &aws_config::SdkConfig) -> aws_sdk_iam::Client {
    aws_sdk_iam::Client::new(conf)
}

const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

/// The roles and policies a test made (IAM is not cleaned up by the World): deleted on drop.
struct Roles {
    conf: aws_config::SdkConfig,
    roles: Vec<(String, Vec<String>, Vec<String>)>,
    policies: Vec<String>,
}

impl Drop for Roles {
    fn drop(&mut self) {
        let conf = self.conf.clone();
        let roles = std::mem::take(&mut self.roles);
        let policies = std::mem::take(&mut self.policies);
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let iam = iam_client(&conf);
                for (role, inline, attached) in roles {
                    for p in inline {
                        let _ = iam
                            .delete_role_policy()
                            .role_name(&role)
                            .policy_name(p)
                            .send()
                            .await;
                    }
                    for arn in attached {
                        let _ = iam
                            .detach_role_policy()
                            .role_name(&role)
                            .policy_arn(arn)
                            .send()
                            .await;
                    }
                    let _ = iam.delete_role().role_name(&role).send().await;
                }
                for arn in policies {
                    let _ = iam.delete_policy().policy_arn(arn).send().await;
                }
            });
        })
        .join();
    }
}

impl Roles {
    async fn role(&mut self, name: &str, inline: &[(&str, Value)], attached: &[&str]) -> String {
        let iam = iam_client(&self.conf);
        let arn = iam
            .create_role()
            .role_name(name)
            .assume_role_policy_document(TRUST)
            .send()
            .await
            .expect("CreateRole")
            .role
            .unwrap()
            .arn;
        for (p, doc) in inline {
            iam.put_role_policy()
                .role_name(name)
                .policy_name(*p)
                .policy_document(doc.to_string())
                .send()
                .await
                .expect("PutRolePolicy");
        }
        for a in attached {
            iam.attach_role_policy()
                .role_name(name)
                .policy_arn(*a)
                .send()
                .await
                .expect("AttachRolePolicy");
        }
        self.roles.push((
            name.to_owned(),
            inline.iter().map(|(p, _)| (*p).to_owned()).collect(),
            attached.iter().map(|a| (*a).to_owned()).collect(),
        ));
        arn
    }

    async fn managed(&mut self, name: &str, doc: Value) -> String {
        let arn = iam_client(&self.conf)
            .create_policy()
            .policy_name(name)
            .policy_document(doc.to_string())
            .send()
            .await
            .expect("CreatePolicy")
            .policy
            .unwrap()
            .arn
            .unwrap();
        self.policies.push(arn.clone());
        arn
    }
}

/// A Python function running as `role`, with `env` as its environment.
async fn function(w: &World, name: &str, role: &str, env: &[(&str, &str)]) {
    let mut zip = common::zip_one("h.py", "def handler(event, context):\n    return {}\n");
    zip.flush().unwrap();
    let mut vars = aws_sdk_lambda::types::Environment::builder();
    for (k, v) in env {
        vars = vars.variables(*k, *v);
    }
    w.lambda()
        .await
        .create_function()
        .function_name(name)
        .runtime(aws_sdk_lambda::types::Runtime::Python312)
        .role(role)
        .handler("h.handler")
        .environment(vars.build())
        .code(
            aws_sdk_lambda::types::FunctionCode::builder()
                .zip_file(aws_smithy_types::Blob::new(zip.into_inner()))
                .build(),
        )
        .send()
        .await
        .expect("CreateFunction");
}

fn status(r: &common::Run, check: &str) -> String {
    r.finding(check)["status"].as_str().unwrap().to_owned()
}

/// The API's role: an inline `dynamodb:*` on every table of the account and a customer-managed
/// least-privilege policy; the consumer's: AWS's AWSLambdaDynamoDBExecutionRole (stream reads on
/// `*`); a third function names another table.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn iam_audit_judges_the_roles_of_the_functions_that_use_the_table() {
    let w = World::new("iam-audit");
    w.create_table();
    let table = w.table();
    let table_arn = format!("arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/{table}");
    let mut roles = Roles {
        conf: w.sdk_config().await,
        roles: Vec::new(),
        policies: Vec::new(),
    };
    let env = w.env.clone();
    let least = roles
        .managed(
            &format!("{env}-api-least"),
            serde_json::json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], "Resource": [&table_arn, format!("{table_arn}/index/*")]}
            ]}),
        )
        .await;
    let api_role = roles
        .role(
            &format!("{env}-api"),
            &[(
                "everything",
                serde_json::json!({"Version": "2012-10-17", "Statement": [
                    {"Sid": "All", "Effect": "Allow", "Action": "dynamodb:*", "Resource": format!("arn:aws:dynamodb:*:{ACCOUNT}:table/*")}
                ]}),
            )],
            &[&least],
        )
        .await;
    let consumer_role = roles
        .role(
            &format!("{env}-consumer"),
            &[],
            &["arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"],
        )
        .await;
    let other_role = roles.role(&format!("{env}-other"), &[], &[]).await;
    function(
        &w,
        &format!("{env}-api"),
        &api_role,
        &[("EVENTS_TABLE_NAME", &table), ("SECRET_TOKEN", "s3cr3t")],
    )
    .await;
    function(&w, &format!("{env}-consumer"), &consumer_role, &[]).await;
    function(
        &w,
        &format!("{env}-other"),
        &other_role,
        &[("EVENTS_TABLE_NAME", "another-table")],
    )
    .await;
    let stream = w
        .dynamodb()
        .await
        .describe_table()
        .table_name(&table)
        .send()
        .await
        .unwrap()
        .table
        .unwrap()
        .latest_stream_arn
        .unwrap();
    w.lambda()
        .await
        .create_event_source_mapping()
        .event_source_arn(stream)
        .function_name(format!("{env}-consumer"))
        .starting_position(aws_sdk_lambda::types::EventSourcePosition::TrimHorizon)
        .send()
        .await
        .expect("CreateEventSourceMapping");

    let r = w.run(&["-o", "json", "iam", "audit", "--advisor-wait", "0"]);
    // The API's inline statement may delete the table: crit.
    r.assert_code(2);
    let functions = r.summary("iam.functions");
    assert!(
        functions.starts_with(&format!(
            "2 functions use the table: {env}-api (EVENTS_TABLE_NAME), {env}-consumer (its stream); 2 roles"
        )),
        "{functions}"
    );
    assert!(
        !r.stdout.contains("s3cr3t"),
        "another variable's value is never shown"
    );
    let (api, consumer) = (format!("{env}-api"), format!("{env}-consumer"));
    // Every policy read, the managed ones through GetPolicy + GetPolicyVersion, documents
    // URL-decoded.
    assert_eq!(status(&r, &format!("iam.role.{api}")), "ok");
    assert!(
        r.summary(&format!("iam.role.{api}")).contains(&format!(
            "2 policies read (everything (inline), {env}-api-least (managed))"
        )),
        "{}",
        r.summary(&format!("iam.role.{api}"))
    );
    assert_eq!(status(&r, &format!("iam.wildcard_action.{api}")), "warn");
    assert_eq!(status(&r, &format!("iam.wildcard_resource.{api}")), "warn");
    let destructive = r.finding(&format!("iam.destructive.{api}"));
    assert_eq!(destructive["status"], "crit");
    let text = destructive["summary"].as_str().unwrap();
    assert!(
        text.contains("everything") && text.contains("DeleteTable"),
        "{text}"
    );
    assert!(
        destructive["remedy"].as_str().unwrap().contains(&table_arn),
        "the remedy prints the least-privilege policy: {destructive}"
    );
    assert_eq!(status(&r, &format!("iam.needed.{api}")), "ok");
    // The consumer: the stream actions it needs, on every stream of the account.
    assert_eq!(status(&r, &format!("iam.role.{consumer}")), "ok");
    assert_eq!(status(&r, &format!("iam.needed.{consumer}")), "ok");
    assert_eq!(
        status(&r, &format!("iam.wildcard_resource.{consumer}")),
        "warn"
    );
    assert_eq!(status(&r, &format!("iam.destructive.{consumer}")), "ok");
    // Access advisor lists DynamoDB for the API's role, never used (nothing ran as that role):
    // every DynamoDB action it is granted is unused, listed but not flagged on a role minutes old.
    let unused = r.finding(&format!("iam.unused.{api}"));
    assert_eq!(unused["status"], "ok", "{unused}");
    let said = unused["summary"].as_str().unwrap();
    assert!(
        said.contains("granted and not used in 90 days")
            && said.contains("dynamodb:DeleteTable")
            && said.ends_with("the role is 0 days old: unused actions are judged after 90 days"),
        "{unused}"
    );
    assert_eq!(
        unused["evidence"]["unused"]["knowledge"], "actions",
        "{unused}"
    );
    assert_eq!(unused["evidence"]["unused"]["judged"], false, "{unused}");
    assert!(
        unused["evidence"]["unused"]["service_last_used"].is_null(),
        "{unused}"
    );
    let data = &r.json()["data"];
    assert_eq!(data["table"], table_arn.as_str());
    assert_eq!(data["roles"].as_array().unwrap().len(), 2);
    assert_eq!(data["roles"][1]["kind"], "consumer");
    assert!(r.stdout.find(&format!("iam.role.{env}-other")).is_none());

    // Named with --function: only that one, whether or not it uses the table.
    let one = w.run(&[
        "-o",
        "json",
        "iam",
        "audit",
        "--function",
        &format!("{env}-other"),
        "--advisor-wait",
        "0",
    ]);
    assert!(
        one.summary("iam.functions").starts_with(&format!(
            "1 function uses the table: {env}-other (named with --function)"
        )),
        "{}",
        one.stdout
    );
    assert_eq!(status(&one, &format!("iam.needed.{env}-other")), "crit");

    // A role the caller may not read: unknown, not ok.
    let proxy = Proxy::start("passthrough.yaml");
    proxy.add_rules(serde_json::json!([{
        "service": "iam",
        "operation": "ListAttachedRolePolicies",
        "body": format!("RoleName == '{consumer}'"),
        "error": {"code": "AccessDenied", "status": 403, "message": "injected: User: arn:aws:sts::000000000000:assumed-role/auditor/x is not authorized to perform: iam:ListAttachedRolePolicies"}
    }]));
    let denied = w.run_via(
        &proxy,
        &["-o", "json", "iam", "audit", "--advisor-wait", "0"],
    );
    let role = denied.finding(&format!("iam.role.{consumer}"));
    assert_eq!(role["status"], "unknown", "{role}");
    assert!(
        role["summary"].as_str().unwrap().contains("AccessDenied"),
        "{role}"
    );
    assert_eq!(status(&denied, &format!("iam.role.{api}")), "ok");
    assert!(
        denied.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["check"] != format!("iam.needed.{consumer}").as_str()),
        "a role that could not be read is not judged further"
    );
    drop(roles);
}
