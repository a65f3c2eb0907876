package dev.tasklane.activities.document;

import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdfparser.PDFObjectStreamParser;
import org.apache.pdfbox.pdfparser.PDFParser;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * PDFBox's parser, reading each object stream with the one index of object keys this parser keeps. PDFBox 3.0 builds
 * a new index from the whole cross-reference table for every object stream it opens (PDFBOX-6268), so a PDF of many
 * pages packed into object streams took time quadratic in its objects; here the index is built once per document.
 */
final class IndexedPdfParser extends PDFParser {

    private final Map<Long, Map<COSObjectKey, COSBase>> unclaimed = new HashMap<>();

    IndexedPdfParser(RandomAccessRead source, StreamCacheCreateFunction scratch) throws IOException {
        super(source, "", null, null, scratch);
    }

    /**
     * The object {@code key} from object stream {@code streamNumber}: parses the stream once and keeps its other
     * objects until they are asked for, as PDFBox does.
     */
    @Override
    protected COSBase parseObjectStreamObject(long streamNumber, COSObjectKey key) throws IOException {
        Map<COSObjectKey, COSBase> parsed = unclaimed.computeIfAbsent(streamNumber, number -> new HashMap<>());
        COSBase object = parsed.remove(key);
        if (object != null) {
            return object;
        }
        if (!(document.getObjectFromPool(getObjectKey(streamNumber, 0)).getObject() instanceof COSStream stream)) {
            return null;
        }
        try {
            Map<COSObjectKey, COSBase> all = new SharedIndexParser(stream, document).parseAllObjects();
            object = all.remove(key);
            all.forEach(parsed::putIfAbsent);
            return object;
        } catch (IOException e) {
            if (isLenient()) {
                return null;
            }
            throw e;
        }
    }

    /** An object stream's parser that looks object keys up in the document parser's index. */
    private final class SharedIndexParser extends PDFObjectStreamParser {

        SharedIndexParser(COSStream stream, COSDocument document) throws IOException {
            super(stream, document);
        }

        @Override
        protected COSObjectKey getObjectKey(long number, int generation) {
            return IndexedPdfParser.this.getObjectKey(number, generation);
        }
    }
}
