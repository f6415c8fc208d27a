package dev.caregap.bench;

import java.nio.file.Path;
import java.sql.Connection;

/**
 * The JVM the durability check kills: loads the staged rows into one store and prints {@code committed <rows>
 * <last row number>} after each commit has returned, until it is killed ({@code kill -9}) part-way.
 * Arguments: store name, database folder, row file, how many rows.
 */
public final class EngineKillChild {

    private EngineKillChild() {
    }

    public static void main(String[] args) throws Exception {
        StoreEngine engine = StoreEngine.named(args[0]);
        Path folder = Path.of(args[1]);
        try (Connection connection = engine.open(folder); RowFile.Reader rows = new RowFile.Reader(Path.of(args[2]), Long.parseLong(args[3]))) {
            engine.createTable(connection);
            System.out.println("ready");
            System.out.flush();
            engine.load(connection, rows, (count, last) -> {
                System.out.println("committed " + count + " " + last);
                System.out.flush();
            });
            System.out.println("finished");
            System.out.flush();
        }
    }
}
