import io.bpacat.catalog.Catalog;
import io.bpacat.catalog.CatalogBuilder;
import io.bpacat.check.CheckerBundle;
import io.bpacat.check.CheckerLoader;
import io.bpacat.check.InventoryModel;
import io.bpacat.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the browser validator's checkers.json for a content folder, and the inventory model beside it:
 * java -cp target/bpacat.jar bench/BundleWriter.java CONTENT OUT_DIR
 */
public class BundleWriter {
    public static void main(String[] args) throws Exception {
        Path content = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Catalog catalog = new CatalogBuilder().build(content).catalog();
        var checkers = new CheckerLoader().loadAll(content, new Diagnostics());
        Files.writeString(out.resolve("checkers.json"), CheckerBundle.write(checkers, InventoryModel.standard(), catalog));
        Files.writeString(out.resolve("inventory-model.json"), InventoryModel.standard().json());
    }
}
