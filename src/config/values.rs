//! What a good value of each config key looks like. Each check returns what is wrong, in words a
//! user can act on; the caller puts the file, line and key in front.

/// An environment name, as `--env` takes it: lower-case letters, digits and inner hyphens.
pub(crate) fn env_name(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.len() <= 40
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{s}` is not an environment name: use lower-case letters, digits and inner hyphens, at most 40 (dev, staging, prod-eu)"
        ))
    }
}

/// A Region's shape (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`): two letters, one or more
/// words, a number. Whether AWS has that Region is for AWS to say.
pub(crate) fn region(s: &str) -> Result<(), String> {
    let parts: Vec<&str> = s.split('-').collect();
    let shaped = parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts.last().is_some_and(|n| {
            !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())
        });
    if shaped {
        Ok(())
    } else {
        Err(format!(
            "`{s}` is not a Region: give one like us-east-1 or eu-west-2"
        ))
    }
}

/// An AWS account id: exactly 12 digits (leading zeros count, so it is a string).
pub(crate) fn account(s: &str) -> Result<(), String> {
    if s.len() == 12 && s.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!(
            "`{s}` is not an AWS account id: 12 digits, quoted (\"012345678901\")"
        ))
    }
}

/// A shared-config profile name: not empty, no spaces or control characters.
pub(crate) fn profile(s: &str) -> Result<(), String> {
    if !s.is_empty() && s.len() <= 128 && !s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a profile name: a name from ~/.aws/config, without spaces",
            s.escape_debug()
        ))
    }
}

/// `http://host[:port][/path]` or `https://...`: a scheme, a host, a numeric port if any, and
/// nothing that is not part of a URL. Returned without a trailing `/`, as `--endpoint-url` keeps it.
pub(crate) fn endpoint_url(s: &str) -> Result<String, String> {
    let bad = || {
        format!(
            "`{}` is not an endpoint URL: give http://host:port or https://host",
            s.escape_debug()
        )
    };
    let rest = s
        .strip_prefix("http://")
        .or_else(|| s.strip_prefix("https://"))
        .ok_or_else(bad)?;
    let authority = rest.split('/').next().unwrap_or_default();
    let (host, port) = match authority.rsplit_once(':') {
        // `[::1]:4566`: the colon after the bracket is the port's.
        Some((h, p)) if !h.ends_with(':') && (!h.starts_with('[') || h.ends_with(']')) => {
            (h, Some(p))
        }
        _ => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    let port_ok = port.is_none_or(|p| {
        !p.is_empty() && p.len() <= 5 && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
    });
    let chars_ok = !s
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '@'));
    if host_ok && port_ok && chars_ok {
        Ok(s.trim_end_matches('/').to_owned())
    } else {
        Err(bad())
    }
}

/// A name prefix, as `--name-prefix` takes it: the characters DynamoDB table names allow.
pub(crate) fn name_prefix(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.len() <= 200
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{s}` is not a name prefix: use letters, digits, '-', '_' and '.' as DynamoDB table names do"
        ))
    }
}

/// A DynamoDB table name.
pub(crate) fn table(s: &str) -> Result<(), String> {
    crate::spec::check_table_name(s)
}

/// The partitions an ARN may name.
const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

/// An SNS topic ARN: `arn:PARTITION:sns:REGION:ACCOUNT:TOPIC`, the topic 1-256 letters, digits,
/// '-' and '_' (a FIFO topic ends in `.fifo`).
pub(crate) fn sns_topic(s: &str) -> Result<(), String> {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    let what = |why: &str| {
        format!(
            "`{}` is not an SNS topic ARN ({why}): give arn:aws:sns:REGION:ACCOUNT:TOPIC",
            s.escape_debug()
        )
    };
    let [arn, partition, service, region_part, account_part, topic] = parts[..] else {
        return Err(what("it needs six parts separated by ':'"));
    };
    if arn != "arn" || !PARTITIONS.contains(&partition) {
        return Err(what("it does not start with arn:aws:"));
    }
    if service != "sns" {
        return Err(what(&format!("its service is `{service}`, not sns")));
    }
    region(region_part).map_err(|_| what(&format!("`{region_part}` is not a Region")))?;
    account(account_part).map_err(|_| what(&format!("`{account_part}` is not 12 digits")))?;
    let name = topic.strip_suffix(".fifo").unwrap_or(topic);
    let name_ok = !name.is_empty()
        && topic.len() <= 256
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    if name_ok {
        Ok(())
    } else {
        Err(what(&format!(
            "the topic name `{}` is not 1-256 letters, digits, '-' and '_'",
            topic.escape_debug()
        )))
    }
}

/// A Lambda function name (not an ARN: alarms and log groups name the function).
pub(crate) fn function_name(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a Lambda function name: 1-64 letters, digits, '-' and '_' (the name, not the ARN)",
            s.escape_debug()
        ))
    }
}

/// An S3 bucket name (general purpose buckets): 3-63 lower-case letters, digits, '.' and '-',
/// starting and ending with a letter or digit, no `..`, not an IP address, none of the prefixes
/// and suffixes S3 keeps for itself.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
pub(crate) fn bucket(s: &str) -> Result<(), String> {
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let reserved = ["xn--", "sthree-", "amzn-s3-demo-"]
        .iter()
        .any(|p| s.starts_with(p))
        || ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]
            .iter()
            .any(|x| s.ends_with(x));
    let ok = (3..=63).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-'))
        && edge(s.chars().next())
        && edge(s.chars().last())
        && !s.contains("..")
        && s.parse::<std::net::Ipv4Addr>().is_err()
        && !reserved;
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an S3 bucket name: 3-63 lower-case letters, digits, '.' and '-' (the name, not s3://...)",
            s.escape_debug()
        ))
    }
}

/// A key prefix in a bucket: at most 1024 characters (ExportTableToPointInTime's limit), no
/// leading `/`.
pub(crate) fn key_prefix(s: &str) -> Result<(), String> {
    if s.len() <= 1024 && !s.starts_with('/') && !s.chars().any(char::is_control) {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a key prefix: at most 1024 characters, not starting with '/'",
            s.escape_debug()
        ))
    }
}

/// `s3://bucket/prefix/`, returned with its trailing `/` as `--athena-output` keeps it.
pub(crate) fn s3_location(s: &str) -> Result<String, String> {
    let bad = || {
        format!(
            "`{}` is not an S3 location: give s3://bucket/prefix/",
            s.escape_debug()
        )
    };
    let rest = s.strip_prefix("s3://").ok_or_else(bad)?;
    let bucket_name = rest.split('/').next().unwrap_or_default();
    bucket(bucket_name).map_err(|_| bad())?;
    Ok(if s.ends_with('/') {
        s.to_owned()
    } else {
        format!("{s}/")
    })
}

/// A Glue database Athena can name: 1-255 lower-case letters, digits and '_' (Athena lowers
/// names and quotes them in its SQL, so nothing else is safe).
pub(crate) fn athena_database(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.len() <= 255
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an Athena database name: 1-255 lower-case letters, digits and '_'",
            s.escape_debug()
        ))
    }
}

