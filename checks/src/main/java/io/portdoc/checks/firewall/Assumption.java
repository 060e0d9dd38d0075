package io.portdoc.checks.firewall;

/** A condition portdoc could not evaluate, assumed to hold ({@code matched}) or not on one path. */
record Assumption(RuleRef rule, String condition, boolean matched) {}
