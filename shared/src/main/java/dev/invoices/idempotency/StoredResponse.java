package dev.invoices.idempotency;

import java.util.Map;

/** The first answer to an idempotent request, kept to be replayed. */
public record StoredResponse(int status, Map<String, String> headers, String body) {
    public StoredResponse {
        headers = Map.copyOf(headers);
    }
}
