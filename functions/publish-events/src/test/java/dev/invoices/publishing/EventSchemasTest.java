package dev.invoices.publishing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.OpenApiContract;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract tests of the events' JSON Schemas (events/schemas/, whose invoice is openapi.yaml's): every detail the
 * publisher writes, of every type, embedded or too large, is valid against its type's schema, and so is every
 * sample in events/published/.
 */
class EventSchemasTest {
    private static final Instant LATER = Instant.parse("2025-06-02T10:00:00Z");
    private final EventEntries entries = new EventEntries("invoices", "InvoiceEventsBus");

    @Test
    void everyDetailThePublisherWrites_isValidAgainstItsTypesSchema() {
        // given one event of each type, and one too large to embed
        Invoice finalized = InvoiceFixtures.simple("inv_f", "cus_a", InvoiceStatus.FINALIZED,
                Instant.parse("2025-01-01T00:00:00Z"));
        Invoice voided = finalized.voided(LATER, "duplicate");
        Invoice replacement = voided.replacement("inv_new", "ST9", LATER);
        Invoice draft = InvoiceFixtures.simple("inv_d", "cus_a", InvoiceStatus.DRAFT, Instant.parse("2025-01-01T00:00:00Z"));
        Invoice refreshed = draft.withAmountsOf(draft, LATER);
        List<SubLineItem> many = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            many.add(draft.subLineItems().getFirst());
        }
        Invoice big = draft.withAmounts(many, List.of(), draft.subtotal(), draft.tax(), draft.total());
        List<InvoiceEvent> events = List.of(
                new InvoiceEvent(DetailType.VOIDED, voided, previous(finalized), "1"),
                new InvoiceEvent(DetailType.REGENERATED, replacement, Optional.empty(), "2"),
                new InvoiceEvent(DetailType.REFRESHED, refreshed, previous(draft), "3"),
                new InvoiceEvent(DetailType.CREATED, draft, Optional.empty(), "4"),
                new InvoiceEvent(DetailType.CREATED, big, Optional.empty(), "5"));

        // then
        for (InvoiceEvent event : events) {
            OpenApiContract.checkJsonSchema(schema(event.type().text()), entries.pending(event).entry().detail(),
                    event.type().text());
        }
    }

    @Test
    void everyPublishedSample_isValidAgainstItsTypesSchema_andThereIsOneOfEachType() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(RepositoryFiles.path("events/published"))) {
            samples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        List<String> types = new ArrayList<>();
        for (Path sample : samples) {
            Map<String, Object> event = Json.readObject(Files.readString(sample));
            String type = (String) event.get("detail-type");
            types.add(type);
            String detail = rawDetail(Files.readString(sample));
            OpenApiContract.checkJsonSchema(schema(type), detail, sample.getFileName().toString());
        }
        assertEquals(List.of("Invoice Created", "Invoice Refreshed", "Invoice Regenerated", "Invoice Voided"),
                types.stream().sorted().toList());
    }

    @Test
    void aDetailWithoutItsInvoice_orWithAnUnknownField_isNotValid() {
        Path voided = schema("Invoice Voided");
        assertThrows(AssertionError.class, () -> OpenApiContract.checkJsonSchema(voided,
                "{\"event_id\":\"inv_a:2\",\"invoice_id\":\"inv_a\",\"customer_id\":\"c\",\"version\":2,"
                        + "\"previous\":{\"status\":\"DRAFT\",\"version\":1}}", "no invoice"));
        assertThrows(AssertionError.class, () -> OpenApiContract.checkJsonSchema(voided,
                "{\"event_id\":\"inv_a:2\",\"invoice_id\":\"inv_a\",\"customer_id\":\"c\",\"version\":2,"
                        + "\"previous\":{\"status\":\"DRAFT\",\"version\":1},\"invoice_too_large\":true,\"x\":1}",
                "unknown field"));
    }

    private static Optional<InvoiceEvent.Previous> previous(Invoice invoice) {
        return Optional.of(new InvoiceEvent.Previous(invoice.status(), invoice.version()));
    }

    private static Path schema(String detailType) {
        return RepositoryFiles.path("events/schemas/" + detailType.toLowerCase(Locale.ROOT).replace(' ', '-')
                + ".schema.json");
    }

    /** The sample's {@code detail}, its numbers as written. */
    private static String rawDetail(String event) throws IOException {
        return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(event).get("detail").toString();
    }
}
