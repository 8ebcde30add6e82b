//! The floor for `eventsctl bench write`: the same conditional PutItem, sent open-loop at the same
//! rate on the same current-thread runtime, with a bare SDK client (`aws_config::defaults`, no
//! interceptor, no timeouts of our own, nothing of eventsctl's). Prints the client CPU per
//! request (user + system: the process CPU clock) as one JSON line. Not part of the product, so
//! exempt from the `[lints]` that keep printing in `src/output/`.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]
//!
//! Usage: cargo run --release --features bench-probe --bin put_probe -- TABLE RATE SECONDS [no-stall]
//! (endpoint, region and credentials from the usual AWS_* environment variables; `no-stall`
//! turns off the SDK's stalled-stream protection, as eventsctl's DynamoDB clients do)

use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::AttributeValue;

/// User and system CPU time of the process, in microseconds (its CPU clock), as `bench write`
/// measures it.
fn cpu_micros() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    t.tv_sec.max(0) as u64 * 1_000_000 + t.tv_nsec.max(0) as u64 / 1_000
}

/// The item `bench write` sends: the event's attributes, the three composite keys and a payload
/// of a counter and 200 bytes of padding.
fn item(run: &str, i: u64) -> std::collections::HashMap<String, AttributeValue> {
    let s = AttributeValue::S;
    let now = chrono::Utc::now();
    let ts = now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let id = format!("{run}-{i}");
    let status = "pending";
    let event_type = "eventsctl.bench";
    [
        ("user_id", s(format!("probe-{run}-{}", i % 50))),
        ("timestamp#event_id", s(format!("{ts}#{id}"))),
        ("event_type#timestamp", s(format!("{event_type}#{ts}"))),
        ("status#timestamp", s(format!("{status}#{ts}"))),
        ("event_id", s(id)),
        ("event_type", s(event_type.into())),
        ("status", s(status.into())),
        ("timestamp", s(ts)),
        (
            "ttl",
            AttributeValue::N((now.timestamp() + 3600).to_string()),
        ),
        ("retry_count", AttributeValue::N("0".into())),
        (
            "payload",
            AttributeValue::M(
                [
                    ("n".to_owned(), AttributeValue::N(i.to_string())),
                    ("pad".to_owned(), s("x".repeat(200))),
                ]
                .into(),
            ),
        ),
        ("metadata", AttributeValue::M(Default::default())),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (table, rate, seconds, no_stall) = match &args[..] {
        [_, t, r, s] => (t, r, s, false),
        [_, t, r, s, flag] if flag == "no-stall" => (t, r, s, true),
        _ => {
            eprintln!("usage: put_probe TABLE RATE SECONDS [no-stall]");
            std::process::exit(64);
        }
    };
    let rate: f64 = rate.parse().expect("RATE is a number");
    let seconds: f64 = seconds.parse().expect("SECONDS is a number");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
        if no_stall {
            loader = loader.stalled_stream_protection(
                aws_config::stalled_stream_protection::StalledStreamProtectionConfig::disabled(),
            );
        }
        let conf = loader.load().await;
        let client = aws_sdk_dynamodb::Client::new(&conf);
        let run = format!("{:x}", chrono::Utc::now().timestamp_millis());
        let total = (rate * seconds).round() as u64;
        let interval = Duration::from_secs_f64(1.0 / rate);
        let cpu_before = cpu_micros();
        let started = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        let mut ok = 0u64;
        for i in 0..total {
            tokio::time::sleep_until((started + interval.mul_f64(i as f64)).into()).await;
            let (client, table, item) = (client.clone(), table.clone(), item(&run, i));
            tasks.spawn(async move {
                client
                    .put_item()
                    .table_name(table)
                    .set_item(Some(item))
                    .condition_expression("attribute_not_exists(#pk)")
                    .expression_attribute_names("#pk", "user_id")
                    .send()
                    .await
                    .is_ok()
            });
            while let Some(r) = tasks.try_join_next() {
                ok += u64::from(r.unwrap_or(false));
            }
        }
        while let Some(r) = tasks.join_next().await {
            ok += u64::from(r.unwrap_or(false));
        }
        let cpu = cpu_micros() - cpu_before;
        println!(
            "{{\"requests\":{total},\"ok\":{ok},\"wall_s\":{:.3},\"cpu_us_per_request\":{:.1}}}",
            started.elapsed().as_secs_f64(),
            cpu as f64 / total.max(1) as f64
        );
        if ok != total {
            std::process::exit(1);
        }
    });
}
