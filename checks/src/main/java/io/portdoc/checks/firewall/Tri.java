package io.portdoc.checks.firewall;

/** Three-valued answer of a condition: a match portdoc cannot evaluate is UNKNOWN. */
enum Tri {
    TRUE,
    FALSE,
    UNKNOWN;

    static Tri of(boolean b) {
        return b ? TRUE : FALSE;
    }

    Tri not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
