package shop;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;

/** The command loop every test service runs: one line on stdin per step, one answer line on stdout. */
public final class Service {
    private Service() {
    }

    /** Reads {@code leak}, {@code dump <file>} or {@code quit}; answers {@code ok} after each. */
    public static void run(Runnable leakStep) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println("ready");
        System.out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("leak")) {
                leakStep.run();
            } else if (line.startsWith("dump ")) {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(line.substring(5), true);
            } else if (line.equals("quit")) {
                return;
            }
            System.out.println("ok");
            System.out.flush();
        }
    }
}
