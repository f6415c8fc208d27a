package dev.caregap.report.workbook;

import dev.caregap.figures.Figure;
import dev.caregap.report.Audience;
import dev.caregap.run.ResponseSource;
import dev.caregap.run.RunReport;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** PLACEHOLDER until the workbook lands: one Figures sheet of the audience's figures. */
public final class ReportWorkbook {

    public static final String FILE = "report.xlsx";

    private ReportWorkbook() {
    }

    public static void write(RunReport report, Audience audience, ResponseSource responses, Path file) throws IOException {
        RunReport seen = audience.apply(report);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Figures");
            int r = 0;
            for (Figure f : seen.figures()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(f.figure());
                row.createCell(1).setCellValue(f.group());
                row.createCell(2).setCellValue(f.share());
            }
            workbook.write(out);
        }
    }
}
