package io.portdoc.cli;

import io.portdoc.core.profile.ProfileCatalog;
import io.portdoc.core.profile.ServiceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Shell completion: picocli's bash script from the command model (formats, languages, file names for
 * {@code --config} and {@code --profile}), with {@code --service} also offering the names in
 * {@code /etc/services}, read when Tab is pressed since they differ per host. zsh loads the same script
 * through bashcompinit.
 */
public final class Completion {
    /** picocli names a candidate array after the option's parameter label: --service NAME. */
    private static final Pattern SERVICE_ARRAY = Pattern.compile("(?m)^(\\s*)local NAME_option_args=\\(.*$");

    private static final String ETC_SERVICES = String.join(
            "\n",
            "# Service names from /etc/services, read at completion time (they differ per host).",
            "function _portdoc_etc_services() {",
            "  [ -r /etc/services ] && awk '!/^[[:space:]]*#/ && NF >= 2 && !seen[$1]++ { print $1 }' /etc/services",
            "}",
            "");

    private Completion() {}

    public static String bash() {
        String script = AutoComplete.bash("portdoc", Main.commandLine());
        // sourced, never executed: no #! line (Debian's bash-completion policy)
        script = script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
        Matcher m = SERVICE_ARRAY.matcher(script);
        if (!m.find()) {
            throw new IllegalStateException("no --service candidates in the generated completion script");
        }
        script = script.substring(0, m.end()) + "\n" + m.group(1) + "NAME_option_args+=($(_portdoc_etc_services))"
                + script.substring(m.end());
        int complete = script.lastIndexOf("\ncomplete -F ");
        return script.substring(0, complete + 1) + ETC_SERVICES + script.substring(complete + 1);
    }

    /** The zsh function file: loaded on the first Tab, it registers the bash function and answers that Tab. */
    public static String zsh() {
        return "#compdef portdoc\n" + bash() + "\n_bash_complete -F _complete_portdoc -o default\n";
    }

    /** Build time: {@code Completion BASH_FILE ZSH_FILE}. */
    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), bash());
        write(Path.of(args[1]), zsh());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }

    /** {@code --service} candidates: the built-in profiles' names. */
    static final class ServiceNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ProfileCatalog.builtIn().all().stream()
                    .map(ServiceProfile::name)
                    .sorted()
                    .iterator();
        }
    }

    /** {@code --format} candidates in the spelling the documentation uses. */
    static final class DiagnoseFormats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("text", "json", "markdown").iterator();
        }
    }

    /** {@code --lang} candidates. */
    static final class Languages implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("en", "nl").iterator();
        }
    }

    /** {@code portdoc generate-completion}: the script the packages install. */
    @Command(
            name = "generate-completion",
            mixinStandardHelpOptions = true,
            description = {
                "Print the bash completion script (zsh: through bashcompinit).",
                "Use: source <(portdoc generate-completion). The packages install it already."
            })
    static final class Generate implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print(bash());
            spec.commandLine().getOut().flush();
        }
    }
}
