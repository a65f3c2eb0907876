package dev.tasklane.workflows.sync;

import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * Where a sync reads from: a paginated HTTP JSON API. Each page is a JSON object holding the records in
 * {@code itemsField} (or a bare JSON array); paging parameters are added to the URL's query.
 *
 * @param url               the source's URL, with any fixed query parameters
 * @param pagination        {@code page}, {@code offset} or {@code cursor}
 * @param pageSize          records asked for per page
 * @param pageParam         the query parameter carrying the page number, offset or cursor
 * @param sizeParam         the query parameter carrying the page size
 * @param headers           request headers, such as an Authorization header
 * @param itemsField        the field of a page holding its records; empty when a page is a bare array
 * @param totalField        the field holding the total record count, when the source gives one
 * @param cursorField       the field holding the next page's cursor (cursor pagination)
 * @param requestsPerSecond the most requests per second the source allows
 * @param timeoutSeconds    how long to wait for one page
 */
@Serdeable
public record SyncSource(
        @PayloadField(value = "URL of the source's paginated JSON endpoint (http or https).", required = true)
        String url,
        @PayloadField("How the source pages: page (page numbers from 1, the default), offset or cursor.")
        String pagination,
        @PayloadField("Records per page, 1-1000 (default 100).") Integer pageSize,
        @PayloadField("Query parameter for the page number, offset or cursor (default page, offset or cursor).")
        String pageParam,
        @PayloadField("Query parameter for the page size (default pageSize, or limit for offset and cursor paging).")
        String sizeParam,
        @PayloadField(value = "Request headers, such as Authorization; every value is stored sealed and shown"
                + " redacted except Content-Type, Accept, User-Agent and the like.", headers = true)
        Map<String, String> headers,
        @PayloadField("Field of a page that holds its records (default items); empty when a page is a JSON array.")
        String itemsField,
        @PayloadField("Field of a page that gives the total record count, when the source has one (default total).")
        String totalField,
        @PayloadField("Field of a page that gives the next page's cursor, for cursor paging (default nextCursor).")
        String cursorField,
        @PayloadField("Most requests per second the source allows (default: no limit).") Double requestsPerSecond,
        @PayloadField("Seconds to wait for one page, 1-300 (default 30).") Integer timeoutSeconds) {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int LARGEST_PAGE_SIZE = 1000;
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    /** How a source is paged. */
    public enum Pagination {
        PAGE("page", "pageSize"), OFFSET("offset", "limit"), CURSOR("cursor", "limit");

        private final String pageParam;
        private final String sizeParam;

        Pagination(String pageParam, String sizeParam) {
            this.pageParam = pageParam;
            this.sizeParam = sizeParam;
        }
    }

    /** Just a URL, every other setting at its default. */
    public static SyncSource of(String url) {
        return new SyncSource(url, null, null, null, null, null, null, null, null, null, null);
    }

    /** The pagination named, or {@code null} when the name is not one. */
    public Pagination paginationOrNull() {
        if (pagination == null) {
            return Pagination.PAGE;
        }
        for (Pagination mode : Pagination.values()) {
            if (mode.name().equalsIgnoreCase(pagination)) {
                return mode;
            }
        }
        return null;
    }

    public int pageSizeOrDefault() {
        return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
    }

    public String pageParamOrDefault() {
        return pageParam == null ? paginationOrNull().pageParam : pageParam;
    }

    public String sizeParamOrDefault() {
        return sizeParam == null ? paginationOrNull().sizeParam : sizeParam;
    }

    public Map<String, String> headersOrNone() {
        return headers == null ? Map.of() : headers;
    }

    public String itemsFieldOrDefault() {
        return itemsField == null ? "items" : itemsField;
    }

    public String totalFieldOrDefault() {
        return totalField == null ? "total" : totalField;
    }

    public String cursorFieldOrDefault() {
        return cursorField == null ? "nextCursor" : cursorField;
    }

    public int timeoutSecondsOrDefault() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }
}
