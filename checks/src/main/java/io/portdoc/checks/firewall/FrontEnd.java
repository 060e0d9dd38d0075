package io.portdoc.checks.firewall;

/** Tools that own rules: a hint must use their command, or the next reload undoes it. */
enum FrontEnd {
    FIREWALLD,
    UFW,
    DOCKER
}
