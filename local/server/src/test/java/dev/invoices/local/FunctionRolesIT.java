package dev.invoices.local;

import dev.invoices.devtools.SamExpansion;
import dev.invoices.template.CloudFormationTemplate;
import dev.invoices.template.CloudFormationTemplate.FunctionDefinition;
import dev.invoices.testing.DynamoDbCall;
import dev.invoices.testing.DynamoDbCallRecorder;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Integration test of the functions' IAM roles, as AWS's SAM translator expands template.yaml, against the
 * DynamoDB calls each function's handlers made in its module's tests (and, for the publisher, the stream reads its
 * event source mapping makes with its role and its PutEvents calls, recorded by FunctionCallRecorder) ({@code functions/*}/{@value
 * DynamoDbCallRecorder#FILE}, written by {@link DynamoDbCallRecorder}; this module builds after every function
 * module). It proves both ways: every call a handler made is allowed by its function's role (action, table or
 * index, and the partition key's prefix where a statement has a LeadingKeys condition), and the role allows no
 * DynamoDB or EventBridge access that no call needed, save the exceptions listed here with their reason. Only
 * the DynamoDB and EventBridge statements are evaluated; a statement of a shape {@link DynamoDbGrants} does not understand fails the test.
 */
class FunctionRolesIT {
    /** A function's grant that no test needs, kept on purpose. */
    private record Kept(String function, DynamoDbGrants.Grant grant) {
    }

    /** The grants no test needs, kept on purpose, with their reason: none, today. */
    private static final Map<Kept, String> EXCEPTIONS = Map.of();

    private static final Comparator<DynamoDbCall> ORDER = Comparator.comparing(DynamoDbCall::line);

    private static final Map<String, DynamoDbGrants> roles = new TreeMap<>();
    private static final Map<String, Set<DynamoDbCall>> calls = new TreeMap<>();

    @BeforeAll
    static void readRolesAndCalls() {
        Path templateFile = RepositoryFiles.path("template.yaml");
        CloudFormationTemplate template = CloudFormationTemplate.read(templateFile);
        Set<String> tables = Set.copyOf(template.tableLogicalIds());
        Set<String> buses = ofType(template.resources(), "AWS::Events::EventBus");
        Map<String, Object> resources = map(SamExpansion.expand(templateFile, Map.of()).get("Resources"));
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy")) {
            assertEquals(Set.of(), ofType(resources, type),
                    "policies outside the roles could grant more than this test reads");
        }
        Map<String, FunctionDefinition> functions = template.functions();
        assertEquals(functions.keySet(), ofType(resources, "AWS::Lambda::Function"),
                "the deployed functions are the template's");

        Map<String, String> roleOfFunction = new LinkedHashMap<>();
        for (String function : functions.keySet()) {
            Object role = map(map(resources.get(function)).get("Properties")).get("Role");
            if (!(role instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> attribute
                    && attribute.size() == 2 && "Arn".equals(attribute.get(1)))) {
                throw new AssertionError(function + "'s Role is not a role of the template: " + role);
            }
            String roleId = (String) attribute.getFirst();
            assertTrue(!roleOfFunction.containsValue(roleId), function + " shares " + roleId);
            roleOfFunction.put(function, roleId);
            roles.put(function, DynamoDbGrants.of(roleId, map(resources.get(roleId)), tables, buses));
        }

        Map<Path, List<DynamoDbCall>> files = new LinkedHashMap<>();
        for (FunctionDefinition function : functions.values()) {
            String module = function.codeUri().substring(0, function.codeUri().indexOf("/target/"));
            Path file = RepositoryFiles.path(module + "/" + DynamoDbCallRecorder.FILE);
            if (!Files.isRegularFile(file)) {
                fail("no calls recorded for " + function.logicalId() + ": run the function modules' tests first ("
                        + file + " is missing)");
            }
            files.computeIfAbsent(file, FunctionRolesIT::read);
        }
        files.values().forEach(recorded -> recorded.forEach(call ->
                calls.computeIfAbsent(call.function(), f -> new TreeSet<>(ORDER)).add(call)));
        assertEquals(Set.of(), calls.keySet().stream().filter(f -> !functions.containsKey(f))
                        .collect(Collectors.toSet()),
                "handlers the template does not name made calls");
        for (String function : functions.keySet()) {
            if (!calls.containsKey(function)) {
                fail("no calls recorded for " + function + ": run the function modules' tests first");
            }
        }
        List<DynamoDbCall> unreadable = calls.values().stream().flatMap(Set::stream)
                .filter(call -> !(tables.contains(call.table()) || buses.contains(call.table()))
                        || call.keyPrefix().equals("?"))
                .toList();
        assertEquals(List.of(), unreadable,
                "calls on no table or bus of the template, or on a key with no partition key");
        System.out.println(table());
    }

    @Test
    void everyDynamoDbCallAFunctionsTestsMade_isAllowedByItsRole() {
        // given the calls each function's handlers made, and its role
        List<String> denied = new ArrayList<>();

        // when each call is evaluated against the role's statements
        calls.forEach((function, made) -> made.stream()
                .filter(call -> !roles.get(function).allows(call))
                .forEach(call -> denied.add(function + " (" + roles.get(function).role() + ") is denied "
                        + describe(call))));

        // then none is denied
        assertEquals(List.of(), denied);
    }

    @Test
    void noRoleAllowsDynamoDbAccessItsFunctionNeverNeeded_saveTheListedExceptions() {
        // given each role's grants
        List<String> unneeded = new ArrayList<>();
        List<String> staleExceptions = new ArrayList<>();

        // when each grant is looked for among its function's calls
        roles.forEach((function, role) -> {
            for (DynamoDbGrants.Grant grant : role.grants()) {
                List<DynamoDbCall> using = calls.get(function).stream().filter(grant::allows).toList();
                if (!needed(function, grant) && !EXCEPTIONS.containsKey(new Kept(function, grant))) {
                    unneeded.add(function + " (" + role.role() + ") allows " + grant + (using.isEmpty()
                            ? ", which no call needed"
                            : ", where the calls needed only " + using.stream().map(DynamoDbCall::keyPrefix)
                                    .collect(Collectors.toCollection(TreeSet::new))
                                    + ": give it a dynamodb:LeadingKeys condition"));
                }
            }
        });
        EXCEPTIONS.forEach((kept, reason) -> {
            if (!roles.get(kept.function()).grants().contains(kept.grant())) {
                staleExceptions.add(kept + " is listed as an exception, but its role no longer grants it");
            } else if (needed(kept.function(), kept.grant())) {
                staleExceptions.add(kept + " is listed as an exception, but the tests now need it");
            }
        });

        // then every grant was needed, or is an exception that still holds
        assertEquals(List.of(), unneeded);
        assertEquals(List.of(), staleExceptions);
    }

    /** Whether some call needed the grant, and the grant is no wider than a key prefix. */
    private static boolean needed(String function, DynamoDbGrants.Grant grant) {
        return !grant.keys().equals(DynamoDbGrants.EVERY_KEY) && calls.get(function).stream().anyMatch(grant::allows);
    }

    private static String describe(DynamoDbCall call) {
        return call.action() + " on " + call.table()
                + (call.index().equals(DynamoDbCall.NONE) ? ""
                : call.index().equals(DynamoDbGrants.STREAM) ? "'s stream" : "/index/" + call.index())
                + (call.keyPrefix().equals(DynamoDbCall.NONE) ? "" : " key " + call.keyPrefix() + "…")
                + (call.operation().equals(call.action().substring(call.action().indexOf(':') + 1))
                ? "" : " (in " + call.operation() + ")");
    }

    /** What the tests recorded, one line per function and authorisation, for the build's log. */
    private static String table() {
        StringBuilder out = new StringBuilder("DynamoDB calls of the functions' tests:\n");
        calls.forEach((function, made) -> made.forEach(call ->
                out.append("  ").append(function).append(": ").append(describe(call)).append('\n')));
        return out.toString();
    }

    private static List<DynamoDbCall> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(DynamoDbCall::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> ofType(Map<String, Object> resources, String type) {
        return resources.entrySet().stream()
                .filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
