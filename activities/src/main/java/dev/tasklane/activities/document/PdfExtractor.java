package dev.tasklane.activities.document;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.DefaultResourceCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.ResourceCache;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The text of a PDF, opened once and read page by page in one pass. Pages are the leaves of the real page tree
 * (its {@code /Kids}), never the {@code /Count} the file declares, and each is read once, in order, a few at a time;
 * so the time grows with the pages. The file is read from disk, PDFBox's scratch buffers live in temporary files, and
 * fonts and images are cached for one part only; what stays while the document is open is PDFBox's parsed page
 * dictionaries, a few kilobytes a page, which {@code tasklane.documents.max-pages} bounds.
 */
final class PdfExtractor implements AutoCloseable {

    static final int PAGES_PER_PART = 10;
    static final int COUNTING_STEP = 1000;

    private final PDDocument pdf;
    private ResourceCache partResources = new DefaultResourceCache();
    private long pagesVisited;

    private PdfExtractor(PDDocument pdf) {
        this.pdf = pdf;
    }

    /** Opens {@code file}; fails with {@link UnreadableDocumentException} for an encrypted or corrupt file. */
    static PdfExtractor open(Path file) {
        PDDocument pdf;
        try {
            pdf = new IndexedPdfParser(new RandomAccessReadBufferedFile(file.toFile()),
                    IOUtils.createTempFileOnlyStreamCache()).parse();
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("the PDF is encrypted with a password");
        } catch (IOException e) {
            throw corrupt(e);
        }
        if (pdf.isEncrypted()) {
            IOUtils.closeQuietly(pdf);
            throw new UnreadableDocumentException("the PDF is encrypted");
        }
        return new PdfExtractor(pdf);
    }

    /**
     * The pages of the page tree, counted up to {@code atMost}, where counting stops without walking the rest of the
     * tree; {@code counting} hears how far it got every {@link #COUNTING_STEP} pages.
     */
    long pages(long atMost, LongConsumer counting) {
        long pages = 0;
        for (Iterator<PDPage> walk = new PageWalk(); walk.hasNext() && pages < atMost; walk.next()) {
            if (++pages % COUNTING_STEP == 0) {
                counting.accept(pages);
            }
        }
        return pages;
    }

    /** The text of the first {@code pages} pages. */
    String text(int pages) {
        List<PDPage> first = new ArrayList<>(pages);
        for (Iterator<PDPage> walk = new PageWalk(); walk.hasNext() && first.size() < pages; ) {
            first.add(walk.next());
        }
        return new PartStripper().text(first);
    }

    /**
     * Hands the text of the pages after {@code fromPage} of {@code pages} to {@code sink}, {@link #PAGES_PER_PART}
     * pages a part, walking the page tree once: the pages before {@code fromPage} are passed over unread.
     */
    void extract(long fromPage, long pages, TextSink sink) {
        Iterator<PDPage> walk = new PageWalk();
        for (long skipped = 0; skipped < fromPage && walk.hasNext(); skipped++) {
            walk.next();
        }
        PartStripper stripper = new PartStripper();
        List<PDPage> part = new ArrayList<>(PAGES_PER_PART);
        for (long done = fromPage; walk.hasNext() && done < pages; ) {
            part.add(walk.next());
            done++;
            if (part.size() == PAGES_PER_PART || done == pages || !walk.hasNext()) {
                sink.part(stripper.text(part), done, pages);
                part.clear();
                partResources = new DefaultResourceCache();
            }
        }
    }

    /** How many pages the walks of the page tree have handed out so far: once per page and pass, never per part. */
    long pagesVisited() {
        return pagesVisited;
    }

    @Override
    public void close() {
        IOUtils.closeQuietly(pdf);
    }

    private static UnreadableDocumentException corrupt(Exception e) {
        return new UnreadableDocumentException("the PDF is corrupt: " + e.getMessage());
    }

    /**
     * The leaves of the page tree in document order, found lazily, depth first, with a stack rather than recursion,
     * each intermediate node entered once (a tree that loops back on itself ends).
     */
    private final class PageWalk implements Iterator<PDPage> {
        private final Deque<Iterator<COSBase>> stack = new ArrayDeque<>();
        private final Set<COSDictionary> entered = Collections.newSetFromMap(new IdentityHashMap<>());
        private COSDictionary next;

        PageWalk() {
            COSDictionary root = pdf.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PAGES);
            if (root != null) {
                stack.push(List.<COSBase>of(root).iterator());
            }
            advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public PDPage next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            PDPage page = new PartPage(next, partResources);
            pagesVisited++;
            advance();
            return page;
        }

        private void advance() {
            next = null;
            while (next == null && !stack.isEmpty()) {
                Iterator<COSBase> kids = stack.peek();
                if (!kids.hasNext()) {
                    stack.pop();
                } else if (kids.next() instanceof COSDictionary kid) {
                    if (isTreeNode(kid)) {
                        enter(kid);
                    } else if (COSName.PAGE.equals(kid.getCOSName(COSName.TYPE))) {
                        next = kid;
                    }
                }
            }
        }

        private void enter(COSDictionary node) {
            if (entered.add(node)) {
                COSArray kids = node.getCOSArray(COSName.KIDS);
                stack.push(kids == null ? Collections.emptyIterator() : new KidsIterator(kids));
            }
        }

        private static boolean isTreeNode(COSDictionary node) {
            return COSName.PAGES.equals(node.getCOSName(COSName.TYPE)) || node.containsKey(COSName.KIDS);
        }
    }

    /** A {@code /Kids} array's entries, each resolved to its object (or null) only when reached. */
    private static final class KidsIterator implements Iterator<COSBase> {
        private final COSArray kids;
        private int index;

        KidsIterator(COSArray kids) {
            this.kids = kids;
        }

        @Override
        public boolean hasNext() {
            return index < kids.size();
        }

        @Override
        public COSBase next() {
            return kids.getObject(index++);
        }
    }

    /**
     * A page whose fonts and images are kept in its part's cache: loaded once a part rather than once a page, and let
     * go with the part rather than held for the whole document.
     */
    private static final class PartPage extends PDPage {
        private final ResourceCache cache;
        private PDResources resources;

        PartPage(COSDictionary page, ResourceCache cache) {
            super(page);
            this.cache = cache;
        }

        @Override
        public PDResources getResources() {
            if (resources == null && PDPageTree.getInheritableAttribute(getCOSObject(), COSName.RESOURCES)
                    instanceof COSDictionary found) {
                resources = new PDResources(found, cache);
            }
            return resources;
        }
    }

    /** PDFBox's text stripper, made to read only the pages it is given instead of walking the whole page tree. */
    private final class PartStripper extends PDFTextStripper {
        private List<PDPage> part = List.of();

        String text(List<PDPage> pages) {
            part = pages;
            try {
                return getText(pdf);
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        @Override
        protected void processPages(PDPageTree everyPage) throws IOException {
            for (PDPage page : part) {
                if (page.hasContents()) {
                    processPage(page);
                }
            }
        }
    }
}
