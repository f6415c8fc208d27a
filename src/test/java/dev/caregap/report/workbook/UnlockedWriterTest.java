package dev.caregap.report.workbook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The sheet XML writer passes on exactly what it is given, in order, however the writes cross its buffer. */
class UnlockedWriterTest {

    @Test
    void charactersArraysAndStringsOfEverySizeComeOutInOrderWhole() throws IOException {
        Random random = new Random(7);
        StringBuilder expected = new StringBuilder();
        StringWriter target = new StringWriter();
        try (UnlockedWriter writer = new UnlockedWriter(target)) {
            for (int i = 0; i < 3_000; i++) {
                int way = random.nextInt(3);
                // single characters a few at a time; arrays and strings up to three times the buffer
                int length = way == 0 ? random.nextInt(50) : random.nextInt(4) == 0 ? random.nextInt(200_000) : random.nextInt(40);
                StringBuilder piece = new StringBuilder(length);
                for (int c = 0; c < length; c++) {
                    piece.append((char) ('a' + random.nextInt(26)));
                }
                String text = piece.toString();
                switch (way) {
                    case 0 -> {
                        for (int c = 0; c < text.length(); c++) {
                            writer.write(text.charAt(c));
                        }
                    }
                    case 1 -> writer.write(text.toCharArray(), 0, text.length());
                    default -> writer.write(text, 0, text.length());
                }
                expected.append(text);
            }
        }
        assertThat(target.toString()).isEqualTo(expected.toString());
    }
}
