package dev.invoices.priming;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The HTTP client of priming's DynamoDB client: it never opens a connection, and answers each DynamoDB operation
 * the way a successful call would be answered, so that priming takes every function's success path, writes
 * included. {@code GetItem} of an invoice finds the synthetic invoice in the state its id asks for
 * ({@code inv_priming} finalized and unpaid, {@code inv_priming_void} void, {@code inv_priming_draft} a draft);
 * a counter item holds one invoice; {@code Query} finds the invoice; {@code PutItem}, {@code UpdateItem},
 * {@code DeleteItem} and {@code TransactWriteItems} succeed. The answers are fixed, so nothing unique enters a
 * snapshot.
 */
final class PrimingHttpClient implements SdkHttpClient {
    static final String VOID_SUFFIX = "_void";
    static final String DRAFT_SUFFIX = "_draft";
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private final Invoice invoice;

    /** @param invoice the synthetic invoice that every read finds, in the state the read's id asks for */
    PrimingHttpClient(Invoice invoice) {
        this.invoice = invoice;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
        byte[] body = answer(operation, request.contentStreamProvider()
                .map(provider -> read(provider.newStream())).orElse("{}")).getBytes(StandardCharsets.UTF_8);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(body.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }

    private String answer(String operation, String requestBody) {
        return switch (operation) {
            case "GetItem" -> {
                String pk = partitionKey(requestBody);
                if (pk.startsWith(InvoiceTable.invoicePk(""))) {
                    yield item("Item", InvoiceItemMapper.toItem(inState(pk.substring(InvoiceTable.invoicePk("").length()))));
                }
                if (pk.startsWith(InvoiceTable.customerPk(""))) {
                    yield item("Item", Map.of(InvoiceTable.PK, AttributeValue.fromS(pk),
                            InvoiceTable.INVOICE_COUNT, AttributeValue.fromN("1"),
                            InvoiceTable.monthCount(invoice.startTimestamp()), AttributeValue.fromN("1")));
                }
                yield "{}";
            }
            case "Query" -> Json.write(g -> {
                g.writeStartObject();
                g.writeArrayFieldStart("Items");
                writeItem(g, InvoiceItemMapper.toItem(invoice));
                g.writeEndArray();
                g.writeNumberField("Count", 1);
                g.writeNumberField("ScannedCount", 1);
                g.writeEndObject();
            });
            default -> "{}";
        };
    }

    /** The synthetic invoice with this id, in the state the id names. */
    private Invoice inState(String id) {
        InvoiceStatus status = id.endsWith(VOID_SUFFIX) ? InvoiceStatus.VOID
                : id.endsWith(DRAFT_SUFFIX) ? InvoiceStatus.DRAFT : InvoiceStatus.FINALIZED;
        return new Invoice(id, invoice.customerId(), invoice.statementNumber(), status, false,
                invoice.currencyCode(), invoice.startTimestamp(), invoice.endTimestamp(),
                status == InvoiceStatus.DRAFT ? null : invoice.issuedAt(), invoice.planId(), invoice.planName(),
                invoice.planCustomFields(), invoice.subLineItems(), invoice.invoiceAdjustments(), invoice.subtotal(),
                invoice.tax(), invoice.total(), status == InvoiceStatus.VOID ? "priming" : null,
                status == InvoiceStatus.VOID ? invoice.updatedAt() : null, null, null, invoice.createdAt(),
                invoice.updatedAt(), invoice.version());
    }

    /** The {@code pk} of a request's {@code Key}. */
    private static String partitionKey(String requestBody) {
        if (Json.readObject(requestBody).get("Key") instanceof Map<?, ?> key
                && key.get(InvoiceTable.PK) instanceof Map<?, ?> value && value.get("S") instanceof String pk) {
            return pk;
        }
        return "";
    }

    private static String item(String field, Map<String, AttributeValue> item) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeFieldName(field);
            writeItem(g, item);
            g.writeEndObject();
        });
    }

    /** An item in DynamoDB's JSON, as the service writes it. */
    private static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            g.writeFieldName(attribute.getKey());
            writeValue(g, attribute.getValue());
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, AttributeValue value) throws IOException {
        g.writeStartObject();
        if (value.s() != null) {
            g.writeStringField("S", value.s());
        } else if (value.n() != null) {
            g.writeStringField("N", value.n());
        } else if (value.bool() != null) {
            g.writeBooleanField("BOOL", value.bool());
        } else if (Boolean.TRUE.equals(value.nul())) {
            g.writeBooleanField("NULL", true);
        } else if (value.hasM()) {
            g.writeFieldName("M");
            writeItem(g, value.m());
        } else if (value.hasL()) {
            g.writeArrayFieldStart("L");
            for (AttributeValue element : value.l()) {
                writeValue(g, element);
            }
            g.writeEndArray();
        } else if (value.hasSs()) {
            g.writeArrayFieldStart("SS");
            for (String element : value.ss()) {
                g.writeString(element);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("priming writes no attribute of type " + value.type());
        }
        g.writeEndObject();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
