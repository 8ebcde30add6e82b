
use builtin;
use str;

set edit:completion:arg-completer[eventsctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'eventsctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'eventsctl'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand table 'Create, verify and describe the events table (runbook: Architecture Summary)'
            cand events 'Write, read, query and import events through the shared core'
            cand diagnose 'Diagnose throttling, latency and failing writes (runbook Issue 1, alarms 1-3)'
            cand alarms 'Create and check the runbook''s alarms'
            cand dashboard 'Put the runbook''s dashboard, or draw it in the terminal'
            cand check-ttl 'TTL configured on `ttl`, and the data that TTL can or cannot delete (runbook Issue 2)'
            cand export 'PITR exports to S3: exact answers at any size without reading the table'
            cand stream-status 'Stream enabled with NEW_IMAGE, its shards, and its consumer (runbook Issue 3)'
            cand stream 'Read the table''s stream'
            cand pitr-restore 'Restore the table to a point in time into a new table, verify it, re-apply what a restore drops (TTL, stream, PITR, tags); never touches the source (runbook: Disaster Recovery)'
            cand dr-drill 'Restore `latest` into a tagged drill table, verify, measure RTO and RPO, delete it (runbook: Disaster Recovery Drill)'
            cand insights 'The runbook''s Logs Insights queries'
            cand hot-partitions 'Hot users and keys: top users'' rates, Contributor Insights, key-range throttling (runbook Issue 4)'
            cand health-check 'The runbook''s maintenance procedures as one command each'
            cand bench 'Open-loop load through the core against the runbook''s performance targets'
            cand completions 'Print the completion script for a shell (bash, zsh, fish, powershell, elvish)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;table'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create the table to spec (dev, test and sandbox environments), wait until ACTIVE, enable TTL and PITR, tag it managed-by=eventsctl'
            cand verify 'Compare the live table with the runbook''s spec, one finding per setting'
            cand describe 'Show the table''s keys, indexes, TTL, PITR, stream and size'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;table;create'= {
            cand --pitr-days 'PITR retention in days (1-35)'
            cand --wait-timeout 'Longest wait for the table to become ACTIVE'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --dry-run 'Show what would be created and change nothing'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;table;verify'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;table;describe'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;table;help'= {
            cand create 'Create the table to spec (dev, test and sandbox environments), wait until ACTIVE, enable TTL and PITR, tag it managed-by=eventsctl'
            cand verify 'Compare the live table with the runbook''s spec, one finding per setting'
            cand describe 'Show the table''s keys, indexes, TTL, PITR, stream and size'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;table;help;create'= {
        }
        &'eventsctl;table;help;verify'= {
        }
        &'eventsctl;table;help;describe'= {
        }
        &'eventsctl;table;help;help'= {
        }
        &'eventsctl;events'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand put 'Write one event (never overwrites); prints the stored event'
            cand get 'Read one event by user and event id'
            cand query 'Events of one user, by time, type or status, streamed page by page'
            cand import 'Import NDJSON events: validated first, written in batches, idempotent on re-run'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;events;put'= {
            cand --user 'User id (partition key)'
            cand --type 'Event type (no `#`)'
            cand --payload 'Payload, a JSON object'
            cand --status 'Status (no `#`; default pending)'
            cand --timestamp 'RFC 3339 timestamp (default now)'
            cand --event-id 'Event id (default a random UUID)'
            cand --metadata 'Metadata, a JSON object'
            cand --json 'The whole event as one JSON object; `-` reads it from stdin'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --dry-run 'Validate and show the item, write nothing'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;events;get'= {
            cand --user 'user'
            cand --event-id 'event-id'
            cand --timestamp 'The event''s timestamp: a direct GetItem instead of a search of the user''s events'
            cand --max-scan 'Without --timestamp: stop searching after this many of the user''s events'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --consistent 'Strongly consistent read'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;events;query'= {
            cand --user 'user'
            cand --type 'Only this event type (EventTypeIndex)'
            cand --status 'Only this status (StatusIndex)'
            cand --since 'From this time: RFC 3339 or relative (1h, 7d, 2h ago)'
            cand --until 'Until this time: RFC 3339 or relative'
            cand --limit 'At most this many events (a next-page token is printed when more remain)'
            cand --page-token 'Continue where a previous query stopped'
            cand --page-size 'Items per DynamoDB call (default: as many as fit DynamoDB''s 1 MB page)'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --desc 'Newest first'
            cand --include-expired 'Show events whose ttl has passed but that DynamoDB has not deleted yet'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;events;import'= {
            cand --concurrency 'Batches of 25 in flight'
            cand --rate 'At most this many events per second (protects a production table)'
            cand --failed-out 'Where the events that did not land go (default: FILE.failed.ndjson)'
            cand --max-attempts 'Attempts per batch before its events count as failed'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --skip-invalid 'Write the valid lines and list the invalid ones (default: write nothing if any is bad)'
            cand --stamp-now 'Give lines without a timestamp the import''s start time (a re-run then writes them again)'
            cand --dry-run 'Validate only; write nothing'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;events;help'= {
            cand put 'Write one event (never overwrites); prints the stored event'
            cand get 'Read one event by user and event id'
            cand query 'Events of one user, by time, type or status, streamed page by page'
            cand import 'Import NDJSON events: validated first, written in batches, idempotent on re-run'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;events;help;put'= {
        }
        &'eventsctl;events;help;get'= {
        }
        &'eventsctl;events;help;query'= {
        }
        &'eventsctl;events;help;import'= {
        }
        &'eventsctl;events;help;help'= {
        }
        &'eventsctl;diagnose'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand throttling 'Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)'
            cand latency 'SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)'
            cand writes 'Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;diagnose;throttling'= {
            cand --since 'How far back to look: 1h, 30m, 6h, 2d (or "1h ago")'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;diagnose;latency'= {
            cand --since 'How far back to look: 1h, 30m, 6h, 2d (or "1h ago")'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;diagnose;writes'= {
            cand --since 'How far back to look: 1h, 30m, 6h, 2d (or "1h ago")'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --canary 'Write a canary event (user eventsctl-canary, type eventsctl.canary, 1 h ttl), read it back and delete it, timing the round trip. Stream consumers see it and can filter on its type'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;diagnose;help'= {
            cand throttling 'Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)'
            cand latency 'SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)'
            cand writes 'Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;diagnose;help;throttling'= {
        }
        &'eventsctl;diagnose;help;latency'= {
        }
        &'eventsctl;diagnose;help;writes'= {
        }
        &'eventsctl;diagnose;help;help'= {
        }
        &'eventsctl;alarms'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand apply 'Create or update the runbook''s alarms to spec'
            cand status 'Each alarm: present, as specified, its state, and whether it notifies anyone'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;alarms;apply'= {
            cand --sns-topic 'SNS topic to notify on ALARM and OK (without it, existing actions are kept)'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --dry-run 'Show what would change and change nothing'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;alarms;status'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;alarms;help'= {
            cand apply 'Create or update the runbook''s alarms to spec'
            cand status 'Each alarm: present, as specified, its state, and whether it notifies anyone'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;alarms;help;apply'= {
        }
        &'eventsctl;alarms;help;status'= {
        }
        &'eventsctl;alarms;help;help'= {
        }
        &'eventsctl;dashboard'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand apply 'Put the runbook''s dashboard (four widgets) into CloudWatch'
            cand show 'Draw the dashboard''s four widgets in the terminal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;dashboard;apply'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --dry-run 'Print the dashboard body and change nothing'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;dashboard;show'= {
            cand --since 'How far back to draw: 3h, 1d, 7d'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;dashboard;help'= {
            cand apply 'Put the runbook''s dashboard (four widgets) into CloudWatch'
            cand show 'Draw the dashboard''s four widgets in the terminal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;dashboard;help;apply'= {
        }
        &'eventsctl;dashboard;help;show'= {
        }
        &'eventsctl;dashboard;help;help'= {
        }
        &'eventsctl;check-ttl'= {
            cand --sample 'Items to sample: small pages from randomly chosen segments spanning the key space; every share reported carries a 95% confidence interval'
            cand --read-rate 'With --full: consumed read units per second at most (ReturnConsumedCapacity), shared by all segments; throttled pages back off'
            cand --max-read-units 'With --full: stop after consuming this many read units and report what was seen as partial (resume later with --resume)'
            cand --checkpoint 'With --full: the state file (default: one in the temporary directory, named in the output; removed when the scan finishes)'
            cand --resume 'Continue the full scan saved in this state file (after Ctrl-C, a kill, an expired credential or a budget stop); nothing is counted twice'
            cand --segments 'With --full: TotalSegments (default: one per GB of table, at least 4; at most 1,000,000)'
            cand --concurrency 'Segments read at the same time'
            cand --confirm-above 'With --full on a production environment: the estimate in read units above which --yes is needed'
            cand --price-per-million-rru 'On-demand $ per million read request units, for the estimate'
            cand --from-export 'Answer from this export (an export ARN, or `latest`: the newest completed export of the table); the table itself is not read'
            cand --engine 'With --from-export: read the export''s files here (`local`, streamed in parallel) or run SQL over them in Amazon Athena (`athena`)'
            cand --athena-workgroup 'Athena workgroup'
            cand --athena-output 'Where Athena writes query results (s3://bucket/prefix/); default: the workgroup''s'
            cand --athena-database 'Glue database the export''s table is registered in (created when missing)'
            cand --price-per-tb-scanned 'Athena $ per TB scanned, for the estimate'
            cand --grace 'How long after expiry an item counts as overdue (DynamoDB typically deletes within 48 h)'
            cand --rate 'With --cleanup: deletes per second at most'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --full 'Scan the whole table: prints the estimate (read units, time, price) first, honours --read-rate and --max-read-units, checkpoints to a state file'
            cand --estimate 'With --full: only print the estimate, read nothing'
            cand --cleanup 'Delete the overdue items the scan finds (conditional on `ttl` still being past the cutoff); without --yes only reports what it would delete'
            cand --yes 'With --cleanup: really delete; with --full on production: read above --confirm-above'
            cand --instead-of-ttl 'With --cleanup --yes: delete even though TTL is not enabled on `ttl` (a cleanup that stands in for TTL: a different operation, asked for explicitly)'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;export'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity used); reuses a recent completed export unless --new; idempotent when run again'
            cand status 'One export''s state (an ARN, or `latest`)'
            cand list 'The table''s exports, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;export;start'= {
            cand --bucket 'S3 bucket for the export'
            cand --prefix 'Key prefix in the bucket'
            cand --to 'The point in time to export (default: now); within the PITR window'
            cand --reuse-within 'Reuse a completed export of this bucket and prefix no older than this'
            cand --wait-timeout 'With --wait: give up waiting after this long (the export goes on)'
            cand --price-per-gb 'Export $ per GB of table, for the estimate'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --new 'Start a new export even when a recent one exists'
            cand --wait 'Wait until the export completes (progress on stderr)'
            cand --dry-run 'Show the estimate and what would be started; start nothing'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;export;status'= {
            cand --wait-timeout 'With --wait: give up waiting after this long'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --wait 'Wait until it completes'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;export;list'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;export;help'= {
            cand start 'Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity used); reuses a recent completed export unless --new; idempotent when run again'
            cand status 'One export''s state (an ARN, or `latest`)'
            cand list 'The table''s exports, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;export;help;start'= {
        }
        &'eventsctl;export;help;status'= {
        }
        &'eventsctl;export;help;list'= {
        }
        &'eventsctl;export;help;help'= {
        }
        &'eventsctl;stream-status'= {
            cand --probe-timeout 'With --probe: how long to wait for the canary'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --probe 'Write a canary event (type eventsctl.canary), wait for it on the stream, report the end-to-end latency and delete it. Downstream consumers see the canary too and can drop it by its event type'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;stream'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand tail 'Follow every open shard (children after parents) and print one record a line; Ctrl-C stops'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;stream;tail'= {
            cand --from 'Where to start'
            cand --user 'Only records of this user'
            cand --type 'Only records of this event type'
            cand --max-records 'Stop after this many records'
            cand --for 'Stop after this long (default: until Ctrl-C)'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;stream;help'= {
            cand tail 'Follow every open shard (children after parents) and print one record a line; Ctrl-C stops'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;stream;help;tail'= {
        }
        &'eventsctl;stream;help;help'= {
        }
        &'eventsctl;pitr-restore'= {
            cand --to '`latest`, RFC 3339, or relative (`2h ago`)'
            cand --target 'The new table (default {table}-restored-YYYYMMDD)'
            cand --resume 'Pick up a restore already started: wait for TARGET, verify it, re-apply settings'
            cand --max-wait 'Longest wait for the restored table to become ACTIVE (restores can take hours)'
            cand --sample 'Keys read from the restored table and looked up in the source'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --dry-run 'Show the plan and change nothing'
            cand --wait 'Wait for the restore and verify it (the default in a terminal)'
            cand --no-wait 'Start the restore and return (pick it up later with --resume)'
            cand --no-reapply 'Do not re-apply TTL, stream, PITR and tags on the restored table'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;dr-drill'= {
            cand --report 'Write the drill record as Markdown to FILE and as JSON beside it (FILE with .json)'
            cand --max-wait 'Longest wait for the drill table to become ACTIVE'
            cand --sample 'Keys sampled for verification'
            cand --delete 'Delete a kept drill table instead of drilling (only a table tagged as a drill)'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --keep 'Keep the drill table (delete it later with --delete NAME --yes)'
            cand --yes 'With --delete: really delete'
            cand --dry-run 'Show the plan and change nothing'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;insights'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The named queries and what they answer'
            cand run 'Run a named query, or your own with --query'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;insights;list'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;insights;run'= {
            cand --query 'Your own query text'
            cand --since 'From: RFC 3339 or relative (1h, 2d ago)'
            cand --until 'Until: RFC 3339 or relative (default now)'
            cand --log-group 'Log group (repeatable; default: the groups under /aws/lambda/{prefix}-{env}, at most 50)'
            cand --user 'Only this user''s lines (adds `filter user_id = "..."`, the value escaped)'
            cand --match 'Only lines containing this text (adds `filter @message like /.../`, the text escaped)'
            cand --limit 'At most this many result rows (Logs Insights'' default is 10,000)'
            cand --max-wait 'Longest wait for the query (Logs Insights stops queries at 60 minutes)'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;insights;help'= {
            cand list 'The named queries and what they answer'
            cand run 'Run a named query, or your own with --query'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;insights;help;list'= {
        }
        &'eventsctl;insights;help;run'= {
        }
        &'eventsctl;insights;help;help'= {
        }
        &'eventsctl;hot-partitions'= {
            cand --since 'How far back to look'
            cand --log-group 'Log group of the API''s Lambda (repeatable; default: those under /aws/lambda/{prefix}-{env})'
            cand --from-export 'Answer from this export (an export ARN, or `latest`: the newest completed export of the table); the table itself is not read'
            cand --engine 'With --from-export: read the export''s files here (`local`, streamed in parallel) or run SQL over them in Amazon Athena (`athena`)'
            cand --athena-workgroup 'Athena workgroup'
            cand --athena-output 'Where Athena writes query results (s3://bucket/prefix/); default: the workgroup''s'
            cand --athena-database 'Glue database the export''s table is registered in (created when missing)'
            cand --price-per-tb-scanned 'Athena $ per TB scanned, for the estimate'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --enable-contributor-insights 'Enable Contributor Insights (throttled-keys mode) on the table and its GSIs first'
            cand --dry-run 'With --enable-contributor-insights: show what would be enabled, change nothing'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;health-check'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand monthly 'Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst status is the exit code'
            cand quarterly 'Latency against targets and last quarter, GSI usage, key distribution, cost'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;health-check;monthly'= {
            cand --report 'Write the report as Markdown to FILE, for the ticket'
            cand --sample 'Items check-ttl samples'
            cand --price-per-million-wru 'On-demand $ per million write request units'
            cand --price-per-million-rru 'On-demand $ per million read request units'
            cand --price-per-wcu-hour 'Provisioned $ per WCU-hour'
            cand --price-per-rcu-hour 'Provisioned $ per RCU-hour'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --restore-test 'Also run a restore drill (dr-drill) and include its record'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;health-check;quarterly'= {
            cand --report 'Write the report as Markdown to FILE'
            cand --sample 'Items sampled for the key distribution'
            cand --price-per-million-wru 'On-demand $ per million write request units'
            cand --price-per-million-rru 'On-demand $ per million read request units'
            cand --price-per-wcu-hour 'Provisioned $ per WCU-hour'
            cand --price-per-rcu-hour 'Provisioned $ per RCU-hour'
            cand --from-export 'Answer from this export (an export ARN, or `latest`: the newest completed export of the table); the table itself is not read'
            cand --engine 'With --from-export: read the export''s files here (`local`, streamed in parallel) or run SQL over them in Amazon Athena (`athena`)'
            cand --athena-workgroup 'Athena workgroup'
            cand --athena-output 'Where Athena writes query results (s3://bucket/prefix/); default: the workgroup''s'
            cand --athena-database 'Glue database the export''s table is registered in (created when missing)'
            cand --price-per-tb-scanned 'Athena $ per TB scanned, for the estimate'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;health-check;help'= {
            cand monthly 'Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst status is the exit code'
            cand quarterly 'Latency against targets and last quarter, GSI usage, key distribution, cost'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;health-check;help;monthly'= {
        }
        &'eventsctl;health-check;help;quarterly'= {
        }
        &'eventsctl;health-check;help;help'= {
        }
        &'eventsctl;bench'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand write 'Write events at a fixed rate (PutItem, conditional), as the API does'
            cand read 'Query users'' recent events at a fixed rate, as GET /inbox does'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;bench;write'= {
            cand --rate 'Requests per second, sent on schedule whatever the latency (open loop)'
            cand --duration 'How long to run'
            cand --users 'Bench users to spread the load over (user ids eventsctl-bench-<run>-<n>)'
            cand --max-in-flight 'Requests in flight at most; beyond it a scheduled request is counted as dropped'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --keep 'Keep the bench events (their ttl removes them within about a day of the hour they get)'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;bench;read'= {
            cand --rate 'Requests per second, sent on schedule whatever the latency (open loop)'
            cand --duration 'How long to run'
            cand --users 'Bench users to spread the load over (user ids eventsctl-bench-<run>-<n>)'
            cand --max-in-flight 'Requests in flight at most; beyond it a scheduled request is counted as dropped'
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand --keep 'Keep the bench events (their ttl removes them within about a day of the hour they get)'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;bench;help'= {
            cand write 'Write events at a fixed rate (PutItem, conditional), as the API does'
            cand read 'Query users'' recent events at a fixed rate, as GET /inbox does'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;bench;help;write'= {
        }
        &'eventsctl;bench;help;read'= {
        }
        &'eventsctl;bench;help;help'= {
        }
        &'eventsctl;completions'= {
            cand --env 'Environment: names derive as {prefix}-{env}-events'
            cand --table 'Table name, overriding the one derived from --name-prefix and --env'
            cand --name-prefix 'Prefix of every resource name'
            cand --region 'AWS Region (else AWS_REGION, the profile, instance metadata)'
            cand --profile 'AWS shared-config profile (else AWS_PROFILE)'
            cand --endpoint-url 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour in tables'
            cand -q 'No progress and no notes on stderr; errors are still printed'
            cand --quiet 'No progress and no notes on stderr; errors are still printed'
            cand -v 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --verbose 'More logging on stderr (-v info, -vv debug; payloads only at debug)'
            cand --no-progress 'No spinners or progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'eventsctl;help'= {
            cand table 'Create, verify and describe the events table (runbook: Architecture Summary)'
            cand events 'Write, read, query and import events through the shared core'
            cand diagnose 'Diagnose throttling, latency and failing writes (runbook Issue 1, alarms 1-3)'
            cand alarms 'Create and check the runbook''s alarms'
            cand dashboard 'Put the runbook''s dashboard, or draw it in the terminal'
            cand check-ttl 'TTL configured on `ttl`, and the data that TTL can or cannot delete (runbook Issue 2)'
            cand export 'PITR exports to S3: exact answers at any size without reading the table'
            cand stream-status 'Stream enabled with NEW_IMAGE, its shards, and its consumer (runbook Issue 3)'
            cand stream 'Read the table''s stream'
            cand pitr-restore 'Restore the table to a point in time into a new table, verify it, re-apply what a restore drops (TTL, stream, PITR, tags); never touches the source (runbook: Disaster Recovery)'
            cand dr-drill 'Restore `latest` into a tagged drill table, verify, measure RTO and RPO, delete it (runbook: Disaster Recovery Drill)'
            cand insights 'The runbook''s Logs Insights queries'
            cand hot-partitions 'Hot users and keys: top users'' rates, Contributor Insights, key-range throttling (runbook Issue 4)'
            cand health-check 'The runbook''s maintenance procedures as one command each'
            cand bench 'Open-loop load through the core against the runbook''s performance targets'
            cand completions 'Print the completion script for a shell (bash, zsh, fish, powershell, elvish)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'eventsctl;help;table'= {
            cand create 'Create the table to spec (dev, test and sandbox environments), wait until ACTIVE, enable TTL and PITR, tag it managed-by=eventsctl'
            cand verify 'Compare the live table with the runbook''s spec, one finding per setting'
            cand describe 'Show the table''s keys, indexes, TTL, PITR, stream and size'
        }
        &'eventsctl;help;table;create'= {
        }
        &'eventsctl;help;table;verify'= {
        }
        &'eventsctl;help;table;describe'= {
        }
        &'eventsctl;help;events'= {
            cand put 'Write one event (never overwrites); prints the stored event'
            cand get 'Read one event by user and event id'
            cand query 'Events of one user, by time, type or status, streamed page by page'
            cand import 'Import NDJSON events: validated first, written in batches, idempotent on re-run'
        }
        &'eventsctl;help;events;put'= {
        }
        &'eventsctl;help;events;get'= {
        }
        &'eventsctl;help;events;query'= {
        }
        &'eventsctl;help;events;import'= {
        }
        &'eventsctl;help;diagnose'= {
            cand throttling 'Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)'
            cand latency 'SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)'
            cand writes 'Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write'
        }
        &'eventsctl;help;diagnose;throttling'= {
        }
        &'eventsctl;help;diagnose;latency'= {
        }
        &'eventsctl;help;diagnose;writes'= {
        }
        &'eventsctl;help;alarms'= {
            cand apply 'Create or update the runbook''s alarms to spec'
            cand status 'Each alarm: present, as specified, its state, and whether it notifies anyone'
        }
        &'eventsctl;help;alarms;apply'= {
        }
        &'eventsctl;help;alarms;status'= {
        }
        &'eventsctl;help;dashboard'= {
            cand apply 'Put the runbook''s dashboard (four widgets) into CloudWatch'
            cand show 'Draw the dashboard''s four widgets in the terminal'
        }
        &'eventsctl;help;dashboard;apply'= {
        }
        &'eventsctl;help;dashboard;show'= {
        }
        &'eventsctl;help;check-ttl'= {
        }
        &'eventsctl;help;export'= {
            cand start 'Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity used); reuses a recent completed export unless --new; idempotent when run again'
            cand status 'One export''s state (an ARN, or `latest`)'
            cand list 'The table''s exports, newest first'
        }
        &'eventsctl;help;export;start'= {
        }
        &'eventsctl;help;export;status'= {
        }
        &'eventsctl;help;export;list'= {
        }
        &'eventsctl;help;stream-status'= {
        }
        &'eventsctl;help;stream'= {
            cand tail 'Follow every open shard (children after parents) and print one record a line; Ctrl-C stops'
        }
        &'eventsctl;help;stream;tail'= {
        }
        &'eventsctl;help;pitr-restore'= {
        }
        &'eventsctl;help;dr-drill'= {
        }
        &'eventsctl;help;insights'= {
            cand list 'The named queries and what they answer'
            cand run 'Run a named query, or your own with --query'
        }
        &'eventsctl;help;insights;list'= {
        }
        &'eventsctl;help;insights;run'= {
        }
        &'eventsctl;help;hot-partitions'= {
        }
        &'eventsctl;help;health-check'= {
            cand monthly 'Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst status is the exit code'
            cand quarterly 'Latency against targets and last quarter, GSI usage, key distribution, cost'
        }
        &'eventsctl;help;health-check;monthly'= {
        }
        &'eventsctl;help;health-check;quarterly'= {
        }
        &'eventsctl;help;bench'= {
            cand write 'Write events at a fixed rate (PutItem, conditional), as the API does'
            cand read 'Query users'' recent events at a fixed rate, as GET /inbox does'
        }
        &'eventsctl;help;bench;write'= {
        }
        &'eventsctl;help;bench;read'= {
        }
        &'eventsctl;help;completions'= {
        }
        &'eventsctl;help;help'= {
        }
    ]
    $completions[$command]
}
