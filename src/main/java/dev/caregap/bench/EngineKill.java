package dev.caregap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Durability under {@code kill -9}: a JVM of its own (EngineKillChild) loads the rows into one store and reports each
 * commit; once it has reported {@code killAt} rows it is killed (SIGKILL), then the store is opened again here and
 * every row reported committed must be in it.
 */
final class EngineKill {

    /** What was found after the kill. */
    record Outcome(String engine, long killAt, long reported, long reportedLastRow, long found, long reportedFound,
                   boolean finishedFirst, String check) {
        boolean durable() {
            return reportedFound == reported && check.equals("ok");
        }
    }

    private EngineKill() {
    }

    static Outcome run(StoreEngine engine, Path folder, Path rows, long limit, long killAt, long extraDelayMillis) {
        try {
            Files.createDirectories(folder);
            // the child's output goes to a file: killing it closes its pipes, and what it printed must still be read
            Path out = folder.resolve("child.out");
            Process child = new ProcessBuilder(command(engine, folder, rows, limit)).redirectOutput(out.toFile())
                    .redirectError(folder.resolve("child.log").toFile()).start();
            while (child.isAlive()) {
                if (Reported.of(Files.readString(out)).rows() >= killAt) {
                    // a little later, so the kill falls inside the next batch rather than just after a commit
                    Thread.sleep(extraDelayMillis);
                    child.destroyForcibly();
                    break;
                }
                Thread.sleep(2);
            }
            if (!child.waitFor(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the killed load of " + engine.name() + " did not end");
            }
            Reported reported = Reported.of(Files.readString(out));
            return check(engine, folder, killAt, reported.rows(), reported.lastRow(), reported.finished());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the child printed: its last whole {@code committed <rows> <last row>} line, and whether it finished. */
    record Reported(long rows, long lastRow, boolean finished) {
        static Reported of(String output) {
            long rows = 0;
            long lastRow = 0;
            boolean finished = false;
            int end = output.lastIndexOf('\n');  // a line cut by the kill is not a report
            for (String line : (end < 0 ? "" : output.substring(0, end)).split("\n")) {
                if (line.startsWith("committed ")) {
                    String[] parts = line.split(" ");
                    rows = Long.parseLong(parts[1]);
                    lastRow = Long.parseLong(parts[2]);
                } else if (line.equals("finished")) {
                    finished = true;
                }
            }
            return new Reported(rows, lastRow, finished);
        }
    }

    private static Outcome check(StoreEngine engine, Path folder, long killAt, long reported, long lastRow, boolean finished) {
        try (Connection connection = engine.open(folder)) {
            long found = count(connection, "select count(*) from respondent", -1);
            long reportedFound = count(connection, "select count(*) from respondent where row_no <= ?", lastRow);
            String check = "ok";
            if (engine.kind() == StoreEngine.Kind.SQLITE) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("pragma integrity_check")) {
                    rs.next();
                    check = rs.getString(1);
                }
            }
            return new Outcome(engine.name(), killAt, reported, lastRow, found, reportedFound, finished, check);
        } catch (SQLException e) {
            return new Outcome(engine.name(), killAt, reported, lastRow, -1, -1, finished,
                    "does not open: " + e.getMessage().strip().replaceAll("\\s+", " "));
        }
    }

    private static long count(Connection connection, String sql, long lastRow) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (lastRow >= 0) {
                query.setLong(1, lastRow);
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** java with this JVM's class path: the packaged jar through Spring Boot's launcher, or the classes folder. */
    private static List<String> command(StoreEngine engine, Path folder, Path rows, long limit) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx256m", "-cp", classPath));
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-Dloader.main=" + EngineKillChild.class.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.add(EngineKillChild.class.getName());
        }
        command.addAll(List.of(engine.name(), folder.toAbsolutePath().toString(), rows.toAbsolutePath().toString(),
                Long.toString(limit)));
        return command;
    }
}
