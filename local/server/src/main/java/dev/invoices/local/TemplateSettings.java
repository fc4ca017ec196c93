package dev.invoices.local;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The template values that {@link dev.invoices.template.CloudFormationTemplate} does not expose and the local
 * runtime needs: {@code Timeout} and {@code MemorySize} (a function's, else {@code Globals.Function}'s, else
 * Lambda's defaults) and the {@code Default} of each parameter. Only plain scalars are read here; tags are kept
 * as opaque values (the template reader is the faithful one).
 */
final class TemplateSettings {
    /** Lambda's defaults when neither the function nor Globals sets them. */
    static final int DEFAULT_TIMEOUT_SECONDS = 3;
    static final int DEFAULT_MEMORY_MB = 128;

    private final Map<String, Object> root;

    private TemplateSettings(Map<String, Object> root) {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static TemplateSettings read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new TagTolerantConstructor(options)).load(reader);
            return new TemplateSettings(document instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + file, e);
        }
    }

    int timeoutSeconds(Map<String, Object> functionResource) {
        return integer(functionResource, "Timeout").orElse(DEFAULT_TIMEOUT_SECONDS);
    }

    int memoryMb(Map<String, Object> functionResource) {
        return integer(functionResource, "MemorySize").orElse(DEFAULT_MEMORY_MB);
    }

    /** The {@code Default} of parameter {@code name}, when the template declares one. */
    Optional<String> parameterDefault(String name) {
        return map(root.get("Parameters")).flatMap(p -> map(p.get(name)))
                .map(p -> p.get("Default"))
                .filter(v -> v instanceof String || v instanceof Number || v instanceof Boolean)
                .map(String::valueOf);
    }

    private Optional<Integer> integer(Map<String, Object> functionResource, String key) {
        Optional<Object> own = map(functionResource.get("Properties")).map(p -> p.get(key));
        Optional<Object> global = map(root.get("Globals")).flatMap(g -> map(g.get("Function"))).map(f -> f.get(key));
        return own.or(() -> global).flatMap(value -> {
            try {
                return Optional.of(Integer.parseInt(String.valueOf(value)));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> map(Object value) {
        return value instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }

    /** Plain YAML, with any tag ({@code !Ref}, {@code !Sub}, …) read as its untagged value. */
    private static final class TagTolerantConstructor extends SafeConstructor {
        TagTolerantConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return switch (node) {
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> null;
                    };
                }
            });
        }
    }
}
