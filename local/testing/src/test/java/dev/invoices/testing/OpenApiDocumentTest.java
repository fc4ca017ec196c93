package dev.invoices.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.json.Json;
import dev.invoices.template.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Unit test: {@code openapi.yaml} describes exactly the template's routes, and its examples are valid. */
class OpenApiDocumentTest {
    @Test
    void theDocumentsOperations_areExactlyTheTemplatesRoutes() {
        Set<String> routes = new TreeSet<>();
        CloudFormationTemplate.read(RepositoryFiles.path("template.yaml")).functions().values()
                .forEach(function -> function.routes().forEach(route -> routes.add(route.method() + " " + route.path())));
        Set<String> operations = new TreeSet<>();
        object(OpenApiContract.document().get("paths")).forEach((path, item) ->
                object(item).keySet().forEach(method -> operations.add(method.toUpperCase() + " " + path)));

        assertEquals(routes, operations);
    }

    @Test
    void everyExample_isValidAgainstTheSchemaOfItsResponse() {
        Map<String, Object> examples = object(object(OpenApiContract.document().get("components")).get("examples"));
        assertFalse(examples.isEmpty());
        Map<String, String> schemaOf = Map.of("InvoiceList", "InvoiceList", "InvoiceEnvelope", "InvoiceEnvelope",
                "FastlyInvoiceList", "FastlyInvoiceList", "FastlyInvoice", "FastlyInvoice",
                "NorthflankInvoiceList", "NorthflankInvoiceList", "InvalidRequest", "Problem");
        assertEquals(schemaOf.keySet(), examples.keySet());
        examples.forEach((name, example) -> OpenApiContract.checkSchema(schemaOf.get(name),
                Json.write(g -> write(g, object(example).get("value"))), "example " + name));
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String text -> g.writeString(text);
            case Integer number -> g.writeNumber(number);
            case Long number -> g.writeNumber(number);
            case BigInteger number -> g.writeNumber(number);
            case Double number -> g.writeNumber(new BigDecimal(number.toString()));
            case Boolean flag -> g.writeBoolean(flag);
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    g.writeFieldName((String) entry.getKey());
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
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
