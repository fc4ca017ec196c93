package dev.invoices.events;

import java.util.Map;

/**
 * An EventBridge event as Lambda receives it. Functions that take both API Gateway and EventBridge input
 * dispatch on {@code detail-type}, a field only EventBridge events have.
 */
public record EventBridgeEvent(String id, String detailType, String source, Map<String, Object> detail) {
    public static final String SCHEDULED = "Scheduled Event";

    public EventBridgeEvent {
        detail = Map.copyOf(detail);
    }

    public static boolean isEventBridge(Map<String, Object> event) {
        return event.containsKey("detail-type");
    }

    /**
     * Reads an event; a malformed one fails with {@link MalformedEventException}, so that Lambda's retries and
     * then the dead-letter queue get it.
     */
    @SuppressWarnings("unchecked")
    public static EventBridgeEvent from(Map<String, Object> event) {
        if (!(event.get("id") instanceof String id) || id.isBlank() || id.length() > 255) {
            throw new MalformedEventException("the event has no usable id");
        }
        if (!(event.get("detail-type") instanceof String detailType)) {
            throw new MalformedEventException("the event has no detail-type");
        }
        Object detail = event.get("detail");
        if (detail != null && !(detail instanceof Map<?, ?>)) {
            throw new MalformedEventException("the event's detail is not an object");
        }
        return new EventBridgeEvent(id, detailType, event.get("source") instanceof String source ? source : "",
                detail == null ? Map.of() : (Map<String, Object>) detail);
    }

    /** Fails unless this event is of {@code expected} detail-type. */
    public EventBridgeEvent requireDetailType(String expected) {
        if (!expected.equals(detailType)) {
            throw new MalformedEventException("this function takes \"" + expected + "\" events, not another type");
        }
        return this;
    }
}
