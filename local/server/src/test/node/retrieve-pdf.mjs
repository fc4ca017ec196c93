// Metronome's official SDK, pointed at the local server: retrievePdf for one invoice, and what came back, as one
// JSON line on stdout. Usage: node retrieve-pdf.mjs BASE_URL CUSTOMER_ID INVOICE_ID
import Metronome from '@metronome/sdk';

const [baseURL, customerId, invoiceId] = process.argv.slice(2);
const client = new Metronome({ bearerToken: 'local-token', baseURL, maxRetries: 0 });
try {
  const response = await client.v1.customers.invoices.retrievePdf({ customer_id: customerId, invoice_id: invoiceId });
  const bytes = Buffer.from(await response.arrayBuffer());
  console.log(JSON.stringify({
    status: response.status,
    contentType: response.headers.get('content-type'),
    etag: response.headers.get('etag'),
    length: bytes.length,
    head: bytes.subarray(0, 5).toString('latin1'),
  }));
} catch (error) {
  console.log(JSON.stringify({ error: error.constructor.name, status: error.status ?? null }));
}
