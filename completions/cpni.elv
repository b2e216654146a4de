
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
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
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
            cand consent 'CPNI approval status: opt-out notices, the customer''s choices, checks before marketing'
            cand breach 'Breaches (64.2011): deadlines, holds, notices and linked sessions (supervisor, admin)'
            cand complaint 'Customer complaints about the use or release of CPNI'
            cand report 'Supervisor reports: failures, lockouts, repeated failures across agents, disclosures, and the annual certification'
            cand gateway 'The SSH forced command for agent LOGIN''s keys: runs SSH_ORIGINAL_COMMAND as that agent'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;init'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --demo 'Also load sample customers (see the README for their PINs)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;demo'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Register an operating-system login as a cpni agent (admin)'
            cand list 'List agents and their roles (supervisor, admin)'
            cand role 'Change an agent''s role (admin)'
            cand disable 'Disable an agent and remove their SSH keys; their records stay (admin)'
            cand enable 'Enable a disabled agent again (their keys must be added again) (admin)'
            cand key 'The SSH keys agents use to reach cpni through the gateway (admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;agent;add'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --role 'agent, supervisor, admin or service'
            cand --name 'Display name'
            cand --ssh-key-file 'The agent''s SSH public key, for the gateway (or - to read it on stdin)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;list'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;role'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;disable'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;enable'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;key'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Let an agent in through the gateway with this public key (admin)'
            cand list 'List agents'' keys and their fingerprints (admin)'
            cand remove 'Remove a key: its agent can no longer connect with it (admin)'
            cand sync 'Rewrite this host''s authorized_keys from the database (admin; each gateway host)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;agent;key;add'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --ssh-key-file 'The agent''s public key file (as ssh-keygen wrote it), or - for stdin'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;key;list'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;key;remove'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;key;sync'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;agent;key;help'= {
            cand add 'Let an agent in through the gateway with this public key (admin)'
            cand list 'List agents'' keys and their fingerprints (admin)'
            cand remove 'Remove a key: its agent can no longer connect with it (admin)'
            cand sync 'Rewrite this host''s authorized_keys from the database (admin; each gateway host)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;agent;key;help;add'= {
        }
        &'cpni;agent;key;help;list'= {
        }
        &'cpni;agent;key;help;remove'= {
        }
        &'cpni;agent;key;help;sync'= {
        }
        &'cpni;agent;key;help;help'= {
        }
        &'cpni;agent;help'= {
            cand add 'Register an operating-system login as a cpni agent (admin)'
            cand list 'List agents and their roles (supervisor, admin)'
            cand role 'Change an agent''s role (admin)'
            cand disable 'Disable an agent and remove their SSH keys; their records stay (admin)'
            cand enable 'Enable a disabled agent again (their keys must be added again) (admin)'
            cand key 'The SSH keys agents use to reach cpni through the gateway (admin)'
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
        &'cpni;agent;help;enable'= {
        }
        &'cpni;agent;help;key'= {
            cand add 'Let an agent in through the gateway with this public key (admin)'
            cand list 'List agents'' keys and their fingerprints (admin)'
            cand remove 'Remove a key: its agent can no longer connect with it (admin)'
            cand sync 'Rewrite this host''s authorized_keys from the database (admin; each gateway host)'
        }
        &'cpni;agent;help;key;add'= {
        }
        &'cpni;agent;help;key;list'= {
        }
        &'cpni;agent;help;key;remove'= {
        }
        &'cpni;agent;help;key;sync'= {
        }
        &'cpni;agent;help;help'= {
        }
        &'cpni;customer'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add a customer with contacts of record (and optionally a PIN on stdin)'
            cand show 'Show a customer''s contacts of record, secrets set (never their values) and lock state'
            cand list 'List or search customers'
            cand import 'Import customers from a CSV file (all rows or none)'
            cand unlock 'Lift a lockout early (supervisor); the reason is recorded'
            cand set-pin 'Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record'
            cand set-backup 'Set a new backup passphrase (on stdin or a hidden prompt)'
            cand set-email 'Change the email address of record'
            cand set-address 'Change the postal address of record'
            cand set-phone 'Change the telephone number of record'
            cand set-contract 'Record the business contract''s own authentication method (supervisor, --reason)'
            cand reset-pin 'Lost PIN: send a temporary PIN to an address of record'
            cand report 'Everything held about a customer, for their right to review it (no secret)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;customer;add'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
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
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --pin-stdin 'Read the customer''s chosen PIN from one line of stdin'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;show'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;list'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --query 'Only customers whose account, name, email or phone contains this text'
            cand --limit 'At most this many'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;import'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;unlock'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --reason 'Why the lock is lifted (recorded in the audit log)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;set-pin'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --session 'A verified session on this account (the caller asked for the change on that call)'
            cand --reason 'Back office (supervisor): why the change is made without a verified caller'
            cand --pin 'pin'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --pin-stdin 'Read the new PIN from one line of stdin'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;set-backup'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --session 'A verified session on this account (the caller asked for the change on that call)'
            cand --reason 'Back office (supervisor): why the change is made without a verified caller'
            cand --secret 'secret'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --secret-stdin 'Read the new backup passphrase from one line of stdin'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;set-email'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --session 'A verified session on this account (the caller asked for the change on that call)'
            cand --reason 'Back office (supervisor): why the change is made without a verified caller'
            cand --email 'The new email address (on record from now; usable for codes after 30 days)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;set-address'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --session 'A verified session on this account (the caller asked for the change on that call)'
            cand --reason 'Back office (supervisor): why the change is made without a verified caller'
            cand --street 'street'
            cand --city 'city'
            cand --region 'region'
            cand --postal-code 'postal-code'
            cand --country 'country'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;set-phone'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --session 'A verified session on this account (the caller asked for the change on that call)'
            cand --reason 'Back office (supervisor): why the change is made without a verified caller'
            cand --phone 'The new telephone number of record'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;set-contract'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --session 'A verified session on this account (the caller asked for the change on that call)'
            cand --reason 'Back office (supervisor): why the change is made without a verified caller'
            cand --method 'How the contract authenticates callers: its passphrase, or a callback to a number it designates'
            cand --callback-phone 'The number the contract designates for callbacks (method callback; usable after 30 days)'
            cand --secret 'secret'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --secret-stdin 'The contract passphrase, from one line of stdin (method passphrase)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;reset-pin'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --via 'Where the temporary PIN goes: the email or the postal address of record'
            cand --session 'The session of the call on which the customer asked (recorded)'
            cand --override-reason 'Supervisor: reset although the account is locked or a reset is outstanding (recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;report'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --format 'Output format [default: text, or json with --json]'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;customer;help'= {
            cand add 'Add a customer with contacts of record (and optionally a PIN on stdin)'
            cand show 'Show a customer''s contacts of record, secrets set (never their values) and lock state'
            cand list 'List or search customers'
            cand import 'Import customers from a CSV file (all rows or none)'
            cand unlock 'Lift a lockout early (supervisor); the reason is recorded'
            cand set-pin 'Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record'
            cand set-backup 'Set a new backup passphrase (on stdin or a hidden prompt)'
            cand set-email 'Change the email address of record'
            cand set-address 'Change the postal address of record'
            cand set-phone 'Change the telephone number of record'
            cand set-contract 'Record the business contract''s own authentication method (supervisor, --reason)'
            cand reset-pin 'Lost PIN: send a temporary PIN to an address of record'
            cand report 'Everything held about a customer, for their right to review it (no secret)'
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
        &'cpni;customer;help;set-pin'= {
        }
        &'cpni;customer;help;set-backup'= {
        }
        &'cpni;customer;help;set-email'= {
        }
        &'cpni;customer;help;set-address'= {
        }
        &'cpni;customer;help;set-phone'= {
        }
        &'cpni;customer;help;set-contract'= {
        }
        &'cpni;customer;help;reset-pin'= {
        }
        &'cpni;customer;help;report'= {
        }
        &'cpni;customer;help;help'= {
        }
        &'cpni;verify'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --channel 'How the customer is in contact (`in-store`: a visit to a store, verified by photo ID)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --in-store 'A visit to a store (same as `--channel in-store`): photo ID, no callback or codes'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand start 'Open a session for a call; prints its id'
            cand pin 'Check the account PIN (read from a hidden prompt, or one line of stdin)'
            cand backup 'Check the customer-chosen backup secret (allows account information and a new PIN)'
            cand callback 'Show the number of record to call back, or record the callback''s outcome'
            cand email-code 'Send a one-time code to the email address of record (on record 30+ days)'
            cand mail-code 'Queue a letter with a one-time code to the postal address of record (30+ days)'
            cand code 'Check an emailed or mailed code (hidden prompt, or one line of stdin)'
            cand business 'Verify on the business-contract basis by the contract''s own method (passphrase or callback)'
            cand photo-id 'In a store only: check a valid government-issued photo ID matching the account'
            cand disclose 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)'
            cand send 'Send requested information to the email or postal address of record'
            cand show 'Show the session''s state'
            cand end 'End the session'
            cand takeover 'Take over another agent''s open session (supervisor); the reason is recorded'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;session;start'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --channel 'How the customer is in contact'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;pin'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --pin 'Never accepted: a PIN on the command line shows in `ps` and shell history'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --pin-stdin 'Read the PIN from one line of stdin'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;backup'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --secret 'Never accepted on the command line'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --secret-stdin 'Read the backup secret from one line of stdin'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;callback'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --reached 'The account holder answered at the number of record and confirmed the request'
            cand --no-answer 'Nobody answered at the number of record'
            cand --declined 'Someone answered but did not confirm the request'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;email-code'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;mail-code'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;code'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --code 'Never accepted on the command line'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --code-stdin 'Read the code from one line of stdin'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;business'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --secret 'Never accepted on the command line'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --secret-stdin 'Read the contract passphrase from one line of stdin (contracts with the passphrase method)'
            cand --reached 'Callback contracts: the person at the designated number confirmed the request'
            cand --no-answer 'Callback contracts: nobody answered'
            cand --declined 'Callback contracts: someone answered but did not confirm'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;photo-id'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --type 'Kind of government-issued photo ID'
            cand --issuer 'Issuing authority, e.g. "New York DMV" or "US Department of State"'
            cand --expires 'Expiry date printed on the ID (YYYY-MM-DD); an expired ID is refused'
            cand --number-last4 'Only the last four characters of the ID number'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --name-matches 'The agent confirms the name on the ID matches the account holder'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;disclose'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --scope 'account, call-detail or caller-supplied'
            cand --purpose 'customer-request, billing, service-support, fraud-protection, pic-freeze-inquiry, directory-services, legal-process, designated-third-party'
            cand --reference 'Reference (required for legal-process and designated-third-party)'
            cand --calls 'For caller-supplied: the calls the caller described unaided'
            cand --note 'A short note'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;send'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --via 'email or mail (postal letter)'
            cand --scope 'account or call-detail'
            cand --purpose 'Purpose (as for disclose)'
            cand --reference 'Reference (required for legal-process and designated-third-party)'
            cand --attach 'A file to send (the statement or call detail itself)'
            cand --note 'A short note (also the message text when nothing is attached)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;show'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;end'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;takeover'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --reason 'Why the session changes hands (recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;session;help'= {
            cand start 'Open a session for a call; prints its id'
            cand pin 'Check the account PIN (read from a hidden prompt, or one line of stdin)'
            cand backup 'Check the customer-chosen backup secret (allows account information and a new PIN)'
            cand callback 'Show the number of record to call back, or record the callback''s outcome'
            cand email-code 'Send a one-time code to the email address of record (on record 30+ days)'
            cand mail-code 'Queue a letter with a one-time code to the postal address of record (30+ days)'
            cand code 'Check an emailed or mailed code (hidden prompt, or one line of stdin)'
            cand business 'Verify on the business-contract basis by the contract''s own method (passphrase or callback)'
            cand photo-id 'In a store only: check a valid government-issued photo ID matching the account'
            cand disclose 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)'
            cand send 'Send requested information to the email or postal address of record'
            cand show 'Show the session''s state'
            cand end 'End the session'
            cand takeover 'Take over another agent''s open session (supervisor); the reason is recorded'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;session;help;start'= {
        }
        &'cpni;session;help;pin'= {
        }
        &'cpni;session;help;backup'= {
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
        &'cpni;session;help;photo-id'= {
        }
        &'cpni;session;help;disclose'= {
        }
        &'cpni;session;help;send'= {
        }
        &'cpni;session;help;show'= {
        }
        &'cpni;session;help;end'= {
        }
        &'cpni;session;help;takeover'= {
        }
        &'cpni;session;help;help'= {
        }
        &'cpni;notify'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List outbox items with their status and files'
            cand show 'Show one item (its body only while it is not yet sent and carries no code)'
            cand send 'Deliver what is queued and due; retry failures with backoff'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;notify;list'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --status 'Only items with this status'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;notify;show'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;notify;send'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --now 'Retry every queued item now, ignoring the backoff (after fixing the mail server)'
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
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List audit records, oldest first (the newest N with --limit)'
            cand verify 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record'
            cand checkpoint 'Record and print a signed checkpoint of the log''s head; keep it off this machine'
            cand public-key 'Print the Ed25519 public key that signs checkpoints (hex)'
            cand export 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)'
            cand purge 'Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed'
            cand manifest 'Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;audit;list'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --account 'Only this account'
            cand --agent 'Only records by (or on behalf of) this agent login'
            cand --session 'Only this session'
            cand --event 'Only this event type (e.g. auth.pin.fail)'
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --limit 'At most this many (the newest)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;verify'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --checkpoint 'Also prove the log extends this signed checkpoint (repeatable)'
            cand --checkpoints 'Also check every checkpoint (*.json) in this folder: each validly signed, each extended by the log and by every later one'
            cand --file 'Verify an exported file offline, without the database (JSON Lines or JSON record by record; CSV by its signed SHA-256)'
            cand --manifest 'The export''s signed manifest [default: EXPORT.manifest.json]'
            cand --public-key 'Trust only this Ed25519 public key (hex) for checkpoints [default: the key beside the database; with --file, the key named in the checkpoint]'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;checkpoint'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --output 'Also write the checkpoint (JSON) to this file, created 0600'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --force 'Replace FILE if it exists'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;public-key'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;export'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --format 'csv (RFC 4180, spreadsheet-safe), jsonl (one record per line) or json (one array)'
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --agent 'Only records by (or on behalf of) this agent login'
            cand --account 'Only this account'
            cand --event 'Only this event type (e.g. auth.pin.fail)'
            cand --output 'Write to FILE (0600) and FILE.manifest.json [default: stdout; the signed manifest is then printed by `cpni audit manifest SEQ`]'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --force 'Replace FILE and its manifest if they exist'
            cand --no-verify 'Skip the hash-chain check while exporting (faster; the manifest says so)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;purge'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --before 'Remove records before this date (YYYY-MM-DD, midnight UTC, or RFC 3339); at most the retention floor (now minus `retention.years`)'
            cand --output 'Also write the signed checkpoint of the new head (JSON) to this new file, created 0600'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;manifest'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;audit;help'= {
            cand list 'List audit records, oldest first (the newest N with --limit)'
            cand verify 'Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record'
            cand checkpoint 'Record and print a signed checkpoint of the log''s head; keep it off this machine'
            cand public-key 'Print the Ed25519 public key that signs checkpoints (hex)'
            cand export 'Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)'
            cand purge 'Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed'
            cand manifest 'Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)'
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
        &'cpni;audit;help;purge'= {
        }
        &'cpni;audit;help;manifest'= {
        }
        &'cpni;audit;help;help'= {
        }
        &'cpni;consent'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history'
            cand notice 'Send the opt-out notice through the outbox, or record one another system sent'
            cand record 'Record the customer''s choice (appended; earlier entries are never changed)'
            cand check 'Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;consent;show'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;consent;notice'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --via 'Email (approval takes effect 30 days after sending) or mail (33 days)'
            cand --sent-on 'Record a notice another system sent on this day (YYYY-MM-DD) instead of sending one'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;consent;record'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --method 'How the customer said so'
            cand --evidence 'Recording, form or message reference (required for an oral opt-in)'
            cand --session 'The session of the call on which the customer said so'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand --opt-in 'The customer approves every use (opt-in)'
            cand --deny 'The customer denies approval (opts out)'
            cand --revoke 'The customer withdraws an approval given before'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;consent;check'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --use 'The intended use'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;consent;help'= {
            cand show 'Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history'
            cand notice 'Send the opt-out notice through the outbox, or record one another system sent'
            cand record 'Record the customer''s choice (appended; earlier entries are never changed)'
            cand check 'Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;consent;help;show'= {
        }
        &'cpni;consent;help;notice'= {
        }
        &'cpni;consent;help;record'= {
        }
        &'cpni;consent;help;check'= {
        }
        &'cpni;consent;help;help'= {
        }
        &'cpni;breach'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand open 'Record a breach and show its deadlines'
            cand hold 'Record a law-enforcement (or FCC) direction to delay customer notice'
            cand notice 'Record a notice given to law enforcement, the FCC or the customers'
            cand link 'Link a session whose disclosures went to an impostor'
            cand close 'Close a breach (its records are then kept two more years, then may be purged)'
            cand list 'List breaches with their deadlines and standing'
            cand show 'Show one breach: facts, deadlines, notices, holds, linked sessions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;breach;open'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --discovered 'When the breach was first suspected (RFC 3339, or YYYY-MM-DD)'
            cand --determined 'When the carrier reasonably determined a breach occurred; deadlines count from its date'
            cand --description 'What happened'
            cand --accounts 'Affected accounts'
            cand --rule 'Which text of 64.2011 applies [default: the config''s breach.rule, else 2007]'
            cand --method 'How the data was compromised (required by the 2024 rule)'
            cand --from 'First day of the breach (2024 rule)'
            cand --to 'Last day of the breach (2024 rule)'
            cand --affected 'Approximate number of customers affected, or "unknown" (2024 rule)'
            cand --estimated-loss 'Estimated financial loss to the carrier and customers (2024 rule)'
            cand --data-types 'Types of data affected, e.g. call-detail,account,pii (2024 rule)'
            cand --contact 'The carrier''s contact for this breach (2024 rule)'
            cand --harm 'Whether harm to customers is reasonably likely (2024 rule)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;breach;hold'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --until 'Last day of the hold (YYYY-MM-DD); customers may be told from the day after'
            cand --reference 'The agency''s direction (reference)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;breach;notice'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --to 'Who was notified'
            cand --at 'When (RFC 3339, or YYYY-MM-DD)'
            cand --reference 'Confirmation or report number'
            cand --urgent-consulted 'An early customer notice after consulting the investigating agency: its reference'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;breach;link'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --session 'Session whose disclosures went to an impostor'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;breach;close'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --reason 'Why the breach is closed (notices complete, investigation ended, …)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;breach;list'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;breach;show'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;breach;help'= {
            cand open 'Record a breach and show its deadlines'
            cand hold 'Record a law-enforcement (or FCC) direction to delay customer notice'
            cand notice 'Record a notice given to law enforcement, the FCC or the customers'
            cand link 'Link a session whose disclosures went to an impostor'
            cand close 'Close a breach (its records are then kept two more years, then may be purged)'
            cand list 'List breaches with their deadlines and standing'
            cand show 'Show one breach: facts, deadlines, notices, holds, linked sessions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;breach;help;open'= {
        }
        &'cpni;breach;help;hold'= {
        }
        &'cpni;breach;help;notice'= {
        }
        &'cpni;breach;help;link'= {
        }
        &'cpni;breach;help;close'= {
        }
        &'cpni;breach;help;list'= {
        }
        &'cpni;breach;help;show'= {
        }
        &'cpni;breach;help;help'= {
        }
        &'cpni;complaint'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Record a customer''s complaint'
            cand list 'List complaints (supervisor, admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;complaint;add'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --category 'What the complaint is about'
            cand --description 'What the customer said'
            cand --session 'The session of the call on which it was made'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;complaint;list'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --account 'Only this account''s complaints'
            cand --category 'Only this category'
            cand --since 'Received at or after (RFC 3339 or YYYY-MM-DD)'
            cand --until 'Received before (RFC 3339 or YYYY-MM-DD)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;complaint;help'= {
            cand add 'Record a customer''s complaint'
            cand list 'List complaints (supervisor, admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;complaint;help;add'= {
        }
        &'cpni;complaint;help;list'= {
        }
        &'cpni;complaint;help;help'= {
        }
        &'cpni;report'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand failures 'Failed and refused authentication by agent and method'
            cand lockouts 'Lockouts, and who unlocked them early and why'
            cand agents 'Accounts failed by several agents or sessions within a short window (pretexting signal)'
            cand disclosures 'Disclosures and refusals by scope, channel and purpose'
            cand certification 'The annual CPNI certification report for a calendar year (64.2009(e))'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cpni;report;failures'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --format 'text (a table) or csv (for spreadsheets); --json gives one JSON document'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;report;lockouts'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --format 'text (a table) or csv (for spreadsheets); --json gives one JSON document'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;report;agents'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --format 'text (a table) or csv (for spreadsheets); --json gives one JSON document'
            cand --window 'The window, in minutes, within which failures count together'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;report;disclosures'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --since 'From this time (RFC 3339 or YYYY-MM-DD, inclusive)'
            cand --until 'Before this time (RFC 3339 or YYYY-MM-DD, exclusive)'
            cand --format 'text (a table) or csv (for spreadsheets); --json gives one JSON document'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;report;certification'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --year 'The calendar year covered (the certificate filed by March 1 covers the year before)'
            cand --format 'Output format [default: text, or json with --json]'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;report;help'= {
            cand failures 'Failed and refused authentication by agent and method'
            cand lockouts 'Lockouts, and who unlocked them early and why'
            cand agents 'Accounts failed by several agents or sessions within a short window (pretexting signal)'
            cand disclosures 'Disclosures and refusals by scope, channel and purpose'
            cand certification 'The annual CPNI certification report for a calendar year (64.2009(e))'
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
        &'cpni;report;help;certification'= {
        }
        &'cpni;report;help;help'= {
        }
        &'cpni;gateway'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --agent 'The agent this SSH key belongs to (written by `cpni agent key add`)'
            cand --key 'The fingerprint of that SSH key (SHA256:…, written by `cpni agent key add|sync`)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;completions'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cpni;man'= {
            cand --db 'Database file, or a postgresql:// URL [default: $XDG_DATA_HOME/cpni/cpni.db]'
            cand --config 'Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]'
            cand --on-behalf-of 'For a service account: act for this registered agent (both are recorded)'
            cand --json 'Print one JSON document on stdout; errors as JSON on stderr'
            cand --no-input 'Never prompt; fail with a message naming the flag to use instead'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --debug-timings 'Print the longest writer-lock wait on stderr at exit (for the load test)'
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
            cand consent 'CPNI approval status: opt-out notices, the customer''s choices, checks before marketing'
            cand breach 'Breaches (64.2011): deadlines, holds, notices and linked sessions (supervisor, admin)'
            cand complaint 'Customer complaints about the use or release of CPNI'
            cand report 'Supervisor reports: failures, lockouts, repeated failures across agents, disclosures, and the annual certification'
            cand gateway 'The SSH forced command for agent LOGIN''s keys: runs SSH_ORIGINAL_COMMAND as that agent'
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
            cand disable 'Disable an agent and remove their SSH keys; their records stay (admin)'
            cand enable 'Enable a disabled agent again (their keys must be added again) (admin)'
            cand key 'The SSH keys agents use to reach cpni through the gateway (admin)'
        }
        &'cpni;help;agent;add'= {
        }
        &'cpni;help;agent;list'= {
        }
        &'cpni;help;agent;role'= {
        }
        &'cpni;help;agent;disable'= {
        }
        &'cpni;help;agent;enable'= {
        }
        &'cpni;help;agent;key'= {
            cand add 'Let an agent in through the gateway with this public key (admin)'
            cand list 'List agents'' keys and their fingerprints (admin)'
            cand remove 'Remove a key: its agent can no longer connect with it (admin)'
            cand sync 'Rewrite this host''s authorized_keys from the database (admin; each gateway host)'
        }
        &'cpni;help;agent;key;add'= {
        }
        &'cpni;help;agent;key;list'= {
        }
        &'cpni;help;agent;key;remove'= {
        }
        &'cpni;help;agent;key;sync'= {
        }
        &'cpni;help;customer'= {
            cand add 'Add a customer with contacts of record (and optionally a PIN on stdin)'
            cand show 'Show a customer''s contacts of record, secrets set (never their values) and lock state'
            cand list 'List or search customers'
            cand import 'Import customers from a CSV file (all rows or none)'
            cand unlock 'Lift a lockout early (supervisor); the reason is recorded'
            cand set-pin 'Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record'
            cand set-backup 'Set a new backup passphrase (on stdin or a hidden prompt)'
            cand set-email 'Change the email address of record'
            cand set-address 'Change the postal address of record'
            cand set-phone 'Change the telephone number of record'
            cand set-contract 'Record the business contract''s own authentication method (supervisor, --reason)'
            cand reset-pin 'Lost PIN: send a temporary PIN to an address of record'
            cand report 'Everything held about a customer, for their right to review it (no secret)'
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
        &'cpni;help;customer;set-pin'= {
        }
        &'cpni;help;customer;set-backup'= {
        }
        &'cpni;help;customer;set-email'= {
        }
        &'cpni;help;customer;set-address'= {
        }
        &'cpni;help;customer;set-phone'= {
        }
        &'cpni;help;customer;set-contract'= {
        }
        &'cpni;help;customer;reset-pin'= {
        }
        &'cpni;help;customer;report'= {
        }
        &'cpni;help;verify'= {
        }
        &'cpni;help;session'= {
            cand start 'Open a session for a call; prints its id'
            cand pin 'Check the account PIN (read from a hidden prompt, or one line of stdin)'
            cand backup 'Check the customer-chosen backup secret (allows account information and a new PIN)'
            cand callback 'Show the number of record to call back, or record the callback''s outcome'
            cand email-code 'Send a one-time code to the email address of record (on record 30+ days)'
            cand mail-code 'Queue a letter with a one-time code to the postal address of record (30+ days)'
            cand code 'Check an emailed or mailed code (hidden prompt, or one line of stdin)'
            cand business 'Verify on the business-contract basis by the contract''s own method (passphrase or callback)'
            cand photo-id 'In a store only: check a valid government-issued photo ID matching the account'
            cand disclose 'Record a discussion of CPNI on this call (refused unless the basis allows the scope)'
            cand send 'Send requested information to the email or postal address of record'
            cand show 'Show the session''s state'
            cand end 'End the session'
            cand takeover 'Take over another agent''s open session (supervisor); the reason is recorded'
        }
        &'cpni;help;session;start'= {
        }
        &'cpni;help;session;pin'= {
        }
        &'cpni;help;session;backup'= {
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
        &'cpni;help;session;photo-id'= {
        }
        &'cpni;help;session;disclose'= {
        }
        &'cpni;help;session;send'= {
        }
        &'cpni;help;session;show'= {
        }
        &'cpni;help;session;end'= {
        }
        &'cpni;help;session;takeover'= {
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
            cand purge 'Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed'
            cand manifest 'Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)'
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
        &'cpni;help;audit;purge'= {
        }
        &'cpni;help;audit;manifest'= {
        }
        &'cpni;help;consent'= {
            cand show 'Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history'
            cand notice 'Send the opt-out notice through the outbox, or record one another system sent'
            cand record 'Record the customer''s choice (appended; earlier entries are never changed)'
            cand check 'Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)'
        }
        &'cpni;help;consent;show'= {
        }
        &'cpni;help;consent;notice'= {
        }
        &'cpni;help;consent;record'= {
        }
        &'cpni;help;consent;check'= {
        }
        &'cpni;help;breach'= {
            cand open 'Record a breach and show its deadlines'
            cand hold 'Record a law-enforcement (or FCC) direction to delay customer notice'
            cand notice 'Record a notice given to law enforcement, the FCC or the customers'
            cand link 'Link a session whose disclosures went to an impostor'
            cand close 'Close a breach (its records are then kept two more years, then may be purged)'
            cand list 'List breaches with their deadlines and standing'
            cand show 'Show one breach: facts, deadlines, notices, holds, linked sessions'
        }
        &'cpni;help;breach;open'= {
        }
        &'cpni;help;breach;hold'= {
        }
        &'cpni;help;breach;notice'= {
        }
        &'cpni;help;breach;link'= {
        }
        &'cpni;help;breach;close'= {
        }
        &'cpni;help;breach;list'= {
        }
        &'cpni;help;breach;show'= {
        }
        &'cpni;help;complaint'= {
            cand add 'Record a customer''s complaint'
            cand list 'List complaints (supervisor, admin)'
        }
        &'cpni;help;complaint;add'= {
        }
        &'cpni;help;complaint;list'= {
        }
        &'cpni;help;report'= {
            cand failures 'Failed and refused authentication by agent and method'
            cand lockouts 'Lockouts, and who unlocked them early and why'
            cand agents 'Accounts failed by several agents or sessions within a short window (pretexting signal)'
            cand disclosures 'Disclosures and refusals by scope, channel and purpose'
            cand certification 'The annual CPNI certification report for a calendar year (64.2009(e))'
        }
        &'cpni;help;report;failures'= {
        }
        &'cpni;help;report;lockouts'= {
        }
        &'cpni;help;report;agents'= {
        }
        &'cpni;help;report;disclosures'= {
        }
        &'cpni;help;report;certification'= {
        }
        &'cpni;help;gateway'= {
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
