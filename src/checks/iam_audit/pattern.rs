//! IAM's wildcard matching, as policies use it.
//!
//! - Actions: `service:Name`, matched without regard to case; `*` any run of characters, `?` one;
//!   a bare `*` is every action of every service.
//!   <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html>
//! - Resources: ARNs matched with case, segment by segment (the parts between the first five
//!   colons); `*` and `?` work inside a segment and the last segment (the resource, `table/...`)
//!   may hold further colons and slashes; a bare `*` is every resource.
//!   <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html>
//! - Policy variables (`${aws:username}`) cannot be resolved here: in a pattern they match
//!   anything (the widest reading, for what a statement may grant).

/// Glob match of `text` against `pattern` with `*` and `?`.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// `${...}` policy variables become `*`.
fn without_variables(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                out.push('*');
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether the action pattern of a policy covers `action` (`dynamodb:PutItem`).
pub fn action_matches(pattern: &str, action: &str) -> bool {
    glob(&pattern.to_ascii_lowercase(), &action.to_ascii_lowercase())
}

/// Whether the resource pattern of a policy covers the ARN `arn`.
pub fn resource_matches(pattern: &str, arn: &str) -> bool {
    let pattern = without_variables(pattern);
    if pattern == "*" {
        return true;
    }
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let a: Vec<&str> = arn.splitn(6, ':').collect();
    if p.len() != 6 || a.len() != 6 {
        // Not an ARN (nor `*`): IAM matches nothing with it.
        return false;
    }
    p.iter().zip(&a).all(|(p, a)| glob(p, a))
}

/// Whether the pattern holds a wildcard (or a policy variable, which may stand for anything).
pub fn has_wildcard(pattern: &str) -> bool {
    pattern.contains(['*', '?']) || pattern.contains("${")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_match_without_case_and_with_wildcards() {
        let cases = [
            ("dynamodb:PutItem", "dynamodb:PutItem", true),
            ("DynamoDB:putitem", "dynamodb:PutItem", true),
            ("dynamodb:*", "dynamodb:DeleteTable", true),
            ("dynamodb:Get*", "dynamodb:GetItem", true),
            ("dynamodb:Get*", "dynamodb:PutItem", false),
            ("dynamodb:*Item", "dynamodb:BatchGetItem", true),
            ("dynamodb:?etItem", "dynamodb:GetItem", true),
            ("dynamodb:?etItem", "dynamodb:PutItem", false),
            ("*", "iam:PassRole", true),
            ("dynamodb:Put", "dynamodb:PutItem", false),
            ("s3:*", "dynamodb:PutItem", false),
        ];
        for (p, a, want) in cases {
            assert_eq!(action_matches(p, a), want, "{p} vs {a}");
        }
    }

    #[test]
    fn resources_match_segment_by_segment_and_with_case() {
        let table = "arn:aws:dynamodb:us-east-1:123456789012:table/events";
        let index = "arn:aws:dynamodb:us-east-1:123456789012:table/events/index/StatusIndex";
        let cases = [
            ("*", table, true),
            (table, table, true),
            (
                "arn:aws:dynamodb:us-east-1:123456789012:table/Events",
                table,
                false,
            ),
            ("arn:aws:dynamodb:*:*:table/*", table, true),
            ("arn:aws:dynamodb:*:*:table/*", index, true),
            (
                "arn:aws:dynamodb:us-east-1:123456789012:table/events",
                index,
                false,
            ),
            (
                "arn:aws:dynamodb:us-east-1:123456789012:table/events/index/*",
                index,
                true,
            ),
            (
                "arn:aws:dynamodb:us-east-1:123456789012:table/events*",
                "arn:aws:dynamodb:us-east-1:123456789012:table/events-archive",
                true,
            ),
            (
                "arn:aws:dynamodb:us-*:123456789012:table/events",
                table,
                true,
            ),
            (
                "arn:aws:dynamodb:eu-west-1:123456789012:table/events",
                table,
                false,
            ),
            // A wildcard stays inside its segment: `*` in the region does not swallow the account.
            ("arn:aws:dynamodb:*:table/events", table, false),
            (
                "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username}",
                table,
                true,
            ),
            ("arn:aws:s3:::bucket/*", table, false),
        ];
        for (p, arn, want) in cases {
            assert_eq!(resource_matches(p, arn), want, "{p} vs {arn}");
        }
    }

    #[test]
    fn wildcards_and_variables_are_seen() {
        assert!(has_wildcard("arn:aws:dynamodb:*:1:table/t"));
        assert!(has_wildcard("table/t?"));
        assert!(has_wildcard("table/${aws:username}"));
        assert!(!has_wildcard("arn:aws:dynamodb:us-east-1:1:table/t"));
        assert_eq!(without_variables("a/${x}/b/${y"), "a/*/b/${y");
    }
}
