package bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The start-up anchor: picocli parses, ProcessHandle lists the processes, Jackson prints them. */
@Command(name = "anchor", mixinStandardHelpOptions = true, description = "List processes as JSON.")
public final class Anchor implements Callable<Integer> {
    record Proc(long pid, String command) {
    }

    @Option(names = "--port", description = "Ignored; makes the command line look like portdoc's.")
    int port;

    @Override
    public Integer call() throws Exception {
        List<Proc> procs = ProcessHandle.allProcesses()
                .map(p -> new Proc(p.pid(), p.info().command().orElse("?"))).toList();
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(procs));
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Anchor()).execute(args));
    }
}
