# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cpni_global_optspecs
    string join \n db= config= json no-input q/quiet on-behalf-of= debug-timings h/help V/version
end

function __fish_cpni_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_cpni_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_cpni_using_subcommand
    set -l cmd (__fish_cpni_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c cpni -n "__fish_cpni_needs_command" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_needs_command" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_needs_command" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_needs_command" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_needs_command" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_needs_command" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_needs_command" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_needs_command" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_needs_command" -s V -l version -d 'Print version'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "init" -d 'Create the database, keys and config; register yourself as admin'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "demo" -d 'Try cpni on a throw-away demo database: sample customers, then the wizard'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "agent" -d 'Register agents and set their roles (admin)'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "customer" -d 'Add, import, show and search customers'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "verify" -d 'Guided verification of a caller on a live call (the main job)'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "session" -d 'One verification session, step by step, for scripts and integrations'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "notify" -d 'The outbox: emails and letters waiting for delivery or delivered'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "audit" -d 'The audit log (supervisor, admin)'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "consent" -d 'CPNI approval status: opt-out notices, the customer\'s choices, checks before marketing'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "breach" -d 'Breaches (64.2011): deadlines, holds, notices and linked sessions (supervisor, admin)'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "complaint" -d 'Customer complaints about the use or release of CPNI'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "report" -d 'Supervisor reports: failures, lockouts, repeated failures across agents, disclosures, and the annual certification'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "gateway" -d 'The SSH forced command for agent LOGIN\'s keys: runs SSH_ORIGINAL_COMMAND as that agent'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand init" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand init" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand init" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand init" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand init" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand init" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand init" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand init" -l demo -d 'Also load sample customers (see the README for their PINs)'
complete -c cpni -n "__fish_cpni_using_subcommand init" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand demo" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand demo" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -f -a "add" -d 'Register an operating-system login as a cpni agent (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -f -a "list" -d 'List agents and their roles (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -f -a "role" -d 'Change an agent\'s role (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -f -a "disable" -d 'Disable an agent and remove their SSH keys; their records stay (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -f -a "enable" -d 'Enable a disabled agent again (their keys must be added again) (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -f -a "key" -d 'The SSH keys agents use to reach cpni through the gateway (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable enable key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l role -d 'agent, supervisor, admin or service' -r -f -a "agent\t''
supervisor\t''
admin\t''
service\t''"
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l name -d 'Display name' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l ssh-key-file -d 'The agent\'s SSH public key, for the gateway (or - to read it on stdin)' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from enable" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from enable" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from enable" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from enable" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from enable" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from enable" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -f -a "add" -d 'Let an agent in through the gateway with this public key (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -f -a "list" -d 'List agents\' keys and their fingerprints (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -f -a "remove" -d 'Remove a key: its agent can no longer connect with it (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -f -a "sync" -d 'Rewrite this host\'s authorized_keys from the database (admin; each gateway host)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from key" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "add" -d 'Register an operating-system login as a cpni agent (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "list" -d 'List agents and their roles (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "role" -d 'Change an agent\'s role (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable an agent and remove their SSH keys; their records stay (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a disabled agent again (their keys must be added again) (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "key" -d 'The SSH keys agents use to reach cpni through the gateway (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "add" -d 'Add a customer with contacts of record (and optionally a PIN on stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "show" -d 'Show a customer\'s contacts of record, secrets set (never their values) and lock state'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "list" -d 'List or search customers'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "import" -d 'Import customers from a CSV file (all rows or none)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "unlock" -d 'Lift a lockout early (supervisor); the reason is recorded'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "set-pin" -d 'Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "set-backup" -d 'Set a new backup passphrase (on stdin or a hidden prompt)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "set-email" -d 'Change the email address of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "set-address" -d 'Change the postal address of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "set-phone" -d 'Change the telephone number of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "set-contract" -d 'Record the business contract\'s own authentication method (supervisor, --reason)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "reset-pin" -d 'Lost PIN: send a temporary PIN to an address of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "report" -d 'Everything held about a customer, for their right to review it (no secret)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock set-pin set-backup set-email set-address set-phone set-contract reset-pin report help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l name -d 'Account holder\'s name' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l phone -d 'Telephone number of record (E.164, or national in the default country)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l email -d 'Email address of record' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l street -d 'Postal address of record: street and number' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l city -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l region -d 'State, province or region' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l postal-code -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l country -d 'ISO 3166 two-letter country code' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l account-rep -d 'Dedicated account representative (business accounts)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l cpni-contract -d 'Reference of the contract that covers CPNI protection (business accounts)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l pin -d 'Never accepted: a PIN on the command line shows in `ps` and shell history' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l pin-stdin -d 'Read the customer\'s chosen PIN from one line of stdin'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l query -d 'Only customers whose account, name, email or phone contains this text' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l limit -d 'At most this many' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l reason -d 'Why the lock is lifted (recorded in the audit log)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l session -d 'A verified session on this account (the caller asked for the change on that call)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l reason -d 'Back office (supervisor): why the change is made without a verified caller' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l pin -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -l pin-stdin -d 'Read the new PIN from one line of stdin'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-pin" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l session -d 'A verified session on this account (the caller asked for the change on that call)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l reason -d 'Back office (supervisor): why the change is made without a verified caller' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l secret -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -l secret-stdin -d 'Read the new backup passphrase from one line of stdin'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-backup" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l session -d 'A verified session on this account (the caller asked for the change on that call)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l reason -d 'Back office (supervisor): why the change is made without a verified caller' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l email -d 'The new email address (on record from now; usable for codes after 30 days)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-email" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l session -d 'A verified session on this account (the caller asked for the change on that call)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l reason -d 'Back office (supervisor): why the change is made without a verified caller' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l street -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l city -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l region -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l postal-code -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l country -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-address" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -l session -d 'A verified session on this account (the caller asked for the change on that call)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -l reason -d 'Back office (supervisor): why the change is made without a verified caller' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -l phone -d 'The new telephone number of record' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-phone" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l session -d 'A verified session on this account (the caller asked for the change on that call)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l reason -d 'Back office (supervisor): why the change is made without a verified caller' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l method -d 'How the contract authenticates callers: its passphrase, or a callback to a number it designates' -r -f -a "passphrase\t''
callback\t''"
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l callback-phone -d 'The number the contract designates for callbacks (method callback; usable after 30 days)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l secret -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -l secret-stdin -d 'The contract passphrase, from one line of stdin (method passphrase)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from set-contract" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -l via -d 'Where the temporary PIN goes: the email or the postal address of record' -r -f -a "email\t''
mail\t''"
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -l session -d 'The session of the call on which the customer asked (recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -l override-reason -d 'Supervisor: reset although the account is locked or a reset is outstanding (recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from reset-pin" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from report" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from report" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from report" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from report" -l format -d 'Output format [default: text, or json with --json]' -r -f -a "text\t''
json\t''"
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from report" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from report" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from report" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from report" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from report" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a customer with contacts of record (and optionally a PIN on stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a customer\'s contacts of record, secrets set (never their values) and lock state'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "list" -d 'List or search customers'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import customers from a CSV file (all rows or none)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "unlock" -d 'Lift a lockout early (supervisor); the reason is recorded'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "set-pin" -d 'Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "set-backup" -d 'Set a new backup passphrase (on stdin or a hidden prompt)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "set-email" -d 'Change the email address of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "set-address" -d 'Change the postal address of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "set-phone" -d 'Change the telephone number of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "set-contract" -d 'Record the business contract\'s own authentication method (supervisor, --reason)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "reset-pin" -d 'Lost PIN: send a temporary PIN to an address of record'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "report" -d 'Everything held about a customer, for their right to review it (no secret)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l channel -d 'How the customer is in contact (`in-store`: a visit to a store, verified by photo ID)' -r -f -a "inbound\t''
outbound\t''
in-store\t''"
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l in-store -d 'A visit to a store (same as `--channel in-store`): photo ID, no callback or codes'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "start" -d 'Open a session for a call; prints its id'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "pin" -d 'Check the account PIN (read from a hidden prompt, or one line of stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "backup" -d 'Check the customer-chosen backup secret (allows account information and a new PIN)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "callback" -d 'Show the number of record to call back, or record the callback\'s outcome'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "email-code" -d 'Send a one-time code to the email address of record (on record 30+ days)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "mail-code" -d 'Queue a letter with a one-time code to the postal address of record (30+ days)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "code" -d 'Check an emailed or mailed code (hidden prompt, or one line of stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "business" -d 'Verify on the business-contract basis by the contract\'s own method (passphrase or callback)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "photo-id" -d 'In a store only: check a valid government-issued photo ID matching the account'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "disclose" -d 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "send" -d 'Send requested information to the email or postal address of record'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "show" -d 'Show the session\'s state'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "end" -d 'End the session'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "takeover" -d 'Take over another agent\'s open session (supervisor); the reason is recorded'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from start pin backup callback email-code mail-code code business photo-id disclose send show end takeover help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from start" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from start" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from start" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from start" -l channel -d 'How the customer is in contact' -r -f -a "inbound\t''
outbound\t''
in-store\t''"
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from start" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from start" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from start" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -l pin -d 'Never accepted: a PIN on the command line shows in `ps` and shell history' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -l pin-stdin -d 'Read the PIN from one line of stdin'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from pin" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -l secret -d 'Never accepted on the command line' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -l secret-stdin -d 'Read the backup secret from one line of stdin'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -l reached -d 'The account holder answered at the number of record and confirmed the request'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -l no-answer -d 'Nobody answered at the number of record'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -l declined -d 'Someone answered but did not confirm the request'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from callback" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from email-code" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from email-code" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from email-code" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from email-code" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from email-code" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from email-code" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from email-code" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from email-code" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from mail-code" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from mail-code" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from mail-code" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from mail-code" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from mail-code" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from mail-code" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from mail-code" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from mail-code" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -l code -d 'Never accepted on the command line' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -l code-stdin -d 'Read the code from one line of stdin'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from code" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l secret -d 'Never accepted on the command line' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l secret-stdin -d 'Read the contract passphrase from one line of stdin (contracts with the passphrase method)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l reached -d 'Callback contracts: the person at the designated number confirmed the request'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l no-answer -d 'Callback contracts: nobody answered'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -l declined -d 'Callback contracts: someone answered but did not confirm'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from business" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l type -d 'Kind of government-issued photo ID' -r -f -a "drivers-licence\t''
passport\t''
state-id\t''
military-id\t''"
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l issuer -d 'Issuing authority, e.g. "New York DMV" or "US Department of State"' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l expires -d 'Expiry date printed on the ID (YYYY-MM-DD); an expired ID is refused' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l number-last4 -d 'Only the last four characters of the ID number' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -l name-matches -d 'The agent confirms the name on the ID matches the account holder'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from photo-id" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l scope -d 'account, call-detail or caller-supplied' -r -f -a "account\t''
call-detail\t''
caller-supplied\t''"
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l purpose -d 'customer-request, billing, service-support, fraud-protection, pic-freeze-inquiry, directory-services, legal-process, designated-third-party' -r -f -a "customer-request\t''
billing\t''
service-support\t''
fraud-protection\t''
pic-freeze-inquiry\t''
directory-services\t''
legal-process\t''
designated-third-party\t''"
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l reference -d 'Reference (required for legal-process and designated-third-party)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l calls -d 'For caller-supplied: the calls the caller described unaided' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l note -d 'A short note' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from disclose" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l via -d 'email or mail (postal letter)' -r -f -a "email\t''
mail\t''"
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l scope -d 'account or call-detail' -r -f -a "account\t''
call-detail\t''"
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l purpose -d 'Purpose (as for disclose)' -r -f -a "customer-request\t''
billing\t''
service-support\t''
fraud-protection\t''
pic-freeze-inquiry\t''
directory-services\t''
legal-process\t''
designated-third-party\t''"
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l reference -d 'Reference (required for legal-process and designated-third-party)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l attach -d 'A file to send (the statement or call detail itself)' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l note -d 'A short note (also the message text when nothing is attached)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from end" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from end" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from end" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from end" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from end" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from end" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from end" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from end" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from takeover" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from takeover" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from takeover" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from takeover" -l reason -d 'Why the session changes hands (recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from takeover" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from takeover" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from takeover" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from takeover" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from takeover" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "start" -d 'Open a session for a call; prints its id'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "pin" -d 'Check the account PIN (read from a hidden prompt, or one line of stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Check the customer-chosen backup secret (allows account information and a new PIN)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "callback" -d 'Show the number of record to call back, or record the callback\'s outcome'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "email-code" -d 'Send a one-time code to the email address of record (on record 30+ days)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "mail-code" -d 'Queue a letter with a one-time code to the postal address of record (30+ days)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "code" -d 'Check an emailed or mailed code (hidden prompt, or one line of stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "business" -d 'Verify on the business-contract basis by the contract\'s own method (passphrase or callback)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "photo-id" -d 'In a store only: check a valid government-issued photo ID matching the account'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "disclose" -d 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send requested information to the email or postal address of record'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the session\'s state'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "end" -d 'End the session'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "takeover" -d 'Take over another agent\'s open session (supervisor); the reason is recorded'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -f -a "list" -d 'List outbox items with their status and files'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -f -a "show" -d 'Show one item (its body only while it is not yet sent and carries no code)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -f -a "send" -d 'Deliver what is queued and due; retry failures with backoff'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list show send help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l status -d 'Only items with this status' -r -f -a "queued\t''
sent\t''
failed\t''"
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from show" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from show" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from show" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from show" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from send" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from send" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from send" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from send" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from send" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from send" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from send" -l now -d 'Retry every queued item now, ignoring the backoff (after fixing the mail server)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "list" -d 'List outbox items with their status and files'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one item (its body only while it is not yet sent and carries no code)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "send" -d 'Deliver what is queued and due; retry failures with backoff'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -f -a "list" -d 'List audit records, oldest first (the newest N with --limit)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -f -a "verify" -d 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -f -a "checkpoint" -d 'Record and print a signed checkpoint of the log\'s head; keep it off this machine'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -f -a "public-key" -d 'Print the Ed25519 public key that signs checkpoints (hex)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -f -a "export" -d 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -f -a "purge" -d 'Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -f -a "manifest" -d 'Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list verify checkpoint public-key export purge manifest help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l account -d 'Only this account' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l agent -d 'Only records by (or on behalf of) this agent login' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l session -d 'Only this session' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l event -d 'Only this event type (e.g. auth.pin.fail)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l since -d 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l until -d 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l limit -d 'At most this many (the newest)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l checkpoint -d 'Also prove the log extends this signed checkpoint (repeatable)' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l checkpoints -d 'Also check every checkpoint (*.json) in this folder: each validly signed, each extended by the log and by every later one' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l file -d 'Verify an exported file offline, without the database (JSON Lines or JSON record by record; CSV by its signed SHA-256)' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l manifest -d 'The export\'s signed manifest [default: EXPORT.manifest.json]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l public-key -d 'Trust only this Ed25519 public key (hex) for checkpoints [default: the key beside the database; with --file, the key named in the checkpoint]' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l output -d 'Also write the checkpoint (JSON) to this file, created 0600' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l force -d 'Replace FILE if it exists'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from public-key" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from public-key" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from public-key" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from public-key" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from public-key" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from public-key" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from public-key" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from public-key" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l format -d 'csv (RFC 4180, spreadsheet-safe), jsonl (one record per line) or json (one array)' -r -f -a "csv\t''
jsonl\t''
json\t''"
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l since -d 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l until -d 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l agent -d 'Only records by (or on behalf of) this agent login' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l account -d 'Only this account' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l event -d 'Only this event type (e.g. auth.pin.fail)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l output -d 'Write to FILE (0600) and FILE.manifest.json [default: stdout; the signed manifest is then printed by `cpni audit manifest SEQ`]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l force -d 'Replace FILE and its manifest if they exist'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -l no-verify -d 'Skip the hash-chain check while exporting (faster; the manifest says so)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -l before -d 'Remove records before this date (YYYY-MM-DD, midnight UTC, or RFC 3339); at most the retention floor (now minus `retention.years`)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -l output -d 'Also write the signed checkpoint of the new head (JSON) to this new file, created 0600' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from purge" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from manifest" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from manifest" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from manifest" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from manifest" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from manifest" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from manifest" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from manifest" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from manifest" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "list" -d 'List audit records, oldest first (the newest N with --limit)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "checkpoint" -d 'Record and print a signed checkpoint of the log\'s head; keep it off this machine'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "public-key" -d 'Print the Ed25519 public key that signs checkpoints (hex)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "purge" -d 'Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "manifest" -d 'Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -f -a "show" -d 'Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -f -a "notice" -d 'Send the opt-out notice through the outbox, or record one another system sent'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -f -a "record" -d 'Record the customer\'s choice (appended; earlier entries are never changed)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -f -a "check" -d 'Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and not __fish_seen_subcommand_from show notice record check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from show" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from show" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from show" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from show" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -l via -d 'Email (approval takes effect 30 days after sending) or mail (33 days)' -r -f -a "email\t''
mail\t''"
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -l sent-on -d 'Record a notice another system sent on this day (YYYY-MM-DD) instead of sending one' -r
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from notice" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l method -d 'How the customer said so' -r -f -a "oral\t''
written\t''
electronic\t''"
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l evidence -d 'Recording, form or message reference (required for an oral opt-in)' -r
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l session -d 'The session of the call on which the customer said so' -r
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l opt-in -d 'The customer approves every use (opt-in)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l deny -d 'The customer denies approval (opts out)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -l revoke -d 'The customer withdraws an approval given before'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from record" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from check" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from check" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from check" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from check" -l use -d 'The intended use' -r -f -a "communications-marketing\t''
other-marketing\t''
third-party\t''"
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from check" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from check" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from help" -f -a "notice" -d 'Send the opt-out notice through the outbox, or record one another system sent'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from help" -f -a "record" -d 'Record the customer\'s choice (appended; earlier entries are never changed)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from help" -f -a "check" -d 'Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)'
complete -c cpni -n "__fish_cpni_using_subcommand consent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -f -a "open" -d 'Record a breach and show its deadlines'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -f -a "hold" -d 'Record a law-enforcement (or FCC) direction to delay customer notice'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -f -a "notice" -d 'Record a notice given to law enforcement, the FCC or the customers'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -f -a "link" -d 'Link a session whose disclosures went to an impostor'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -f -a "close" -d 'Close a breach (its records are then kept two more years, then may be purged)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -f -a "list" -d 'List breaches with their deadlines and standing'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -f -a "show" -d 'Show one breach: facts, deadlines, notices, holds, linked sessions'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and not __fish_seen_subcommand_from open hold notice link close list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l discovered -d 'When the breach was first suspected (RFC 3339, or YYYY-MM-DD)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l determined -d 'When the carrier reasonably determined a breach occurred; deadlines count from its date' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l description -d 'What happened' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l accounts -d 'Affected accounts' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l rule -d 'Which text of 64.2011 applies [default: the config\'s breach.rule, else 2007]' -r -f -a "2007\t''
2024\t''"
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l method -d 'How the data was compromised (required by the 2024 rule)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l from -d 'First day of the breach (2024 rule)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l to -d 'Last day of the breach (2024 rule)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l affected -d 'Approximate number of customers affected, or "unknown" (2024 rule)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l estimated-loss -d 'Estimated financial loss to the carrier and customers (2024 rule)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l data-types -d 'Types of data affected, e.g. call-detail,account,pii (2024 rule)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l contact -d 'The carrier\'s contact for this breach (2024 rule)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l harm -d 'Whether harm to customers is reasonably likely (2024 rule)' -r -f -a "likely\t''
unlikely\t''"
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from open" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -l until -d 'Last day of the hold (YYYY-MM-DD); customers may be told from the day after' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -l reference -d 'The agency\'s direction (reference)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from hold" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l to -d 'Who was notified' -r -f -a "law-enforcement\t''
fcc\t''
customers\t''"
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l at -d 'When (RFC 3339, or YYYY-MM-DD)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l reference -d 'Confirmation or report number' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l urgent-consulted -d 'An early customer notice after consulting the investigating agency: its reference' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from notice" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from link" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from link" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from link" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from link" -l session -d 'Session whose disclosures went to an impostor' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from link" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from link" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from link" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from link" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from link" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from close" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from close" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from close" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from close" -l reason -d 'Why the breach is closed (notices complete, investigation ended, …)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from close" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from close" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from close" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from list" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from list" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from show" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from show" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from show" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from show" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from help" -f -a "open" -d 'Record a breach and show its deadlines'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from help" -f -a "hold" -d 'Record a law-enforcement (or FCC) direction to delay customer notice'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from help" -f -a "notice" -d 'Record a notice given to law enforcement, the FCC or the customers'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from help" -f -a "link" -d 'Link a session whose disclosures went to an impostor'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from help" -f -a "close" -d 'Close a breach (its records are then kept two more years, then may be purged)'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from help" -f -a "list" -d 'List breaches with their deadlines and standing'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one breach: facts, deadlines, notices, holds, linked sessions'
complete -c cpni -n "__fish_cpni_using_subcommand breach; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -f -a "add" -d 'Record a customer\'s complaint'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -f -a "list" -d 'List complaints (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and not __fish_seen_subcommand_from add list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -l category -d 'What the complaint is about' -r -f -a "unauthorized-release\t''
pretexting\t''
other\t''"
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -l description -d 'What the customer said' -r
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -l session -d 'The session of the call on which it was made' -r
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l account -d 'Only this account\'s complaints' -r
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l category -d 'Only this category' -r -f -a "unauthorized-release\t''
pretexting\t''
other\t''"
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l since -d 'Received at or after (RFC 3339 or YYYY-MM-DD)' -r
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l until -d 'Received before (RFC 3339 or YYYY-MM-DD)' -r
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from help" -f -a "add" -d 'Record a customer\'s complaint'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from help" -f -a "list" -d 'List complaints (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand complaint; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -f -a "failures" -d 'Failed and refused authentication by agent and method'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -f -a "lockouts" -d 'Lockouts, and who unlocked them early and why'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -f -a "agents" -d 'Accounts failed by several agents or sessions within a short window (pretexting signal)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -f -a "disclosures" -d 'Disclosures and refusals by scope, channel and purpose'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -f -a "certification" -d 'The annual CPNI certification report for a calendar year (64.2009(e))'
complete -c cpni -n "__fish_cpni_using_subcommand report; and not __fish_seen_subcommand_from failures lockouts agents disclosures certification help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -l since -d 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -l until -d 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -l format -d 'text (a table) or csv (for spreadsheets); --json gives one JSON document' -r -f -a "text\t''
csv\t''"
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from failures" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -l since -d 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -l until -d 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -l format -d 'text (a table) or csv (for spreadsheets); --json gives one JSON document' -r -f -a "text\t''
csv\t''"
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from lockouts" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l since -d 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l until -d 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l format -d 'text (a table) or csv (for spreadsheets); --json gives one JSON document' -r -f -a "text\t''
csv\t''"
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l window -d 'The window, in minutes, within which failures count together' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from agents" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -l since -d 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -l until -d 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -l format -d 'text (a table) or csv (for spreadsheets); --json gives one JSON document' -r -f -a "text\t''
csv\t''"
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from disclosures" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -l year -d 'The calendar year covered (the certificate filed by March 1 covers the year before)' -r
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -l format -d 'Output format [default: text, or json with --json]' -r -f -a "text\t''
json\t''
csv\t''"
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from certification" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "failures" -d 'Failed and refused authentication by agent and method'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "lockouts" -d 'Lockouts, and who unlocked them early and why'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "agents" -d 'Accounts failed by several agents or sessions within a short window (pretexting signal)'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "disclosures" -d 'Disclosures and refusals by scope, channel and purpose'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "certification" -d 'The annual CPNI certification report for a calendar year (64.2009(e))'
complete -c cpni -n "__fish_cpni_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -l agent -d 'The agent this SSH key belongs to (written by `cpni agent key add`)' -r
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -l key -d 'The fingerprint of that SSH key (SHA256:…, written by `cpni agent key add|sync`)' -r
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand gateway" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand completions" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand completions" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand man" -l db -d 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand man" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand man" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand man" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand man" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand man" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand man" -l debug-timings -d 'Print the longest writer-lock wait on stderr at exit (for the load test)'
complete -c cpni -n "__fish_cpni_using_subcommand man" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "init" -d 'Create the database, keys and config; register yourself as admin'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "demo" -d 'Try cpni on a throw-away demo database: sample customers, then the wizard'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "agent" -d 'Register agents and set their roles (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "customer" -d 'Add, import, show and search customers'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "verify" -d 'Guided verification of a caller on a live call (the main job)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "session" -d 'One verification session, step by step, for scripts and integrations'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "notify" -d 'The outbox: emails and letters waiting for delivery or delivered'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "audit" -d 'The audit log (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "consent" -d 'CPNI approval status: opt-out notices, the customer\'s choices, checks before marketing'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "breach" -d 'Breaches (64.2011): deadlines, holds, notices and linked sessions (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "complaint" -d 'Customer complaints about the use or release of CPNI'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "report" -d 'Supervisor reports: failures, lockouts, repeated failures across agents, disclosures, and the annual certification'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "gateway" -d 'The SSH forced command for agent LOGIN\'s keys: runs SSH_ORIGINAL_COMMAND as that agent'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit consent breach complaint report gateway completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "add" -d 'Register an operating-system login as a cpni agent (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "list" -d 'List agents and their roles (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "role" -d 'Change an agent\'s role (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "disable" -d 'Disable an agent and remove their SSH keys; their records stay (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "enable" -d 'Enable a disabled agent again (their keys must be added again) (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "key" -d 'The SSH keys agents use to reach cpni through the gateway (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "add" -d 'Add a customer with contacts of record (and optionally a PIN on stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "show" -d 'Show a customer\'s contacts of record, secrets set (never their values) and lock state'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "list" -d 'List or search customers'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "import" -d 'Import customers from a CSV file (all rows or none)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "unlock" -d 'Lift a lockout early (supervisor); the reason is recorded'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "set-pin" -d 'Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "set-backup" -d 'Set a new backup passphrase (on stdin or a hidden prompt)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "set-email" -d 'Change the email address of record'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "set-address" -d 'Change the postal address of record'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "set-phone" -d 'Change the telephone number of record'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "set-contract" -d 'Record the business contract\'s own authentication method (supervisor, --reason)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "reset-pin" -d 'Lost PIN: send a temporary PIN to an address of record'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "report" -d 'Everything held about a customer, for their right to review it (no secret)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "start" -d 'Open a session for a call; prints its id'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "pin" -d 'Check the account PIN (read from a hidden prompt, or one line of stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "backup" -d 'Check the customer-chosen backup secret (allows account information and a new PIN)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "callback" -d 'Show the number of record to call back, or record the callback\'s outcome'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "email-code" -d 'Send a one-time code to the email address of record (on record 30+ days)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "mail-code" -d 'Queue a letter with a one-time code to the postal address of record (30+ days)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "code" -d 'Check an emailed or mailed code (hidden prompt, or one line of stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "business" -d 'Verify on the business-contract basis by the contract\'s own method (passphrase or callback)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "photo-id" -d 'In a store only: check a valid government-issued photo ID matching the account'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "disclose" -d 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "send" -d 'Send requested information to the email or postal address of record'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "show" -d 'Show the session\'s state'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "end" -d 'End the session'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "takeover" -d 'Take over another agent\'s open session (supervisor); the reason is recorded'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "list" -d 'List outbox items with their status and files'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "show" -d 'Show one item (its body only while it is not yet sent and carries no code)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "send" -d 'Deliver what is queued and due; retry failures with backoff'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "list" -d 'List audit records, oldest first (the newest N with --limit)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "checkpoint" -d 'Record and print a signed checkpoint of the log\'s head; keep it off this machine'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "public-key" -d 'Print the Ed25519 public key that signs checkpoints (hex)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "purge" -d 'Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "manifest" -d 'Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from consent" -f -a "show" -d 'Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from consent" -f -a "notice" -d 'Send the opt-out notice through the outbox, or record one another system sent'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from consent" -f -a "record" -d 'Record the customer\'s choice (appended; earlier entries are never changed)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from consent" -f -a "check" -d 'Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from breach" -f -a "open" -d 'Record a breach and show its deadlines'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from breach" -f -a "hold" -d 'Record a law-enforcement (or FCC) direction to delay customer notice'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from breach" -f -a "notice" -d 'Record a notice given to law enforcement, the FCC or the customers'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from breach" -f -a "link" -d 'Link a session whose disclosures went to an impostor'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from breach" -f -a "close" -d 'Close a breach (its records are then kept two more years, then may be purged)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from breach" -f -a "list" -d 'List breaches with their deadlines and standing'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from breach" -f -a "show" -d 'Show one breach: facts, deadlines, notices, holds, linked sessions'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from complaint" -f -a "add" -d 'Record a customer\'s complaint'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from complaint" -f -a "list" -d 'List complaints (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "failures" -d 'Failed and refused authentication by agent and method'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "lockouts" -d 'Lockouts, and who unlocked them early and why'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "agents" -d 'Accounts failed by several agents or sessions within a short window (pretexting signal)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "disclosures" -d 'Disclosures and refusals by scope, channel and purpose'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "certification" -d 'The annual CPNI certification report for a calendar year (64.2009(e))'
