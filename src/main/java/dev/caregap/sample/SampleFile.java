package dev.caregap.sample;

import java.util.List;

/**
 * One file of the sample: how it is written and what it holds.
 *
 * @param name      the file name in the sample folder
 * @param layout    how its rows and headers are laid out
 * @param style     its encoding, delimiter and line ends
 * @param describes the layout and habits, in words, for the README
 * @param rows      every data row, included or not, in file order
 * @param included  how many rows count
 * @param excluded  for each row that does not count, why
 */
record SampleFile(String name, ExportLayout layout, CsvStyle style, String describes, List<SampleResponse> rows,
                  int included, List<String> excluded) {

    SampleFile {
        rows = List.copyOf(rows);
        excluded = List.copyOf(excluded);
    }
}
