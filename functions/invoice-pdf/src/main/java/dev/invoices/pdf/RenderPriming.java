package dev.invoices.pdf;

import dev.invoices.json.InvoiceJson;
import dev.invoices.model.Invoice;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The render path's part of SnapStart priming, beside the request priming ({@code dev.invoices.priming.Priming}),
 * whose request renders a finalized invoice: this renders the synthetic invoice of {@code priming/invoice.json} as
 * it stands (void, tiered, with adjustments and a replacement), so that the stamp and the lines a finalized
 * invoice lacks are warm too, and builds its response before the snapshot: PDFBox's classes, the parsed fonts,
 * subsetting and compression are warm after a restore. Like the request priming it runs at once under provisioned concurrency, and never fails a start.
 */
public final class RenderPriming implements Resource {
    /** org.crac holds resources weakly. */
    private static final List<RenderPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final InvoicePdf renderer;

    private RenderPriming(InvoicePdf renderer) {
        this.renderer = renderer;
    }

    public static void register(InvoicePdf renderer) {
        RenderPriming priming = new RenderPriming(renderer);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        if ("provisioned-concurrency".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            priming.prime();
        }
    }

    /** The priming, not registered: for tests. */
    public static RenderPriming of(InvoicePdf renderer) {
        return new RenderPriming(renderer);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    public void prime() {
        try {
            run();
        } catch (RuntimeException ignored) {
            // An optimisation only: a render that fails here fails again, visibly, on a real request.
        }
    }

    /** Renders the synthetic invoice and returns the document. */
    public byte[] run() {
        Invoice invoice = InvoiceJson.read(resource());
        byte[] pdf = renderer.render(invoice);
        PdfResponses.document(invoice, pdf);
        PdfResponses.matches(InvoicePdf.etag(invoice), InvoicePdf.etag(invoice));
        return pdf;
    }

    private static String resource() {
        try (InputStream in = RenderPriming.class.getResourceAsStream("/priming/invoice.json")) {
            if (in == null) {
                throw new IllegalStateException("missing priming resource invoice.json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
