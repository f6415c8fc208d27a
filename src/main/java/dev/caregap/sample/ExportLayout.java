package dev.caregap.sample;

import java.util.List;

/** How one survey tool lays out its export: its header rows, and one response as a data row. */
interface ExportLayout {

    /** The header rows, each as wide as a data row. */
    List<List<String>> headerRows();

    /**
     * One response as the tool writes it.
     *
     * @param response the response
     * @param position 1 for the first data row; personal-data placeholders are numbered by it
     */
    List<String> row(SampleResponse response, long position);
}
