package dev.invoices.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.invoices.error.MalformedJsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the service's JSON set-up: tree reading, its limits and messages, and plain number writing. */
class JsonTest {

    @Test
    void aDocument_isReadIntoPlainJavaValuesInItsOwnOrder() {
        // when
        Object tree = Json.readTree("""
                {"s": "text", "n": 7, "d": 10.50, "t": true, "f": false, "z": null, "a": [1, "two", {}], "o": {"k": "v"}}
                """);

        // then
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "text");
        expected.put("n", new BigDecimal("7"));
        expected.put("d", new BigDecimal("10.50"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", new ArrayList<>(List.of(new BigDecimal("1"), "two", new LinkedHashMap<>())));
        expected.put("o", new LinkedHashMap<>(Map.of("k", "v")));
        assertEquals(expected, tree);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) tree).keySet()));
        assertInstanceOf(LinkedHashMap.class, tree);
        assertInstanceOf(ArrayList.class, ((Map<?, ?>) tree).get("a"));
    }

    @Test
    void everyNumber_isABigDecimalExactlyAsWritten() {
        assertEquals(new BigDecimal("10.50"), Json.readTree("10.50"));
        assertEquals(new BigDecimal("0.000"), Json.readTree("0.000"));
        assertEquals(new BigDecimal("1500"), Json.readTree("1500"));
        assertEquals(new BigDecimal("-5.00"), Json.readTree("-5.00"));
        assertEquals(new BigDecimal("0.0005"), Json.readTree("0.0005"));
        assertEquals(new BigDecimal("1E+400"), Json.readTree("1e400"));
        assertEquals(new BigDecimal("1234567890123456789012345678901234567890"),
                Json.readTree("1234567890123456789012345678901234567890"));
        assertEquals(new BigDecimal("-0.12345678901234567890123456789012345678"),
                Json.readTree("-0.12345678901234567890123456789012345678"));
    }

    @Test
    void scalarsAndNull_areValuesOfTheirOwn() {
        assertEquals("é\n", Json.readTree("\"\\u00e9\\n\""));
        assertEquals(true, Json.readTree(" true "));
        assertNull(Json.readTree("null"));
    }

    @Test
    void aDuplicateKey_isRejected() {
        assertMalformed("{\"a\": 1, \"a\": 2}", "The JSON has a duplicate key.");
        assertMalformed("{\"outer\": [{\"b\": 1, \"b\": 1}]}", "The JSON has a duplicate key.");
    }

    @Test
    void thirtyTwoLevelsOfNesting_areAccepted() {
        // given
        String arrays = "[".repeat(32) + "]".repeat(32);
        String objects = "{\"k\":".repeat(31) + "{}" + "}".repeat(31);

        // when / then
        assertInstanceOf(List.class, Json.readTree(arrays));
        assertInstanceOf(Map.class, Json.readTree(objects));
    }

    @Test
    void thirtyThreeLevelsOfNesting_areRejected() {
        assertMalformed("[".repeat(33) + "]".repeat(33), "The JSON nests too deeply.");
        assertMalformed("{\"k\":".repeat(32) + "{}" + "}".repeat(32), "The JSON nests too deeply.");
    }

    @Test
    void aNumberOfMoreThanOneHundredCharacters_isRejected() {
        assertEquals(new BigDecimal("1" + "0".repeat(99)), Json.readTree("1" + "0".repeat(99)));
        assertMalformed("1" + "0".repeat(100), "A JSON number is too long.");
        // Jackson counts a decimal's digits rather than its characters, so this one is clearly over.
        assertMalformed("0." + "1".repeat(150), "A JSON number is too long.");
    }

    @Test
    void aDocumentOverOneMebibyte_isRejected() {
        assertEquals("x".repeat((1 << 20) - 2), Json.readTree("\"" + "x".repeat((1 << 20) - 2) + "\""));
        assertMalformed("\"" + "x".repeat(1 << 20) + "\"", "The JSON document is too large.");
        assertMalformed(" ".repeat(1 << 20) + "1", "The JSON document is too large.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "[1, NaN]", "{\"a\": +1}", "01", "1.", ".5", "0x10"})
    void aNumberThatJsonDoesNotAllow_isRejected(String json) {
        assertMalformed(json, "The body is not valid JSON.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{", "[1", "\"open", "{\"a\" 1}", "{\"a\": 1,}", "[1,]", "[1,,2]", "[1 2]", "{a: 1}", "{'a': 1}",
            "tru", "// note\n1", "/* note */ 1", "# note\n1", "{\"a\": \"\t\"}"})
    void brokenSyntax_isRejected(String json) {
        assertMalformed(json, "The body is not valid JSON.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} x", "{}}", "{} {}", "1 2", "\"a\" \"b\"", "[] /* note */"})
    void dataAfterTheValue_isRejected(String json) {
        assertMalformed(json, "The body has data after the JSON value.");
    }

    @Test
    void anEmptyBody_isRejected() {
        assertMalformed("", "The body is empty.");
        assertMalformed(" \n\t ", "The body is empty.");
        assertMalformed((String) null, "The body is empty.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"secret-field\": secret_value}", "{\"secret-field\": 1, \"secret-field\": 2}", "[\"secret-value\",]",
            "\"secret-value\" secret-tail", "{\"secret-field\": 1e99999999999}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            + "[\"secret-value\"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"})
    void aFailureMessage_namesNeitherJacksonNorTheInput(String json) {
        // when
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> Json.readTree(json));

        // then
        String message = e.getMessage().toLowerCase();
        assertFalse(message.contains("jackson"), message);
        assertFalse(message.contains("fasterxml"), message);
        assertFalse(message.contains("secret"), message);
        assertFalse(message.contains("line:") || message.contains("column"), message);
        assertNull(e.getCause());
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void readObject_returnsTheTopLevelObject() {
        assertEquals(Map.of("a", new BigDecimal("1")), Json.readObject("{\"a\": 1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "1", "true", "null"})
    void readObject_rejectsAnythingButAnObject(String json) {
        assertFails(() -> Json.readObject(json), "expected a JSON object");
    }

    @Test
    void readObject_reportsMalformedJsonFirst() {
        assertFails(() -> Json.readObject("[1,"), "The body is not valid JSON.");
    }

    @Test
    void write_rendersBigDecimalsPlainlyAndExactly() {
        // when
        String json = Json.write(g -> {
            g.writeStartArray();
            g.writeNumber(new BigDecimal("1E+3"));
            g.writeNumber(new BigDecimal("0.00"));
            g.writeNumber(new BigDecimal("10.50"));
            g.writeNumber(new BigDecimal("1E-7"));
            g.writeNumber(new BigDecimal("-5.000"));
            g.writeEndArray();
        });

        // then
        assertEquals("[1000,0.00,10.50,0.0000001,-5.000]", json);
    }

    @Test
    void write_escapesStrings() {
        assertEquals("{\"q\":\"say \\\"hi\\\"\\n\"}", Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("q", "say \"hi\"\n");
            g.writeEndObject();
        }));
    }

    @Test
    void aWriterFailure_isUnchecked() {
        // given
        IOException failure = new IOException("disk on fire");

        // when
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Json.write(g -> {
            throw failure;
        }));

        // then
        assertEquals(failure, e.getCause());
    }

    @Test
    void theFactory_isConfiguredOnce() {
        // when
        JsonFactory factory = Json.factory();

        // then
        assertEquals(factory, Json.factory());
        assertEquals(32, factory.streamReadConstraints().getMaxNestingDepth());
        assertEquals(100, factory.streamReadConstraints().getMaxNumberLength());
        assertEquals(1 << 20, factory.streamReadConstraints().getMaxStringLength());
        assertEquals(1 << 20, factory.streamReadConstraints().getMaxDocumentLength());
        assertTrue(factory.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION));
        assertTrue(factory.isEnabled(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN));
        assertEquals(List.of(), Arrays.stream(JsonReadFeature.values()).filter(feature -> factory.isEnabled(feature.mappedFeature())).toList());
    }

    private static void assertMalformed(String json, String message) {
        assertFails(() -> Json.readTree(json), message);
    }

    private static void assertFails(Executable read, String message) {
        assertEquals(message, assertThrows(MalformedJsonException.class, read).getMessage());
    }
}
