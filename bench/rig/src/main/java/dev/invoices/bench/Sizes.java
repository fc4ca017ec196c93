package dev.invoices.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** What a deployable jar weighs, and what it carries, by library (uncompressed bytes). */
final class Sizes {
    private Sizes() {
    }

    static long bytes(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any entry's path contains {@code fragment}. */
    static boolean carries(Path jar, String fragment) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(entry -> entry.getName().contains(fragment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uncompressed bytes by library: SDK modules by name, then our code, Jackson, the Lambda library, the rest. */
    static Map<String, Long> contents(Path jar) {
        Map<String, Long> bytes = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    bytes.merge(library(entry.getName()), Math.max(0, entry.getSize()), Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    private static String library(String name) {
        String[] parts = name.split("/");
        if (name.startsWith("software/amazon/awssdk/crt/")) {
            return "aws-crt";
        }
        if (name.startsWith("software/amazon/awssdk/") && parts.length > 5
                && (parts[3].equals("services") || parts[3].equals("thirdparty"))) {
            return "awssdk " + parts[3] + "/" + parts[4];
        }
        if (name.startsWith("software/amazon/awssdk/") && parts.length > 4) {
            return "awssdk " + parts[3];
        }
        if (name.startsWith("software/amazon/eventstream/")) {
            return "eventstream";
        }
        if (name.startsWith("dev/invoices/") || name.startsWith("priming/")) {
            return "invoices (ours)";
        }
        if (name.startsWith("com/fasterxml/jackson/")) {
            return "jackson-core";
        }
        if (name.startsWith("com/amazonaws/services/lambda/")) {
            return "aws-lambda-java-core";
        }
        if (name.startsWith("org/reactivestreams/")) {
            return "reactive-streams";
        }
        if (name.startsWith("org/slf4j/")) {
            return "slf4j-api";
        }
        if (name.startsWith("org/crac/")) {
            return "org.crac";
        }
        if (name.startsWith("META-INF/")) {
            return "META-INF";
        }
        return "other: " + (parts.length > 1 ? parts[0] + "/" + parts[1] : parts[0]);
    }
}
