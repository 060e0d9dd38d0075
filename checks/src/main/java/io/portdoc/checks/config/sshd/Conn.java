package io.portdoc.checks.config.sshd;

import java.net.InetAddress;

/**
 * The connection a Match line is tested against, as {@code sshd -T -C} takes it: client address,
 * user name, client host name (the address text when UseDNS is off), local address and port.
 */
public record Conn(InetAddress addr, String user, String host, InetAddress laddr, int lport) {}
