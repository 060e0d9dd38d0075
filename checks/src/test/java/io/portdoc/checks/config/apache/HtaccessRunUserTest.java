package io.portdoc.checks.config.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .htaccess as Apache's run user reads it (server/config.c ap_parse_htaccess, invoke_cmd,
 * ap_walk_config_sub; server/util.c ap_pcfg_openfile): EACCES or a file that is not regular
 * is 403, a directive httpd does not know or AllowOverride does not allow is 500.
 */
class HtaccessRunUserTest {
    private static final int WWW = 33;

    @TempDir
    Path tmp;

    private Tree tree(String allowOverride, String htaccess) {
        Tree t = Tree.at(tmp)
                .file(
                        "/etc/passwd",
                        "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n")
                .file("/etc/group", "root:x:0:\nwww-data:x:33:\nweb:x:1001:www-data\n")
                .file(
                        "/e/h.conf",
                        "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
                                + "LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n"
                                + "Listen 80\nUser www-data\nGroup www-data\nDocumentRoot /srv/www\n"
                                + "<Directory /srv/www>\n"
                                + allowOverride + "\nRequire all granted\n</Directory>\n")
                .stat("/root", 0, 0, "700");
        if (htaccess != null) {
            t.file("/srv/www/.htaccess", htaccess);
        }
        return t;
    }

    private record Run(List<Problem> problems, AccessDecision.Result result) {
        List<Problem.Kind> kinds() {
            return problems.stream().map(Problem::kind).toList();
        }

        String details() {
            return problems.stream().map(Problem::detail).collect(Collectors.joining("; "));
        }
    }

    private Run walk(Tree t) throws Exception {
        ApacheModel m = ApacheModel.build(t.parse("/e/h.conf", ConfigParser.Options.apache("/e")));
        RunUser www = RunUser.resolve(t.system(), "www-data", "www-data").orElseThrow();
        RequestWalker.Walk w = new RequestWalker(t.system(), www).walk(m, null, "/");
        AccessDecision.Result r = new AccessEvaluator(new Facts(t.system(), m.setEnv()))
                .decide(w.merged(), InetAddress.getByName("192.0.2.7"))
                .result();
        return new Run(w.problems(), r);
    }

    @Test
    void runUserGroupsComeFromGroupDirectiveAndSupplementaryGroups() {
        Tree t = tree("AllowOverride All", null);
        RunUser www = RunUser.resolve(t.system(), "www-data", "www-data").orElseThrow();
        assertEquals(WWW, www.uid());
        assertEquals(Set.of(33, 1001), www.gids());
        assertTrue(RunUser.resolve(t.system(), "nosuchuser", null).isEmpty());
    }

    // --- 403: pcfg_openfile fails with something else than ENOENT/ENOTDIR ---

    @Test
    void modeZeroIsForbiddenThoughRootCouldReadIt() throws Exception {
        Run r = walk(tree("AllowOverride All", "Require all granted\n").stat("/srv/www/.htaccess", 0, 0, "000"));
        assertEquals(List.of(Problem.Kind.FORBIDDEN), r.kinds());
        assertEquals("EACCES", r.problems().get(0).detail());
    }

    @Test
    void readableThroughGroupOrOwnerIsRead() throws Exception {
        assertEquals(
                List.of(),
                walk(tree("AllowOverride All", "Require all denied\n").stat("/srv/www/.htaccess", 0, 1001, "640"))
                        .kinds());
        Run owner = walk(tree("AllowOverride All", "Require all denied\n").stat("/srv/www/.htaccess", WWW, 0, "600"));
        assertEquals(List.of(), owner.kinds());
        assertEquals(AccessDecision.Result.DENIED, owner.result(), "its Require counts");
    }

    @Test
    void groupBitsAreNotOthersBits() throws Exception {
        // mode 604: the owner's group (www-data is a member) has no read bit, others have it
        Run r = walk(tree("AllowOverride All", "Require all denied\n").stat("/srv/www/.htaccess", 0, 1001, "604"));
        assertEquals(List.of(Problem.Kind.FORBIDDEN), r.kinds());
    }

