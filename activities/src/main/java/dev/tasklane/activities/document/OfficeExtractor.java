package dev.tasklane.activities.document;

import dev.tasklane.workflows.document.DocumentExtraction.SheetSummary;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.ParserConfigurationException;

/**
 * Word and Excel files (OOXML). Spreadsheets are read as a stream of rows, so a sheet of 100,000 rows never sits
 * in memory; POI's zip guard refuses entries that inflate suspiciously (zip bombs).
 */
final class OfficeExtractor {

    static final String DOCX = "docx";
    static final String XLSX = "xlsx";
    private static final int ROWS_PER_PART = 2000;
    private static final long LARGEST_ENTRY = 512L * 1024 * 1024;
    private static final long SUSPICIOUS_ENTRY = 10L * 1024 * 1024;
    private static final int MOST_INFLATION = 100;

    static {
        ZipSecureFile.setMaxEntrySize(LARGEST_ENTRY);
    }

    private OfficeExtractor() {
    }

    /**
     * {@code docx} or {@code xlsx} for a zip holding a Word or Excel document; empty for any other zip. Refuses an
     * archive whose entries would inflate suspiciously (a zip bomb) before any parser opens it.
     */
    static Optional<String> detect(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long inflated = 0;
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                inflated += Math.max(0, entry.getSize());
                boolean suspicious = entry.getSize() > SUSPICIOUS_ENTRY
                        && entry.getSize() > MOST_INFLATION * Math.max(1, entry.getCompressedSize());
                if (suspicious || inflated > LARGEST_ENTRY) {
                    throw new UnreadableDocumentException("the archive inflates suspiciously (a zip bomb): "
                            + entry.getName() + " grows from " + entry.getCompressedSize() + " to " + entry.getSize()
                            + " bytes");
                }
            }
            if (zip.getEntry("word/document.xml") != null) {
                return Optional.of(DOCX);
            }
            if (zip.getEntry("xl/workbook.xml") != null) {
                return Optional.of(XLSX);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UnreadableDocumentException("the zip archive is corrupt: " + e.getMessage());
        }
    }

    /** A Word document's text. */
    static String wordText(Path file) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
             XWPFWordExtractor extractor = new XWPFWordExtractor(new XWPFDocument(pkg))) {
            return extractor.getText();
        } catch (IOException | OpenXML4JException | POIXMLException | IllegalStateException e) {
            throw unreadable("Word", e);
        }
    }

    /** Streams a workbook's rows to {@code sink}, a sheet name before each sheet; returns what each sheet holds. */
    static List<SheetSummary> sheets(Path file, TextSink sink) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<SheetSummary> summaries = new ArrayList<>();
            long rowsSoFar = 0;
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    Rows rows = new Rows(sheets.getSheetName(), sink, rowsSoFar);
                    Formulas counting = new Formulas(styles, strings, rows);
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(counting);
                    parser.parse(new InputSource(sheet));
                    rows.flush();
                    rowsSoFar = rows.total;
                    PackagePart part = sheets.getSheetPart();
                    summaries.add(new SheetSummary(sheets.getSheetName(), rows.withValues, counting.formulas,
                            charts(part), part.getRelationshipsByType(XSSFRelation.TABLE.getRelation()).size()));
                }
            }
            return summaries;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | POIXMLException
                 | IllegalStateException e) {
            throw unreadable("Excel", e);
        }
    }

    private static int charts(PackagePart sheet) throws OpenXML4JException {
        int charts = 0;
        for (PackageRelationship drawing : sheet.getRelationshipsByType(XSSFRelation.DRAWINGS.getRelation())) {
            PackagePart part = sheet.getRelatedPart(drawing);
            charts += part.getRelationshipsByType(XSSFRelation.CHART.getRelation()).size();
        }
        return charts;
    }

    private static UnreadableDocumentException unreadable(String kind, Exception e) {
        String message = String.valueOf(e.getMessage());
        return new UnreadableDocumentException(message.toLowerCase().contains("zip bomb")
                ? "the " + kind + " file inflates suspiciously (a zip bomb)"
                : "the " + kind + " file is corrupt: " + message);
    }

    /** Collects a sheet's rows as tab-separated lines and hands them on in parts. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final StringBuilder part = new StringBuilder();
        private final StringBuilder row = new StringBuilder();
        private final TextSink sink;
        private long total;
        private int withValues;
        private int inPart;

        Rows(String sheetName, TextSink sink, long rowsBefore) {
            this.sink = sink;
            this.total = rowsBefore;
            part.append("Sheet: ").append(sheetName).append('\n');
        }

        @Override
        public void startRow(int rowNum) {
            row.setLength(0);
        }

        @Override
        public void endRow(int rowNum) {
            total++;
            if (!row.isEmpty()) {
                withValues++;
                part.append(row).append('\n');
                if (++inPart == ROWS_PER_PART || part.length() >= DocumentStore.TEXT_PART) {
                    flush();
                }
            }
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            if (formattedValue != null && !formattedValue.isBlank()) {
                if (!row.isEmpty()) {
                    row.append('\t');
                }
                row.append(formattedValue);
            }
        }

        void flush() {
            if (!part.isEmpty()) {
                sink.part(part.toString(), total, 0);
                part.setLength(0);
                inPart = 0;
            }
        }
    }

    /** The sheet handler, also counting formula cells (their {@code <f>} elements). */
    private static final class Formulas extends XSSFSheetXMLHandler {
        private int formulas;

        Formulas(StylesTable styles, ReadOnlySharedStringsTable strings, SheetContentsHandler rows) {
            super(styles, null, strings, rows, new DataFormatter(), false);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if ("f".equals(localName) || "f".equals(qName)) {
                formulas++;
            }
            super.startElement(uri, localName, qName, attributes);
        }
    }
}
