package io.portdoc.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The profiles portdoc knows: built-in ones first, then the user's ({@code --profile FILE}),
 * where a user profile with the same name replaces the built-in one.
 */
public final class ProfileCatalog {
    private final List<ServiceProfile> profiles;

    public ProfileCatalog(List<ServiceProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    public static ProfileCatalog empty() {
        return new ProfileCatalog(List.of());
    }

    /** The profiles shipped in the jar ({@link ProfileLoader#builtIn()}). */
    public static ProfileCatalog builtIn() {
        return new ProfileCatalog(ProfileLoader.builtIn());
    }

    /** This catalog with {@code extra} added; same-named profiles are overridden. */
    public ProfileCatalog with(List<ServiceProfile> extra) {
        List<ServiceProfile> out = new ArrayList<>();
        for (ServiceProfile p : profiles) {
            if (extra.stream().noneMatch(e -> e.name().equalsIgnoreCase(p.name()))) {
                out.add(p);
            }
        }
        out.addAll(extra);
        return new ProfileCatalog(out);
    }

    public List<ServiceProfile> all() {
        return profiles;
    }

    /** By profile name first, then by one of its process names or systemd units. */
    public Optional<ServiceProfile> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        Optional<ServiceProfile> byName =
                profiles.stream().filter(p -> p.name().equalsIgnoreCase(n)).findFirst();
        if (byName.isPresent()) {
            return byName;
        }
        return profiles.stream()
                .filter(p -> p.processes().stream().anyMatch(x -> x.equalsIgnoreCase(n))
                        || p.systemdUnits().stream()
                                .anyMatch(u -> u.equalsIgnoreCase(n) || u.equalsIgnoreCase(n + ".service")))
                .findFirst();
    }

    /** The first profile that lists this port. */
    public Optional<ServiceProfile> findByPort(int port, String protocol) {
        return profiles.stream()
                .filter(p -> p.ports().stream()
                        .anyMatch(s -> s.port() == port && s.protocol().equalsIgnoreCase(protocol)))
                .findFirst();
    }
}
