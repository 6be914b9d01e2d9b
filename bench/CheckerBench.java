import com.sun.management.OperatingSystemMXBean;
import io.bpacat.check.Checker;
import io.bpacat.check.CheckerEngine;
import io.bpacat.check.CheckerLoader;
import io.bpacat.check.Inventory;
import io.bpacat.check.InventoryNormalizer;
import io.bpacat.check.InventoryReader;
import io.bpacat.diag.Diagnostics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times all checkers over one inventory, in one JVM: reading + normalizing, the first (cold) run of all checkers
 * and warm runs, each as wall time and as processor time of the whole process (all threads, GC included: on a
 * shared machine the processor time says more than the wall time), then the slowest checkers, each run alone on
 * one thread. Run by bench/run.sh: java -cp target/bpacat.jar bench/CheckerBench.java INVENTORY [CONTENT]
 */
public class CheckerBench {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path content = Path.of(args.length > 1 ? args[1] : "content");
        System.out.printf("load average: %.2f, %d processors%n", OS.getSystemLoadAverage(),
                OS.getAvailableProcessors());
        Diagnostics d = new Diagnostics();
        List<Checker> checkers = new CheckerLoader().loadAll(content, d);
        long w = System.nanoTime();
        long c = OS.getProcessCpuTime();
        byte[] bytes = Files.readAllBytes(file);
        Inventory inv = new InventoryReader().read(file.toString(), bytes, d)
                .flatMap(r -> new InventoryNormalizer().normalize(r, d)).orElseThrow();
        System.out.printf("read+normalize: %s (%d bytes, %d VMs)%n", since(w, c), bytes.length,
                inv.objects("VM").size());
        CheckerEngine engine = new CheckerEngine();
        long[] warm = new long[6];
        for (int round = 0; round < 7; round++) {
            w = System.nanoTime();
            c = OS.getProcessCpuTime();
            int results = engine.run(checkers, inv).size();
            if (round > 0) {
                warm[round - 1] = System.nanoTime() - w;
            }
            System.out.printf("%s, all checkers: %s, %d checkers, %d results%n", round == 0 ? "cold" : "warm",
                    since(w, c), checkers.size(), results);
        }
        Arrays.sort(warm);
        System.out.printf("warm median: %.0f ms wall (target: under 1,000 ms)%n", warm[warm.length / 2] / 1e6);
        List<long[]> per = new ArrayList<>();
        for (int i = 0; i < checkers.size(); i++) {
            long cs = THREADS.getCurrentThreadCpuTime();
            engine.run(checkers.get(i), inv);
            per.add(new long[] {THREADS.getCurrentThreadCpuTime() - cs, i});
        }
        per.sort((a, b) -> Long.compare(b[0], a[0]));
        System.out.println("slowest checkers (processor time, each alone):");
        for (int i = 0; i < 5; i++) {
            System.out.printf("  %6.1f ms  %s%n", per.get(i)[0] / 1e6, checkers.get((int) per.get(i)[1]).file());
        }
        System.out.printf("load average: %.2f%n", OS.getSystemLoadAverage());
    }

    private static String since(long wallStart, long cpuStart) {
        return String.format("%.0f ms wall, %.0f ms processor", (System.nanoTime() - wallStart) / 1e6,
                (OS.getProcessCpuTime() - cpuStart) / 1e6);
    }
}
