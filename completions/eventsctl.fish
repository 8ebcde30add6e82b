# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_eventsctl_global_optspecs
    string join \n env= table= name-prefix= region= profile= endpoint-url= o/output= q/quiet v/verbose no-progress explain color= timeout= production-markers= h/help V/version
end

function __fish_eventsctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_eventsctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_eventsctl_using_subcommand
    set -l cmd (__fish_eventsctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c eventsctl -n "__fish_eventsctl_needs_command" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_needs_command" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "table" -d 'Create, verify and describe the events table (runbook: Architecture Summary)'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "events" -d 'Write, read, query and import events through the shared core'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "diagnose" -d 'Diagnose throttling, latency and failing writes (runbook Issue 1, alarms 1-3)'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "alarms" -d 'Create and check the runbook\'s alarms'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "dashboard" -d 'Put the runbook\'s dashboard, or draw it in the terminal'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "check-ttl" -d 'TTL configured on `ttl`, and the data that TTL can or cannot delete (runbook Issue 2)'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "export" -d 'PITR exports to S3: exact answers at any size without reading the table'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "stream-status" -d 'Stream enabled with NEW_IMAGE, its shards, and its consumer (runbook Issue 3)'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "stream" -d 'Read the table\'s stream'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "pitr-restore" -d 'Restore the table to a point in time into a new table, verify it, re-apply what a restore drops (TTL, stream, PITR, tags); never touches the source (runbook: Disaster Recovery)'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "dr-drill" -d 'Restore `latest` into a tagged drill table, verify, measure RTO and RPO, delete it (runbook: Disaster Recovery Drill)'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "insights" -d 'The runbook\'s Logs Insights queries'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "hot-partitions" -d 'Hot users and keys: top users\' rates, Contributor Insights, key-range throttling (runbook Issue 4)'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "changes" -d 'What changed, who changed it and when (beyond the runbook): CloudTrail events on the table, its alarms and its stream consumer, the alarms\' history and the throttle and latency spikes, newest first'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "health-check" -d 'The runbook\'s maintenance procedures as one command each'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "bench" -d 'Open-loop load through the core against the runbook\'s performance targets'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "iam-policy" -d 'Print the least-privilege IAM policy (JSON) for these commands (default: all), scoped to this environment\'s table, indexes, stream, restore and drill tables, alarms, dashboard and log groups; split into named policies that each fit IAM\'s 6,144 characters when one cannot hold it'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "completions" -d 'Print the completion script for a shell (bash, zsh, fish, powershell, elvish)'
complete -c eventsctl -n "__fish_eventsctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -f -a "create" -d 'Create the table to spec (dev, test and sandbox environments; refused for a production env or table name, see --production-markers), wait until ACTIVE, enable TTL and PITR, tag it managed-by=eventsctl'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -f -a "verify" -d 'Compare the live table with the runbook\'s spec, one finding per setting'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -f -a "describe" -d 'Show the table\'s keys, indexes, TTL, PITR, stream and size'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and not __fish_seen_subcommand_from create verify describe help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l pitr-days -d 'PITR retention in days (1-35)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l wait-timeout -d 'Longest wait for the table to become ACTIVE' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l dry-run -d 'Show what would be created and change nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create the table to spec (dev, test and sandbox environments; refused for a production env or table name, see --production-markers), wait until ACTIVE, enable TTL and PITR, tag it managed-by=eventsctl'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Compare the live table with the runbook\'s spec, one finding per setting'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "describe" -d 'Show the table\'s keys, indexes, TTL, PITR, stream and size'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -f -a "put" -d 'Write one event (never overwrites); prints the stored event'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -f -a "get" -d 'Read one event by user and event id'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -f -a "query" -d 'Events of one user, by time, type or status, streamed page by page'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -f -a "import" -d 'Import NDJSON events: validated first, written in batches; never replaces a stored event that differs (--overwrite does), so a re-run is idempotent'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -f -a "delete" -d 'Delete one event (a poison event) by user and event id: only if it exists; --dry-run shows it, --yes deletes it'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and not __fish_seen_subcommand_from put get query import delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l user -d 'User id (partition key)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l type -d 'Event type (no `#`)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l payload -d 'Payload, a JSON object' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l status -d 'Status (no `#`; default pending)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l timestamp -d 'RFC 3339 timestamp (default now)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l event-id -d 'Event id (default a random UUID)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l metadata -d 'Metadata, a JSON object' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l json -d 'The whole event as one JSON object; `-` reads it from stdin' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l dry-run -d 'Validate and show the item, write nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l yes -d 'Write to a production table'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from put" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l user -d 'User id (partition key)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l event-id -d 'Event id (as `events put` or `events query` printed it)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l timestamp -d 'The event\'s timestamp: a direct GetItem instead of a search of the user\'s events; needed when two of the user\'s events share the id' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l max-scan -d 'Without --timestamp: stop searching after this many of the user\'s events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l consistent -d 'Strongly consistent read'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l user -d 'User id (partition key): the user whose events to list' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l last -d 'The newest N events, newest first (what did this user do just now?); same as --desc --limit N' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l type -d 'Only this event type (EventTypeIndex)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l status -d 'Only this status (StatusIndex)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l since -d 'From this time: RFC 3339 or relative (1h, 7d, 2h ago)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l until -d 'Until this time: RFC 3339 or relative' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l limit -d 'At most this many events (a next-page token is printed when more remain)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l page-token -d 'Continue where a previous query stopped: the token keeps that query\'s time window as its first page resolved it (`--since 1h` is not resolved again); give the same flags or leave --since/--until out' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l page-size -d 'Items per DynamoDB call (default: as many as fit DynamoDB\'s 1 MB page)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l desc -d 'Newest first'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l include-expired -d 'Show events whose ttl has passed but that DynamoDB has not deleted yet'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l concurrency -d 'Groups of up to 100 events in flight (each sent 25 to a request)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l rate -d 'At most this many events per second (protects a production table)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l failed-out -d 'Where the events that did not land go, created 0600 (they are whole payloads). Default: NAME.failed.TIME-PID-RANDOM.ndjson, the run\'s own, in the private state directory ($XDG_STATE_HOME/eventsctl, EVENTSCTL_STATE_DIR overrides it). Never the input, never over an existing file without --force; checked before the first AWS call. A file that cannot be written: the events go on in a new file, and the report names each' -r -F
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l max-attempts -d 'Attempts per batch before its events count as failed' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l skip-invalid -d 'Write the valid lines and list the invalid ones (default: write nothing if any is bad)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l stamp-now -d 'Give lines without a timestamp the import\'s start time (a re-run then writes them again)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l force -d 'Let --failed-out replace an existing file'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l overwrite -d 'Replace stored events that differ from the file (default: leave them, count them as conflicts, exit 1)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l skip-expired -d 'Leave out events whose ttl has already passed (default: write them and count them)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l yes -d 'Write to a production table'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l dry-run -d 'Validate only; write nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l user -d 'User id (partition key)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l event-id -d 'Event id (as `events put` or `events query` printed it)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l timestamp -d 'The event\'s timestamp: a direct GetItem instead of a search of the user\'s events; needed when two of the user\'s events share the id' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l yes -d 'Delete it (without --yes nothing is deleted: the event is shown and the command fails)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l dry-run -d 'Show the event that would be deleted, delete nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "put" -d 'Write one event (never overwrites); prints the stored event'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "get" -d 'Read one event by user and event id'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "query" -d 'Events of one user, by time, type or status, streamed page by page'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import NDJSON events: validated first, written in batches; never replaces a stored event that differs (--overwrite does), so a re-run is idempotent'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete one event (a poison event) by user and event id: only if it exists; --dry-run shows it, --yes deletes it'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -f -a "throttling" -d 'Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -f -a "latency" -d 'SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -f -a "writes" -d 'Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and not __fish_seen_subcommand_from throttling latency writes help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l since -d 'How far back to look: 1h, 30m, 6h, 2d (or "1h ago")' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from throttling" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l since -d 'How far back to look: 1h, 30m, 6h, 2d (or "1h ago")' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from latency" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l since -d 'How far back to look: 1h, 30m, 6h, 2d (or "1h ago")' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l canary -d 'Write a canary event (user eventsctl-canary, type eventsctl.canary, 1 h ttl), read it back and delete it, timing the round trip. Stream consumers see it and can filter on its type'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from writes" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from help" -f -a "throttling" -d 'Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from help" -f -a "latency" -d 'SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from help" -f -a "writes" -d 'Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand diagnose; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -f -a "apply" -d 'Create or update the runbook\'s alarms to spec'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -f -a "status" -d 'Each alarm: present, as specified, its state, and whether it notifies anyone'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and not __fish_seen_subcommand_from apply status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l sns-topic -d 'SNS topic to notify on ALARM and OK, replacing the actions for those states (without it, every action an alarm has is kept; INSUFFICIENT_DATA actions are always kept)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l consumer-function -d 'With --recommended: the stream consumer\'s Lambda function, which must exist (default: the one event source mapping reading the table\'s stream)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l iterator-age-minutes -d 'With --recommended: minutes behind (IteratorAge) at which the consumer alarm fires' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l recommended -d 'Also the alarms the runbook forgot (beyond the runbook): SystemErrors on the table, TTL deletes stopped, and the stream consumer\'s IteratorAge and Errors'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l dry-run -d 'Show what would change and change nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l yes -d 'Apply to a production environment'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Create or update the runbook\'s alarms to spec'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from help" -f -a "status" -d 'Each alarm: present, as specified, its state, and whether it notifies anyone'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand alarms; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -f -a "apply" -d 'Put the runbook\'s dashboard (four widgets) into CloudWatch'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -f -a "show" -d 'Draw the dashboard\'s four widgets in the terminal'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and not __fish_seen_subcommand_from apply show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l dry-run -d 'Print the dashboard body and change nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l yes -d 'Apply to a production environment'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l since -d 'How far back to draw: 3h, 1d, 7d' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Put the runbook\'s dashboard (four widgets) into CloudWatch'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from help" -f -a "show" -d 'Draw the dashboard\'s four widgets in the terminal'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dashboard; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l sample -d 'Items to sample: small pages from randomly chosen segments spanning the key space; every share reported carries a 95% confidence interval' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l read-rate -d 'With --full: consumed read units per second at most (ReturnConsumedCapacity), shared by all segments; throttled pages back off' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l max-read-units -d 'With --full: stop after consuming this many read units and report what was seen as partial (resume later with --resume)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l checkpoint -d 'With --full or --repair: the state file, created 0600 (default: a new one in the private state directory, $XDG_STATE_HOME/eventsctl or ~/.local/state/eventsctl, named in the output; removed when the scan finishes)' -r -F
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l resume -d 'Continue the full scan (or --repair) saved in this state file (after Ctrl-C, a kill, an expired credential or a budget stop), with the full scan\'s time limit; nothing is counted twice. A file of another table or command, or one that does not add up, is refused' -r -F
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l segments -d 'With --full: TotalSegments (default: one per GB of table, at least 4; at most 1,000,000)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l concurrency -d 'Segments read at the same time' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l confirm-above -d 'With --full on a production environment: the estimate in read units above which --yes is needed' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l price-per-million-rru -d 'On-demand $ per million read request units, for the estimate' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l from-export -d 'Answer from this export (an export ARN, or `latest`: the newest completed full export of the table in DynamoDB JSON; an incremental or ION export is refused); the table itself is not read, and what is read is checked against the export\'s manifest' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l engine -d 'With --from-export: read the export\'s files here (`local`, streamed in parallel) or run SQL over them in Amazon Athena (`athena`)' -r -f -a "local\t''
athena\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l athena-workgroup -d 'Athena workgroup' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l athena-output -d 'Where Athena writes query results (s3://bucket/prefix/); default: the workgroup\'s result location, or, when it has none, `athena-results/` beside the export (s3://BUCKET/PREFIX/athena-results/)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l athena-database -d 'Glue database the export\'s table is registered in (created when missing): lower-case letters, digits and \'_\', as in eventsctl.toml' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l price-per-tb-scanned -d 'Athena $ per TB scanned, for the estimate (of the export\'s gzip files, at least 10 MB a query, as Athena bills)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l grace -d 'How long after expiry an item counts as overdue (DynamoDB typically deletes within 48 h)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l rate -d 'With --cleanup: deletes per second at most; with --repair: rewrites per second at most' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l classes -d 'With --repair: the classes to rewrite (default: missing,not_number,milliseconds, the items TTL never deletes). too_far (a ttl beyond timestamp + 30 days, which TTL does delete, later) is rewritten to timestamp + 30 days only when named: that shortens a ttl that may be deliberate' -r -f -a "missing\t'No `ttl`'
not_number\t'A `ttl` that is not a Number (a string)'
milliseconds\t'A `ttl` in milliseconds'
too_far\t'A `ttl` beyond the event\'s timestamp + 30 days (TTL deletes it, later)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l expire-now -d 'With --repair: also rewrite the items of these classes whose new ttl is already past (an event older than 30 days): TTL then deletes them, typically within 48 hours. Without it they are counted ("would expire at once") and left as they are' -r -f -a "missing\t'No `ttl`'
not_number\t'A `ttl` that is not a Number (a string)'
milliseconds\t'A `ttl` in milliseconds'
too_far\t'A `ttl` beyond the event\'s timestamp + 30 days (TTL deletes it, later)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l full -d 'Scan the whole table: prints the estimate (read units, time, price) first, honours --read-rate and --max-read-units, checkpoints to a state file'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l estimate -d 'With --full: only print the estimate, read nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l cleanup -d 'Delete the overdue items the scan finds (conditional on `ttl` still being past the cutoff); without --yes only reports what it would delete'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l yes -d 'With --cleanup: really delete; with --full on production: read above --confirm-above'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l instead-of-ttl -d 'With --cleanup --yes: delete even though TTL is not enabled on `ttl` (a cleanup that stands in for TTL: a different operation, asked for explicitly)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l repair -d 'Beyond the runbook: give a Number `ttl` in epoch seconds to the items TTL never deletes (missing or malformed: the event\'s timestamp + 30 days; a string or milliseconds: the same moment in seconds), each only if it is unchanged since it was read. Never shortens a ttl or sets one already past unless its class is named (--classes, --expire-now). Reads the whole table like --full (--read-rate, --max-read-units, --checkpoint, --resume); production needs --yes'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l dry-run -d 'With --repair: read and count what would be rewritten, class by class, write nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand check-ttl" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -f -a "start" -d 'Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity used; a full export in DynamoDB JSON); run again, it reuses the export of the same bucket and prefix that is still in progress, or a recent completed one, unless --new'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -f -a "status" -d 'One export\'s state (an ARN, or `latest`)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -f -a "list" -d 'The table\'s exports, newest first'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and not __fish_seen_subcommand_from start status list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l bucket -d 'S3 bucket for the export' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l prefix -d 'Key prefix in the bucket' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l bucket-owner -d 'The AWS account id (12 digits) that owns the bucket: needed when the bucket is in another account than the table (AWS requires S3BucketOwner then, and the bucket\'s policy must let this account write to it)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l to -d 'The point in time to export (default: now); within the PITR window' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l reuse-within -d 'Reuse a completed export of this bucket and prefix no older than this (one still in progress is always reused; with an absolute --to, one of exactly that point; with a relative --to such as 1m, which moves with the clock, one of a point within this before the point asked, so a run again after a timeout or Ctrl-C never starts a second export)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l wait-timeout -d 'With --wait: give up waiting after this long (the export goes on)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l price-per-gb -d 'Export $ per GB of table, for the estimate' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l new -d 'Start a new export even when a recent one, or one in progress, exists'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l wait -d 'Wait until the export completes (progress on stderr)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l dry-run -d 'Show the estimate and what would be started; start nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l wait-timeout -d 'With --wait: give up waiting after this long' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l wait -d 'Wait until it completes'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "start" -d 'Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity used; a full export in DynamoDB JSON); run again, it reuses the export of the same bucket and prefix that is still in progress, or a recent completed one, unless --new'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "status" -d 'One export\'s state (an ARN, or `latest`)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "list" -d 'The table\'s exports, newest first'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l probe-timeout -d 'With --probe: how long to wait for the canary' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l probe -d 'Write a canary event (type eventsctl.canary), wait for it on the stream, report the end-to-end latency and delete it. Downstream consumers see the canary too and can drop it by its event type'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l force -d 'With --probe: read the stream even when two event source mappings already do (a third reader of a shard gets throttled, and so may they)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream-status" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -f -a "tail" -d 'Follow every open shard (children after parents) and print one record a line; Ctrl-C stops. Refused when two event source mappings already read the stream (--force)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and not __fish_seen_subcommand_from tail help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l from -d 'Where to start' -r -f -a "latest\t'Only records written from now on'
trim-horizon\t'Everything still in the stream (24 h retention)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l user -d 'Only records of this user' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l type -d 'Only records of this event type' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l max-records -d 'Stop after this many records' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l for -d 'Stop after this long (default: until Ctrl-C)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l force -d 'Read even when two event source mappings already do (a third reader of a shard gets throttled, and so may they)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from tail" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "tail" -d 'Follow every open shard (children after parents) and print one record a line; Ctrl-C stops. Refused when two event source mappings already read the stream (--force)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l to -d '`latest`, RFC 3339, or relative (`2h ago`)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l target -d 'The new table (default {table}-restored-YYYYMMDD)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l resume -d 'Pick up a restore already started: wait for TARGET, verify it, re-apply settings' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l max-wait -d 'Longest wait for the restored table to become ACTIVE (restores can take hours)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l sample -d 'Keys read from the restored table and looked up in the source, and about as many source events (dated before the restore point) looked up in the restored table' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l reference-export -d 'Compare the restored table with the source as it was at the restore point: the item count in the manifest of a PITR export of the source (`latest`: the newest completed full DynamoDB-JSON export at or before the restore point; take one with `export start --to <point>`). Checked before the restore starts (and by --dry-run): a reference that cannot be used refuses the restore. With --exact-count only the restored table is scanned' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l dry-run -d 'Show the plan and change nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l yes -d 'Confirm a restore from a production table (production rule: docs/safety.md); a dry run needs no confirmation'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l wait -d 'Wait for the restore and verify it (the default in a terminal)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l no-wait -d 'Start the restore and return (pick it up later with --resume)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l no-reapply -d 'Do not re-apply TTL, stream, PITR and tags on the restored table'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l exact-count -d 'Count both tables exactly with a Scan (billed by the bytes it reads: half a read unit per 4 KB, eventually consistent; hours and many read units on a production-size source; the estimate is shown first). Without it the counts are DescribeTable\'s ItemCount, refreshed about every six hours'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand pitr-restore" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l report -d 'Write the drill record as Markdown to FILE and as JSON beside it (FILE with .json; a FILE ending in .json gets the JSON and the Markdown goes to FILE with .md). Never over an existing file without --force; checked before the first AWS call' -r -F
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l max-wait -d 'Longest wait for the drill table to become ACTIVE' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l sample -d 'Keys sampled for verification' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l delete -d 'Delete a kept drill table instead of drilling (only a table tagged as a drill)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l keep -d 'Keep the drill table (delete it later with --delete NAME --yes)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l force -d 'Let --report replace existing files'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l yes -d 'With --delete: really delete'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l dry-run -d 'Show the plan and change nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand dr-drill" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -f -a "list" -d 'The named queries and what they answer'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -f -a "run" -d 'Run a named query, or your own with --query'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and not __fish_seen_subcommand_from list run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l query -d 'Your own query text' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l since -d 'From: RFC 3339 or relative (1h, 2d ago)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l until -d 'Until: RFC 3339 or relative (default now)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l log-group -d 'Log group (repeatable, at most 50: a query takes 50; default: the groups under /aws/lambda/{prefix}-{env}, the first 50 if there are more, and it says which were left)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l user -d 'Only this user\'s lines (adds `filter user_id = "..."`, the value escaped)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l match -d 'Only lines containing this text (adds `filter @message like /.../`, the text escaped)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l limit -d 'At most this many result rows, read page by page (Logs Insights\' default is 10,000; at most 100,000)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l latency-field -d 'The application\'s latency field, read by the latency queries (the runbook\'s @duration exists only on Lambda REPORT lines)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l max-wait -d 'Longest wait for the query (Logs Insights stops queries at 60 minutes)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from help" -f -a "list" -d 'The named queries and what they answer'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a named query, or your own with --query'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand insights; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l since -d 'How far back to look' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l log-group -d 'Log group of the API\'s Lambda (repeatable; default: those under /aws/lambda/{prefix}-{env})' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l from-export -d 'Answer from this export (an export ARN, or `latest`: the newest completed full export of the table in DynamoDB JSON; an incremental or ION export is refused); the table itself is not read, and what is read is checked against the export\'s manifest' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l engine -d 'With --from-export: read the export\'s files here (`local`, streamed in parallel) or run SQL over them in Amazon Athena (`athena`)' -r -f -a "local\t''
athena\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l athena-workgroup -d 'Athena workgroup' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l athena-output -d 'Where Athena writes query results (s3://bucket/prefix/); default: the workgroup\'s result location, or, when it has none, `athena-results/` beside the export (s3://BUCKET/PREFIX/athena-results/)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l athena-database -d 'Glue database the export\'s table is registered in (created when missing): lower-case letters, digits and \'_\', as in eventsctl.toml' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l price-per-tb-scanned -d 'Athena $ per TB scanned, for the estimate (of the export\'s gzip files, at least 10 MB a query, as Athena bills)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l enable-contributor-insights -d 'Enable Contributor Insights (throttled-keys mode) on the table and its GSIs first'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l dry-run -d 'With --enable-contributor-insights: show what would be enabled, change nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l yes -d 'With --enable-contributor-insights on production (docs/safety.md): confirm the change'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand hot-partitions" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l since -d 'How far back to look: 1h, 24h, 7d (CloudTrail keeps 90 days)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand changes" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -f -a "monthly" -d 'Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst status is the exit code'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -f -a "quarterly" -d 'Latency against targets and last quarter, GSI usage, key distribution, cost'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and not __fish_seen_subcommand_from monthly quarterly help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l report -d 'Write the report as Markdown to FILE, for the ticket (never an input, never over an existing file without --force; checked before the first AWS call)' -r -F
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l sample -d 'Items check-ttl samples' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l price-per-million-wru -d 'On-demand $ per million write request units' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l price-per-million-rru -d 'On-demand $ per million read request units' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l price-per-wcu-hour -d 'Provisioned $ per WCU-hour' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l price-per-rcu-hour -d 'Provisioned $ per RCU-hour' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l restore-test -d 'Also run a restore drill (dr-drill) and include its record'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l force -d 'Let --report replace an existing file'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from monthly" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l report -d 'Write the report as Markdown to FILE (never an input, never over an existing file without --force; checked before the first AWS call)' -r -F
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l sample -d 'Items sampled for the key distribution' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l price-per-million-wru -d 'On-demand $ per million write request units' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l price-per-million-rru -d 'On-demand $ per million read request units' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l price-per-wcu-hour -d 'Provisioned $ per WCU-hour' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l price-per-rcu-hour -d 'Provisioned $ per RCU-hour' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l from-export -d 'Answer from this export (an export ARN, or `latest`: the newest completed full export of the table in DynamoDB JSON; an incremental or ION export is refused); the table itself is not read, and what is read is checked against the export\'s manifest' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l engine -d 'With --from-export: read the export\'s files here (`local`, streamed in parallel) or run SQL over them in Amazon Athena (`athena`)' -r -f -a "local\t''
athena\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l athena-workgroup -d 'Athena workgroup' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l athena-output -d 'Where Athena writes query results (s3://bucket/prefix/); default: the workgroup\'s result location, or, when it has none, `athena-results/` beside the export (s3://BUCKET/PREFIX/athena-results/)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l athena-database -d 'Glue database the export\'s table is registered in (created when missing): lower-case letters, digits and \'_\', as in eventsctl.toml' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l price-per-tb-scanned -d 'Athena $ per TB scanned, for the estimate (of the export\'s gzip files, at least 10 MB a query, as Athena bills)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l force -d 'Let --report replace an existing file'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from quarterly" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from help" -f -a "monthly" -d 'Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst status is the exit code'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from help" -f -a "quarterly" -d 'Latency against targets and last quarter, GSI usage, key distribution, cost'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand health-check; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -f -a "write" -d 'Write events at a fixed rate (PutItem, conditional), as the API does; its events are deleted at the end, on Ctrl-C and on SIGTERM (after a kill -9: bench cleanup)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -f -a "read" -d 'Query users\' recent events at a fixed rate, as GET /inbox does'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -f -a "cleanup" -d 'Delete the events of bench runs that were not cleaned up (killed runs, --keep)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and not __fish_seen_subcommand_from write read cleanup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l rate -d 'Requests per second, sent on schedule whatever the latency (open loop)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l duration -d 'How long to run' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l users -d 'Bench users to spread the load over (user ids eventsctl-bench-<run>-<n>)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l max-in-flight -d 'Requests in flight at most; beyond it a scheduled request is counted as dropped' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l keep -d 'Keep the bench events (their ttl removes them within about a day of the hour they get; bench cleanup deletes them sooner)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l yes -d 'Run against a production table (bench events reach its stream consumers)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from write" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l rate -d 'Requests per second, sent on schedule whatever the latency (open loop)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l duration -d 'How long to run' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l users -d 'Bench users to spread the load over (user ids eventsctl-bench-<run>-<n>)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l max-in-flight -d 'Requests in flight at most; beyond it a scheduled request is counted as dropped' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l keep -d 'Keep the bench events (their ttl removes them within about a day of the hour they get; bench cleanup deletes them sooner)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l yes -d 'Run against a production table (bench events reach its stream consumers)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from read" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l run -d 'Only this run (the run_id a bench printed)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l older-than -d 'Only runs that started at least this long ago (a run still going is left alone)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l yes -d 'Really delete (without it: what would be deleted)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l dry-run -d 'Show what would be deleted and delete nothing'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from cleanup" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "write" -d 'Write events at a fixed rate (PutItem, conditional), as the API does; its events are deleted at the end, on Ctrl-C and on SIGTERM (after a kill -9: bench cleanup)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "read" -d 'Query users\' recent events at a fixed rate, as GET /inbox does'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "cleanup" -d 'Delete the events of bench runs that were not cleaned up (killed runs, --keep)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l account-id -d 'The AWS account the resources are in (default `*`: any account)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand iam-policy" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l env -d 'Environment: names derive as {prefix}-{env}-events' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l table -d 'Table name, overriding the one derived from --name-prefix and --env' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l name-prefix -d 'Prefix of every resource name' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l region -d 'AWS Region (else AWS_REGION, the profile, instance metadata)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l profile -d 'AWS shared-config profile (else AWS_PROFILE)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l endpoint-url -d 'Endpoint of every AWS API, e.g. a local emulator (else AWS_ENDPOINT_URL)' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'One JSON object (the eventsctl/v1 envelope); streams print one object a line'
markdown\t'Markdown, for tickets and reports'
ndjson\t'One JSON object a line (streaming commands)'"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l color -d 'Colour in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l timeout -d 'Longest the whole command may take (30s, 5m, 2h). Each command has a default that suits it (events put/get 1m, checks 5m, health-check 15m, query 10m, restores --max-wait + 15m, bench --duration + 5m; events import and stream tail without --for: no limit). Each AWS call attempt gets at most 10 s (a third of a shorter limit), so retries fit inside it' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l production-markers -d 'Production markers: a target whose environment or table name holds one as a name token (split at anything not a letter or digit; `prod2` matches `prod`) is production, and every write to it needs --yes (table create is refused). A comma-separated list adds to prod,prd,production,live (`pci`); `-live` removes a default, `none` removes them all (`none,pci`: only pci); every write says so on stderr while a default is removed. See docs/safety.md' -r
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -s q -l quiet -d 'No progress and no notes on stderr; errors are still printed'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -s v -l verbose -d 'More logging on stderr: -v each retry, -vv each AWS call, -vvv the AWS SDK\'s own debug log; never payloads or credentials'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l no-progress -d 'No spinners or progress bars'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -l explain -d 'Print every place the runbook is wrong in full (what it says, the fact, the AWS source), not only the short lines that bear on this command (all of them: docs/aws-facts.md)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "table" -d 'Create, verify and describe the events table (runbook: Architecture Summary)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "events" -d 'Write, read, query and import events through the shared core'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "diagnose" -d 'Diagnose throttling, latency and failing writes (runbook Issue 1, alarms 1-3)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "alarms" -d 'Create and check the runbook\'s alarms'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "dashboard" -d 'Put the runbook\'s dashboard, or draw it in the terminal'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "check-ttl" -d 'TTL configured on `ttl`, and the data that TTL can or cannot delete (runbook Issue 2)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "export" -d 'PITR exports to S3: exact answers at any size without reading the table'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "stream-status" -d 'Stream enabled with NEW_IMAGE, its shards, and its consumer (runbook Issue 3)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "stream" -d 'Read the table\'s stream'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "pitr-restore" -d 'Restore the table to a point in time into a new table, verify it, re-apply what a restore drops (TTL, stream, PITR, tags); never touches the source (runbook: Disaster Recovery)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "dr-drill" -d 'Restore `latest` into a tagged drill table, verify, measure RTO and RPO, delete it (runbook: Disaster Recovery Drill)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "insights" -d 'The runbook\'s Logs Insights queries'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "hot-partitions" -d 'Hot users and keys: top users\' rates, Contributor Insights, key-range throttling (runbook Issue 4)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "changes" -d 'What changed, who changed it and when (beyond the runbook): CloudTrail events on the table, its alarms and its stream consumer, the alarms\' history and the throttle and latency spikes, newest first'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "health-check" -d 'The runbook\'s maintenance procedures as one command each'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "bench" -d 'Open-loop load through the core against the runbook\'s performance targets'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "iam-policy" -d 'Print the least-privilege IAM policy (JSON) for these commands (default: all), scoped to this environment\'s table, indexes, stream, restore and drill tables, alarms, dashboard and log groups; split into named policies that each fit IAM\'s 6,144 characters when one cannot hold it'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "completions" -d 'Print the completion script for a shell (bash, zsh, fish, powershell, elvish)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and not __fish_seen_subcommand_from table events diagnose alarms dashboard check-ttl export stream-status stream pitr-restore dr-drill insights hot-partitions changes health-check bench iam-policy completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "create" -d 'Create the table to spec (dev, test and sandbox environments; refused for a production env or table name, see --production-markers), wait until ACTIVE, enable TTL and PITR, tag it managed-by=eventsctl'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "verify" -d 'Compare the live table with the runbook\'s spec, one finding per setting'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "describe" -d 'Show the table\'s keys, indexes, TTL, PITR, stream and size'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "put" -d 'Write one event (never overwrites); prints the stored event'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "get" -d 'Read one event by user and event id'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "query" -d 'Events of one user, by time, type or status, streamed page by page'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "import" -d 'Import NDJSON events: validated first, written in batches; never replaces a stored event that differs (--overwrite does), so a re-run is idempotent'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "delete" -d 'Delete one event (a poison event) by user and event id: only if it exists; --dry-run shows it, --yes deletes it'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from diagnose" -f -a "throttling" -d 'Throttling per table and GSI, by reason, with the cause and its remedy (Issue 1, Alarm 1)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from diagnose" -f -a "latency" -d 'SuccessfulRequestLatency p50/p95/p99 per operation against the targets (Alarms 2, 3)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from diagnose" -f -a "writes" -d 'Issue 1 end to end: table ACTIVE, throttling, server errors, optionally a canary write'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from alarms" -f -a "apply" -d 'Create or update the runbook\'s alarms to spec'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from alarms" -f -a "status" -d 'Each alarm: present, as specified, its state, and whether it notifies anyone'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from dashboard" -f -a "apply" -d 'Put the runbook\'s dashboard (four widgets) into CloudWatch'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from dashboard" -f -a "show" -d 'Draw the dashboard\'s four widgets in the terminal'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "start" -d 'Export the table to S3 at a point in time (ExportTableToPointInTime: no read capacity used; a full export in DynamoDB JSON); run again, it reuses the export of the same bucket and prefix that is still in progress, or a recent completed one, unless --new'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "status" -d 'One export\'s state (an ARN, or `latest`)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "list" -d 'The table\'s exports, newest first'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "tail" -d 'Follow every open shard (children after parents) and print one record a line; Ctrl-C stops. Refused when two event source mappings already read the stream (--force)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from insights" -f -a "list" -d 'The named queries and what they answer'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from insights" -f -a "run" -d 'Run a named query, or your own with --query'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from health-check" -f -a "monthly" -d 'Capacity, throttling, TTL, stream, PITR, alarms and the table, concurrently; the worst status is the exit code'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from health-check" -f -a "quarterly" -d 'Latency against targets and last quarter, GSI usage, key distribution, cost'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "write" -d 'Write events at a fixed rate (PutItem, conditional), as the API does; its events are deleted at the end, on Ctrl-C and on SIGTERM (after a kill -9: bench cleanup)'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "read" -d 'Query users\' recent events at a fixed rate, as GET /inbox does'
complete -c eventsctl -n "__fish_eventsctl_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "cleanup" -d 'Delete the events of bench runs that were not cleaned up (killed runs, --keep)'
