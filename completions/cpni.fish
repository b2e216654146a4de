# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cpni_global_optspecs
    string join \n db= config= json no-input q/quiet on-behalf-of= h/help V/version
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

complete -c cpni -n "__fish_cpni_needs_command" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_needs_command" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_needs_command" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_needs_command" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_needs_command" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_needs_command" -s q -l quiet -d 'Print nothing but errors'
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
complete -c cpni -n "__fish_cpni_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c cpni -n "__fish_cpni_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand init" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand init" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand init" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand init" -l demo -d 'Also load sample customers (see the README for their PINs)'
complete -c cpni -n "__fish_cpni_using_subcommand init" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand init" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand init" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand init" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand demo" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand demo" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand demo" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -f -a "add" -d 'Register an operating-system login as a cpni agent (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -f -a "list" -d 'List agents and their roles (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -f -a "role" -d 'Change an agent\'s role (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -f -a "disable" -d 'Disable an agent; their records stay (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and not __fish_seen_subcommand_from add list role disable help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l role -d 'agent, supervisor, admin or service' -r -f -a "agent\t''
supervisor\t''
admin\t''
service\t''"
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l name -d 'Display name' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from role" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "add" -d 'Register an operating-system login as a cpni agent (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "list" -d 'List agents and their roles (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "role" -d 'Change an agent\'s role (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable an agent; their records stay (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -f -a "add" -d 'Add a customer with contacts of record (and optionally a PIN on stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -f -a "show" -d 'Show a customer\'s contacts of record, secrets set (never their values) and lock state'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -f -a "list" -d 'List or search customers'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -f -a "import" -d 'Import customers from a CSV file (all rows or none)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -f -a "unlock" -d 'Lift a lockout early (supervisor); the reason is recorded'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and not __fish_seen_subcommand_from add show list import unlock help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l pin-stdin -d 'Read the customer\'s chosen PIN from one line of stdin'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l query -d 'Only customers whose account, name, email or phone contains this text' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l limit -d 'At most this many' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l reason -d 'Why the lock is lifted (recorded in the audit log)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from unlock" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a customer with contacts of record (and optionally a PIN on stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a customer\'s contacts of record, secrets set (never their values) and lock state'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "list" -d 'List or search customers'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import customers from a CSV file (all rows or none)'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "unlock" -d 'Lift a lockout early (supervisor); the reason is recorded'
complete -c cpni -n "__fish_cpni_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand verify" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from show help" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from show help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from show help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from show help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from show help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from show help" -f -a "show"
complete -c cpni -n "__fish_cpni_using_subcommand session; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "show"
complete -c cpni -n "__fish_cpni_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list help" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list help" -f -a "list"
complete -c cpni -n "__fish_cpni_using_subcommand notify; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "list"
complete -c cpni -n "__fish_cpni_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List audit records, oldest first (the newest N with --limit)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l account -d 'Only this account' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l agent -d 'Only records by (or on behalf of) this agent login' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l session -d 'Only this session' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l event -d 'Only this event type (e.g. auth.pin.fail)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l since -d 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l until -d 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l limit -d 'At most this many (the newest)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "list" -d 'List audit records, oldest first (the newest N with --limit)'
complete -c cpni -n "__fish_cpni_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand completions" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand completions" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand completions" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand man" -l db -d 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand man" -l config -d 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]' -r -F
complete -c cpni -n "__fish_cpni_using_subcommand man" -l on-behalf-of -d 'For a service account: act for this registered agent (both are recorded)' -r
complete -c cpni -n "__fish_cpni_using_subcommand man" -l json -d 'Print one JSON document on stdout; errors as JSON on stderr'
complete -c cpni -n "__fish_cpni_using_subcommand man" -l no-input -d 'Never prompt; fail with a message naming the flag to use instead'
complete -c cpni -n "__fish_cpni_using_subcommand man" -s q -l quiet -d 'Print nothing but errors'
complete -c cpni -n "__fish_cpni_using_subcommand man" -s h -l help -d 'Print help'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "init" -d 'Create the database, keys and config; register yourself as admin'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "demo" -d 'Try cpni on a throw-away demo database: sample customers, then the wizard'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "agent" -d 'Register agents and set their roles (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "customer" -d 'Add, import, show and search customers'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "verify" -d 'Guided verification of a caller on a live call (the main job)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "session" -d 'One verification session, step by step, for scripts and integrations'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "notify" -d 'The outbox: emails and letters waiting for delivery or delivered'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "audit" -d 'The audit log (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and not __fish_seen_subcommand_from init demo agent customer verify session notify audit completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "add" -d 'Register an operating-system login as a cpni agent (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "list" -d 'List agents and their roles (supervisor, admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "role" -d 'Change an agent\'s role (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "disable" -d 'Disable an agent; their records stay (admin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "add" -d 'Add a customer with contacts of record (and optionally a PIN on stdin)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "show" -d 'Show a customer\'s contacts of record, secrets set (never their values) and lock state'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "list" -d 'List or search customers'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "import" -d 'Import customers from a CSV file (all rows or none)'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "unlock" -d 'Lift a lockout early (supervisor); the reason is recorded'
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "show"
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "list"
complete -c cpni -n "__fish_cpni_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "list" -d 'List audit records, oldest first (the newest N with --limit)'
