package dev.tasklane.activities.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The text of a PDF, a few pages at a time, starting at any page: the file is read from disk and PDFBox's scratch
 * buffers live in temporary files, so a large PDF never sits in memory whole.
 */
final class PdfExtractor {

    static final int PAGES_PER_PART = 10;

    private PdfExtractor() {
    }

    /** The number of pages; fails with {@link UnreadableDocumentException} for an encrypted or corrupt file. */
    static int pages(Path file) {
        try (PDDocument pdf = open(file)) {
            return pdf.getNumberOfPages();
        } catch (IOException e) {
            throw new UnreadableDocumentException("the PDF is corrupt: " + e.getMessage());
        }
    }

    /** The text of pages {@code first} to {@code last} (1-based, inclusive). */
    static String text(Path file, int first, int last) {
        try (PDDocument pdf = open(file)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(first);
            stripper.setEndPage(last);
            return stripper.getText(pdf);
        } catch (IOException e) {
            throw new UnreadableDocumentException("the PDF is corrupt: " + e.getMessage());
        }
    }

    /** Hands the text of the pages after {@code fromPage} to {@code sink}, {@link #PAGES_PER_PART} pages a part. */
    static void extract(Path file, int fromPage, TextSink sink) {
        try (PDDocument pdf = open(file)) {
            int pages = pdf.getNumberOfPages();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int first = fromPage + 1; first <= pages; first += PAGES_PER_PART) {
                int last = Math.min(pages, first + PAGES_PER_PART - 1);
                stripper.setStartPage(first);
                stripper.setEndPage(last);
                sink.part(stripper.getText(pdf), last, pages);
            }
        } catch (IOException e) {
            throw new UnreadableDocumentException("the PDF is corrupt: " + e.getMessage());
        }
    }

    private static PDDocument open(Path file) throws IOException {
        PDDocument pdf;
        try {
            pdf = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()), "", null, null,
                    IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("the PDF is encrypted with a password");
        }
        if (pdf.isEncrypted()) {
            pdf.close();
            throw new UnreadableDocumentException("the PDF is encrypted");
        }
        return pdf;
    }
}
