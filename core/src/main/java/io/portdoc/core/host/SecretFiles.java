package io.portdoc.core.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files a capture never carries, whatever the diagnosis read: password databases, private keys,
 * certificates and password files are not configuration, and a bundle travels to a helpdesk.
 * A name on the deny list, or content holding a PEM private key, is refused with the reason.
 */
public final class SecretFiles {
    /** Whole file names. */
    private static final List<String> NAMES = List.of(
            "shadow",
            "shadow-",
            "gshadow",
            "gshadow-",
            "security-opasswd",
            "opasswd",
            ".htpasswd",
            "htpasswd",
            ".htdigest",
            ".pgpass",
            ".my.cnf",
            "debian.cnf",
            ".netrc",
            "krb5.keytab",
            "authorized_keys",
            "known_hosts",
            "credentials",
            "master.key");
    /** Name patterns: keys, certificates, keystores, password files. */
    private static final Pattern NAME_PATTERN = Pattern.compile(
            "(?i).*\\.(key|pem|crt|cer|der|csr|p12|pfx|jks|keystore|kdbx|gpg|asc|keytab|htpasswd|passwd)"
                    + "|id_(rsa|dsa|ecdsa|ed25519)(_sk)?|ssh_host_.*_key|.*[._-]htpasswd.*|.*\\.secret.*");
    /** Directories whose every file is secret. */
    private static final List<String> DIRS = List.of("/etc/ssl/private", "/etc/letsencrypt", "/root/.ssh");

    private static final Pattern PEM_PRIVATE = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

    private SecretFiles() {}

    /** Why this path is never captured, by its name alone; empty when it may be. */
    public static Optional<String> byName(Path path) {
        String abs = path.normalize().toString();
        for (String d : DIRS) {
            if (abs.equals(d) || abs.startsWith(d + "/")) {
                return Optional.of("under " + d + ": keys and certificates are never captured");
            }
        }
        Path name = path.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        if (NAMES.contains(n) || NAME_PATTERN.matcher(n).matches()) {
            return Optional.of("a secret by its name (" + name + "): never captured");
        }
        return Optional.empty();
    }

    /** Why this content is never captured; empty when it may be. */
    public static Optional<String> byContent(String content) {
        return PEM_PRIVATE.matcher(content).find()
                ? Optional.of("holds a PEM private key: never captured")
                : Optional.empty();
    }
}
