package se.postvakt.policy;

/** The kinds of value a policy field can hold; each kind knows how to validate and normalise a JSON value. */
public enum FieldKind {
    /** A size in bytes: a whole number, zero or more. */
    BYTES,
    /** A whole number, one or more. */
    COUNT,
    /** A whole number of days, zero or more. */
    DAYS,
    BOOLEAN,
    /** off, info, warn or block. */
    SEVERITY,
    /** A list of mail domains, lower-cased. */
    DOMAINS,
    /** A list of e-mail addresses, lower-cased. */
    ADDRESSES,
    /** A list of non-empty strings (words, phrases, names). */
    STRINGS,
    /** One e-mail address, or empty. */
    EMAIL,
    /** Free text, possibly empty. */
    TEXT,
    /** One of the field's listed choices. */
    CHOICE
}
