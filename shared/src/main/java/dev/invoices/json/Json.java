package dev.invoices.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.invoices.error.MalformedJsonException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's one JSON set-up, on Jackson's streaming API only: databind's reflection and its start-up cost
 * have no place in a Lambda's hot path.
 *
 * <p>Reading is strict: no comments, trailing commas, {@code NaN} or duplicate keys; at most 32 levels of
 * nesting, numbers of at most 100 characters, strings and documents of at most 1 MiB. {@link #readTree}
 * turns a document into plain Java values, every number as the exact {@link BigDecimal} it was written as.
 * Failures become a {@link MalformedJsonException} whose message is safe to show a client: it never carries
 * Jackson's text, which may quote the input.
 *
 * <p>Writing renders {@link BigDecimal}s plainly ({@code 1000}, never {@code 1E+3}).
 */
public final class Json {
    /** Writes one JSON value to a generator. */
    @FunctionalInterface
    public interface JsonWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    static final int MAX_NESTING_DEPTH = 32;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int ONE_MIB = 1 << 20;

    static final String NOT_JSON = "The body is not valid JSON.";
    static final String EMPTY = "The body is empty.";
    static final String TRAILING = "The body has data after the JSON value.";
    static final String DUPLICATE_KEY = "The JSON has a duplicate key.";
    static final String TOO_DEEP = "The JSON nests too deeply.";
    static final String NUMBER_TOO_LONG = "A JSON number is too long.";
    static final String NUMBER_OUT_OF_RANGE = "A JSON number is out of range.";
    static final String STRING_TOO_LONG = "A JSON string is too long.";
    static final String KEY_TOO_LONG = "A JSON key is too long.";
    static final String TOO_LARGE = "The JSON document is too large.";
    static final String NOT_AN_OBJECT = "expected a JSON object";

    /**
     * Lambda events carry a request body as one string, and API Gateway accepts bodies up to 10 MB: events are
     * read with room for that, so that an oversized body becomes a 413 from the handler, not a failed invocation.
     */
    private static final int MAX_EVENT_LENGTH = 12 * ONE_MIB;

    private static final JsonFactory FACTORY = factory(ONE_MIB);
    private static final JsonFactory EVENT_FACTORY = factory(MAX_EVENT_LENGTH);

    private static JsonFactory factory(int maxLength) {
        return new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(maxLength)
                        .maxDocumentLength(maxLength)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Jackson's default already, stated because a client's body must never reach a message or a log.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
                .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .disable(JsonReadFeature.ALLOW_MISSING_VALUES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    private Json() {
    }

    /** The configured factory, for code that streams JSON itself. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * Parses exactly one JSON value into {@link LinkedHashMap}{@code <String, Object>}, {@link ArrayList},
     * {@link String}, {@link BigDecimal} (every number, integers included, at the scale it was written:
     * {@code 10.50} keeps two decimals), {@link Boolean} or {@code null}.
     *
     * @throws MalformedJsonException for empty input, bad syntax, a duplicate key, a broken limit or anything
     *                                after the value
     */
    public static Object readTree(String json) {
        return readTree(FACTORY, json);
    }

    /** {@link #readObject} for a whole Lambda event, whose body string may be up to API Gateway's 10 MB. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readEvent(String json) {
        if (readTree(EVENT_FACTORY, json) instanceof Map<?, ?> object) {
            return (Map<String, Object>) object;
        }
        throw new MalformedJsonException(NOT_AN_OBJECT);
    }

    private static Object readTree(JsonFactory factory, String json) {
        if (json == null) {
            throw new MalformedJsonException(EMPTY);
        }
        boolean valueRead = false;
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJsonException(EMPTY);
            }
            Object value = value(parser, first);
            valueRead = true;
            if (parser.nextToken() != null) {
                throw new MalformedJsonException(TRAILING);
            }
            return value;
        } catch (StreamConstraintsException limit) {
            throw new MalformedJsonException(limitMessage(limit.getOriginalMessage()));
        } catch (IOException | NumberFormatException | ArithmeticException invalid) {
            if (valueRead) {
                throw new MalformedJsonException(TRAILING);
            }
            boolean duplicate = invalid instanceof IOException
                    && String.valueOf(invalid.getMessage()).startsWith("Duplicate field");
            throw new MalformedJsonException(duplicate ? DUPLICATE_KEY : NOT_JSON);
        }
    }

    /**
     * {@link #readTree} for a document that must be a JSON object.
     *
     * @throws MalformedJsonException as {@link #readTree} does, and when the value is not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String json) {
        if (readTree(json) instanceof Map<?, ?> object) {
            return (Map<String, Object>) object;
        }
        throw new MalformedJsonException(NOT_AN_OBJECT);
    }

    /** Runs {@code body} against a generator and returns what it wrote. */
    public static String write(JsonWriter body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            body.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        // Jackson reports a truncated document itself; this guards against a token it never yields here. (Not
        // as "case null" in the switch: that compiles to an invokedynamic bootstrap, a cold-start cost.)
        if (token == null) {
            throw new MalformedJsonException(NOT_JSON);
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.put(name, value(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new MalformedJsonException(NOT_JSON);
        };
    }

    /** Which limit was broken, told apart by Jackson's message because the exception carries no other detail. */
    private static String limitMessage(String jacksonMessage) {
        String message = String.valueOf(jacksonMessage);
        if (message.startsWith("Document nesting depth")) {
            return TOO_DEEP;
        }
        if (message.startsWith("Number value length")) {
            return NUMBER_TOO_LONG;
        }
        if (message.startsWith("BigDecimal scale")) {
            return NUMBER_OUT_OF_RANGE;
        }
        if (message.startsWith("String value length")) {
            return STRING_TOO_LONG;
        }
        if (message.startsWith("Name length")) {
            return KEY_TOO_LONG;
        }
        return TOO_LARGE;
    }
}
