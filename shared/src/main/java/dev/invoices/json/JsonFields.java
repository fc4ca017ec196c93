package dev.invoices.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.model.Timestamps;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writers of optional JSON fields, for every presentation of an invoice (canonical and dialects): each writes
 * nothing for null, so that optional fields without a value are omitted rather than written as null.
 */
public final class JsonFields {
    private JsonFields() {
    }

    public static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    public static void field(JsonGenerator g, String name, BigDecimal value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeNumber(value);
        }
    }

    public static void field(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, Timestamps.format(value));
        }
    }

    /** Keys in sorted order: the model's maps keep none, and the same invoice must always read the same. */
    public static void field(JsonGenerator g, String name, Map<String, String> value) throws IOException {
        if (value != null) {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, String> field : new TreeMap<>(value).entrySet()) {
                g.writeStringField(field.getKey(), field.getValue());
            }
            g.writeEndObject();
        }
    }
}
