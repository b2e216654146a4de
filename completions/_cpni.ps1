
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'cpni' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'cpni'
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
        'cpni' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database, keys and config; register yourself as admin')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Try cpni on a throw-away demo database: sample customers, then the wizard')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Register agents and set their roles (admin)')
            [CompletionResult]::new('customer', 'customer', [CompletionResultType]::ParameterValue, 'Add, import, show and search customers')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Guided verification of a caller on a live call (the main job)')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'One verification session, step by step, for scripts and integrations')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'The outbox: emails and letters waiting for delivery or delivered')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log (supervisor, admin)')
            [CompletionResult]::new('consent', 'consent', [CompletionResultType]::ParameterValue, 'CPNI approval status: opt-out notices, the customer''s choices, checks before marketing')
            [CompletionResult]::new('breach', 'breach', [CompletionResultType]::ParameterValue, 'Breaches (64.2011): deadlines, holds, notices and linked sessions (supervisor, admin)')
            [CompletionResult]::new('complaint', 'complaint', [CompletionResultType]::ParameterValue, 'Customer complaints about the use or release of CPNI')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Supervisor reports: failures, lockouts, repeated failures across agents, disclosures, and the annual certification')
            [CompletionResult]::new('gateway', 'gateway', [CompletionResultType]::ParameterValue, 'The SSH forced command for agent LOGIN''s keys: runs SSH_ORIGINAL_COMMAND as that agent')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;init' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Also load sample customers (see the README for their PINs)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;demo' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register an operating-system login as a cpni agent (admin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents and their roles (supervisor, admin)')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Change an agent''s role (admin)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an agent and remove their SSH keys; their records stay (admin)')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled agent again (their keys must be added again) (admin)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'The SSH keys agents use to reach cpni through the gateway (admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;agent;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'agent, supervisor, admin or service')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--ssh-key-file', '--ssh-key-file', [CompletionResultType]::ParameterName, 'The agent''s SSH public key, for the gateway (or - to read it on stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent;role' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent;enable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent;key' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Let an agent in through the gateway with this public key (admin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents'' keys and their fingerprints (admin)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a key: its agent can no longer connect with it (admin)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Rewrite this host''s authorized_keys from the database (admin; each gateway host)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;agent;key;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--ssh-key-file', '--ssh-key-file', [CompletionResultType]::ParameterName, 'The agent''s public key file (as ssh-keygen wrote it), or - for stdin')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent;key;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent;key;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent;key;sync' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;agent;key;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Let an agent in through the gateway with this public key (admin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents'' keys and their fingerprints (admin)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a key: its agent can no longer connect with it (admin)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Rewrite this host''s authorized_keys from the database (admin; each gateway host)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;agent;key;help;add' {
            break
        }
        'cpni;agent;key;help;list' {
            break
        }
        'cpni;agent;key;help;remove' {
            break
        }
        'cpni;agent;key;help;sync' {
            break
        }
        'cpni;agent;key;help;help' {
            break
        }
        'cpni;agent;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register an operating-system login as a cpni agent (admin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents and their roles (supervisor, admin)')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Change an agent''s role (admin)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an agent and remove their SSH keys; their records stay (admin)')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled agent again (their keys must be added again) (admin)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'The SSH keys agents use to reach cpni through the gateway (admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;agent;help;add' {
            break
        }
        'cpni;agent;help;list' {
            break
        }
        'cpni;agent;help;role' {
            break
        }
        'cpni;agent;help;disable' {
            break
        }
        'cpni;agent;help;enable' {
            break
        }
        'cpni;agent;help;key' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Let an agent in through the gateway with this public key (admin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents'' keys and their fingerprints (admin)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a key: its agent can no longer connect with it (admin)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Rewrite this host''s authorized_keys from the database (admin; each gateway host)')
            break
        }
        'cpni;agent;help;key;add' {
            break
        }
        'cpni;agent;help;key;list' {
            break
        }
        'cpni;agent;help;key;remove' {
            break
        }
        'cpni;agent;help;key;sync' {
            break
        }
        'cpni;agent;help;help' {
            break
        }
        'cpni;customer' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a customer with contacts of record (and optionally a PIN on stdin)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a customer''s contacts of record, secrets set (never their values) and lock state')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List or search customers')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import customers from a CSV file (all rows or none)')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Lift a lockout early (supervisor); the reason is recorded')
            [CompletionResult]::new('set-pin', 'set-pin', [CompletionResultType]::ParameterValue, 'Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record')
            [CompletionResult]::new('set-backup', 'set-backup', [CompletionResultType]::ParameterValue, 'Set a new backup passphrase (on stdin or a hidden prompt)')
            [CompletionResult]::new('set-email', 'set-email', [CompletionResultType]::ParameterValue, 'Change the email address of record')
            [CompletionResult]::new('set-address', 'set-address', [CompletionResultType]::ParameterValue, 'Change the postal address of record')
            [CompletionResult]::new('set-phone', 'set-phone', [CompletionResultType]::ParameterValue, 'Change the telephone number of record')
            [CompletionResult]::new('set-contract', 'set-contract', [CompletionResultType]::ParameterValue, 'Record the business contract''s own authentication method (supervisor, --reason)')
            [CompletionResult]::new('reset-pin', 'reset-pin', [CompletionResultType]::ParameterValue, 'Lost PIN: send a temporary PIN to an address of record')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Everything held about a customer, for their right to review it (no secret)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;customer;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Account holder''s name')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Telephone number of record (E.164, or national in the default country)')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email address of record')
            [CompletionResult]::new('--street', '--street', [CompletionResultType]::ParameterName, 'Postal address of record: street and number')
            [CompletionResult]::new('--city', '--city', [CompletionResultType]::ParameterName, 'city')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'State, province or region')
            [CompletionResult]::new('--postal-code', '--postal-code', [CompletionResultType]::ParameterName, 'postal-code')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'ISO 3166 two-letter country code')
            [CompletionResult]::new('--account-rep', '--account-rep', [CompletionResultType]::ParameterName, 'Dedicated account representative (business accounts)')
            [CompletionResult]::new('--cpni-contract', '--cpni-contract', [CompletionResultType]::ParameterName, 'Reference of the contract that covers CPNI protection (business accounts)')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Never accepted: a PIN on the command line shows in `ps` and shell history')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the customer''s chosen PIN from one line of stdin')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Only customers whose account, name, email or phone contains this text')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;import' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;unlock' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the lock is lifted (recorded in the audit log)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;set-pin' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'A verified session on this account (the caller asked for the change on that call)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Back office (supervisor): why the change is made without a verified caller')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'pin')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the new PIN from one line of stdin')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;set-backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'A verified session on this account (the caller asked for the change on that call)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Back office (supervisor): why the change is made without a verified caller')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'secret')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the new backup passphrase from one line of stdin')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;set-email' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'A verified session on this account (the caller asked for the change on that call)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Back office (supervisor): why the change is made without a verified caller')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The new email address (on record from now; usable for codes after 30 days)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;set-address' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'A verified session on this account (the caller asked for the change on that call)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Back office (supervisor): why the change is made without a verified caller')
            [CompletionResult]::new('--street', '--street', [CompletionResultType]::ParameterName, 'street')
            [CompletionResult]::new('--city', '--city', [CompletionResultType]::ParameterName, 'city')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'region')
            [CompletionResult]::new('--postal-code', '--postal-code', [CompletionResultType]::ParameterName, 'postal-code')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'country')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;set-phone' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'A verified session on this account (the caller asked for the change on that call)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Back office (supervisor): why the change is made without a verified caller')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'The new telephone number of record')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;set-contract' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'A verified session on this account (the caller asked for the change on that call)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Back office (supervisor): why the change is made without a verified caller')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'How the contract authenticates callers: its passphrase, or a callback to a number it designates')
            [CompletionResult]::new('--callback-phone', '--callback-phone', [CompletionResultType]::ParameterName, 'The number the contract designates for callbacks (method callback; usable after 30 days)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'secret')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'The contract passphrase, from one line of stdin (method passphrase)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;reset-pin' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'Where the temporary PIN goes: the email or the postal address of record')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'The session of the call on which the customer asked (recorded)')
            [CompletionResult]::new('--override-reason', '--override-reason', [CompletionResultType]::ParameterName, 'Supervisor: reset although the account is locked or a reset is outstanding (recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;report' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: text, or json with --json]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;customer;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a customer with contacts of record (and optionally a PIN on stdin)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a customer''s contacts of record, secrets set (never their values) and lock state')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List or search customers')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import customers from a CSV file (all rows or none)')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Lift a lockout early (supervisor); the reason is recorded')
            [CompletionResult]::new('set-pin', 'set-pin', [CompletionResultType]::ParameterValue, 'Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record')
            [CompletionResult]::new('set-backup', 'set-backup', [CompletionResultType]::ParameterValue, 'Set a new backup passphrase (on stdin or a hidden prompt)')
            [CompletionResult]::new('set-email', 'set-email', [CompletionResultType]::ParameterValue, 'Change the email address of record')
            [CompletionResult]::new('set-address', 'set-address', [CompletionResultType]::ParameterValue, 'Change the postal address of record')
            [CompletionResult]::new('set-phone', 'set-phone', [CompletionResultType]::ParameterValue, 'Change the telephone number of record')
            [CompletionResult]::new('set-contract', 'set-contract', [CompletionResultType]::ParameterValue, 'Record the business contract''s own authentication method (supervisor, --reason)')
            [CompletionResult]::new('reset-pin', 'reset-pin', [CompletionResultType]::ParameterValue, 'Lost PIN: send a temporary PIN to an address of record')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Everything held about a customer, for their right to review it (no secret)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;customer;help;add' {
            break
        }
        'cpni;customer;help;show' {
            break
        }
        'cpni;customer;help;list' {
            break
        }
        'cpni;customer;help;import' {
            break
        }
        'cpni;customer;help;unlock' {
            break
        }
        'cpni;customer;help;set-pin' {
            break
        }
        'cpni;customer;help;set-backup' {
            break
        }
        'cpni;customer;help;set-email' {
            break
        }
        'cpni;customer;help;set-address' {
            break
        }
        'cpni;customer;help;set-phone' {
            break
        }
        'cpni;customer;help;set-contract' {
            break
        }
        'cpni;customer;help;reset-pin' {
            break
        }
        'cpni;customer;help;report' {
            break
        }
        'cpni;customer;help;help' {
            break
        }
        'cpni;verify' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'How the customer is in contact (`in-store`: a visit to a store, verified by photo ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--in-store', '--in-store', [CompletionResultType]::ParameterName, 'A visit to a store (same as `--channel in-store`): photo ID, no callback or codes')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Open a session for a call; prints its id')
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'Check the account PIN (read from a hidden prompt, or one line of stdin)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Check the customer-chosen backup secret (allows account information and a new PIN)')
            [CompletionResult]::new('callback', 'callback', [CompletionResultType]::ParameterValue, 'Show the number of record to call back, or record the callback''s outcome')
            [CompletionResult]::new('email-code', 'email-code', [CompletionResultType]::ParameterValue, 'Send a one-time code to the email address of record (on record 30+ days)')
            [CompletionResult]::new('mail-code', 'mail-code', [CompletionResultType]::ParameterValue, 'Queue a letter with a one-time code to the postal address of record (30+ days)')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Check an emailed or mailed code (hidden prompt, or one line of stdin)')
            [CompletionResult]::new('business', 'business', [CompletionResultType]::ParameterValue, 'Verify on the business-contract basis by the contract''s own method (passphrase or callback)')
            [CompletionResult]::new('photo-id', 'photo-id', [CompletionResultType]::ParameterValue, 'In a store only: check a valid government-issued photo ID matching the account')
            [CompletionResult]::new('disclose', 'disclose', [CompletionResultType]::ParameterValue, 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send requested information to the email or postal address of record')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the session''s state')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End the session')
            [CompletionResult]::new('takeover', 'takeover', [CompletionResultType]::ParameterValue, 'Take over another agent''s open session (supervisor); the reason is recorded')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;session;start' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'How the customer is in contact')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;pin' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Never accepted: a PIN on the command line shows in `ps` and shell history')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from one line of stdin')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Never accepted on the command line')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the backup secret from one line of stdin')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;callback' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--reached', '--reached', [CompletionResultType]::ParameterName, 'The account holder answered at the number of record and confirmed the request')
            [CompletionResult]::new('--no-answer', '--no-answer', [CompletionResultType]::ParameterName, 'Nobody answered at the number of record')
            [CompletionResult]::new('--declined', '--declined', [CompletionResultType]::ParameterName, 'Someone answered but did not confirm the request')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;email-code' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;mail-code' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;code' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Never accepted on the command line')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--code-stdin', '--code-stdin', [CompletionResultType]::ParameterName, 'Read the code from one line of stdin')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;business' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Never accepted on the command line')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the contract passphrase from one line of stdin (contracts with the passphrase method)')
            [CompletionResult]::new('--reached', '--reached', [CompletionResultType]::ParameterName, 'Callback contracts: the person at the designated number confirmed the request')
            [CompletionResult]::new('--no-answer', '--no-answer', [CompletionResultType]::ParameterName, 'Callback contracts: nobody answered')
            [CompletionResult]::new('--declined', '--declined', [CompletionResultType]::ParameterName, 'Callback contracts: someone answered but did not confirm')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;photo-id' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Kind of government-issued photo ID')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuing authority, e.g. "New York DMV" or "US Department of State"')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expiry date printed on the ID (YYYY-MM-DD); an expired ID is refused')
            [CompletionResult]::new('--number-last4', '--number-last4', [CompletionResultType]::ParameterName, 'Only the last four characters of the ID number')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--name-matches', '--name-matches', [CompletionResultType]::ParameterName, 'The agent confirms the name on the ID matches the account holder')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;disclose' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'account, call-detail or caller-supplied')
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'customer-request, billing, service-support, fraud-protection, pic-freeze-inquiry, directory-services, legal-process, designated-third-party')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Reference (required for legal-process and designated-third-party)')
            [CompletionResult]::new('--calls', '--calls', [CompletionResultType]::ParameterName, 'For caller-supplied: the calls the caller described unaided')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A short note')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;send' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'email or mail (postal letter)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'account or call-detail')
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'Purpose (as for disclose)')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Reference (required for legal-process and designated-third-party)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send (the statement or call detail itself)')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A short note (also the message text when nothing is attached)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;end' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;takeover' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the session changes hands (recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;session;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Open a session for a call; prints its id')
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'Check the account PIN (read from a hidden prompt, or one line of stdin)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Check the customer-chosen backup secret (allows account information and a new PIN)')
            [CompletionResult]::new('callback', 'callback', [CompletionResultType]::ParameterValue, 'Show the number of record to call back, or record the callback''s outcome')
            [CompletionResult]::new('email-code', 'email-code', [CompletionResultType]::ParameterValue, 'Send a one-time code to the email address of record (on record 30+ days)')
            [CompletionResult]::new('mail-code', 'mail-code', [CompletionResultType]::ParameterValue, 'Queue a letter with a one-time code to the postal address of record (30+ days)')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Check an emailed or mailed code (hidden prompt, or one line of stdin)')
            [CompletionResult]::new('business', 'business', [CompletionResultType]::ParameterValue, 'Verify on the business-contract basis by the contract''s own method (passphrase or callback)')
            [CompletionResult]::new('photo-id', 'photo-id', [CompletionResultType]::ParameterValue, 'In a store only: check a valid government-issued photo ID matching the account')
            [CompletionResult]::new('disclose', 'disclose', [CompletionResultType]::ParameterValue, 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send requested information to the email or postal address of record')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the session''s state')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End the session')
            [CompletionResult]::new('takeover', 'takeover', [CompletionResultType]::ParameterValue, 'Take over another agent''s open session (supervisor); the reason is recorded')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;session;help;start' {
            break
        }
        'cpni;session;help;pin' {
            break
        }
        'cpni;session;help;backup' {
            break
        }
        'cpni;session;help;callback' {
            break
        }
        'cpni;session;help;email-code' {
            break
        }
        'cpni;session;help;mail-code' {
            break
        }
        'cpni;session;help;code' {
            break
        }
        'cpni;session;help;business' {
            break
        }
        'cpni;session;help;photo-id' {
            break
        }
        'cpni;session;help;disclose' {
            break
        }
        'cpni;session;help;send' {
            break
        }
        'cpni;session;help;show' {
            break
        }
        'cpni;session;help;end' {
            break
        }
        'cpni;session;help;takeover' {
            break
        }
        'cpni;session;help;help' {
            break
        }
        'cpni;notify' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List outbox items with their status and files')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one item (its body only while it is not yet sent and carries no code)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver what is queued and due; retry failures with backoff')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;notify;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only items with this status')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;notify;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;notify;send' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Retry every queued item now, ignoring the backoff (after fixing the mail server)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;notify;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List outbox items with their status and files')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one item (its body only while it is not yet sent and carries no code)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver what is queued and due; retry failures with backoff')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;notify;help;list' {
            break
        }
        'cpni;notify;help;show' {
            break
        }
        'cpni;notify;help;send' {
            break
        }
        'cpni;notify;help;help' {
            break
        }
        'cpni;audit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List audit records, oldest first (the newest N with --limit)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Record and print a signed checkpoint of the log''s head; keep it off this machine')
            [CompletionResult]::new('public-key', 'public-key', [CompletionResultType]::ParameterValue, 'Print the Ed25519 public key that signs checkpoints (hex)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed')
            [CompletionResult]::new('manifest', 'manifest', [CompletionResultType]::ParameterValue, 'Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;audit;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only this account')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only records by (or on behalf of) this agent login')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Only this session')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event type (e.g. auth.pin.fail)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many (the newest)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;audit;verify' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--checkpoint', '--checkpoint', [CompletionResultType]::ParameterName, 'Also prove the log extends this signed checkpoint (repeatable)')
            [CompletionResult]::new('--checkpoints', '--checkpoints', [CompletionResultType]::ParameterName, 'Also check every checkpoint (*.json) in this folder: each validly signed, each extended by the log and by every later one')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Verify an exported file offline, without the database (JSON Lines or JSON record by record; CSV by its signed SHA-256)')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The export''s signed manifest [default: EXPORT.manifest.json]')
            [CompletionResult]::new('--public-key', '--public-key', [CompletionResultType]::ParameterName, 'Trust only this Ed25519 public key (hex) for checkpoints [default: the key beside the database; with --file, the key named in the checkpoint]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;audit;checkpoint' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Also write the checkpoint (JSON) to this file, created 0600')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace FILE if it exists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;audit;public-key' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;audit;export' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'csv (RFC 4180, spreadsheet-safe), jsonl (one record per line) or json (one array)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only records by (or on behalf of) this agent login')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only this account')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event type (e.g. auth.pin.fail)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (0600) and FILE.manifest.json [default: stdout; the signed manifest is then printed by `cpni audit manifest SEQ`]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace FILE and its manifest if they exist')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Skip the hash-chain check while exporting (faster; the manifest says so)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;audit;purge' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Remove records before this date (YYYY-MM-DD, midnight UTC, or RFC 3339); at most the retention floor (now minus `retention.years`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Also write the signed checkpoint of the new head (JSON) to this new file, created 0600')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;audit;manifest' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;audit;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List audit records, oldest first (the newest N with --limit)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Record and print a signed checkpoint of the log''s head; keep it off this machine')
            [CompletionResult]::new('public-key', 'public-key', [CompletionResultType]::ParameterValue, 'Print the Ed25519 public key that signs checkpoints (hex)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed')
            [CompletionResult]::new('manifest', 'manifest', [CompletionResultType]::ParameterValue, 'Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;audit;help;list' {
            break
        }
        'cpni;audit;help;verify' {
            break
        }
        'cpni;audit;help;checkpoint' {
            break
        }
        'cpni;audit;help;public-key' {
            break
        }
        'cpni;audit;help;export' {
            break
        }
        'cpni;audit;help;purge' {
            break
        }
        'cpni;audit;help;manifest' {
            break
        }
        'cpni;audit;help;help' {
            break
        }
        'cpni;consent' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history')
            [CompletionResult]::new('notice', 'notice', [CompletionResultType]::ParameterValue, 'Send the opt-out notice through the outbox, or record one another system sent')
            [CompletionResult]::new('record', 'record', [CompletionResultType]::ParameterValue, 'Record the customer''s choice (appended; earlier entries are never changed)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;consent;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;consent;notice' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'Email (approval takes effect 30 days after sending) or mail (33 days)')
            [CompletionResult]::new('--sent-on', '--sent-on', [CompletionResultType]::ParameterName, 'Record a notice another system sent on this day (YYYY-MM-DD) instead of sending one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;consent;record' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'How the customer said so')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Recording, form or message reference (required for an oral opt-in)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'The session of the call on which the customer said so')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('--opt-in', '--opt-in', [CompletionResultType]::ParameterName, 'The customer approves every use (opt-in)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'The customer denies approval (opts out)')
            [CompletionResult]::new('--revoke', '--revoke', [CompletionResultType]::ParameterName, 'The customer withdraws an approval given before')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;consent;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'The intended use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;consent;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history')
            [CompletionResult]::new('notice', 'notice', [CompletionResultType]::ParameterValue, 'Send the opt-out notice through the outbox, or record one another system sent')
            [CompletionResult]::new('record', 'record', [CompletionResultType]::ParameterValue, 'Record the customer''s choice (appended; earlier entries are never changed)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;consent;help;show' {
            break
        }
        'cpni;consent;help;notice' {
            break
        }
        'cpni;consent;help;record' {
            break
        }
        'cpni;consent;help;check' {
            break
        }
        'cpni;consent;help;help' {
            break
        }
        'cpni;breach' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Record a breach and show its deadlines')
            [CompletionResult]::new('hold', 'hold', [CompletionResultType]::ParameterValue, 'Record a law-enforcement (or FCC) direction to delay customer notice')
            [CompletionResult]::new('notice', 'notice', [CompletionResultType]::ParameterValue, 'Record a notice given to law enforcement, the FCC or the customers')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a session whose disclosures went to an impostor')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a breach (its records are then kept two more years, then may be purged)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List breaches with their deadlines and standing')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one breach: facts, deadlines, notices, holds, linked sessions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;breach;open' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--discovered', '--discovered', [CompletionResultType]::ParameterName, 'When the breach was first suspected (RFC 3339, or YYYY-MM-DD)')
            [CompletionResult]::new('--determined', '--determined', [CompletionResultType]::ParameterName, 'When the carrier reasonably determined a breach occurred; deadlines count from its date')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What happened')
            [CompletionResult]::new('--accounts', '--accounts', [CompletionResultType]::ParameterName, 'Affected accounts')
            [CompletionResult]::new('--rule', '--rule', [CompletionResultType]::ParameterName, 'Which text of 64.2011 applies [default: the config''s breach.rule, else 2007]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'How the data was compromised (required by the 2024 rule)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day of the breach (2024 rule)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day of the breach (2024 rule)')
            [CompletionResult]::new('--affected', '--affected', [CompletionResultType]::ParameterName, 'Approximate number of customers affected, or "unknown" (2024 rule)')
            [CompletionResult]::new('--estimated-loss', '--estimated-loss', [CompletionResultType]::ParameterName, 'Estimated financial loss to the carrier and customers (2024 rule)')
            [CompletionResult]::new('--data-types', '--data-types', [CompletionResultType]::ParameterName, 'Types of data affected, e.g. call-detail,account,pii (2024 rule)')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'The carrier''s contact for this breach (2024 rule)')
            [CompletionResult]::new('--harm', '--harm', [CompletionResultType]::ParameterName, 'Whether harm to customers is reasonably likely (2024 rule)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;breach;hold' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Last day of the hold (YYYY-MM-DD); customers may be told from the day after')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'The agency''s direction (reference)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;breach;notice' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Who was notified')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When (RFC 3339, or YYYY-MM-DD)')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Confirmation or report number')
            [CompletionResult]::new('--urgent-consulted', '--urgent-consulted', [CompletionResultType]::ParameterName, 'An early customer notice after consulting the investigating agency: its reference')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;breach;link' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session whose disclosures went to an impostor')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;breach;close' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the breach is closed (notices complete, investigation ended, …)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;breach;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;breach;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;breach;help' {
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Record a breach and show its deadlines')
            [CompletionResult]::new('hold', 'hold', [CompletionResultType]::ParameterValue, 'Record a law-enforcement (or FCC) direction to delay customer notice')
            [CompletionResult]::new('notice', 'notice', [CompletionResultType]::ParameterValue, 'Record a notice given to law enforcement, the FCC or the customers')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a session whose disclosures went to an impostor')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a breach (its records are then kept two more years, then may be purged)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List breaches with their deadlines and standing')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one breach: facts, deadlines, notices, holds, linked sessions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;breach;help;open' {
            break
        }
        'cpni;breach;help;hold' {
            break
        }
        'cpni;breach;help;notice' {
            break
        }
        'cpni;breach;help;link' {
            break
        }
        'cpni;breach;help;close' {
            break
        }
        'cpni;breach;help;list' {
            break
        }
        'cpni;breach;help;show' {
            break
        }
        'cpni;breach;help;help' {
            break
        }
        'cpni;complaint' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record a customer''s complaint')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List complaints (supervisor, admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;complaint;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'What the complaint is about')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What the customer said')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'The session of the call on which it was made')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;complaint;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only this account''s complaints')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only this category')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Received at or after (RFC 3339 or YYYY-MM-DD)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Received before (RFC 3339 or YYYY-MM-DD)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;complaint;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record a customer''s complaint')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List complaints (supervisor, admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;complaint;help;add' {
            break
        }
        'cpni;complaint;help;list' {
            break
        }
        'cpni;complaint;help;help' {
            break
        }
        'cpni;report' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('failures', 'failures', [CompletionResultType]::ParameterValue, 'Failed and refused authentication by agent and method')
            [CompletionResult]::new('lockouts', 'lockouts', [CompletionResultType]::ParameterValue, 'Lockouts, and who unlocked them early and why')
            [CompletionResult]::new('agents', 'agents', [CompletionResultType]::ParameterValue, 'Accounts failed by several agents or sessions within a short window (pretexting signal)')
            [CompletionResult]::new('disclosures', 'disclosures', [CompletionResultType]::ParameterValue, 'Disclosures and refusals by scope, channel and purpose')
            [CompletionResult]::new('certification', 'certification', [CompletionResultType]::ParameterValue, 'The annual CPNI certification report for a calendar year (64.2009(e))')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;report;failures' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'text (a table) or csv (for spreadsheets); --json gives one JSON document')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;report;lockouts' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'text (a table) or csv (for spreadsheets); --json gives one JSON document')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;report;agents' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'text (a table) or csv (for spreadsheets); --json gives one JSON document')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'The window, in minutes, within which failures count together')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;report;disclosures' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'text (a table) or csv (for spreadsheets); --json gives one JSON document')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;report;certification' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--year', '--year', [CompletionResultType]::ParameterName, 'The calendar year covered (the certificate filed by March 1 covers the year before)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: text, or json with --json]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;report;help' {
            [CompletionResult]::new('failures', 'failures', [CompletionResultType]::ParameterValue, 'Failed and refused authentication by agent and method')
            [CompletionResult]::new('lockouts', 'lockouts', [CompletionResultType]::ParameterValue, 'Lockouts, and who unlocked them early and why')
            [CompletionResult]::new('agents', 'agents', [CompletionResultType]::ParameterValue, 'Accounts failed by several agents or sessions within a short window (pretexting signal)')
            [CompletionResult]::new('disclosures', 'disclosures', [CompletionResultType]::ParameterValue, 'Disclosures and refusals by scope, channel and purpose')
            [CompletionResult]::new('certification', 'certification', [CompletionResultType]::ParameterValue, 'The annual CPNI certification report for a calendar year (64.2009(e))')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;report;help;failures' {
            break
        }
        'cpni;report;help;lockouts' {
            break
        }
        'cpni;report;help;agents' {
            break
        }
        'cpni;report;help;disclosures' {
            break
        }
        'cpni;report;help;certification' {
            break
        }
        'cpni;report;help;help' {
            break
        }
        'cpni;gateway' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent this SSH key belongs to (written by `cpni agent key add`)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The fingerprint of that SSH key (SHA256:…, written by `cpni agent key add|sync`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;man' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]')
            [CompletionResult]::new('--on-behalf-of', '--on-behalf-of', [CompletionResultType]::ParameterName, 'For a service account: act for this registered agent (both are recorded)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout; errors as JSON on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with a message naming the flag to use instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--debug-timings', '--debug-timings', [CompletionResultType]::ParameterName, 'Print the longest writer-lock wait on stderr at exit (for the load test)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cpni;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database, keys and config; register yourself as admin')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Try cpni on a throw-away demo database: sample customers, then the wizard')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Register agents and set their roles (admin)')
            [CompletionResult]::new('customer', 'customer', [CompletionResultType]::ParameterValue, 'Add, import, show and search customers')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Guided verification of a caller on a live call (the main job)')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'One verification session, step by step, for scripts and integrations')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'The outbox: emails and letters waiting for delivery or delivered')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log (supervisor, admin)')
            [CompletionResult]::new('consent', 'consent', [CompletionResultType]::ParameterValue, 'CPNI approval status: opt-out notices, the customer''s choices, checks before marketing')
            [CompletionResult]::new('breach', 'breach', [CompletionResultType]::ParameterValue, 'Breaches (64.2011): deadlines, holds, notices and linked sessions (supervisor, admin)')
            [CompletionResult]::new('complaint', 'complaint', [CompletionResultType]::ParameterValue, 'Customer complaints about the use or release of CPNI')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Supervisor reports: failures, lockouts, repeated failures across agents, disclosures, and the annual certification')
            [CompletionResult]::new('gateway', 'gateway', [CompletionResultType]::ParameterValue, 'The SSH forced command for agent LOGIN''s keys: runs SSH_ORIGINAL_COMMAND as that agent')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cpni;help;init' {
            break
        }
        'cpni;help;demo' {
            break
        }
        'cpni;help;agent' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register an operating-system login as a cpni agent (admin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents and their roles (supervisor, admin)')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Change an agent''s role (admin)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an agent and remove their SSH keys; their records stay (admin)')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled agent again (their keys must be added again) (admin)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'The SSH keys agents use to reach cpni through the gateway (admin)')
            break
        }
        'cpni;help;agent;add' {
            break
        }
        'cpni;help;agent;list' {
            break
        }
        'cpni;help;agent;role' {
            break
        }
        'cpni;help;agent;disable' {
            break
        }
        'cpni;help;agent;enable' {
            break
        }
        'cpni;help;agent;key' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Let an agent in through the gateway with this public key (admin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents'' keys and their fingerprints (admin)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a key: its agent can no longer connect with it (admin)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Rewrite this host''s authorized_keys from the database (admin; each gateway host)')
            break
        }
        'cpni;help;agent;key;add' {
            break
        }
        'cpni;help;agent;key;list' {
            break
        }
        'cpni;help;agent;key;remove' {
            break
        }
        'cpni;help;agent;key;sync' {
            break
        }
        'cpni;help;customer' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a customer with contacts of record (and optionally a PIN on stdin)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a customer''s contacts of record, secrets set (never their values) and lock state')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List or search customers')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import customers from a CSV file (all rows or none)')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Lift a lockout early (supervisor); the reason is recorded')
            [CompletionResult]::new('set-pin', 'set-pin', [CompletionResultType]::ParameterValue, 'Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record')
            [CompletionResult]::new('set-backup', 'set-backup', [CompletionResultType]::ParameterValue, 'Set a new backup passphrase (on stdin or a hidden prompt)')
            [CompletionResult]::new('set-email', 'set-email', [CompletionResultType]::ParameterValue, 'Change the email address of record')
            [CompletionResult]::new('set-address', 'set-address', [CompletionResultType]::ParameterValue, 'Change the postal address of record')
            [CompletionResult]::new('set-phone', 'set-phone', [CompletionResultType]::ParameterValue, 'Change the telephone number of record')
            [CompletionResult]::new('set-contract', 'set-contract', [CompletionResultType]::ParameterValue, 'Record the business contract''s own authentication method (supervisor, --reason)')
            [CompletionResult]::new('reset-pin', 'reset-pin', [CompletionResultType]::ParameterValue, 'Lost PIN: send a temporary PIN to an address of record')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Everything held about a customer, for their right to review it (no secret)')
            break
        }
        'cpni;help;customer;add' {
            break
        }
        'cpni;help;customer;show' {
            break
        }
        'cpni;help;customer;list' {
            break
        }
        'cpni;help;customer;import' {
            break
        }
        'cpni;help;customer;unlock' {
            break
        }
        'cpni;help;customer;set-pin' {
            break
        }
        'cpni;help;customer;set-backup' {
            break
        }
        'cpni;help;customer;set-email' {
            break
        }
        'cpni;help;customer;set-address' {
            break
        }
        'cpni;help;customer;set-phone' {
            break
        }
        'cpni;help;customer;set-contract' {
            break
        }
        'cpni;help;customer;reset-pin' {
            break
        }
        'cpni;help;customer;report' {
            break
        }
        'cpni;help;verify' {
            break
        }
        'cpni;help;session' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Open a session for a call; prints its id')
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'Check the account PIN (read from a hidden prompt, or one line of stdin)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Check the customer-chosen backup secret (allows account information and a new PIN)')
            [CompletionResult]::new('callback', 'callback', [CompletionResultType]::ParameterValue, 'Show the number of record to call back, or record the callback''s outcome')
            [CompletionResult]::new('email-code', 'email-code', [CompletionResultType]::ParameterValue, 'Send a one-time code to the email address of record (on record 30+ days)')
            [CompletionResult]::new('mail-code', 'mail-code', [CompletionResultType]::ParameterValue, 'Queue a letter with a one-time code to the postal address of record (30+ days)')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Check an emailed or mailed code (hidden prompt, or one line of stdin)')
            [CompletionResult]::new('business', 'business', [CompletionResultType]::ParameterValue, 'Verify on the business-contract basis by the contract''s own method (passphrase or callback)')
            [CompletionResult]::new('photo-id', 'photo-id', [CompletionResultType]::ParameterValue, 'In a store only: check a valid government-issued photo ID matching the account')
            [CompletionResult]::new('disclose', 'disclose', [CompletionResultType]::ParameterValue, 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send requested information to the email or postal address of record')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the session''s state')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End the session')
            [CompletionResult]::new('takeover', 'takeover', [CompletionResultType]::ParameterValue, 'Take over another agent''s open session (supervisor); the reason is recorded')
            break
        }
        'cpni;help;session;start' {
            break
        }
        'cpni;help;session;pin' {
            break
        }
        'cpni;help;session;backup' {
            break
        }
        'cpni;help;session;callback' {
            break
        }
        'cpni;help;session;email-code' {
            break
        }
        'cpni;help;session;mail-code' {
            break
        }
        'cpni;help;session;code' {
            break
        }
        'cpni;help;session;business' {
            break
        }
        'cpni;help;session;photo-id' {
            break
        }
        'cpni;help;session;disclose' {
            break
        }
        'cpni;help;session;send' {
            break
        }
        'cpni;help;session;show' {
            break
        }
        'cpni;help;session;end' {
            break
        }
        'cpni;help;session;takeover' {
            break
        }
        'cpni;help;notify' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List outbox items with their status and files')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one item (its body only while it is not yet sent and carries no code)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver what is queued and due; retry failures with backoff')
            break
        }
        'cpni;help;notify;list' {
            break
        }
        'cpni;help;notify;show' {
            break
        }
        'cpni;help;notify;send' {
            break
        }
        'cpni;help;audit' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List audit records, oldest first (the newest N with --limit)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Record and print a signed checkpoint of the log''s head; keep it off this machine')
            [CompletionResult]::new('public-key', 'public-key', [CompletionResultType]::ParameterValue, 'Print the Ed25519 public key that signs checkpoints (hex)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed')
            [CompletionResult]::new('manifest', 'manifest', [CompletionResultType]::ParameterValue, 'Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)')
            break
        }
        'cpni;help;audit;list' {
            break
        }
        'cpni;help;audit;verify' {
            break
        }
        'cpni;help;audit;checkpoint' {
            break
        }
        'cpni;help;audit;public-key' {
            break
        }
        'cpni;help;audit;export' {
            break
        }
        'cpni;help;audit;purge' {
            break
        }
        'cpni;help;audit;manifest' {
            break
        }
        'cpni;help;consent' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history')
            [CompletionResult]::new('notice', 'notice', [CompletionResultType]::ParameterValue, 'Send the opt-out notice through the outbox, or record one another system sent')
            [CompletionResult]::new('record', 'record', [CompletionResultType]::ParameterValue, 'Record the customer''s choice (appended; earlier entries are never changed)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)')
            break
        }
        'cpni;help;consent;show' {
            break
        }
        'cpni;help;consent;notice' {
            break
        }
        'cpni;help;consent;record' {
            break
        }
        'cpni;help;consent;check' {
            break
        }
        'cpni;help;breach' {
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Record a breach and show its deadlines')
            [CompletionResult]::new('hold', 'hold', [CompletionResultType]::ParameterValue, 'Record a law-enforcement (or FCC) direction to delay customer notice')
            [CompletionResult]::new('notice', 'notice', [CompletionResultType]::ParameterValue, 'Record a notice given to law enforcement, the FCC or the customers')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a session whose disclosures went to an impostor')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a breach (its records are then kept two more years, then may be purged)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List breaches with their deadlines and standing')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one breach: facts, deadlines, notices, holds, linked sessions')
            break
        }
        'cpni;help;breach;open' {
            break
        }
        'cpni;help;breach;hold' {
            break
        }
        'cpni;help;breach;notice' {
            break
        }
        'cpni;help;breach;link' {
            break
        }
        'cpni;help;breach;close' {
            break
        }
        'cpni;help;breach;list' {
            break
        }
        'cpni;help;breach;show' {
            break
        }
        'cpni;help;complaint' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record a customer''s complaint')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List complaints (supervisor, admin)')
            break
        }
        'cpni;help;complaint;add' {
            break
        }
        'cpni;help;complaint;list' {
            break
        }
        'cpni;help;report' {
            [CompletionResult]::new('failures', 'failures', [CompletionResultType]::ParameterValue, 'Failed and refused authentication by agent and method')
            [CompletionResult]::new('lockouts', 'lockouts', [CompletionResultType]::ParameterValue, 'Lockouts, and who unlocked them early and why')
            [CompletionResult]::new('agents', 'agents', [CompletionResultType]::ParameterValue, 'Accounts failed by several agents or sessions within a short window (pretexting signal)')
            [CompletionResult]::new('disclosures', 'disclosures', [CompletionResultType]::ParameterValue, 'Disclosures and refusals by scope, channel and purpose')
            [CompletionResult]::new('certification', 'certification', [CompletionResultType]::ParameterValue, 'The annual CPNI certification report for a calendar year (64.2009(e))')
            break
        }
        'cpni;help;report;failures' {
            break
        }
        'cpni;help;report;lockouts' {
            break
        }
        'cpni;help;report;agents' {
            break
        }
        'cpni;help;report;disclosures' {
            break
        }
        'cpni;help;report;certification' {
            break
        }
        'cpni;help;gateway' {
            break
        }
        'cpni;help;completions' {
            break
        }
        'cpni;help;man' {
            break
        }
        'cpni;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
