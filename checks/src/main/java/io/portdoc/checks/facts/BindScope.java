package io.portdoc.checks.facts;

/** What a listening socket is bound to. */
public enum BindScope {
    /** 0.0.0.0 or :: (INADDR_ANY): every address of the host. */
    ALL,
    /** 127.0.0.0/8 or ::1: only this host can connect. */
    LOOPBACK,
    /** One particular address of the host. */
    SPECIFIC
}
