package io.portdoc.checks.config.postgresql;

/**
 * Does a pg_hba.conf column match? {@code SOME}: for some logins or connections only (another
 * user or database, SSL or not, role membership the catalog knows), or not known from here.
 */
public enum Tri {
    YES,
    NO,
    SOME;

    public static Tri of(boolean b) {
        return b ? YES : NO;
    }

    public Tri and(Tri o) {
        if (this == NO || o == NO) {
            return NO;
        }
        return this == YES && o == YES ? YES : SOME;
    }

    public Tri or(Tri o) {
        if (this == YES || o == YES) {
            return YES;
        }
        return this == SOME || o == SOME ? SOME : NO;
    }
}
