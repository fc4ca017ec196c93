// The local server's API reference: openapi.yaml in Swagger UI, every request ("Try it out") sent to this
// server, whatever port it listens on (the document's server URL names the default one).
window.ui = SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  docExpansion: 'list',
  tryItOutEnabled: true,
  requestInterceptor: function (request) {
    var url = new URL(request.url, window.location.href);
    if (url.origin !== window.location.origin) {
      request.url = window.location.origin + url.pathname + url.search;
    }
    return request;
  }
});