    @Test
    void directoryWithoutSearchBitIsForbidden() throws Exception {
        Run r = walk(tree("AllowOverride All", "Require all denied\n").stat("/srv/www", 0, 0, "750"));
        assertEquals(List.of(Problem.Kind.FORBIDDEN), r.kinds());
    }

    @Test
    void symlinkToRootOnlyFileIsForbiddenAndItsContentNeverRead() throws Exception {
        Tree t = tree("AllowOverride All", null)
                .file("/root/deploy.token", "DEPLOY_TOKEN=ghp_s3cr3tT0ken\n")
                .stat("/root/deploy.token", 0, 0, "644")
                .link("/srv/www/.htaccess", "/root/deploy.token");
        Run r = walk(t);
        assertEquals(List.of(Problem.Kind.FORBIDDEN), r.kinds());
        assertFalse(r.details().contains("s3cr3t"), r.details());
    }

    @Test
    void directoryNamedHtaccessIsForbidden() throws Exception {
        Run r = walk(tree("AllowOverride All", null).dir("/srv/www/.htaccess"));
        assertEquals(List.of(Problem.Kind.FORBIDDEN), r.kinds());
        assertEquals("EBADF", r.problems().get(0).detail());
    }

    @Test
    void danglingSymlinkIsNoHtaccess() throws Exception {
        Run r = walk(tree("AllowOverride All", null).link("/srv/www/.htaccess", "/nonexistent"));
        assertEquals(List.of(), r.kinds());
        assertEquals(AccessDecision.Result.GRANTED, r.result());
    }

    @Test
    void allowOverrideNoneNeverOpensIt() throws Exception {
        Run r = walk(tree("AllowOverride None", "Include /x\n").stat("/srv/www/.htaccess", 0, 0, "000"));
        assertEquals(List.of(), r.kinds());
    }

    // --- 500: invoke_cmd and ap_walk_config_sub refuse a line ---

    @Test
    void includeIsNotAllowedHere() throws Exception {
        Run r = walk(tree("AllowOverride All", "Include /etc/shadow\n"));
        assertEquals(List.of(Problem.Kind.SERVER_ERROR), r.kinds());
        assertEquals("Include not allowed here", r.details());
    }

    @Test
    void misspelledDirectiveIsInvalidCommand() throws Exception {
        Run r = walk(tree("AllowOverride All", "Requre all granted\n"));
        assertEquals(List.of(Problem.Kind.SERVER_ERROR), r.kinds());
        assertTrue(r.details().startsWith("Invalid command 'Requre'"), r.details());
    }

    @Test
    void directiveOfAModuleNotLoadedIsInvalidCommand() throws Exception {
        // Header is mod_headers', which this server does not load
        Run r = walk(tree("AllowOverride All", "Header set X-A b\n"));
        assertTrue(r.details().startsWith("Invalid command 'Header'"), r.details());
    }

    @Test
    void overrideClassMustBeGranted() throws Exception {
        // Require is OR_AUTHCFG (mod_authz_core.c), RewriteEngine OR_FILEINFO (mod_rewrite.c)
        assertEquals(
                "Require not allowed here",
                walk(tree("AllowOverride FileInfo", "Require all denied\n")).details());
        assertEquals(
                List.of(),
                walk(tree("AllowOverride FileInfo", "RewriteEngine On\n")).kinds());
        assertEquals(
                List.of(),
                walk(tree("AllowOverride AuthConfig", "Require all denied\n")).kinds());
        assertEquals(
                "Require not allowed in <Files> context",
                walk(tree("AllowOverride FileInfo", "<Files x>\nRequire all denied\n</Files>\n"))
                        .details());
    }

