// The local server's /docs in headless Chromium (Debian's, driven by playwright-core): the operations the page
// shows, every console error or warning and page error, any request that leaves the local server, and the PDF
// route tried out from the page. One JSON line on stdout. Usage: node docs-page.mjs BASE_URL CHROMIUM CUSTOMER INVOICE
import { chromium } from 'playwright-core';

const [base, executablePath, customerId, invoiceId] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = { problems: [], external: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') result.problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => result.problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (/^https?:/.test(r.url()) && !r.url().startsWith(base)) result.external.push(r.url()); });
  await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
  await page.waitForSelector('.opblock-summary-path');
  result.operations = await page.$$eval('.opblock', (els) => els.map((e) =>
    e.querySelector('.opblock-summary-method').textContent + ' ' + e.querySelector('.opblock-summary-path').getAttribute('data-path')));
  const op = page.locator('#operations-invoices-retrieveInvoicePdf');
  await op.locator('.opblock-summary').click();
  await op.locator('input[placeholder="customer_id"]').fill(customerId);
  await op.locator('input[placeholder="invoice_id"]').fill(invoiceId);
  await op.locator('button.execute').click();
  await op.locator('a.pdf-document').waitFor({ timeout: 20000 });
  result.requestUrl = (await op.locator('.request-url pre').textContent()).trim();
  result.document = (await op.locator('a.pdf-document').textContent()).trim();
} catch (error) {
  result.error = String(error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
