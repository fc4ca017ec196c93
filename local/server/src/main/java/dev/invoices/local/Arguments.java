package dev.invoices.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line split into positional arguments and {@code --name value} / {@code --name=value} options.
 * Each command names the options it knows; anything else is a usage error, so a typo never passes silently.
 */
final class Arguments {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    private Arguments() {
    }

    /**
     * @param valued the options that take a value
     * @param flags  the options that take none
     */
    static Arguments parse(List<String> args, Set<String> valued, Set<String> flags) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw LocalFailure.usage("--" + name + " takes no value");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw LocalFailure.usage("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw LocalFailure.usage("unknown option --" + name);
            }
            if (parsed.options.put(name, value) != null) {
                throw LocalFailure.usage("--" + name + " is given twice");
            }
        }
        return parsed;
    }

    List<String> positional() {
        return positional;
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    int intOption(String name, int defaultValue, int min, int max) {
        Optional<String> text = option(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw LocalFailure.usage("--" + name + " must be a whole number from " + min + " to " + max
                + ", not " + text.get());
    }

    void requirePositional(int count, String usage) {
        if (positional.size() != count) {
            throw LocalFailure.usage("usage: " + usage);
        }
    }
}
