package dev.caregap.store;

import dev.caregap.respondent.Respondent;
import dev.caregap.run.ResponseSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stored respondents read back as a stream, decoded from their blocks: for runs, their files and their checks. */
@Component
public class StoredRespondents {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final RespondentBlocks blocks;

    public StoredRespondents(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.blocks = new RespondentBlocks(jdbc, readOnly);
    }

    /**
     * The included respondents of a study (not excluded, not duplicate) from its exports up to {@code lastExport},
     * streamed in export and row order.
     */
    public ResponseSource included(String study, long lastExport) {
        return consumer -> {
            long[] duplicates = duplicateKeys(study, lastExport);
            streamRespondents("b.study = ? and e.status = 'INGESTED' and b.export_id <= ?",
                    (export, row) -> !isKey(duplicates, export, row), consumer, study, lastExport);
        };
    }

    /**
     * The respondents an export counted when it was read: every included one, duplicate or not (what its
     * tallies hold), in row order.
     */
    public ResponseSource countedIn(long exportId) {
        return consumer -> streamRespondents("b.block_key >= ? and b.block_key < ?", (export, row) -> true, consumer,
                RespondentKey.rangeOf(exportId));
    }

    /**
     * The included respondents of a study's ingested exports up to {@code lastExport} that are duplicates now: what a
     * run takes off the sum of those exports' tallies. Only the blocks of the ranges of rows holding one are read (see
     * RespondentBlock), a range a query, found from respondent_duplicate: the cost follows the duplicates, not the
     * stored respondents.
     */
    public ResponseSource duplicates(String study, long lastExport) {
        return consumer -> {
            long[] duplicates = duplicateKeys(study, lastExport);
            readOnly.executeWithoutResult(status -> {
                long range = -1;
                for (long key : duplicates) {
                    long exportId = key / RespondentKey.ROWS;
                    long start = RespondentKey.of(exportId, RespondentBlock.rangeStart(key % RespondentKey.ROWS));
                    if (start != range) {
                        range = start;
                        streamRespondents("b.block_key >= ? and b.block_key < ? and e.status = 'INGESTED'",
                                (export, row) -> isKey(duplicates, export, row), consumer,
                                start, Math.min(start + RespondentBlock.ROWS, RespondentKey.first(exportId + 1)));
                    }
                }
            });
        };
    }

    /** The keys (RespondentKey) of a study's duplicates in exports up to {@code lastExport}, sorted. */
    private long[] duplicateKeys(String study, long lastExport) {
        List<Long> keys = new ArrayList<>();
        jdbc.query("select export_id, row_no from respondent_duplicate where study = ? and export_id <= ?",
                rs -> {
                    keys.add(RespondentKey.of(rs.getLong(1), rs.getLong(2)));
                }, study, lastExport);
        long[] sorted = keys.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private static boolean isKey(long[] sortedKeys, long exportId, long row) {
        return Arrays.binarySearch(sortedKeys, RespondentKey.of(exportId, row)) >= 0;
    }

    /** Which stored rows of an export a stream hands on, besides being included. */
    private interface RowFilter {
        boolean test(long exportId, long row);
    }

    /**
     * Streams the included respondents that {@code rows} accepts, with their export's file name, from the blocks that
     * {@code where} picks (SQL over respondent_block b and its survey_export e), in key order.
     */
    private void streamRespondents(String where, RowFilter rows, ResponseSource.ResponseConsumer consumer,
                                   Object... parameters) {
        Map<Long, AnswerCodes> codes = new HashMap<>();  // an export's codes, read with its first block
        blocks.forEach(where, block -> {
            AnswerCodes coded = codes.computeIfAbsent(block.exportId(), id -> AnswerCodes.fromKept(block.answerQuestions()));
            RespondentBlock.forEach(block.encoded(), row -> rows.test(block.exportId(), row), row -> {
                if (row.included()) {
                    consumer.accept(block.fileName(), new Respondent(row.row(), row.respondentId(), row.segment(),
                            row.endedAt(), row.weight(), null, coded.decode(row.answers())));
                }
            });
        }, parameters);
    }
}
