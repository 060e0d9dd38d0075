package io.portdoc.checks.config.apache;

import io.portdoc.core.net.AddressSet;

/** One word after {@code Allow from} / {@code Deny from} (mod_access_compat's T_ALL, T_IP, T_HOST, T_ENV, T_NENV). */
public sealed interface HostEntry {
    record All() implements HostEntry {}

    record Ip(IpPattern pattern) implements HostEntry {}

    /** Matched against the client's double-reverse-resolved name, by domain suffix. */
    record Host(String name) implements HostEntry {}

    /** A named set of addresses (CUPS {@code @LOCAL}, {@code @IF(eth0)}, {@code none}). */
    record Named(String label, AddressSet set) implements HostEntry {}

    /** {@code env=VAR} (set) or {@code env=!VAR} (not set). */
    record Env(String variable, boolean negated) implements HostEntry {}
}
