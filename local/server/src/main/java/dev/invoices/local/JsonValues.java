package dev.invoices.local;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.json.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Writes plain JSON trees (maps, lists, strings, numbers, booleans, null), as {@link Json#readTree} returns them. */
final class JsonValues {
    private JsonValues() {
    }

    static String write(Object tree) {
        return Json.write(g -> write(g, tree));
    }

    static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String text -> g.writeString(text);
            case BigDecimal number -> g.writeNumber(number);
            case Integer number -> g.writeNumber(number);
            case Long number -> g.writeNumber(number);
            case Boolean flag -> g.writeBoolean(flag);
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    g.writeFieldName(String.valueOf(entry.getKey()));
                    write(g, entry.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }
}
