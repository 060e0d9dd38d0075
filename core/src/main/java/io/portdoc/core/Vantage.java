package io.portdoc.core;

import java.net.InetAddress;

/**
 * Where a diagnosis over SSH looks from: steps 1-4 read the server ({@code destination}), the
 * probe runs on the client portdoc runs on. {@code server} is the address the client connects
 * to, {@code routeSource} the source address the client's route to it picks ({@code ip route
 * get}), {@code seenByServer} the client address the server sees for the SSH connection
 * ({@code SSH_CONNECTION}); either may be null when it could not be found. When both are known
 * and differ, something between the hosts translates addresses (NAT), and the server judges
 * the address it sees.
 */
public record Vantage(String destination, InetAddress server, InetAddress routeSource, InetAddress seenByServer) {
    /** Which end a piece of evidence comes from. */
    public enum Side {
        SERVER("server"),
        CLIENT("client");

        public final String id;

        Side(String id) {
            this.id = id;
        }
    }

    /** The host part of {@code destination}: {@code boven} of {@code admin@boven:2222}, {@code fd00::1} of {@code [fd00::1]:22}. */
    public String hostName() {
        String h = destination.substring(destination.lastIndexOf('@') + 1);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 ? h.substring(1, close) : h.substring(1);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
    }

    /** The two client addresses differ: NAT between the client and the server. */
    public boolean nat() {
        return routeSource != null && seenByServer != null && !routeSource.equals(seenByServer);
    }

    /** The client address the server's config and firewall must let in: the one it sees. */
    public InetAddress client() {
        return seenByServer != null ? seenByServer : routeSource;
    }

    /** The side a step's evidence comes from: the probe runs on the client, the rest reads the server. */
    public static Side sideOf(String stepId) {
        return stepId.equals(Pipeline.Step.PROBE.id) ? Side.CLIENT : Side.SERVER;
    }
}
