package io.portdoc.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A daemon for the lab ({@link LabNet#startDaemon}): listens on ADDRESS PORT with a normal
 * backlog (nc's is 1, which drops the SYNs of parallel probes) and closes what it accepts.
 * {@code ::} listens on IPv4 and IPv6, like the seed's {@code :::80}.
 */
public final class LabListener {
    private LabListener() {}

    public static void main(String[] args) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])), 128);
            System.out.println("listening on " + server.getLocalSocketAddress());
            while (true) {
                try (Socket s = server.accept()) {
                    s.shutdownOutput(); // a plain FIN, like a daemon that has nothing to say
                }
            }
        }
    }
}