    @Test
    void serverOnlySectionsAreNotAllowed() throws Exception {
        assertEquals(
                "<Directory not allowed here",
                walk(tree("AllowOverride All", "<Directory /x>\n</Directory>\n"))
                        .details());
    }

    @Test
    void allowOverrideListGrantsNamedDirectives() throws Exception {
        Run r = walk(tree("AllowOverride None\nAllowOverrideList Require", "Require all denied\n"));
        assertEquals(List.of(), r.kinds());
        assertEquals(AccessDecision.Result.DENIED, r.result());
        assertEquals(
                "RewriteEngine not allowed here",
                walk(tree("AllowOverride None\nAllowOverrideList Require", "RewriteEngine On\n"))
                        .details());
    }

    @Test
    void nonfatalTurnsErrorsIntoSkippedLines() throws Exception {
        Run r = walk(tree("AllowOverride AuthConfig Nonfatal=All", "Requre x\nRewriteEngine On\nRequire all denied\n"));
        assertEquals(List.of(), r.kinds());
        assertEquals(AccessDecision.Result.DENIED, r.result());
    }

    @Test
    void unclosedSectionEndsTheRequestNotTheServer() throws Exception {
        Run r = walk(tree("AllowOverride All", "<Files x>\nRequire all denied\n"));
        assertEquals(List.of(Problem.Kind.SERVER_ERROR), r.kinds());
    }

    @Test
    void thirdPartyModuleMakesUnknownNamesNotUnderstood() throws Exception {
        Tree t = tree("AllowOverride All", "SecRuleEngine Off\n")
                .file(
                        "/e/h.conf",
                        "LoadModule authz_core_module m/mod_authz_core.so\n"
                                + "LoadModule security2_module m/mod_security2.so\n"
                                + "Listen 80\nUser www-data\nDocumentRoot /srv/www\n"
                                + "<Directory /srv/www>\nAllowOverride All\n</Directory>\n");
        Run r = walk(t);
        assertEquals(List.of(Problem.Kind.NOT_UNDERSTOOD), r.kinds());
    }

    // --- <IfFile> as the run user: apr_stat fails where a directory is not searchable ---

    @Test
    void ifFileSeesWhatTheRunUserSees() throws Exception {
        Tree t = tree("AllowOverride All", "<IfFile /root/flag>\nRequire all denied\n</IfFile>\n")
                .file("/root/flag", "");
        Run r = walk(t);
        assertEquals(List.of(), r.kinds());
        assertEquals(AccessDecision.Result.GRANTED, r.result(), "www-data cannot see /root/flag");
        Run visible = walk(tree("AllowOverride All", "<IfFile /srv/flag>\nRequire all denied\n</IfFile>\n")
                .file("/srv/flag", ""));
        assertEquals(AccessDecision.Result.DENIED, visible.result());
    }

    // --- a master that runs as another user than root reads its configuration as that user ---

    @Test
    void aNonRootReaderNeverReadsWhatItCannotOpen() {
        Tree t = tree("AllowOverride None", null)
                .file("/e/main.conf", "Listen 80\nInclude /root/secret.conf\nInclude /e/ok.conf\n")
                .file("/e/ok.conf", "ServerName ok\n")
                .file("/root/secret.conf", "SetEnv TOKEN s3cr3t-from-root\n");
        RunUser www = RunUser.resolve(t.system(), "www-data", null).orElseThrow();
        ParsedConfig asRoot = t.parse("/e/main.conf", ConfigParser.Options.apache("/e"));
        assertTrue(asRoot.files().contains("/root/secret.conf"), "root reads it");
        ParsedConfig pc =
                t.parse("/e/main.conf", ConfigParser.Options.apache("/e").withReader(www));
        assertEquals(List.of("/e/main.conf", "/e/ok.conf"), pc.files());
        assertEquals(
                List.of(Problem.Kind.NOT_READ),
                pc.problems().stream().map(Problem::kind).toList());
        String all = pc.problems().toString() + pc.directives();
        assertFalse(all.contains("s3cr3t"), all);
    }
}
