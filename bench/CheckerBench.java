import io.bpacat.check.Checker;
import io.bpacat.check.CheckerEngine;
import io.bpacat.check.CheckerLoader;
import io.bpacat.check.Inventory;
import io.bpacat.check.InventoryNormalizer;
import io.bpacat.check.InventoryReader;
import io.bpacat.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times all checkers over one inventory, in one JVM: reading + normalizing, the first (cold) run and warm runs,
 * and the slowest checkers. Run by bench/run.sh: java -cp target/bpacat.jar bench/CheckerBench.java INVENTORY [CONTENT]
 */
public class CheckerBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path content = Path.of(args.length > 1 ? args[1] : "content");
        Diagnostics d = new Diagnostics();
        List<Checker> checkers = new CheckerLoader().loadAll(content, d);
        long t0 = System.nanoTime();
        byte[] bytes = Files.readAllBytes(file);
        Inventory inv = new InventoryReader().read(file.toString(), bytes, d)
                .flatMap(r -> new InventoryNormalizer().normalize(r, d)).orElseThrow();
        long t1 = System.nanoTime();
        System.out.printf("read+normalize: %.0f ms (%d bytes, %d VMs)%n", (t1 - t0) / 1e6, bytes.length,
                inv.objects("VM").size());
        CheckerEngine engine = new CheckerEngine();
        inv.prepareLinks();
        List<long[]> per = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            long s = System.nanoTime();
            int results = 0;
            per.clear();
            for (int i = 0; i < checkers.size(); i++) {
                long cs = System.nanoTime();
                results += engine.run(checkers.get(i), inv).size();
                per.add(new long[] {System.nanoTime() - cs, i});
            }
            System.out.printf("%s run %d: %.0f ms, %d checkers, %d results%n", round == 0 ? "cold" : "warm", round,
                    (System.nanoTime() - s) / 1e6, checkers.size(), results);
        }
        for (int round = 0; round < 3; round++) {
            long s = System.nanoTime();
            int results = engine.run(checkers, inv).size();
            System.out.printf("warm, all checkers on %d threads: %.0f ms, %d results%n",
                    Runtime.getRuntime().availableProcessors(), (System.nanoTime() - s) / 1e6, results);
        }
        per.sort((a, b) -> Long.compare(b[0], a[0]));
        System.out.println("slowest checkers (last run):");
        for (int i = 0; i < 5; i++) {
            System.out.printf("  %6.1f ms  %s%n", per.get(i)[0] / 1e6, checkers.get((int) per.get(i)[1]).file());
        }
    }
}
