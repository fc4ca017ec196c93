package dev.invoices.pdf;

import dev.invoices.http.HttpResponse;
import dev.invoices.model.Invoice;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}/pdf}: the document (200), or
 * {@code 304 Not Modified} when the client already holds this version.
 *
 * <p>Unlike the JSON routes' {@code no-store}, the document is {@code private, no-cache}: a browser or client may
 * keep it (never a shared cache), and must ask again each time with {@code If-None-Match}, which costs one read
 * and no rendering when nothing changed.
 */
public final class PdfResponses {
    public static final String PDF = "application/pdf";
    static final String CACHE_CONTROL = "private, no-cache";
    /** A filename longer than this is cut: some clients refuse longer names. */
    private static final int MAX_FILENAME = 120;

    private PdfResponses() {
    }

    /** 200 with the document, its ETag and its filename. */
    public static HttpResponse document(Invoice invoice, byte[] pdf) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("cache-control", CACHE_CONTROL);
        headers.put("etag", InvoicePdf.etag(invoice));
        headers.put("content-disposition", contentDisposition(InvoicePdf.displayNumber(invoice)));
        return HttpResponse.binary(200, PDF, pdf, headers);
    }

    /** 304: the client's copy is current. */
    public static HttpResponse notModified(Invoice invoice) {
        return HttpResponse.empty(304, Map.of("cache-control", CACHE_CONTROL, "etag", InvoicePdf.etag(invoice)));
    }

    /**
     * Whether an {@code If-None-Match} header names this ETag: {@code *}, or a list of entity tags, compared
     * weakly (a {@code W/} prefix is ignored), as RFC 9110 has it for this header.
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code inline; filename="NAME.pdf"}, and {@code filename*=UTF-8''…} (RFC 6266, RFC 8187) when the name is not
     * plain ASCII. The plain {@code filename} keeps letters, digits, {@code . _ -} and turns anything else into
     * {@code _}, so that no name can break out of the quotes or name a path; the encoded one keeps every
     * character but controls, with path separators as {@code _} and no leading dots.
     */
    static String contentDisposition(String number) {
        String name = number.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .map(c -> c == '/' || c == '\\' ? '_' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip().replaceFirst("^[.\\s]+", "");
        if (name.codePointCount(0, name.length()) > MAX_FILENAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_FILENAME));
        }
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
        }
        String plain = ascii.toString().replaceAll("_+", "_").replaceAll("^[._]+", "");
        if (plain.isEmpty()) {
            plain = "invoice";
        }
        String header = "inline; filename=\"" + plain + ".pdf\"";
        if (!plain.equals(name) && !name.isEmpty()) {
            header += "; filename*=UTF-8''" + rfc8187(name + ".pdf");
        }
        return header;
    }

    /** Percent-encoding of every byte but RFC 8187's attr-char. */
    private static String rfc8187(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
