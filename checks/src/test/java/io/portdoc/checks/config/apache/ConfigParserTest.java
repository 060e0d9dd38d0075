package io.portdoc.checks.config.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
    @TempDir
    Path tmp;

    private static List<String> flat(List<Directive> ds) {
        List<String> out = new ArrayList<>();
        for (Directive d : ds) {
            out.add(d.text());
            if (d.isSection()) {
                out.addAll(flat(d.children()));
            }
        }
        return out;
    }

    private static List<Problem.Kind> kinds(ParsedConfig pc) {
        return pc.problems().stream().map(Problem::kind).toList();
    }

    @Test
    void commentsQuotesContinuationsAndCase() {
        ParsedConfig pc = Tree.at(tmp)
                .file(
                        "/etc/a/a.conf",
                        String.join(
                                "\n",
                                "# a comment",
                                "   # indented comment \\",
                                "Listen 99 continued comment line",
                                "allow from \\",
                                "  10.0.0.1 \"10.0.0.2\"",
                                "DocumentRoot \"/var/www/my site\"",
                                "<directory \"/var/www\">",
                                "  REQUIRE all granted",
                                "</Directory>"))
                .parse("/etc/a/a.conf", ConfigParser.Options.apache("/etc/a"));
        assertEquals(
                List.of(
                        "allow from   10.0.0.1 \"10.0.0.2\"",
                        "DocumentRoot \"/var/www/my site\"",
                        "<directory \"/var/www\">",
                        "REQUIRE all granted"),
                flat(pc.directives()));
        Directive allow = pc.directives().get(0);
        assertEquals(List.of("from", "10.0.0.1", "10.0.0.2"), allow.args());
        assertEquals(new Loc("/etc/a/a.conf", 4), allow.loc());
        assertEquals("/var/www/my site", pc.directives().get(1).arg(0));
        assertTrue(pc.directives().get(2).is("Directory"));
        assertEquals(9 - 1, pc.directives().get(2).children().get(0).loc().line());
    }

    @Test
    void includesAreAlphabeticalRelativeToServerRootAndRecursive() {
        ParsedConfig pc = Tree.at(tmp)
                .file("/srv/root/main.conf", "Include conf.d/*.conf\nIncludeOptional missing/*.conf\nInclude dir\n")
                .file("/srv/root/conf.d/b.conf", "ServerName b\n")
                .file("/srv/root/conf.d/a.conf", "ServerName a\n")
                .file("/srv/root/conf.d/skip.txt", "ServerName no\n")
                .file("/srv/root/dir/x.conf", "ServerName x\n")
                .file("/srv/root/dir/sub/y", "ServerName y\n")
                .parse("/srv/root/main.conf", ConfigParser.Options.apache("/srv/root"));
        assertEquals(List.of("ServerName a", "ServerName b", "ServerName y", "ServerName x"), flat(pc.directives()));
        assertEquals(List.of(), pc.problems());
        assertEquals(5, pc.files().size());
        assertEquals("/srv/root/conf.d/a.conf", pc.directives().get(0).loc().file());
    }

    @Test
    void includeProblems() {
        Tree t = Tree.at(tmp)
                .file(
                        "/e/main.conf",
                        "Include nothere.conf\nInclude none/*.conf\nIncludeOptional gone.conf\nInclude loop.conf\n")
                .file("/e/loop.conf", "Include main.conf\n");
        ParsedConfig pc = t.parse("/e/main.conf", ConfigParser.Options.apache("/e"));
        List<String> details = pc.problems().stream().map(Problem::detail).toList();
        assertEquals(3, details.size(), details.toString());
        assertTrue(details.get(0).contains("could not open configuration file /e/nothere.conf"));
        assertTrue(details.get(1).contains("No matches for the wildcard"));
        assertTrue(details.get(2).contains("include loop"));
        assertEquals(List.of(Problem.Kind.REFUSED, Problem.Kind.REFUSED, Problem.Kind.REFUSED), kinds(pc));
    }

    @Test
    void unreadableIncludedFile() {
        ParsedConfig pc = Tree.at(tmp)
                .file("/e/main.conf", "Include secret.conf\n")
                .file("/e/secret.conf", "Listen 1\n")
                .denied("/e/secret.conf")
                .parse("/e/main.conf", ConfigParser.Options.apache("/e"));
        assertEquals(List.of(Problem.Kind.UNREADABLE), kinds(pc));
        assertEquals("/e/secret.conf", pc.problems().get(0).detail());
    }

    @Test
    void ifModuleByLoadModuleSoFarInBothSpellings() {
        ParsedConfig pc = Tree.at(tmp)
                .file(
                        "/e/m.conf",
                        String.join(
                                "\n",
                                "<IfModule mod_status.c>",
                                "ServerName early",
                                "</IfModule>",
                                "LoadModule status_module /usr/lib/apache2/modules/mod_status.so",
                                "<IfModule mod_status.c>",
                                "ServerName c-form",
                                "</IfModule>",
                                "<IfModule status_module>",
                                "ServerName id-form",
                                "</IfModule>",
                                "<IfModule !mod_ssl.c>",
                                "ServerName no-ssl",
                                "</IfModule>",
                                "<IfModule version_module>",
                                "ServerName static",
                                "</IfModule>",
                                "<IfModule mod_ssl.c>",
                                "<Directory />",
                                "Require all denied",
                                "</Directory>",
                                "</IfModule>"))
                .parse("/e/m.conf", ConfigParser.Options.apache("/e"));
        assertEquals(
                List.of(
                        "LoadModule status_module /usr/lib/apache2/modules/mod_status.so",
                        "ServerName c-form",
                        "ServerName id-form",
                        "ServerName no-ssl",
                        "ServerName static"),
                flat(pc.directives()));
    }

    @Test
    void definesVariablesIfDefineAndIfVersion() {
        ParsedConfig pc = Tree.at(tmp)
                .file(
                        "/e/v.conf",
                        String.join(
                                "\n",
                                "Define DOCS /srv/docs",
                                "DocumentRoot ${DOCS}/html",
                                "ErrorLog ${APACHE_LOG_DIR}/error.log",
                                "CustomLog ${NOPE}/x",
                                "<IfDefine FOREGROUND>",
                                "ServerName fg",
                                "</IfDefine>",
                                "<IfDefine !DOCS>",
                                "ServerName nodocs",
                                "</IfDefine>",
                                "<IfVersion >= 2.4>",
                                "ServerName v24",
                                "</IfVersion>",
                                "<IfVersion < 2.3>",
                                "ServerName v22",
                                "</IfVersion>"))
                .parse(
                        "/e/v.conf",
                        ConfigParser.Options.apache("/e")
                                .withDefines(Set.of("FOREGROUND"))
                                .withEnv(Map.of("APACHE_LOG_DIR", "/var/log/apache2")));
        assertEquals(
                List.of(
                        "Define DOCS /srv/docs",
                        "DocumentRoot /srv/docs/html",
                        "ErrorLog /var/log/apache2/error.log",
                        "CustomLog ${NOPE}/x",
                        "ServerName fg",
                        "ServerName v24"),
                flat(pc.directives()));
        assertEquals(List.of(Problem.Kind.UNDEFINED_VARIABLE), kinds(pc));
    }

    @Test
    void sectionStructureErrors() {
        ParsedConfig pc = Tree.at(tmp)
                .file(
                        "/e/s.conf",
                        String.join(
                                "\n",
                                "<Directory /a>",
                                "</Location>",
                                "</Files>",
                                "<Location /x",
                                "</Location>",
                                "<Directory /b>"))
                .parse("/e/s.conf", ConfigParser.Options.apache("/e"));
        List<String> details = pc.problems().stream()
                .map(p -> p.loc().line() + " " + p.detail())
                .toList();
        assertEquals(
                List.of(
                        "2 Expected </Directory> but saw </Location>",
                        "3 </Files> without matching <Files> section",
                        "4 <Location> directive missing closing '>'",
                        "6 <Directory /b> was not closed"),
                details);
    }

    @Test
    void inlineCommentIsNotAComment() {
        ParsedConfig pc = Tree.at(tmp)
                .file("/e/c.conf", "<Directory />\nAllow from 10.0.0 # office\n</Directory>\n")
                .parse("/e/c.conf", ConfigParser.Options.apache("/e"));
        assertEquals(List.of(Problem.Kind.INLINE_COMMENT), kinds(pc));
        assertEquals(
                List.of("from", "10.0.0", "#", "office"),
                pc.directives().get(0).children().get(0).args());
    }
}
