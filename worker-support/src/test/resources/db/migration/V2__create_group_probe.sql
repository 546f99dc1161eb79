-- For GroupCommitTest: rows each record step writes, and a reference checked only at commit, so a test can make a
-- group's commit itself fail.
CREATE TABLE group_probe (
    name text PRIMARY KEY,
    txid bigint NOT NULL
);

CREATE TABLE group_probe_refs (
    name text NOT NULL REFERENCES group_probe (name) DEFERRABLE INITIALLY DEFERRED
);
