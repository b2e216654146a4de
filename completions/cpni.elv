
use builtin;
use str;

set edit:completion:arg-completer[cpni] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'cpni'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'cpni'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the database, keys and config; register yourself as admin'
            cand demo 'Try cpni on a throw-away demo database: sample customers, then the wizard'
            cand agent 'Register agents and set their roles (admin)'
            cand customer 'Add, import, show and search customers'
            cand verify 'Guided verification of a caller on a live call (the main job)'
            cand session 'One verification session, step by step, for scripts and integrations'
            cand notify 'The outbox: emails and letters waiting for delivery or delivered'
            cand audit 'The audit log (supervisor, admin)'
            cand report 'Supervisor reports: failures, lockouts, repeated failures across agents, disclosures'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;init'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --demo 'Also load sample customers (see the README for their PINs)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;demo'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Register an operating-system login as a cpni agent (admin)'
            cand list 'List agents and their roles (supervisor, admin)'
            cand role 'Change an agent''s role (admin)'
            cand disable 'Disable an agent; their records stay (admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;agent;add'= {
            cand --role 'agent, supervisor, admin or service'
            cand --name 'Display name'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;list'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;role'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;disable'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;help'= {
            cand add 'Register an operating-system login as a cpni agent (admin)'
            cand list 'List agents and their roles (supervisor, admin)'
            cand role 'Change an agent''s role (admin)'
            cand disable 'Disable an agent; their records stay (admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;agent;help;add'= {
        }
        &'cpni;agent;help;list'= {
        }
        &'cpni;agent;help;role'= {
        }
        &'cpni;agent;help;disable'= {
        }
        &'cpni;agent;help;help'= {
        }
        &'cpni;customer'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add a customer with contacts of record (and optionally a PIN on stdin)'
            cand show 'Show a customer''s contacts of record, secrets set (never their values) and lock state'
            cand list 'List or search customers'
            cand import 'Import customers from a CSV file (all rows or none)'
            cand unlock 'Lift a lockout early (supervisor); the reason is recorded'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;customer;add'= {
            cand --name 'Account holder''s name'
            cand --phone 'Telephone number of record (E.164, or national in the default country)'
            cand --email 'Email address of record'
            cand --street 'Postal address of record: street and number'
            cand --city 'city'
            cand --region 'State, province or region'
            cand --postal-code 'postal-code'
            cand --country 'ISO 3166 two-letter country code'
            cand --account-rep 'Dedicated account representative (business accounts)'
            cand --cpni-contract 'Reference of the contract that covers CPNI protection (business accounts)'
            cand --pin 'Never accepted: a PIN on the command line shows in `ps` and shell history'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --pin-stdin 'Read the customer''s chosen PIN from one line of stdin'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;show'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;list'= {
            cand --query 'Only customers whose account, name, email or phone contains this text'
            cand --limit 'At most this many'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;import'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;unlock'= {
            cand --reason 'Why the lock is lifted (recorded in the audit log)'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;help'= {
            cand add 'Add a customer with contacts of record (and optionally a PIN on stdin)'
            cand show 'Show a customer''s contacts of record, secrets set (never their values) and lock state'
            cand list 'List or search customers'
            cand import 'Import customers from a CSV file (all rows or none)'
            cand unlock 'Lift a lockout early (supervisor); the reason is recorded'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;customer;help;add'= {
        }
        &'cpni;customer;help;show'= {
        }
        &'cpni;customer;help;list'= {
        }
        &'cpni;customer;help;import'= {
        }
        &'cpni;customer;help;unlock'= {
        }
        &'cpni;customer;help;help'= {
        }
        &'cpni;verify'= {
            cand --channel 'How the customer is in contact'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand start 'Open a session for a call; prints its id'
            cand pin 'Check the account PIN (read from a hidden prompt, or one line of stdin)'
            cand callback 'Show the number of record to call back, or record the callback''s outcome'
            cand email-code 'Send a one-time code to the email address of record (on record 30+ days)'
            cand mail-code 'Queue a letter with a one-time code to the postal address of record (30+ days)'
            cand code 'Check an emailed or mailed code (hidden prompt, or one line of stdin)'
            cand business 'Verify on the business-contract basis (account rep AND CPNI contract on file)'
            cand disclose 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)'
            cand send 'Send requested information to the email or postal address of record'
            cand show 'Show the session''s state'
            cand end 'End the session'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;session;start'= {
            cand --channel 'How the customer is in contact'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;pin'= {
            cand --pin 'Never accepted: a PIN on the command line shows in `ps` and shell history'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --pin-stdin 'Read the PIN from one line of stdin'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;callback'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --reached 'The account holder answered at the number of record and confirmed the request'
            cand --no-answer 'Nobody answered at the number of record'
            cand --declined 'Someone answered but did not confirm the request'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;email-code'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;mail-code'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;code'= {
            cand --code 'Never accepted on the command line'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --code-stdin 'Read the code from one line of stdin'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;business'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;disclose'= {
            cand --scope 'account, call-detail or caller-supplied'
            cand --purpose 'customer-request, billing, service-support, fraud-protection, pic-freeze-inquiry, directory-services, legal-process, designated-third-party'
            cand --reference 'Reference (required for legal-process and designated-third-party)'
            cand --calls 'For caller-supplied: the calls the caller described unaided'
            cand --note 'A short note'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;send'= {
            cand --via 'email or mail (postal letter)'
            cand --scope 'account or call-detail'
            cand --purpose 'Purpose (as for disclose)'
            cand --reference 'Reference (required for legal-process and designated-third-party)'
            cand --attach 'A file to send (the statement or call detail itself)'
            cand --note 'A short note (also the message text when nothing is attached)'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;show'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;end'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;help'= {
            cand start 'Open a session for a call; prints its id'
            cand pin 'Check the account PIN (read from a hidden prompt, or one line of stdin)'
            cand callback 'Show the number of record to call back, or record the callback''s outcome'
            cand email-code 'Send a one-time code to the email address of record (on record 30+ days)'
            cand mail-code 'Queue a letter with a one-time code to the postal address of record (30+ days)'
            cand code 'Check an emailed or mailed code (hidden prompt, or one line of stdin)'
            cand business 'Verify on the business-contract basis (account rep AND CPNI contract on file)'
            cand disclose 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)'
            cand send 'Send requested information to the email or postal address of record'
            cand show 'Show the session''s state'
            cand end 'End the session'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;session;help;start'= {
        }
        &'cpni;session;help;pin'= {
        }
        &'cpni;session;help;callback'= {
        }
        &'cpni;session;help;email-code'= {
        }
        &'cpni;session;help;mail-code'= {
        }
        &'cpni;session;help;code'= {
        }
        &'cpni;session;help;business'= {
        }
        &'cpni;session;help;disclose'= {
        }
        &'cpni;session;help;send'= {
        }
        &'cpni;session;help;show'= {
        }
        &'cpni;session;help;end'= {
        }
        &'cpni;session;help;help'= {
        }
        &'cpni;notify'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List outbox items with their status and files'
            cand show 'Show one item (its body only while it is not yet sent and carries no code)'
            cand send 'Deliver what is queued and due; retry failures with backoff'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;notify;list'= {
            cand --status 'Only items with this status'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;notify;show'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;notify;send'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;notify;help'= {
            cand list 'List outbox items with their status and files'
            cand show 'Show one item (its body only while it is not yet sent and carries no code)'
            cand send 'Deliver what is queued and due; retry failures with backoff'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;notify;help;list'= {
        }
        &'cpni;notify;help;show'= {
        }
        &'cpni;notify;help;send'= {
        }
        &'cpni;notify;help;help'= {
        }
        &'cpni;audit'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List audit records, oldest first (the newest N with --limit)'
            cand verify 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record'
            cand checkpoint 'Record and print a signed checkpoint of the log''s head; keep it off this machine'
            cand public-key 'Print the Ed25519 public key that signs checkpoints (hex)'
            cand export 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;audit;list'= {
            cand --account 'Only this account'
            cand --agent 'Only records by (or on behalf of) this agent login'
            cand --session 'Only this session'
            cand --event 'Only this event type (e.g. auth.pin.fail)'
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --limit 'At most this many (the newest)'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;verify'= {
            cand --checkpoint 'Also prove the log extends this signed checkpoint (repeatable)'
            cand --file 'Verify an exported JSON Lines file offline, without the database'
            cand --public-key 'Trust only this Ed25519 public key (hex) for checkpoints [default: the key beside the database; with --file, the key named in the checkpoint]'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;checkpoint'= {
            cand --output 'Also write the checkpoint (JSON) to this file, created 0600'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --force 'Replace FILE if it exists'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;public-key'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;export'= {
            cand --format 'csv (RFC 4180, spreadsheet-safe), jsonl (one record per line) or json (one array)'
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --agent 'Only records by (or on behalf of) this agent login'
            cand --account 'Only this account'
            cand --event 'Only this event type (e.g. auth.pin.fail)'
            cand --output 'Write to FILE (0600) and FILE.manifest.json [default: stdout, no manifest]'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --force 'Replace FILE and its manifest if they exist'
            cand --no-verify 'Skip the hash-chain check while exporting (faster; the manifest says so)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;help'= {
            cand list 'List audit records, oldest first (the newest N with --limit)'
            cand verify 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record'
            cand checkpoint 'Record and print a signed checkpoint of the log''s head; keep it off this machine'
            cand public-key 'Print the Ed25519 public key that signs checkpoints (hex)'
            cand export 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;audit;help;list'= {
        }
        &'cpni;audit;help;verify'= {
        }
        &'cpni;audit;help;checkpoint'= {
        }
        &'cpni;audit;help;public-key'= {
        }
        &'cpni;audit;help;export'= {
        }
        &'cpni;audit;help;help'= {
        }
        &'cpni;report'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand failures 'Failed and refused authentication by agent and method'
            cand lockouts 'Lockouts, and who unlocked them early and why'
            cand agents 'Accounts failed by several agents or sessions within a short window (pretexting signal)'
            cand disclosures 'Disclosures and refusals by scope, channel and purpose'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;report;failures'= {
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --format 'text (a table) or csv (for spreadsheets); --json gives one JSON document'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;report;lockouts'= {
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --format 'text (a table) or csv (for spreadsheets); --json gives one JSON document'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;report;agents'= {
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --format 'text (a table) or csv (for spreadsheets); --json gives one JSON document'
            cand --window 'The window, in minutes, within which failures count together'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;report;disclosures'= {
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --format 'text (a table) or csv (for spreadsheets); --json gives one JSON document'
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;report;help'= {
            cand failures 'Failed and refused authentication by agent and method'
            cand lockouts 'Lockouts, and who unlocked them early and why'
            cand agents 'Accounts failed by several agents or sessions within a short window (pretexting signal)'
            cand disclosures 'Disclosures and refusals by scope, channel and purpose'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;report;help;failures'= {
        }
        &'cpni;report;help;lockouts'= {
        }
        &'cpni;report;help;agents'= {
        }
        &'cpni;report;help;disclosures'= {
        }
        &'cpni;report;help;help'= {
        }
        &'cpni;completions'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;man'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;help'= {
            cand init 'Create the database, keys and config; register yourself as admin'
            cand demo 'Try cpni on a throw-away demo database: sample customers, then the wizard'
            cand agent 'Register agents and set their roles (admin)'
            cand customer 'Add, import, show and search customers'
            cand verify 'Guided verification of a caller on a live call (the main job)'
            cand session 'One verification session, step by step, for scripts and integrations'
            cand notify 'The outbox: emails and letters waiting for delivery or delivered'
            cand audit 'The audit log (supervisor, admin)'
            cand report 'Supervisor reports: failures, lockouts, repeated failures across agents, disclosures'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;help;init'= {
        }
        &'cpni;help;demo'= {
        }
        &'cpni;help;agent'= {
            cand add 'Register an operating-system login as a cpni agent (admin)'
            cand list 'List agents and their roles (supervisor, admin)'
            cand role 'Change an agent''s role (admin)'
            cand disable 'Disable an agent; their records stay (admin)'
        }
        &'cpni;help;agent;add'= {
        }
        &'cpni;help;agent;list'= {
        }
        &'cpni;help;agent;role'= {
        }
        &'cpni;help;agent;disable'= {
        }
        &'cpni;help;customer'= {
            cand add 'Add a customer with contacts of record (and optionally a PIN on stdin)'
            cand show 'Show a customer''s contacts of record, secrets set (never their values) and lock state'
            cand list 'List or search customers'
            cand import 'Import customers from a CSV file (all rows or none)'
            cand unlock 'Lift a lockout early (supervisor); the reason is recorded'
        }
        &'cpni;help;customer;add'= {
        }
        &'cpni;help;customer;show'= {
        }
        &'cpni;help;customer;list'= {
        }
        &'cpni;help;customer;import'= {
        }
        &'cpni;help;customer;unlock'= {
        }
        &'cpni;help;verify'= {
        }
        &'cpni;help;session'= {
            cand start 'Open a session for a call; prints its id'
            cand pin 'Check the account PIN (read from a hidden prompt, or one line of stdin)'
            cand callback 'Show the number of record to call back, or record the callback''s outcome'
            cand email-code 'Send a one-time code to the email address of record (on record 30+ days)'
            cand mail-code 'Queue a letter with a one-time code to the postal address of record (30+ days)'
            cand code 'Check an emailed or mailed code (hidden prompt, or one line of stdin)'
            cand business 'Verify on the business-contract basis (account rep AND CPNI contract on file)'
            cand disclose 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)'
            cand send 'Send requested information to the email or postal address of record'
            cand show 'Show the session''s state'
            cand end 'End the session'
        }
        &'cpni;help;session;start'= {
        }
        &'cpni;help;session;pin'= {
        }
        &'cpni;help;session;callback'= {
        }
        &'cpni;help;session;email-code'= {
        }
        &'cpni;help;session;mail-code'= {
        }
        &'cpni;help;session;code'= {
        }
        &'cpni;help;session;business'= {
        }
        &'cpni;help;session;disclose'= {
        }
        &'cpni;help;session;send'= {
        }
        &'cpni;help;session;show'= {
        }
        &'cpni;help;session;end'= {
        }
        &'cpni;help;notify'= {
            cand list 'List outbox items with their status and files'
            cand show 'Show one item (its body only while it is not yet sent and carries no code)'
            cand send 'Deliver what is queued and due; retry failures with backoff'
        }
        &'cpni;help;notify;list'= {
        }
        &'cpni;help;notify;show'= {
        }
        &'cpni;help;notify;send'= {
        }
        &'cpni;help;audit'= {
            cand list 'List audit records, oldest first (the newest N with --limit)'
            cand verify 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record'
            cand checkpoint 'Record and print a signed checkpoint of the log''s head; keep it off this machine'
            cand public-key 'Print the Ed25519 public key that signs checkpoints (hex)'
            cand export 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)'
        }
        &'cpni;help;audit;list'= {
        }
        &'cpni;help;audit;verify'= {
        }
        &'cpni;help;audit;checkpoint'= {
        }
        &'cpni;help;audit;public-key'= {
        }
        &'cpni;help;audit;export'= {
        }
        &'cpni;help;report'= {
            cand failures 'Failed and refused authentication by agent and method'
            cand lockouts 'Lockouts, and who unlocked them early and why'
            cand agents 'Accounts failed by several agents or sessions within a short window (pretexting signal)'
            cand disclosures 'Disclosures and refusals by scope, channel and purpose'
        }
        &'cpni;help;report;failures'= {
        }
        &'cpni;help;report;lockouts'= {
        }
        &'cpni;help;report;agents'= {
        }
        &'cpni;help;report;disclosures'= {
        }
        &'cpni;help;completions'= {
        }
        &'cpni;help;man'= {
        }
        &'cpni;help;help'= {
        }
    ]
    $completions[$command]
}
