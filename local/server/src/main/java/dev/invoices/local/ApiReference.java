package dev.invoices.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code GET /docs}: {@code openapi.yaml} as an interactive reference, made with Swagger UI from its webjar
 * ({@code org.webjars:swagger-ui}, Apache-2.0), served from this jar with no network. The page's requests go to
 * this server ({@code docs/reference.js}). Only the named files are served, so no path reaches anything else on
 * the classpath.
 */
final class ApiReference {
    static final String PATH = "/docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> OWN = Map.of(
            "", "docs/index.html",
            "/", "docs/index.html",
            "/reference.js", "docs/reference.js");
    private static final Map<String, String> FROM_WEBJAR = Map.of(
            "/swagger-ui.css", "swagger-ui.css",
            "/swagger-ui-bundle.js", "swagger-ui-bundle.js",
            "/favicon-32x32.png", "favicon-32x32.png");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png");

    /** A file of the reference. */
    record File(String contentType, byte[] body) {
    }

    private final String webjarRoot;

    ApiReference() {
        this.webjarRoot = WEBJAR + version() + "/";
    }

    /** Whether a request path is the reference's. */
    static boolean owns(String rawPath) {
        return rawPath.equals(PATH) || rawPath.startsWith(PATH + "/");
    }

    /** The file at this path, or empty when the reference has none there. */
    Optional<File> file(String rawPath) {
        String rest = rawPath.substring(PATH.length());
        String resource = OWN.containsKey(rest) ? OWN.get(rest)
                : FROM_WEBJAR.containsKey(rest) ? webjarRoot + FROM_WEBJAR.get(rest) : null;
        if (resource == null) {
            return Optional.empty();
        }
        try (InputStream in = ApiReference.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            String extension = resource.substring(resource.lastIndexOf('.') + 1);
            return Optional.of(new File(TYPES.get(extension), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's version, from its Maven properties: the folder its files are in. */
    private static String version() {
        try (InputStream in = ApiReference.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new LocalFailure("the Swagger UI webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
