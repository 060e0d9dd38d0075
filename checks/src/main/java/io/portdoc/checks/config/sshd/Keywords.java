package io.portdoc.checks.config.sshd;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keywords sshd_config(5) of OpenSSH 9.2 (Debian 12) documents, those it still accepts as
 * deprecated, and those allowed inside a Match block: what sshd itself refuses with "Bad
 * configuration option" or "not allowed within a Match block" when {@code sshd -T} cannot run.
 */
final class Keywords {
    private static final Set<String> KNOWN = lower("AcceptEnv AddressFamily AllowAgentForwarding AllowGroups "
            + "AllowStreamLocalForwarding AllowTcpForwarding AllowUsers AuthenticationMethods AuthorizedKeysCommand "
            + "AuthorizedKeysCommandUser AuthorizedKeysFile AuthorizedPrincipalsCommand "
            + "AuthorizedPrincipalsCommandUser AuthorizedPrincipalsFile Banner CASignatureAlgorithms ChannelTimeout "
            + "ChrootDirectory Ciphers ClientAliveCountMax ClientAliveInterval Compression DebianBanner DenyGroups "
            + "DenyUsers DisableForwarding ExposeAuthInfo FingerprintHash ForceCommand GatewayPorts "
            + "GSSAPIAuthentication GSSAPICleanupCredentials GSSAPIKeyExchange GSSAPIStrictAcceptorCheck "
            + "GSSAPIStoreCredentialsOnRekey GSSAPIKexAlgorithms HostbasedAcceptedAlgorithms HostbasedAuthentication "
            + "HostbasedUsesNameFromPacketOnly HostCertificate HostKey HostKeyAgent HostKeyAlgorithms IgnoreRhosts "
            + "IgnoreUserKnownHosts Include IPQoS KbdInteractiveAuthentication KerberosAuthentication "
            + "KerberosGetAFSToken KerberosOrLocalPasswd KerberosTicketCleanup KexAlgorithms ListenAddress "
            + "LoginGraceTime LogLevel LogVerbose MACs Match MaxAuthTries MaxSessions MaxStartups ModuliFile "
            + "PasswordAuthentication PermitEmptyPasswords PermitListen PermitOpen PermitRootLogin PermitTTY "
            + "PermitTunnel PermitUserEnvironment PermitUserRC PerSourceMaxStartups PerSourceNetBlockSize PidFile "
            + "Port PrintLastLog PrintMotd PubkeyAcceptedAlgorithms PubkeyAuthOptions PubkeyAuthentication RDomain "
            + "RekeyLimit RequiredRSASize RevokedKeys SecurityKeyProvider SetEnv StreamLocalBindMask "
            + "StreamLocalBindUnlink StrictModes Subsystem SyslogFacility TCPKeepAlive TrustedUserCAKeys "
            + "UnusedConnectionTimeout UseDNS UsePAM VersionAddendum X11DisplayOffset X11Forwarding X11UseLocalhost "
            + "XAuthLocation "
            // accepted with a "deprecated" or "unsupported" log line (servconf.c sDeprecated / sUnsupported)
            + "ChallengeResponseAuthentication PubkeyAcceptedKeyTypes HostbasedAcceptedKeyTypes HostKeyAlgorithms "
            + "UsePrivilegeSeparation Protocol RSAAuthentication RhostsRSAAuthentication ServerKeyBits "
            + "KeyRegenerationInterval UseLogin ShowPatchLevel SkeyAuthentication AuthorizedKeysFile2 "
            + "PermitBlacklistedKeys UseRoaming AFSTokenPassing KerberosTgtPassing DSAAuthentication "
            + "KbdInteractiveDevices PAMAuthenticationViaKbdInt ReverseMappingCheck VerifyReverseMapping "
            + "CheckMail");
    private static final Set<String> IN_MATCH = lower("AcceptEnv AllowAgentForwarding AllowGroups "
            + "AllowStreamLocalForwarding AllowTcpForwarding AllowUsers AuthenticationMethods AuthorizedKeysCommand "
            + "AuthorizedKeysCommandUser AuthorizedKeysFile AuthorizedPrincipalsCommand "
            + "AuthorizedPrincipalsCommandUser AuthorizedPrincipalsFile Banner CASignatureAlgorithms ChannelTimeout "
            + "ChrootDirectory ClientAliveCountMax ClientAliveInterval DenyGroups DenyUsers DisableForwarding "
            + "ExposeAuthInfo ForceCommand GatewayPorts GSSAPIAuthentication HostbasedAcceptedAlgorithms "
            + "HostbasedAuthentication HostbasedUsesNameFromPacketOnly IgnoreRhosts Include IPQoS "
            + "KbdInteractiveAuthentication KerberosAuthentication LogLevel LogVerbose MaxAuthTries MaxSessions "
            + "PasswordAuthentication PermitEmptyPasswords PermitListen PermitOpen PermitRootLogin PermitTTY "
            + "PermitTunnel PermitUserRC PubkeyAcceptedAlgorithms PubkeyAuthentication PubkeyAuthOptions RDomain "
            + "RekeyLimit RevokedKeys SetEnv StreamLocalBindMask StreamLocalBindUnlink TrustedUserCAKeys "
            + "UnusedConnectionTimeout X11DisplayOffset X11Forwarding X11UseLocalhost Match "
            + "ChallengeResponseAuthentication PubkeyAcceptedKeyTypes HostbasedAcceptedKeyTypes");

    private Keywords() {}

    static boolean known(String keyword) {
        return KNOWN.contains(keyword);
    }

    static boolean allowedInMatch(String keyword) {
        return IN_MATCH.contains(keyword);
    }

    private static Set<String> lower(String words) {
        return Stream.of(words.trim().split("\\s+"))
                .map(w -> w.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }
}
