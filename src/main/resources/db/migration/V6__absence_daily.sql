-- Daily follow-up of absences: how many were active, with and without an automatic reply, and with a delegate.
-- The last reconcile pass of a day writes that day's row. Counts only, never names.
CREATE TABLE absence_daily (
    stat_day       DATE    NOT NULL PRIMARY KEY,
    active         INTEGER NOT NULL,
    with_reply     INTEGER NOT NULL,
    without_reply  INTEGER NOT NULL,
    delegations    INTEGER NOT NULL
);
