package dev.invoices.http;

import dev.invoices.config.Dependencies;
import dev.invoices.events.CommandEvents;
import dev.invoices.idempotency.IdempotencyStore;
import dev.invoices.service.InvoiceCommands;
import dev.invoices.store.InvoiceStore;

/**
 * What the void and regenerate functions share, built once per container: the commands, their idempotent
 * execution over HTTP and EventBridge, and the authorization of HTTP requests.
 */
public record CommandRoutes(InvoiceCommands commands, IdempotentExecution execution, CommandEvents events,
                            Authorization authorization) {

    public static CommandRoutes from(Dependencies dependencies) {
        String table = dependencies.config().tableName();
        InvoiceCommands commands = new InvoiceCommands(new InvoiceStore(dependencies.dynamoDb(), table),
                dependencies.clock());
        IdempotentExecution execution = new IdempotentExecution(
                new IdempotencyStore(dependencies.dynamoDb(), table, dependencies.clock()));
        return new CommandRoutes(commands, execution, new CommandEvents(execution),
                new Authorization(dependencies.config().authorizationRequired()));
    }
}
