package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.commands.CommandFunction;
import dev.invoices.config.Dependencies;
import dev.invoices.priming.Priming;
import dev.invoices.service.InvoiceChanges;
import dev.invoices.store.InvoiceStore;
import dev.invoices.regeneration.RegenerateBody;
import dev.invoices.regeneration.RegenerateCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Regenerates an invoice: {@code POST /v1/invoices/regenerate} through API Gateway, or a {@code Regenerate
 * Invoice} event through EventBridge (told apart by {@code detail-type}, which only EventBridge events have).
 * The hourly refresh of every draft is another function ({@link RefreshDraftsHandler}), with its own time limit
 * and role.
 */
public final class RegenerateInvoiceHandler implements RequestStreamHandler {
    static final String DETAIL_TYPE = "Regenerate Invoice";
    private static final String ROUTE = "POST /v1/invoices/regenerate";

    private final CommandFunction<RegenerateBody> function;

    /**
     * Lambda's entry: clients and configuration are built once per container, and the request path is primed
     * before a SnapStart snapshot (see {@link Priming}).
     */
    public RegenerateInvoiceHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(RegenerateInvoiceHandler::new, "regenerate-event.json");
    }

    /** The function's composition root: everything it runs is built here, once per container. */
    public RegenerateInvoiceHandler(Dependencies dependencies) {
        RegenerateCommand command = new RegenerateCommand(new InvoiceChanges(new InvoiceStore(dependencies.dynamoDb(),
                dependencies.config().tableName()), dependencies.clock()), dependencies.clock());
        this.function = new CommandFunction<>(dependencies, ROUTE, DETAIL_TYPE, RegenerateBody::parse, RegenerateBody::id,
                (caller, body, recorder) -> command.regenerate(caller, body.id(), recorder));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        function.handle(input, output, context);
    }
}
