-- Compliance records (issue 6): CPNI approval history, breaches and complaints.

-- CPNI approval history (64.2007-64.2009(a)): opt-out notices and the customer's choices.
-- Append-only: a later row supersedes an earlier one and never overwrites it.
CREATE TABLE consent (
    id             INTEGER PRIMARY KEY,
    account        TEXT NOT NULL REFERENCES customer (account),
    kind           TEXT NOT NULL CHECK (kind IN ('notice', 'opt-in', 'deny', 'revoke')),
    via            TEXT CHECK (via IN ('email', 'mail')),                   -- notices
    method         TEXT CHECK (method IN ('oral', 'written', 'electronic')), -- choices
    evidence       TEXT,                   -- recording or document reference
    sent_on        TEXT,                   -- a notice another system sent: that day
    outbox_id      INTEGER REFERENCES outbox (id), -- a notice cpni sent: counts once delivered
    notice_missing INTEGER NOT NULL DEFAULT 0 CHECK (notice_missing IN (0, 1)),
    session        TEXT,
    agent          TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
) STRICT;

CREATE INDEX consent_account ON consent (account, id);

CREATE TRIGGER consent_no_update BEFORE UPDATE ON consent
BEGIN
    SELECT RAISE(ABORT, 'the approval history is append-only');
END;

-- Breaches (64.2011). Deadlines are computed, not stored: they follow the rule, the holiday
-- calendar and the notices and holds recorded.
CREATE TABLE breach (
    id             INTEGER PRIMARY KEY,
    rule           TEXT NOT NULL CHECK (rule IN ('2007', '2024')),
    description    TEXT NOT NULL,
    discovered_at  TEXT NOT NULL,
    determined_at  TEXT NOT NULL,
    determined_on  TEXT NOT NULL,          -- the determination's calendar date, as given
    method         TEXT,                   -- the 2024 rule's fields from here on
    began_on       TEXT,
    ended_on       TEXT,
    affected       INTEGER,                -- customers affected; NULL when unknown
    estimated_loss TEXT,
    data_types     TEXT,
    contact        TEXT,
    harm_likely    INTEGER CHECK (harm_likely IN (0, 1)),
    opened_by      TEXT NOT NULL,
    opened_at      TEXT NOT NULL,
    closed_at      TEXT
) STRICT;

CREATE TABLE breach_account (
    breach   INTEGER NOT NULL REFERENCES breach (id),
    account  TEXT NOT NULL REFERENCES customer (account),
    PRIMARY KEY (breach, account)
) STRICT;

-- A law-enforcement (or FCC) direction to delay customer notice, through until_on.
CREATE TABLE breach_hold (
    id           INTEGER PRIMARY KEY,
    breach       INTEGER NOT NULL REFERENCES breach (id),
    until_on     TEXT NOT NULL,
    reference    TEXT,
    agent        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;

CREATE TABLE breach_notice (
    id           INTEGER PRIMARY KEY,
    breach       INTEGER NOT NULL REFERENCES breach (id),
    party        TEXT NOT NULL CHECK (party IN ('law-enforcement', 'fcc', 'customers')),
    at           TEXT NOT NULL,
    on_date      TEXT NOT NULL,            -- the notice's calendar date, as given
    reference    TEXT,
    urgent_ref   TEXT,                     -- early customer notice: the agency consulted
    agent        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;

-- Sessions whose disclosures were later found to have gone to an impostor (64.2011(e)).
CREATE TABLE breach_link (
    breach       INTEGER NOT NULL REFERENCES breach (id),
    session      TEXT NOT NULL REFERENCES session (id),
    agent        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (breach, session)
) STRICT;

-- Customer complaints about CPNI (64.2009(e) summary) and pretexting reports.
CREATE TABLE complaint (
    id           INTEGER PRIMARY KEY,
    account      TEXT NOT NULL REFERENCES customer (account),
    category     TEXT NOT NULL CHECK (category IN ('unauthorized-release', 'pretexting', 'other')),
    description  TEXT NOT NULL,
    session      TEXT,
    agent        TEXT NOT NULL,
    received_at  TEXT NOT NULL
) STRICT;

CREATE INDEX complaint_received ON complaint (received_at);
