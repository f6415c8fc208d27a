package dev.caregap.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Stored blocks of respondents (respondent_block), read a page of blocks at a time, with what their export adds. */
final class RespondentBlocks {

    /** Blocks read per query: a few megabytes, whatever the export's size. */
    static final int PER_QUERY = 16;

    /** A stored block with what its export adds to it. */
    record StoredBlock(long key, long exportId, byte[] encoded, String fileName, String answerQuestions) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    RespondentBlocks(JdbcTemplate jdbc, TransactionTemplate readOnly) {
        this.jdbc = jdbc;
        this.readOnly = readOnly;
    }

    /**
     * Hands on the blocks {@code where} picks (SQL over respondent_block b and its survey_export e), in key order,
     * {@link #PER_QUERY} a query after the last key handed on: neither H2 (which keeps a small result whole in
     * memory, and a few thousand blocks are a small result) nor PostgreSQL holds more than a page of them at once.
     * In one read-only transaction, or in the caller's.
     */
    void forEach(String where, Consumer<StoredBlock> consumer, Object... parameters) {
        String sql = """
                select b.block_key, b.export_id, b.encoded, e.file_name, e.answer_questions
                from respondent_block b join survey_export e on e.id = b.export_id
                where (%s) and b.block_key > ?
                order by b.block_key fetch first %d rows only""".formatted(where, PER_QUERY);
        Object[] arguments = Arrays.copyOf(parameters, parameters.length + 1);
        readOnly.executeWithoutResult(status -> {
            long after = Long.MIN_VALUE;
            while (true) {
                arguments[parameters.length] = after;
                List<StoredBlock> page = jdbc.query(sql, (rs, i) -> new StoredBlock(rs.getLong(1), rs.getLong(2),
                        rs.getBytes(3), rs.getString(4), rs.getString(5)), arguments);
                page.forEach(consumer);
                if (page.size() < PER_QUERY) {
                    return;
                }
                after = page.get(page.size() - 1).key();
            }
        });
    }
}
