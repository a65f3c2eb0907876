package dev.tasklane.activities.testing;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Documents for tests, built in code with PDFBox and POI rather than committed as binaries. */
public final class SampleDocuments {

    private SampleDocuments() {
    }

    /** A PDF with one page per entry of {@code pages}, each holding that text in lines. */
    public static byte[] pdf(List<String> pages) {
        return pdf(pages, null, null);
    }

    /** The same PDF encrypted with a user password. */
    public static byte[] encryptedPdf(List<String> pages) {
        return pdf(pages, "secret", null);
    }

    /** The same PDF with a page tree that declares {@code claimedPages} pages ({@code /Count}) whatever it holds. */
    public static byte[] pdfClaimingPages(List<String> pages, int claimedPages) {
        return pdf(pages, null, claimedPages);
    }

    private static byte[] pdf(List<String> pages, String password, Integer claimedPages) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.setLeading(14);
                    content.newLineAtOffset(50, 740);
                    for (String line : wrap(text, 90)) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            if (claimedPages != null) {
                pdf.getPages().getCOSObject().setInt(COSName.COUNT, claimedPages);
            }
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                pdf.protect(policy);
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Word document with one paragraph per entry. */
    public static byte[] docx(List<String> paragraphs) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            paragraphs.forEach(text -> document.createParagraph().createRun().setText(text));
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A workbook: sheet "Sales" with a header and {@code rows} rows of region, product and amount, a SUM formula
     * per row, a table over the data and a line chart of the amounts; and sheet "Notes" with one sentence.
     */
    public static byte[] xlsx(int rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sales = workbook.createSheet("Sales");
            XSSFRow header = sales.createRow(0);
            String[] titles = {"Region", "Product", "Amount", "Doubled"};
            for (int i = 0; i < titles.length; i++) {
                header.createCell(i).setCellValue(titles[i]);
            }
            for (int r = 1; r <= rows; r++) {
                XSSFRow row = sales.createRow(r);
                row.createCell(0).setCellValue(r % 2 == 0 ? "North" : "South");
                row.createCell(1).setCellValue("Widget " + r);
                row.createCell(2).setCellValue(r * 10);
                row.createCell(3).setCellFormula("SUM(C" + (r + 1) + ",C" + (r + 1) + ")");
            }
            sales.createTable(new AreaReference(new CellReference(0, 0), new CellReference(rows, 3),
                    workbook.getSpreadsheetVersion()));
            XSSFDrawing drawing = sales.createDrawingPatriarch();
            XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 6, 1, 12, 15));
            XDDFChartData data = chart.createData(ChartTypes.LINE, chart.createCategoryAxis(
                    org.apache.poi.xddf.usermodel.chart.AxisPosition.BOTTOM), chart.createValueAxis(
                    org.apache.poi.xddf.usermodel.chart.AxisPosition.LEFT));
            data.addSeries(XDDFDataSourcesFactory.fromStringCellRange(sales, new CellRangeAddress(1, rows, 1, 1)),
                    XDDFDataSourcesFactory.fromNumericCellRange(sales, new CellRangeAddress(1, rows, 2, 2)));
            chart.plot(data);
            workbook.createSheet("Notes").createRow(0).createCell(0)
                    .setCellValue("These sales figures are the quarterly results of the analysis.");
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small zip that claims to be a workbook and inflates a sheet to {@code megabytes} MB of the same byte. */
    public static byte[] zipBomb(int megabytes) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < megabytes; i++) {
                zip.write(spaces);
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
