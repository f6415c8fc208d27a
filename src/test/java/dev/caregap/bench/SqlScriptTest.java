package dev.caregap.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptTest {

    @Test
    void statementsAreSplitAtSemicolonsWithCommentsDropped() {
        String script = """
                -- a comment; with a semicolon
                create table a (x int); -- trailing; comment
                create index a_x on a (x);
                """;
        assertThat(SqlScript.statements(script)).containsExactly("create table a (x int)", "create index a_x on a (x)");
    }

    @Test
    void aSemicolonOrDashesInQuotedTextStayInTheStatement() {
        String script = "update t set reason = 'it''s; done -- really' where id = 1;\ninsert into t values (2)";
        assertThat(SqlScript.statements(script))
                .containsExactly("update t set reason = 'it''s; done -- really' where id = 1", "insert into t values (2)");
    }
}
