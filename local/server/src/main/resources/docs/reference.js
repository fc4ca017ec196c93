// The local server's API reference: openapi.yaml in Swagger UI, every request ("Try it out") sent to this
// server, whatever port it listens on (the document's server URL names the default one). With
// `serve --auth-secret`, open /docs?token=<JWT>: the token goes with every request as a bearer token (the
// document's OAuth client-credentials flow points at no real issuer here).
var token = new URLSearchParams(window.location.search).get('token');

// Swagger UI offers an inline PDF as text; this shows it as the document, with a link that opens it.
function PdfDocuments() {
  return {
    wrapComponents: {
      responseBody: function (Original, system) {
        return function (props) {
          var React = system.React;
          var content = props.content;
          if (/^application\/pdf/i.test(props.contentType || '') && content instanceof Blob && content.size > 0) {
            var url = window.URL.createObjectURL(content);
            return React.createElement('div', null,
              React.createElement('h5', null, 'Response body'),
              React.createElement('p', null, React.createElement('a',
                { href: url, target: '_blank', rel: 'noopener', className: 'pdf-document' },
                'Open the document (' + content.size + ' bytes)')),
              React.createElement('iframe', { src: url, title: 'The invoice document',
                style: { width: '100%', height: '640px', border: '1px solid #d9d9d9' } }));
          }
          return React.createElement(Original, props);
        };
      }
    }
  };
}

window.ui = SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  plugins: [PdfDocuments],
  layout: 'BaseLayout',
  docExpansion: 'list',
  tryItOutEnabled: true,
  requestInterceptor: function (request) {
    var url = new URL(request.url, window.location.href);
    if (url.origin !== window.location.origin) {
      request.url = window.location.origin + url.pathname + url.search;
    }
    if (token && !request.headers.Authorization) {
      request.headers.Authorization = 'Bearer ' + token;
    }
    return request;
  }
});
