package dev.caregap.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DuckDB's time for the same analysis of the same file (bench/duckdb-consumer-headlines.sql), the anchor the
 * benchmark's times are divided by. DuckDB's JDBC driver is a benchmark-only dependency (the Maven profile
 * {@code benchmark}): it is reached by its URL alone, so the service is built and run without it.
 */
final class DuckDbAnchor implements AutoCloseable {

    private static final String SQL = load();

    private final Connection connection;

    private DuckDbAnchor(Connection connection) {
        this.connection = connection;
    }

    /** An in-memory DuckDB, opened before any timing (loading its native library is not the analysis). */
    static DuckDbAnchor open() {
        try {
            return new DuckDbAnchor(DriverManager.getConnection("jdbc:duckdb:"));
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB's JDBC driver is not on the class path: build the benchmark with "
                    + "the Maven profile 'benchmark' (./mvnw -Pbenchmark -DskipTests package)", e);
        }
    }

    /** The analysis of one or more exports read as one table; its result rows, and how long it took. */
    Result analyse(List<Path> exports) {
        String files = exports.stream().map(f -> "'" + f.toAbsolutePath().toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        String sql = SQL.replace("{file}", files);
        long start = System.nanoTime();
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : ", ").append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not analyse " + files + ": " + e.getMessage(), e);
        }
        return new Result((System.nanoTime() - start) / 1e9, rows);
    }

    /** @param seconds wall time of the query, from sending it to its last row */
    record Result(double seconds, List<String> rows) {
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static String load() {
        try (InputStream in = DuckDbAnchor.class.getResourceAsStream("/bench/duckdb-consumer-headlines.sql")) {
            if (in == null) {
                throw new IllegalStateException("bench/duckdb-consumer-headlines.sql is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
