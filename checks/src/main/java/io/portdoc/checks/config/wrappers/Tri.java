package io.portdoc.checks.config.wrappers;

/** A pattern's answer: matches, does not, or depends on something portdoc cannot see (DNS, ident, NIS). */
enum Tri {
    YES,
    NO,
    DEPENDS;

    static Tri of(boolean b) {
        return b ? YES : NO;
    }
}
