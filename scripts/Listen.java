import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDK listener for fixture captures: java Listen.java HOST:PORT... . The JDK opens IPv6
 * sockets, so 127.0.0.2 shows up in /proc/net/tcp6 as the IPv4-mapped ::ffff:127.0.0.2 and
 * 0.0.0.0 as a dual-stack [::].
 */
public class Listen {
    public static void main(String[] args) throws Exception {
        List<ServerSocket> open = new ArrayList<>();
        for (String a : args) {
            int colon = a.lastIndexOf(':');
            open.add(new ServerSocket(Integer.parseInt(a.substring(colon + 1)), 50,
                    InetAddress.getByName(a.substring(0, colon))));
        }
        System.out.println("ready " + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
    }
}