/// An Athena workgroup name: 1-128 letters, digits, '.', '_' and '-'.
pub(crate) fn workgroup(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.len() <= 128
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an Athena workgroup name: 1-128 letters, digits, '.', '_' and '-'",
            s.escape_debug()
        ))
    }
}

/// A price: a finite number, zero or more.
pub(crate) fn price(v: f64) -> Result<(), String> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(format!("{v} is not a price: a number >= 0"))
    }
}

/// A latency target in milliseconds: a finite number above zero.
pub(crate) fn millis(v: f64) -> Result<(), String> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(format!(
            "{v} is not a latency target: milliseconds, above 0"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_by_shape() {
        for good in [
            "us-east-1",
            "ap-southeast-2",
            "us-gov-west-1",
            "eu-central-2",
            "us-isob-east-1",
        ] {
            assert!(region(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "us-east",
            "useast1",
            "US-EAST-1",
            "us-east-1a",
            "u-east-1",
            "us--1",
            "us-east-123",
        ] {
            assert!(region(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn accounts_are_twelve_digits() {
        assert!(account("012345678901").is_ok());
        for bad in ["12345678901", "1234567890123", "12345678901a", ""] {
            assert!(account(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn endpoint_urls() {
        assert_eq!(
            endpoint_url("http://127.0.0.1:4566/").as_deref(),
            Ok("http://127.0.0.1:4566")
        );
        for good in [
            "https://dynamodb.us-east-1.amazonaws.com",
            "http://localhost:8000",
            "http://[::1]:4566",
        ] {
            assert!(endpoint_url(good).is_ok(), "{good}");
        }
        for bad in [
            "127.0.0.1:4566",
            "http://",
            "http://host:port",
            "http://host:70000",
            "ftp://x",
            "http://a b",
            "http://u@host",
        ] {
            assert!(endpoint_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sns_topic_arns() {
        assert!(sns_topic("arn:aws:sns:us-east-1:123456789012:oncall").is_ok());
        assert!(sns_topic("arn:aws-us-gov:sns:us-gov-west-1:123456789012:a_b-c.fifo").is_ok());
        for (bad, why) in [
            ("oncall", "six parts"),
            ("arn:aws:sqs:us-east-1:123456789012:q", "service is `sqs`"),
            ("arn:aws:sns:useast1:123456789012:t", "not a Region"),
            ("arn:aws:sns:us-east-1:1234:t", "not 12 digits"),
            ("arn:aws:sns:us-east-1:123456789012:", "topic name"),
            ("arn:aws:sns:us-east-1:123456789012:a:b", "topic name"),
            ("arn:azure:sns:us-east-1:123456789012:t", "arn:aws:"),
        ] {
            let e = sns_topic(bad).expect_err(bad);
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn names_buckets_and_locations() {
        assert!(function_name("events-api").is_ok());
        assert!(function_name("arn:aws:lambda:us-east-1:123456789012:function:x").is_err());
        assert!(bucket("my.exports-1").is_ok());
        for bad in ["ab", "My-Bucket", "-a-", "a..b", "s3://b"] {
            assert!(bucket(bad).is_err(), "{bad}");
        }
        assert_eq!(
            s3_location("s3://b-1/athena").as_deref(),
            Ok("s3://b-1/athena/")
        );
        assert!(s3_location("b-1/athena").is_err());
        assert!(athena_database("events_db").is_ok());
        assert!(athena_database("Events\"db").is_err());
        assert!(workgroup("primary").is_ok());
        assert!(workgroup("a b").is_err());
        assert!(price(0.0).is_ok() && price(-1.0).is_err() && price(f64::NAN).is_err());
        assert!(millis(5.0).is_ok() && millis(0.0).is_err());
    }
}
