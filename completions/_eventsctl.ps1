
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'eventsctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'eventsctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'eventsctl' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('table', 'table', [CompletionResultType]::ParameterValue, 'Create, verify and describe the events table (runbook: Architecture Summary)')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Write, read, query and import events through the shared core')
            [CompletionResult]::new('diagnose', 'diagnose', [CompletionResultType]::ParameterValue, 'Diagnose throttling, latency and failing writes (runbook Issue 1, alarms 1-3)')
            [CompletionResult]::new('alarms', 'alarms', [CompletionResultType]::ParameterValue, 'Create and check the runbook''s alarms')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Put the runbook''s dashboard, or draw it in the terminal')
            [CompletionResult]::new('check-ttl', 'check-ttl', [CompletionResultType]::ParameterValue, 'TTL configured on `ttl`, and the data that TTL can or cannot delete (runbook Issue 2)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'PITR exports to S3: exact answers at any size without reading the table')
            [CompletionResult]::new('stream-status', 'stream-status', [CompletionResultType]::ParameterValue, 'Stream enabled with NEW_IMAGE, its shards, and its consumer (runbook Issue 3)')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Read the table''s stream')
            [CompletionResult]::new('pitr-restore', 'pitr-restore', [CompletionResultType]::ParameterValue, 'Restore the table to a point in time into a new table, verify it, re-apply what a restore drops (TTL, stream, PITR, tags); never touches the source (runbook: Disaster Recovery)')
            [CompletionResult]::new('dr-drill', 'dr-drill', [CompletionResultType]::ParameterValue, 'Restore `latest` into a tagged drill table, verify, measure RTO and RPO, delete it (runbook: Disaster Recovery Drill)')
            [CompletionResult]::new('dr', 'dr', [CompletionResultType]::ParameterValue, 'Point the API at a restored table, undo it, and retire the original (runbook: Disaster Recovery, steps 4 and 5)')
            [CompletionResult]::new('insights', 'insights', [CompletionResultType]::ParameterValue, 'The runbook''s Logs Insights queries')
            [CompletionResult]::new('hot-partitions', 'hot-partitions', [CompletionResultType]::ParameterValue, 'Hot users and keys: top users'' rates, Contributor Insights, key-range throttling (runbook Issue 4)')
            [CompletionResult]::new('changes', 'changes', [CompletionResultType]::ParameterValue, 'What changed, who changed it and when (beyond the runbook): CloudTrail events on the table, its alarms and its stream consumer, the alarms'' history and the throttle and latency spikes, newest first')
            [CompletionResult]::new('health-check', 'health-check', [CompletionResultType]::ParameterValue, 'The runbook''s maintenance procedures as one command each')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Open-loop load through the core against the runbook''s performance targets')
            [CompletionResult]::new('iam', 'iam', [CompletionResultType]::ParameterValue, 'Audit the IAM roles of the Lambda functions that use the table (runbook Monthly 5)')
            [CompletionResult]::new('iam-policy', 'iam-policy', [CompletionResultType]::ParameterValue, 'Print the least-privilege IAM policy (JSON) for these commands (default: all), scoped to this environment''s table, indexes, stream, restore and drill tables, alarms, dashboard and log groups; split into named policies that each fit IAM''s 6,144 characters when one cannot hold it')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The config file (eventsctl.toml): the settings in force and where each came from, or a commented example to start from')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;table' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create the table to spec (dev, test and sandbox environments; refused for a production env or table name, see --production-markers), wait until ACTIVE, enable TTL and PITR, tag it managed-by=eventsctl')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Compare the live table with the runbook''s spec, one finding per setting')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show the table''s keys, indexes, TTL, PITR, stream and size')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Put back TTL on `ttl` and PITR where someone switched them off, on any table (production with --yes: TTL then deletes what has expired); keys, indexes, the stream and tags are not touched')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;table;create' {
            [CompletionResult]::new('--pitr-days', '--pitr-days', [CompletionResultType]::ParameterName, 'PITR retention in days (1-35)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Longest wait for the table to become ACTIVE')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be created and change nothing')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;table;verify' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;table;describe' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;table;fix' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be put back and change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Write to a production environment')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;table;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create the table to spec (dev, test and sandbox environments; refused for a production env or table name, see --production-markers), wait until ACTIVE, enable TTL and PITR, tag it managed-by=eventsctl')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Compare the live table with the runbook''s spec, one finding per setting')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show the table''s keys, indexes, TTL, PITR, stream and size')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Put back TTL on `ttl` and PITR where someone switched them off, on any table (production with --yes: TTL then deletes what has expired); keys, indexes, the stream and tags are not touched')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;table;help;create' {
            break
        }
        'eventsctl;table;help;verify' {
            break
        }
        'eventsctl;table;help;describe' {
            break
        }
        'eventsctl;table;help;fix' {
            break
        }
        'eventsctl;table;help;help' {
            break
        }
        'eventsctl;events' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Write one event (never overwrites); prints the stored event')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read one event by user and event id')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Events of one user, by time, type or status, streamed page by page')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import NDJSON events: validated first, written in batches; never replaces a stored event that differs (--overwrite does), so a re-run is idempotent')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one event (a poison event) by user and event id: only if it exists; --dry-run shows it, --yes deletes it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;events;put' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User id (partition key)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Event type (no `#`)')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'Payload, a JSON object')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Status (no `#`; default pending)')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'RFC 3339 timestamp (default now)')
            [CompletionResult]::new('--event-id', '--event-id', [CompletionResultType]::ParameterName, 'Event id (default a random UUID)')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Metadata, a JSON object')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'The whole event as one JSON object; `-` reads it from stdin')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and show the item, write nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Write to a production table')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;events;get' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User id (partition key)')
            [CompletionResult]::new('--event-id', '--event-id', [CompletionResultType]::ParameterName, 'Event id (as `events put` or `events query` printed it)')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'The event''s timestamp: a direct GetItem instead of a search of the user''s events; needed when two of the user''s events share the id')
            [CompletionResult]::new('--max-scan', '--max-scan', [CompletionResultType]::ParameterName, 'Without --timestamp: stop searching after this many of the user''s events')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--consistent', '--consistent', [CompletionResultType]::ParameterName, 'Strongly consistent read')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;events;query' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User id (partition key): the user whose events to list')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'The newest N events, newest first (what did this user do just now?); same as --desc --limit N')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only this event type (EventTypeIndex)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only this status (StatusIndex)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: RFC 3339 or relative (1h, 7d, 2h ago)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Until this time: RFC 3339 or relative')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many events (a next-page token is printed when more remain)')
            [CompletionResult]::new('--page-token', '--page-token', [CompletionResultType]::ParameterName, 'Continue where a previous query stopped: the token keeps that query''s time window as its first page resolved it (`--since 1h` is not resolved again); give the same flags or leave --since/--until out')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per DynamoDB call (default: as many as fit DynamoDB''s 1 MB page)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--desc', '--desc', [CompletionResultType]::ParameterName, 'Newest first')
            [CompletionResult]::new('--include-expired', '--include-expired', [CompletionResultType]::ParameterName, 'Show events whose ttl has passed but that DynamoDB has not deleted yet')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;events;import' {
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Groups of up to 100 events in flight (each sent 25 to a request)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many events per second (protects a production table)')
            [CompletionResult]::new('--failed-out', '--failed-out', [CompletionResultType]::ParameterName, 'Where the events that did not land go, created 0600 (they are whole payloads). Default: NAME.failed.TIME-PID-RANDOM.ndjson, the run''s own, in the private state directory ($XDG_STATE_HOME/eventsctl, EVENTSCTL_STATE_DIR overrides it). Never the input, never over an existing file without --force; checked before the first AWS call. A file that cannot be written: the events go on in a new file, and the report names each')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per batch before its events count as failed')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Write the valid lines and list the invalid ones (default: write nothing if any is bad)')
            [CompletionResult]::new('--stamp-now', '--stamp-now', [CompletionResultType]::ParameterName, 'Give lines without a timestamp the import''s start time (a re-run then writes them again)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Let --failed-out replace an existing file')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Replace stored events that differ from the file (default: leave them, count them as conflicts, exit 1)')
            [CompletionResult]::new('--skip-expired', '--skip-expired', [CompletionResultType]::ParameterName, 'Leave out events whose ttl has already passed (default: write them and count them)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Write to a production table')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate only; write nothing')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;events;delete' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User id (partition key)')
            [CompletionResult]::new('--event-id', '--event-id', [CompletionResultType]::ParameterName, 'Event id (as `events put` or `events query` printed it)')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'The event''s timestamp: a direct GetItem instead of a search of the user''s events; needed when two of the user''s events share the id')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete it (without --yes nothing is deleted: the event is shown and the command fails)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the event that would be deleted, delete nothing')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;events;help' {
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Write one event (never overwrites); prints the stored event')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read one event by user and event id')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Events of one user, by time, type or status, streamed page by page')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import NDJSON events: validated first, written in batches; never replaces a stored event that differs (--overwrite does), so a re-run is idempotent')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one event (a poison event) by user and event id: only if it exists; --dry-run shows it, --yes deletes it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;events;help;put' {
            break
        }
        'eventsctl;events;help;get' {
            break
        }
        'eventsctl;events;help;query' {
            break
        }
        'eventsctl;events;help;import' {
            break
        }
        'eventsctl;events;help;delete' {
            break
        }
        'eventsctl;events;help;help' {
            break
        }
        'eventsctl;diagnose' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('throttling', 'throttling', [CompletionResultType]::ParameterValue, 'Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)')
            [CompletionResult]::new('latency', 'latency', [CompletionResultType]::ParameterValue, 'SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)')
            [CompletionResult]::new('writes', 'writes', [CompletionResultType]::ParameterValue, 'Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;diagnose;throttling' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look: 1h, 30m, 6h, 2d (or "1h ago")')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;diagnose;latency' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look: 1h, 30m, 6h, 2d (or "1h ago")')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;diagnose;writes' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look: 1h, 30m, 6h, 2d (or "1h ago")')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--canary', '--canary', [CompletionResultType]::ParameterName, 'Write a canary event (user eventsctl-canary, type eventsctl.canary, 1 h ttl), read it back and delete it, timing the round trip. Stream consumers see it and can filter on its type')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;diagnose;help' {
            [CompletionResult]::new('throttling', 'throttling', [CompletionResultType]::ParameterValue, 'Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)')
            [CompletionResult]::new('latency', 'latency', [CompletionResultType]::ParameterValue, 'SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)')
            [CompletionResult]::new('writes', 'writes', [CompletionResultType]::ParameterValue, 'Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;diagnose;help;throttling' {
            break
        }
        'eventsctl;diagnose;help;latency' {
            break
        }
        'eventsctl;diagnose;help;writes' {
            break
        }
        'eventsctl;diagnose;help;help' {
            break
        }
        'eventsctl;alarms' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create or update the runbook''s alarms to spec')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Each alarm: present, as specified, its state, and whether it notifies anyone')
            [CompletionResult]::new('backtest', 'backtest', [CompletionResultType]::ParameterValue, 'Replay each alarm''s own rule over the last days of its metrics: when it would have fired, how often it would have paged, and the threshold for a target page rate')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Put each alarm into ALARM (pages people: needs --yes) and prove the page went out: its topics exist with confirmed subscribers, and its history shows the action ran')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;alarms;apply' {
            [CompletionResult]::new('--sns-topic', '--sns-topic', [CompletionResultType]::ParameterName, 'SNS topic to notify on ALARM and OK, replacing the actions for those states (without it, every action an alarm has is kept; INSUFFICIENT_DATA actions are always kept)')
            [CompletionResult]::new('--consumer-function', '--consumer-function', [CompletionResultType]::ParameterName, 'With --recommended: the stream consumer''s Lambda function, which must exist (default: the one event source mapping reading the table''s stream)')
            [CompletionResult]::new('--iterator-age-minutes', '--iterator-age-minutes', [CompletionResultType]::ParameterName, 'With --recommended: minutes behind (IteratorAge) at which the consumer alarm fires')
            [CompletionResult]::new('--thresholds-from-backtest', '--thresholds-from-backtest', [CompletionResultType]::ParameterName, 'The thresholds a backtest suggested (`alarms backtest --pages-per-month N`) instead of the runbook''s, for the alarms it names: FILE (its `-o json` output) or `latest` (the last one of this environment); the plan shows each threshold before → after')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--recommended', '--recommended', [CompletionResultType]::ParameterName, 'Also the alarms the runbook forgot (beyond the runbook): SystemErrors on the table, TTL deletes stopped, and the stream consumer''s IteratorAge and Errors')
            [CompletionResult]::new('--health-check', '--health-check', [CompletionResultType]::ParameterName, 'Also the alarms on the scheduled `health-check monthly --publish-metrics`: its last run crit (or unknown), and no run for 7 days (the longest CloudWatch evaluates: schedule the check at least daily)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Apply to a production environment')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;alarms;status' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;alarms;backtest' {
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days of history to replay (CloudWatch keeps 1-minute datapoints 15 days, 5-minute ones 63, hourly ones 455: an alarm whose period is finer than what is kept is replayed over what is kept, and says so)')
            [CompletionResult]::new('--pages-per-month', '--pages-per-month', [CompletionResultType]::ParameterName, 'A target page rate (pages a month): the threshold that would have met it, next to the runbook''s (advice: the alarms keep their thresholds)')
            [CompletionResult]::new('--alarm', '--alarm', [CompletionResultType]::ParameterName, 'Only this alarm (its full name, or without `{prefix}-{env}-`); repeatable')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;alarms;test' {
            [CompletionResult]::new('--alarm', '--alarm', [CompletionResultType]::ParameterName, 'Only this alarm (its full name, or without `{prefix}-{env}-`); repeatable')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for each alarm''s Action item and its return from ALARM')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say who would be paged and change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Page them: put the alarms into ALARM (every environment; it pages people)')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;alarms;help' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create or update the runbook''s alarms to spec')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Each alarm: present, as specified, its state, and whether it notifies anyone')
            [CompletionResult]::new('backtest', 'backtest', [CompletionResultType]::ParameterValue, 'Replay each alarm''s own rule over the last days of its metrics: when it would have fired, how often it would have paged, and the threshold for a target page rate')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Put each alarm into ALARM (pages people: needs --yes) and prove the page went out: its topics exist with confirmed subscribers, and its history shows the action ran')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;alarms;help;apply' {
            break
        }
        'eventsctl;alarms;help;status' {
            break
        }
        'eventsctl;alarms;help;backtest' {
            break
        }
        'eventsctl;alarms;help;test' {
            break
        }
        'eventsctl;alarms;help;help' {
            break
        }
        'eventsctl;dashboard' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Put the runbook''s dashboard (four widgets) into CloudWatch')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Draw the dashboard''s four widgets in the terminal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;dashboard;apply' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the dashboard body and change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Apply to a production environment')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;dashboard;show' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to draw: 3h, 1d, 7d')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;dashboard;help' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Put the runbook''s dashboard (four widgets) into CloudWatch')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Draw the dashboard''s four widgets in the terminal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;dashboard;help;apply' {
            break
        }
        'eventsctl;dashboard;help;show' {
            break
        }
        'eventsctl;dashboard;help;help' {
            break
        }
        'eventsctl;check-ttl' {
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Items to sample: small pages from randomly chosen segments spanning the key space; every share reported carries a 95% confidence interval')
            [CompletionResult]::new('--read-rate', '--read-rate', [CompletionResultType]::ParameterName, 'With --full: consumed read units per second at most (ReturnConsumedCapacity), shared by all segments; throttled pages back off')
            [CompletionResult]::new('--max-read-units', '--max-read-units', [CompletionResultType]::ParameterName, 'With --full: stop after consuming this many read units and report what was seen as partial (resume later with --resume)')
            [CompletionResult]::new('--checkpoint', '--checkpoint', [CompletionResultType]::ParameterName, 'With --full or --repair: the state file, created 0600 (default: a new one in the private state directory, $XDG_STATE_HOME/eventsctl or ~/.local/state/eventsctl, named in the output; removed when the scan finishes)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue the full scan (or --repair) saved in this state file (after Ctrl-C, a kill, an expired credential or a budget stop), with the full scan''s time limit; nothing is counted twice. A file of another table or command, or one that does not add up, is refused')
            [CompletionResult]::new('--segments', '--segments', [CompletionResultType]::ParameterName, 'With --full: TotalSegments (default: one per GB of table, at least 4; at most 1,000,000)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Segments read at the same time')
            [CompletionResult]::new('--confirm-above', '--confirm-above', [CompletionResultType]::ParameterName, 'With --full on a production environment: the estimate in read units above which --yes is needed')
            [CompletionResult]::new('--price-per-million-rru', '--price-per-million-rru', [CompletionResultType]::ParameterName, 'On-demand $ per million read request units, for the estimate')
            [CompletionResult]::new('--from-export', '--from-export', [CompletionResultType]::ParameterName, 'Answer from this export (an export ARN, or `latest`: the newest completed full export of the table in DynamoDB JSON; an incremental or ION export is refused); the table itself is not read, and what is read is checked against the export''s manifest')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'With --from-export: read the export''s files here (`local`, streamed in parallel) or run SQL over them in Amazon Athena (`athena`)')
            [CompletionResult]::new('--athena-workgroup', '--athena-workgroup', [CompletionResultType]::ParameterName, 'Athena workgroup')
            [CompletionResult]::new('--athena-output', '--athena-output', [CompletionResultType]::ParameterName, 'Where Athena writes query results (s3://bucket/prefix/); default: the workgroup''s result location, or, when it has none, `athena-results/` beside the export (s3://BUCKET/PREFIX/athena-results/)')
            [CompletionResult]::new('--athena-database', '--athena-database', [CompletionResultType]::ParameterName, 'Glue database the export''s table is registered in (created when missing): lower-case letters, digits and ''_'', as in eventsctl.toml')
            [CompletionResult]::new('--price-per-tb-scanned', '--price-per-tb-scanned', [CompletionResultType]::ParameterName, 'Athena $ per TB scanned, for the estimate (of the export''s gzip files, at least 10 MB a query, as Athena bills)')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long after expiry an item counts as overdue (DynamoDB typically deletes within 48 h)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'With --cleanup: deletes per second at most; with --repair: rewrites per second at most')
            [CompletionResult]::new('--classes', '--classes', [CompletionResultType]::ParameterName, 'With --repair: the classes to rewrite (default: missing,not_number,milliseconds, the items TTL never deletes). too_far (a ttl beyond timestamp + 30 days, which TTL does delete, later) is rewritten to timestamp + 30 days only when named: that shortens a ttl that may be deliberate')
            [CompletionResult]::new('--expire-now', '--expire-now', [CompletionResultType]::ParameterName, 'With --repair: also rewrite the items of these classes whose new ttl is already past (an event older than 30 days): TTL then deletes them, typically within 48 hours. Without it they are counted ("would expire at once") and left as they are')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Scan the whole table: prints the estimate (read units, time, price) first, honours --read-rate and --max-read-units, checkpoints to a state file')
            [CompletionResult]::new('--estimate', '--estimate', [CompletionResultType]::ParameterName, 'With --full: only print the estimate, read nothing')
            [CompletionResult]::new('--cleanup', '--cleanup', [CompletionResultType]::ParameterName, 'Delete the overdue items the scan finds (conditional on `ttl` still being past the cutoff); without --yes only reports what it would delete')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --cleanup: really delete; with --full on production: read above --confirm-above')
            [CompletionResult]::new('--instead-of-ttl', '--instead-of-ttl', [CompletionResultType]::ParameterName, 'With --cleanup --yes: delete even though TTL is not enabled on `ttl` (a cleanup that stands in for TTL: a different operation, asked for explicitly)')
            [CompletionResult]::new('--repair', '--repair', [CompletionResultType]::ParameterName, 'Beyond the runbook: give a Number `ttl` in epoch seconds to the items TTL never deletes (missing or malformed: the event''s timestamp + 30 days; a string or milliseconds: the same moment in seconds), each only if it is unchanged since it was read. Never shortens a ttl or sets one already past unless its class is named (--classes, --expire-now). Reads the whole table like --full (--read-rate, --max-read-units, --checkpoint, --resume); production needs --yes')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --repair: read and count what would be rewritten, class by class, write nothing')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;export' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity used; a full export in DynamoDB JSON); run again, it reuses the export of the same bucket and prefix that is still in progress, or a recent completed one, unless --new')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'One export''s state (an ARN, or `latest`)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The table''s exports, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;export;start' {
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'S3 bucket for the export (else `bucket` in the environment''s [env.NAME.export] of the config file)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Key prefix in the bucket')
            [CompletionResult]::new('--bucket-owner', '--bucket-owner', [CompletionResultType]::ParameterName, 'The AWS account id (12 digits) that owns the bucket: needed when the bucket is in another account than the table (AWS requires S3BucketOwner then, and the bucket''s policy must let this account write to it)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The point in time to export (default: now); within the PITR window')
            [CompletionResult]::new('--reuse-within', '--reuse-within', [CompletionResultType]::ParameterName, 'Reuse a completed export of this bucket and prefix no older than this (one still in progress is always reused; with an absolute --to, one of exactly that point; with a relative --to such as 1m, which moves with the clock, one of a point within this before the point asked, so a run again after a timeout or Ctrl-C never starts a second export)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'With --wait: give up waiting after this long (the export goes on)')
            [CompletionResult]::new('--price-per-gb', '--price-per-gb', [CompletionResultType]::ParameterName, 'Export $ per GB of table, for the estimate')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--new', '--new', [CompletionResultType]::ParameterName, 'Start a new export even when a recent one, or one in progress, exists')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the export completes (progress on stderr)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the estimate and what would be started; start nothing')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;export;status' {
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'With --wait: give up waiting after this long')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until it completes')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;export;list' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;export;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity used; a full export in DynamoDB JSON); run again, it reuses the export of the same bucket and prefix that is still in progress, or a recent completed one, unless --new')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'One export''s state (an ARN, or `latest`)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The table''s exports, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;export;help;start' {
            break
        }
        'eventsctl;export;help;status' {
            break
        }
        'eventsctl;export;help;list' {
            break
        }
        'eventsctl;export;help;help' {
            break
        }
        'eventsctl;stream-status' {
            [CompletionResult]::new('--probe-timeout', '--probe-timeout', [CompletionResultType]::ParameterName, 'With --probe: how long to wait for the canary on the stream, then as long again for quiet consumers to show it')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Write a canary event (type eventsctl.canary), wait for it on the stream, report the end-to-end latency and delete it. Downstream consumers see the canary too and can drop it by its event type')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --probe: read the stream even when two event source mappings already do (a third reader of a shard gets throttled, and so may they)')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;stream' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Follow every open shard (children after parents) and print one record a line; Ctrl-C stops. Refused when two event source mappings already read the stream (--force)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;stream;tail' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where to start')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only records of this user')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only records of this event type')
            [CompletionResult]::new('--max-records', '--max-records', [CompletionResultType]::ParameterName, 'Stop after this many records')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Stop after this long (default: until Ctrl-C)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Read even when two event source mappings already do (a third reader of a shard gets throttled, and so may they)')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;stream;help' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Follow every open shard (children after parents) and print one record a line; Ctrl-C stops. Refused when two event source mappings already read the stream (--force)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;stream;help;tail' {
            break
        }
        'eventsctl;stream;help;help' {
            break
        }
        'eventsctl;pitr-restore' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, '`latest`, RFC 3339, or relative (`2h ago`)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The new table (default {table}-restored-YYYYMMDD)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Pick up a restore already started: wait for TARGET, verify it, re-apply settings')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest wait for the restored table to become ACTIVE (restores can take hours)')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Keys read from the restored table and looked up in the source, and about as many source events (dated before the restore point) looked up in the restored table')
            [CompletionResult]::new('--reference-export', '--reference-export', [CompletionResultType]::ParameterName, 'Compare the restored table with the source as it was at the restore point: the item count in the manifest of a PITR export of the source (`latest`: the newest completed full DynamoDB-JSON export at or before the restore point; take one with `export start --to <point>`). Checked before the restore starts (and by --dry-run): a reference that cannot be used refuses the restore. With --exact-count only the restored table is scanned')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm a restore from a production table (production rule: docs/safety.md); a dry run needs no confirmation')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the restore and verify it (the default in a terminal)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Start the restore and return (pick it up later with --resume)')
            [CompletionResult]::new('--no-reapply', '--no-reapply', [CompletionResultType]::ParameterName, 'Do not re-apply TTL, stream, PITR and tags on the restored table')
            [CompletionResult]::new('--exact-count', '--exact-count', [CompletionResultType]::ParameterName, 'Count both tables exactly with a Scan (billed by the bytes it reads: half a read unit per 4 KB, eventually consistent; hours and many read units on a production-size source; the estimate is shown first). Without it the counts are DescribeTable''s ItemCount, refreshed about every six hours')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;dr-drill' {
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write the drill record as Markdown to FILE and as JSON beside it (FILE with .json; a FILE ending in .json gets the JSON and the Markdown goes to FILE with .md). Never over an existing file without --force; checked before the first AWS call')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest wait for the drill table to become ACTIVE')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Keys sampled for verification')
            [CompletionResult]::new('--corruption', '--corruption', [CompletionResultType]::ParameterName, 'With --cutover: overwrite N of the seeded events with garbage after the restore is taken, and prove by content that each has its seeded value in the restored table and the garbage only in the drill source')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'With --cutover: the execution role ARN of the drill functions (it must allow DynamoDB on the drill tables, `{table}-drill-*`, and their streams)')
            [CompletionResult]::new('--canary-timeout', '--canary-timeout', [CompletionResultType]::ParameterName, 'With --cutover: how long the consumer may take to show the canary')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Delete a kept drill table instead of drilling (only a table tagged as a drill)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep the drill table (delete it later with --delete NAME --yes)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Let --report replace existing files')
            [CompletionResult]::new('--cutover', '--cutover', [CompletionResultType]::ParameterName, 'Rehearse the whole procedure (not in production): a drill source table seeded with known events, a drill API function and a drill consumer with its mapping, all created and tagged by the drill; restore, cutover of the drill API to the restored table, canary through the consumer, rollback, then everything the drill created deleted. RTO runs from the restore''s start to the verified cutover')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --delete: really delete')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and change nothing')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;dr' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('cutover', 'cutover', [CompletionResultType]::ParameterValue, 'Move what points at the table (functions'' variable, the consumer''s stream mapping) to a restored TARGET, in a safe order, recorded step by step and proven by a canary')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Undo a cutover from its record: exactly the previous values, conflicts shown')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Back up and delete the original table after a verified cutover (--table SOURCE)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;dr;cutover' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The restored table to point the API at (restored and verified by pitr-restore)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'A function to change (repeatable); default: every function whose --variable names the table')
            [CompletionResult]::new('--variable', '--variable', [CompletionResultType]::ParameterName, 'The environment variable that names the events table in the functions')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'The cutover record (JSON, 0600); default: cutover-SOURCE-to-TARGET.json in the private state directory. An existing record is picked up where it stopped')
            [CompletionResult]::new('--canary-timeout', '--canary-timeout', [CompletionResultType]::ParameterName, 'How long each consumer may take to show the canary (AWS may take minutes to start a new mapping''s polling)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (every change as before -> after) and change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm a write to production')
            [CompletionResult]::new('--no-rollback', '--no-rollback', [CompletionResultType]::ParameterName, 'Keep what was done when a step fails or the canary is not seen (default: undo it)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'Add what a function''s role lacks on TARGET as an inline policy (the record holds it; dr rollback removes it); without it such a cutover is refused with the statement to add')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;dr;rollback' {
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'The record dr cutover wrote')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Set back a function (or enable a mapping, by UUID; a copied resource-based policy, by the target''s table or stream ARN; an alarm or the dashboard, by name) that changed since the cutover (repeatable)')
            [CompletionResult]::new('--canary-timeout', '--canary-timeout', [CompletionResultType]::ParameterName, 'How long each consumer may take to show the canary written to the source afterwards')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be set back, and change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm a write to production')
            [CompletionResult]::new('--no-canary', '--no-canary', [CompletionResultType]::ParameterName, 'Do not write a canary to the source after the rollback')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;dr;retire' {
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'The record of the verified cutover away from the table; default: the one cutover record of the table in the private state directory')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, and change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm: the table is deleted (after its backup is AVAILABLE)')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;dr;help' {
            [CompletionResult]::new('cutover', 'cutover', [CompletionResultType]::ParameterValue, 'Move what points at the table (functions'' variable, the consumer''s stream mapping) to a restored TARGET, in a safe order, recorded step by step and proven by a canary')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Undo a cutover from its record: exactly the previous values, conflicts shown')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Back up and delete the original table after a verified cutover (--table SOURCE)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;dr;help;cutover' {
            break
        }
        'eventsctl;dr;help;rollback' {
            break
        }
        'eventsctl;dr;help;retire' {
            break
        }
        'eventsctl;dr;help;help' {
            break
        }
        'eventsctl;insights' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The named queries and what they answer')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a named query, or your own with --query')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;insights;list' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;insights;run' {
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Your own query text')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From: RFC 3339 or relative (1h, 2d ago)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Until: RFC 3339 or relative (default now)')
            [CompletionResult]::new('--log-group', '--log-group', [CompletionResultType]::ParameterName, 'Log group (repeatable, at most 50: a query takes 50; default: the groups under /aws/lambda/{prefix}-{env}, the first 50 if there are more, and it says which were left)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only this user''s lines (adds `filter user_id = "..."`, the value escaped)')
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Only lines containing this text (adds `filter @message like /.../`, the text escaped)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many result rows, read page by page (Logs Insights'' default is 10,000; at most 100,000)')
            [CompletionResult]::new('--latency-field', '--latency-field', [CompletionResultType]::ParameterName, 'The application''s latency field, read by the latency queries (the runbook''s @duration exists only on Lambda REPORT lines)')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest wait for the query (Logs Insights stops queries at 60 minutes)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;insights;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The named queries and what they answer')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a named query, or your own with --query')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;insights;help;list' {
            break
        }
        'eventsctl;insights;help;run' {
            break
        }
        'eventsctl;insights;help;help' {
            break
        }
        'eventsctl;hot-partitions' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look')
            [CompletionResult]::new('--log-group', '--log-group', [CompletionResultType]::ParameterName, 'Log group of the API''s Lambda (repeatable; default: those under /aws/lambda/{prefix}-{env})')
            [CompletionResult]::new('--from-export', '--from-export', [CompletionResultType]::ParameterName, 'Answer from this export (an export ARN, or `latest`: the newest completed full export of the table in DynamoDB JSON; an incremental or ION export is refused); the table itself is not read, and what is read is checked against the export''s manifest')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'With --from-export: read the export''s files here (`local`, streamed in parallel) or run SQL over them in Amazon Athena (`athena`)')
            [CompletionResult]::new('--athena-workgroup', '--athena-workgroup', [CompletionResultType]::ParameterName, 'Athena workgroup')
            [CompletionResult]::new('--athena-output', '--athena-output', [CompletionResultType]::ParameterName, 'Where Athena writes query results (s3://bucket/prefix/); default: the workgroup''s result location, or, when it has none, `athena-results/` beside the export (s3://BUCKET/PREFIX/athena-results/)')
            [CompletionResult]::new('--athena-database', '--athena-database', [CompletionResultType]::ParameterName, 'Glue database the export''s table is registered in (created when missing): lower-case letters, digits and ''_'', as in eventsctl.toml')
            [CompletionResult]::new('--price-per-tb-scanned', '--price-per-tb-scanned', [CompletionResultType]::ParameterName, 'Athena $ per TB scanned, for the estimate (of the export''s gzip files, at least 10 MB a query, as Athena bills)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--enable-contributor-insights', '--enable-contributor-insights', [CompletionResultType]::ParameterName, 'Enable Contributor Insights (throttled-keys mode) on the table and its GSIs first')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --enable-contributor-insights: show what would be enabled, change nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --enable-contributor-insights on production (docs/safety.md): confirm the change')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;changes' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look: 1h, 24h, 7d (CloudTrail keeps 90 days)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;health-check' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('monthly', 'monthly', [CompletionResultType]::ParameterValue, 'Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst status is the exit code')
            [CompletionResult]::new('quarterly', 'quarterly', [CompletionResultType]::ParameterValue, 'Latency against targets and last quarter, GSI usage, key distribution, cost')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;health-check;monthly' {
            [CompletionResult]::new('--alarm-test-wait', '--alarm-test-wait', [CompletionResultType]::ParameterName, 'With --alarm-test: seconds to wait for each alarm''s Action item and its return from ALARM')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write the report as Markdown to FILE, for the ticket (never an input, never over an existing file without --force; checked before the first AWS call)')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Items check-ttl samples')
            [CompletionResult]::new('--cost-jump', '--cost-jump', [CompletionResultType]::ParameterName, 'Warn when the last month''s cost rose more than this many percent on the month before (part cost)')
            [CompletionResult]::new('--advisor-wait', '--advisor-wait', [CompletionResultType]::ParameterName, 'Seconds to wait for each role''s IAM access advisor report (part iam)')
            [CompletionResult]::new('--price-per-million-wru', '--price-per-million-wru', [CompletionResultType]::ParameterName, 'On-demand $ per million write request units')
            [CompletionResult]::new('--price-per-million-rru', '--price-per-million-rru', [CompletionResultType]::ParameterName, 'On-demand $ per million read request units')
            [CompletionResult]::new('--price-per-wcu-hour', '--price-per-wcu-hour', [CompletionResultType]::ParameterName, 'Provisioned $ per WCU-hour')
            [CompletionResult]::new('--price-per-rcu-hour', '--price-per-rcu-hour', [CompletionResultType]::ParameterName, 'Provisioned $ per RCU-hour')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--restore-test', '--restore-test', [CompletionResultType]::ParameterName, 'Also run a restore drill (dr-drill) and include its record')
            [CompletionResult]::new('--alarm-test', '--alarm-test', [CompletionResultType]::ParameterName, 'Also run the alarm test (`alarms test --yes`): every alarm goes to ALARM and pages its subscribers (the flag is the consent; on production it needs --yes too), and its history shows whether the page went out')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --alarm-test on production: page them (a production environment is refused without it)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --alarm-test: say who would be paged and page nobody')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Let --report replace an existing file')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;health-check;quarterly' {
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write the report as Markdown to FILE (never an input, never over an existing file without --force; checked before the first AWS call)')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Items sampled for the key distribution')
            [CompletionResult]::new('--price-per-million-wru', '--price-per-million-wru', [CompletionResultType]::ParameterName, 'On-demand $ per million write request units')
            [CompletionResult]::new('--price-per-million-rru', '--price-per-million-rru', [CompletionResultType]::ParameterName, 'On-demand $ per million read request units')
            [CompletionResult]::new('--price-per-wcu-hour', '--price-per-wcu-hour', [CompletionResultType]::ParameterName, 'Provisioned $ per WCU-hour')
            [CompletionResult]::new('--price-per-rcu-hour', '--price-per-rcu-hour', [CompletionResultType]::ParameterName, 'Provisioned $ per RCU-hour')
            [CompletionResult]::new('--from-export', '--from-export', [CompletionResultType]::ParameterName, 'Answer from this export (an export ARN, or `latest`: the newest completed full export of the table in DynamoDB JSON; an incremental or ION export is refused); the table itself is not read, and what is read is checked against the export''s manifest')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'With --from-export: read the export''s files here (`local`, streamed in parallel) or run SQL over them in Amazon Athena (`athena`)')
            [CompletionResult]::new('--athena-workgroup', '--athena-workgroup', [CompletionResultType]::ParameterName, 'Athena workgroup')
            [CompletionResult]::new('--athena-output', '--athena-output', [CompletionResultType]::ParameterName, 'Where Athena writes query results (s3://bucket/prefix/); default: the workgroup''s result location, or, when it has none, `athena-results/` beside the export (s3://BUCKET/PREFIX/athena-results/)')
            [CompletionResult]::new('--athena-database', '--athena-database', [CompletionResultType]::ParameterName, 'Glue database the export''s table is registered in (created when missing): lower-case letters, digits and ''_'', as in eventsctl.toml')
            [CompletionResult]::new('--price-per-tb-scanned', '--price-per-tb-scanned', [CompletionResultType]::ParameterName, 'Athena $ per TB scanned, for the estimate (of the export''s gzip files, at least 10 MB a query, as Athena bills)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Let --report replace an existing file')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;health-check;help' {
            [CompletionResult]::new('monthly', 'monthly', [CompletionResultType]::ParameterValue, 'Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst status is the exit code')
            [CompletionResult]::new('quarterly', 'quarterly', [CompletionResultType]::ParameterValue, 'Latency against targets and last quarter, GSI usage, key distribution, cost')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;health-check;help;monthly' {
            break
        }
        'eventsctl;health-check;help;quarterly' {
            break
        }
        'eventsctl;health-check;help;help' {
            break
        }
        'eventsctl;bench' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write events at a fixed rate (PutItem, conditional), as the API does; its events are deleted at the end, on Ctrl-C and on SIGTERM (after a kill -9: bench cleanup)')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Query users'' recent events at a fixed rate, as GET /inbox does')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Delete the events of bench runs that were not cleaned up (killed runs, --keep)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;bench;write' {
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Requests per second, sent on schedule whatever the latency (open loop)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long to run')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Bench users to spread the load over (user ids eventsctl-bench-<run>-<n>)')
            [CompletionResult]::new('--max-in-flight', '--max-in-flight', [CompletionResultType]::ParameterName, 'Requests in flight at most; beyond it a scheduled request is counted as dropped')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep the bench events (their ttl removes them within about a day of the hour they get; bench cleanup deletes them sooner)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Run against a production table (bench events reach its stream consumers)')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;bench;read' {
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Requests per second, sent on schedule whatever the latency (open loop)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long to run')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Bench users to spread the load over (user ids eventsctl-bench-<run>-<n>)')
            [CompletionResult]::new('--max-in-flight', '--max-in-flight', [CompletionResultType]::ParameterName, 'Requests in flight at most; beyond it a scheduled request is counted as dropped')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep the bench events (their ttl removes them within about a day of the hour they get; bench cleanup deletes them sooner)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Run against a production table (bench events reach its stream consumers)')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;bench;cleanup' {
            [CompletionResult]::new('--run', '--run', [CompletionResultType]::ParameterName, 'Only this run (the run_id a bench printed)')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Only runs that started at least this long ago (a run still going is left alone)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Really delete (without it: what would be deleted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be deleted and delete nothing')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;bench;help' {
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write events at a fixed rate (PutItem, conditional), as the API does; its events are deleted at the end, on Ctrl-C and on SIGTERM (after a kill -9: bench cleanup)')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Query users'' recent events at a fixed rate, as GET /inbox does')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Delete the events of bench runs that were not cleaned up (killed runs, --keep)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;bench;help;write' {
            break
        }
        'eventsctl;bench;help;read' {
            break
        }
        'eventsctl;bench;help;cleanup' {
            break
        }
        'eventsctl;bench;help;help' {
            break
        }
        'eventsctl;iam' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The execution roles of the functions that use the table (their variable names it, or an event source mapping feeds them its stream): each statement of their inline and attached policies judged (wildcards, account-wide resources, writes and deletes a role does not need, privilege escalation), what they need and lack, and what they never used in 90 days (IAM access advisor); each remedy prints the role''s least-privilege policy')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;iam;audit' {
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Audit this function''s role, whether or not it uses the table (repeatable; default: every function that uses the table)')
            [CompletionResult]::new('--variable', '--variable', [CompletionResultType]::ParameterName, 'The environment variable whose value names the table (its name or ARN)')
            [CompletionResult]::new('--advisor-wait', '--advisor-wait', [CompletionResultType]::ParameterName, 'Seconds to wait for each role''s access advisor report (IAM prepares it; without it the unused permissions are unknown)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;iam;help' {
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The execution roles of the functions that use the table (their variable names it, or an event source mapping feeds them its stream): each statement of their inline and attached policies judged (wildcards, account-wide resources, writes and deletes a role does not need, privilege escalation), what they need and lack, and what they never used in 90 days (IAM access advisor); each remedy prints the role''s least-privilege policy')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;iam;help;audit' {
            break
        }
        'eventsctl;iam;help;help' {
            break
        }
        'eventsctl;iam-policy' {
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'The AWS account the resources are in (default `*`: any account)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;config' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every setting of the environment (--env) as resolved from the flags, the config file and the defaults, and where each came from')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the commented example config to the XDG config path (or --file FILE); never over an existing file without --force')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;config;show' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;config;init' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Write here instead of $XDG_CONFIG_HOME/eventsctl/eventsctl.toml (`--file`, since `--output` is the global output format)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every setting of the environment (--env) as resolved from the flags, the config file and the defaults, and where each came from')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the commented example config to the XDG config path (or --file FILE); never over an existing file without --force')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;config;help;show' {
            break
        }
        'eventsctl;config;help;init' {
            break
        }
        'eventsctl;config;help;help' {
            break
        }
        'eventsctl;completions' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment: names derive as {prefix}-{env}-events, and its [env.NAME] section of the config file applies. Checks take several (`--env dev,staging,prod`): a fleet run, one report with a row per environment, the worst exit code')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file (else EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml if it exists); flags override it, it overrides the defaults (`eventsctl config show`)')
            [CompletionResult]::new('--metrics-file', '--metrics-file', [CompletionResultType]::ParameterName, 'Also write the verdicts as OpenMetrics text to FILE (NAME.prom, replaced atomically), for node_exporter''s textfile collector')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Table name, overriding the one derived from --name-prefix and --env')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Prefix of every resource name')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (else AWS_REGION, the profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile (else AWS_PROFILE)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in tables')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it')
            [CompletionResult]::new('--production-markers', '--production-markers', [CompletionResultType]::ParameterName, 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Checks: run for every environment of the config file (a fleet run, as --env a,b,c)')
            [CompletionResult]::new('--publish-metrics', '--publish-metrics', [CompletionResultType]::ParameterName, 'Checks: also put each check''s status (0 ok .. 3 unknown) into CloudWatch, namespace Eventsctl/HealthCheck, dimensions Env and Check (cloudwatch:PutMetricData)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress and no notes on stderr; errors are still printed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK''s own debug log; never payloads or credentials')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No spinners or progress bars')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'eventsctl;help' {
            [CompletionResult]::new('table', 'table', [CompletionResultType]::ParameterValue, 'Create, verify and describe the events table (runbook: Architecture Summary)')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Write, read, query and import events through the shared core')
            [CompletionResult]::new('diagnose', 'diagnose', [CompletionResultType]::ParameterValue, 'Diagnose throttling, latency and failing writes (runbook Issue 1, alarms 1-3)')
            [CompletionResult]::new('alarms', 'alarms', [CompletionResultType]::ParameterValue, 'Create and check the runbook''s alarms')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Put the runbook''s dashboard, or draw it in the terminal')
            [CompletionResult]::new('check-ttl', 'check-ttl', [CompletionResultType]::ParameterValue, 'TTL configured on `ttl`, and the data that TTL can or cannot delete (runbook Issue 2)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'PITR exports to S3: exact answers at any size without reading the table')
            [CompletionResult]::new('stream-status', 'stream-status', [CompletionResultType]::ParameterValue, 'Stream enabled with NEW_IMAGE, its shards, and its consumer (runbook Issue 3)')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Read the table''s stream')
            [CompletionResult]::new('pitr-restore', 'pitr-restore', [CompletionResultType]::ParameterValue, 'Restore the table to a point in time into a new table, verify it, re-apply what a restore drops (TTL, stream, PITR, tags); never touches the source (runbook: Disaster Recovery)')
            [CompletionResult]::new('dr-drill', 'dr-drill', [CompletionResultType]::ParameterValue, 'Restore `latest` into a tagged drill table, verify, measure RTO and RPO, delete it (runbook: Disaster Recovery Drill)')
            [CompletionResult]::new('dr', 'dr', [CompletionResultType]::ParameterValue, 'Point the API at a restored table, undo it, and retire the original (runbook: Disaster Recovery, steps 4 and 5)')
            [CompletionResult]::new('insights', 'insights', [CompletionResultType]::ParameterValue, 'The runbook''s Logs Insights queries')
            [CompletionResult]::new('hot-partitions', 'hot-partitions', [CompletionResultType]::ParameterValue, 'Hot users and keys: top users'' rates, Contributor Insights, key-range throttling (runbook Issue 4)')
            [CompletionResult]::new('changes', 'changes', [CompletionResultType]::ParameterValue, 'What changed, who changed it and when (beyond the runbook): CloudTrail events on the table, its alarms and its stream consumer, the alarms'' history and the throttle and latency spikes, newest first')
            [CompletionResult]::new('health-check', 'health-check', [CompletionResultType]::ParameterValue, 'The runbook''s maintenance procedures as one command each')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Open-loop load through the core against the runbook''s performance targets')
            [CompletionResult]::new('iam', 'iam', [CompletionResultType]::ParameterValue, 'Audit the IAM roles of the Lambda functions that use the table (runbook Monthly 5)')
            [CompletionResult]::new('iam-policy', 'iam-policy', [CompletionResultType]::ParameterValue, 'Print the least-privilege IAM policy (JSON) for these commands (default: all), scoped to this environment''s table, indexes, stream, restore and drill tables, alarms, dashboard and log groups; split into named policies that each fit IAM''s 6,144 characters when one cannot hold it')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The config file (eventsctl.toml): the settings in force and where each came from, or a commented example to start from')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'eventsctl;help;table' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create the table to spec (dev, test and sandbox environments; refused for a production env or table name, see --production-markers), wait until ACTIVE, enable TTL and PITR, tag it managed-by=eventsctl')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Compare the live table with the runbook''s spec, one finding per setting')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show the table''s keys, indexes, TTL, PITR, stream and size')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Put back TTL on `ttl` and PITR where someone switched them off, on any table (production with --yes: TTL then deletes what has expired); keys, indexes, the stream and tags are not touched')
            break
        }
        'eventsctl;help;table;create' {
            break
        }
        'eventsctl;help;table;verify' {
            break
        }
        'eventsctl;help;table;describe' {
            break
        }
        'eventsctl;help;table;fix' {
            break
        }
        'eventsctl;help;events' {
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Write one event (never overwrites); prints the stored event')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read one event by user and event id')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Events of one user, by time, type or status, streamed page by page')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import NDJSON events: validated first, written in batches; never replaces a stored event that differs (--overwrite does), so a re-run is idempotent')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one event (a poison event) by user and event id: only if it exists; --dry-run shows it, --yes deletes it')
            break
        }
        'eventsctl;help;events;put' {
            break
        }
        'eventsctl;help;events;get' {
            break
        }
        'eventsctl;help;events;query' {
            break
        }
        'eventsctl;help;events;import' {
            break
        }
        'eventsctl;help;events;delete' {
            break
        }
        'eventsctl;help;diagnose' {
            [CompletionResult]::new('throttling', 'throttling', [CompletionResultType]::ParameterValue, 'Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)')
            [CompletionResult]::new('latency', 'latency', [CompletionResultType]::ParameterValue, 'SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)')
            [CompletionResult]::new('writes', 'writes', [CompletionResultType]::ParameterValue, 'Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write')
            break
        }
        'eventsctl;help;diagnose;throttling' {
            break
        }
        'eventsctl;help;diagnose;latency' {
            break
        }
        'eventsctl;help;diagnose;writes' {
            break
        }
        'eventsctl;help;alarms' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create or update the runbook''s alarms to spec')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Each alarm: present, as specified, its state, and whether it notifies anyone')
            [CompletionResult]::new('backtest', 'backtest', [CompletionResultType]::ParameterValue, 'Replay each alarm''s own rule over the last days of its metrics: when it would have fired, how often it would have paged, and the threshold for a target page rate')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Put each alarm into ALARM (pages people: needs --yes) and prove the page went out: its topics exist with confirmed subscribers, and its history shows the action ran')
            break
        }
        'eventsctl;help;alarms;apply' {
            break
        }
        'eventsctl;help;alarms;status' {
            break
        }
        'eventsctl;help;alarms;backtest' {
            break
        }
        'eventsctl;help;alarms;test' {
            break
        }
        'eventsctl;help;dashboard' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Put the runbook''s dashboard (four widgets) into CloudWatch')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Draw the dashboard''s four widgets in the terminal')
            break
        }
        'eventsctl;help;dashboard;apply' {
            break
        }
        'eventsctl;help;dashboard;show' {
            break
        }
        'eventsctl;help;check-ttl' {
            break
        }
        'eventsctl;help;export' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity used; a full export in DynamoDB JSON); run again, it reuses the export of the same bucket and prefix that is still in progress, or a recent completed one, unless --new')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'One export''s state (an ARN, or `latest`)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The table''s exports, newest first')
            break
        }
        'eventsctl;help;export;start' {
            break
        }
        'eventsctl;help;export;status' {
            break
        }
        'eventsctl;help;export;list' {
            break
        }
        'eventsctl;help;stream-status' {
            break
        }
        'eventsctl;help;stream' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Follow every open shard (children after parents) and print one record a line; Ctrl-C stops. Refused when two event source mappings already read the stream (--force)')
            break
        }
        'eventsctl;help;stream;tail' {
            break
        }
        'eventsctl;help;pitr-restore' {
            break
        }
        'eventsctl;help;dr-drill' {
            break
        }
        'eventsctl;help;dr' {
            [CompletionResult]::new('cutover', 'cutover', [CompletionResultType]::ParameterValue, 'Move what points at the table (functions'' variable, the consumer''s stream mapping) to a restored TARGET, in a safe order, recorded step by step and proven by a canary')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Undo a cutover from its record: exactly the previous values, conflicts shown')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Back up and delete the original table after a verified cutover (--table SOURCE)')
            break
        }
        'eventsctl;help;dr;cutover' {
            break
        }
        'eventsctl;help;dr;rollback' {
            break
        }
        'eventsctl;help;dr;retire' {
            break
        }
        'eventsctl;help;insights' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The named queries and what they answer')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a named query, or your own with --query')
            break
        }
        'eventsctl;help;insights;list' {
            break
        }
        'eventsctl;help;insights;run' {
            break
        }
        'eventsctl;help;hot-partitions' {
            break
        }
        'eventsctl;help;changes' {
            break
        }
        'eventsctl;help;health-check' {
            [CompletionResult]::new('monthly', 'monthly', [CompletionResultType]::ParameterValue, 'Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst status is the exit code')
            [CompletionResult]::new('quarterly', 'quarterly', [CompletionResultType]::ParameterValue, 'Latency against targets and last quarter, GSI usage, key distribution, cost')
            break
        }
        'eventsctl;help;health-check;monthly' {
            break
        }
        'eventsctl;help;health-check;quarterly' {
            break
        }
        'eventsctl;help;bench' {
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write events at a fixed rate (PutItem, conditional), as the API does; its events are deleted at the end, on Ctrl-C and on SIGTERM (after a kill -9: bench cleanup)')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Query users'' recent events at a fixed rate, as GET /inbox does')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Delete the events of bench runs that were not cleaned up (killed runs, --keep)')
            break
        }
        'eventsctl;help;bench;write' {
            break
        }
        'eventsctl;help;bench;read' {
            break
        }
        'eventsctl;help;bench;cleanup' {
            break
        }
        'eventsctl;help;iam' {
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The execution roles of the functions that use the table (their variable names it, or an event source mapping feeds them its stream): each statement of their inline and attached policies judged (wildcards, account-wide resources, writes and deletes a role does not need, privilege escalation), what they need and lack, and what they never used in 90 days (IAM access advisor); each remedy prints the role''s least-privilege policy')
            break
        }
        'eventsctl;help;iam;audit' {
            break
        }
        'eventsctl;help;iam-policy' {
            break
        }
        'eventsctl;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every setting of the environment (--env) as resolved from the flags, the config file and the defaults, and where each came from')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the commented example config to the XDG config path (or --file FILE); never over an existing file without --force')
            break
        }
        'eventsctl;help;config;show' {
            break
        }
        'eventsctl;help;config;init' {
            break
        }
        'eventsctl;help;completions' {
            break
        }
        'eventsctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
