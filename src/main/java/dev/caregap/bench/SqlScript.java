package dev.caregap.bench;

import java.util.ArrayList;
import java.util.List;

/** A migration's statements, one by one: comments dropped, split at semicolons outside quoted text. */
final class SqlScript {

    private SqlScript() {
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (!quoted && c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end - 1;  // the line break itself is kept
            } else if (!quoted && c == ';') {
                add(statements, current);
            } else {
                if (c == '\'') {
                    quoted = !quoted;  // a doubled quote inside text flips twice: still quoted
                }
                current.append(c);
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
