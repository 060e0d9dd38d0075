package io.portdoc.core.vantage;

import java.net.InetAddress;

/**
 * The client's route to the server ({@code ip route get SERVER} on the client): through
 * {@code gateway} (null: on-link) out of {@code dev}, from {@code source}. {@code error} is what
 * {@code ip} said when there is no route (then the other fields are null).
 */
public record ClientRoute(InetAddress destination, InetAddress gateway, String dev, InetAddress source, String error) {
    public boolean exists() {
        return error == null;
    }

    public boolean onLink() {
        return exists() && gateway == null;
    }
}
