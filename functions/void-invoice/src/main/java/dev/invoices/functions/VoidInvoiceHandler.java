package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.commands.CommandFunction;
import dev.invoices.config.Dependencies;
import dev.invoices.priming.Priming;
import dev.invoices.service.InvoiceChanges;
import dev.invoices.store.InvoiceStore;
import dev.invoices.voiding.VoidBody;
import dev.invoices.voiding.VoidCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Voids an invoice: {@code POST /v1/invoices/void} through API Gateway, or a {@code Void Invoice} event
 * through EventBridge (told apart by {@code detail-type}, which only EventBridge events have). Both run the same
 * command under the same idempotency, keyed by {@code Idempotency-Key} or by the event id.
 */
public final class VoidInvoiceHandler implements RequestStreamHandler {
    static final String DETAIL_TYPE = "Void Invoice";
    private static final String ROUTE = "POST /v1/invoices/void";

    private final CommandFunction<VoidBody> function;

    /**
     * Lambda's entry: clients and configuration are built once per container, and the request path is primed
     * before a SnapStart snapshot (see {@link Priming}).
     */
    public VoidInvoiceHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(VoidInvoiceHandler::new, "void-event.json");
    }

    /** The function's composition root: everything it runs is built here, once per container. */
    public VoidInvoiceHandler(Dependencies dependencies) {
        VoidCommand command = new VoidCommand(new InvoiceChanges(new InvoiceStore(dependencies.dynamoDb(),
                dependencies.config().tableName()), dependencies.clock()));
        this.function = new CommandFunction<>(dependencies, ROUTE, DETAIL_TYPE, VoidBody::parse, VoidBody::id,
                (caller, body, recorder) -> command.voidInvoice(caller, body.id(), body.reason(), recorder));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        function.handle(input, output, context);
    }
}
