package dev.invoices.publishing;

import dev.invoices.events.MalformedEventException;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the batch Lambda delivers from a DynamoDB stream ({@code {"Records": [...]}}, the shape of
 * {@code DynamodbEvent}) from the plain JSON tree {@link dev.invoices.json.Json} makes, without databind or the
 * events library: the images are DynamoDB's typed JSON ({@code {"S": "…"}}, {@code {"N": "12.50"}}, …) and become
 * the SDK's {@link AttributeValue}s, so that the table's own item mapper reads them. The output of
 * {@code aws dynamodbstreams get-records} has the same {@code Records}, so a batch an operator fetched by hand can
 * be given to the function as it is.
 */
public final class StreamRecords {
    private StreamRecords() {
    }

    /**
     * @throws MalformedEventException when the event has no {@code Records} list, or a record lacks its sequence
     *                                 number, event name or key
     */
    public static List<StreamRecord> read(Map<String, Object> event) {
        if (!(event.get("Records") instanceof List<?> records)) {
            throw new MalformedEventException("a DynamoDB stream event has a Records list");
        }
        List<StreamRecord> batch = new ArrayList<>(records.size());
        for (Object entry : records) {
            batch.add(record(object(entry, "a record")));
        }
        return batch;
    }

    private static StreamRecord record(Map<String, Object> record) {
        Map<String, Object> dynamodb = object(record.get("dynamodb"), "a record's dynamodb");
        String sequenceNumber = string(dynamodb.get("SequenceNumber"), "dynamodb.SequenceNumber");
        String eventName = string(record.get("eventName"), "eventName");
        Map<String, AttributeValue> keys = image(dynamodb.get("Keys"));
        AttributeValue pk = keys.get(InvoiceTable.PK);
        if (pk == null || pk.s() == null) {
            throw new MalformedEventException("a record's dynamodb.Keys has the table's key " + InvoiceTable.PK);
        }
        return new StreamRecord(sequenceNumber, eventName, pk.s(),
                Optional.ofNullable(dynamodb.get("OldImage")).map(StreamRecords::image),
                Optional.ofNullable(dynamodb.get("NewImage")).map(StreamRecords::image));
    }

    /** An image: attribute names to their typed values. */
    static Map<String, AttributeValue> image(Object value) {
        Map<String, Object> attributes = object(value, "an image");
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        attributes.forEach((name, typed) -> image.put(name, attribute(typed)));
        return image;
    }

    private static AttributeValue attribute(Object value) {
        Map<String, Object> typed = object(value, "an attribute value");
        if (typed.size() != 1) {
            throw new MalformedEventException("an attribute value has one type");
        }
        Map.Entry<String, Object> only = typed.entrySet().iterator().next();
        Object v = only.getValue();
        return switch (only.getKey()) {
            case "S" -> AttributeValue.fromS(string(v, "S"));
            case "N" -> AttributeValue.fromN(number(v));
            case "BOOL" -> AttributeValue.fromBool(bool(v));
            case "NULL" -> AttributeValue.fromNul(bool(v));
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(string(v, "B"))));
            case "SS" -> AttributeValue.fromSs(strings(v, "SS"));
            case "NS" -> AttributeValue.fromNs(list(v, "NS").stream().map(StreamRecords::number).toList());
            case "BS" -> AttributeValue.fromBs(strings(v, "BS").stream()
                    .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "L" -> AttributeValue.fromL(list(v, "L").stream().map(StreamRecords::attribute).toList());
            case "M" -> AttributeValue.fromM(image(v));
            default -> throw new MalformedEventException("an attribute value of an unknown type");
        };
    }

    // Numbers arrive as strings in DynamoDB's JSON; a hand-made file may write them bare. Never through double.
    private static String number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return string(value, "N");
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new MalformedEventException("a BOOL or NULL value is true or false");
    }

    private static List<String> strings(Object value, String what) {
        return list(value, what).stream().map(s -> string(s, what)).toList();
    }

    private static List<?> list(Object value, String what) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new MalformedEventException(what + " is a list");
    }

    private static String string(Object value, String what) {
        if (value instanceof String text) {
            return text;
        }
        throw new MalformedEventException(what + " is a string");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new MalformedEventException(what + " is an object");
    }
}
