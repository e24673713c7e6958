-- Daily counts of compose checks for follow-up statistics. Counts only: never message content, addresses or numbers.
CREATE TABLE compose_daily (
    stat_date DATE  NOT NULL PRIMARY KEY,
    checks   BIGINT NOT NULL,
    warned   BIGINT NOT NULL,
    blocked  BIGINT NOT NULL
);

CREATE TABLE compose_rule_daily (
    stat_date DATE        NOT NULL,
    rule      VARCHAR(64) NOT NULL,
    severity  VARCHAR(16) NOT NULL,
    findings  BIGINT      NOT NULL,
    PRIMARY KEY (stat_date, rule, severity)
);
