-- The policy document that IT edits: one row per version, never updated in place.
CREATE TABLE policy_version (
    version     INTEGER      NOT NULL PRIMARY KEY,
    document    TEXT         NOT NULL,
    changed_by  VARCHAR(320) NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
