package dev.invoices.devtools;

import dev.invoices.template.CloudFormationTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code sam deploy} creates, checked on the template as AWS's SAM translator expands it (not on the YAML,
 * which SAM may silently reinterpret): dead letters go to the queue we declared and watch, every event source may
 * invoke the alias it targets, platform and access logs are kept, a change to any function property reaches the
 * alias, an alarm watches every failure path, and the table survives mistakes.
 */
class DeployTruthIT {
    private static final String QUEUE = "CommandsDeadLetterQueue";
    private static final String EVENTS_FAILURE_QUEUE = "InvoiceEventsFailureQueue";
    private static final String WEBHOOK_QUEUE = "WebhookDeadLetterQueue";
    private static final String WEBHOOK_RULE = "WebhookRule";
    private static final String PUBLISHER = "PublishEventsFunction";

    private static Path template;
    private static Map<String, Object> resources;

    @BeforeAll
    static void expand() {
        template = RepositoryRoot.require().resolve("template.yaml");
        resources = map(SamExpansion.expand(template, Map.of()).get("Resources"));
    }

    @Test
    void everyQueueIsOneTheTemplateDeclares_andEveryDeadLetterGoesToIt() {
        // given
        Set<String> declared = ofType(CloudFormationTemplate.read(template).resources(), "AWS::SQS::Queue");
        List<Object> deadLetterTargets = new ArrayList<>();

        // when
        for (String rule : ofType(resources, "AWS::Events::Rule")) {
            for (Object target : list(properties(rule).get("Targets"))) {
                Object arn = map(map(target).get("DeadLetterConfig")).get("Arn");
                if (rule.equals(WEBHOOK_RULE)) {
                    assertEquals(Map.of("Fn::GetAtt", List.of(WEBHOOK_QUEUE, "Arn")), arn, rule);
                } else {
                    deadLetterTargets.add(arn);
                }
            }
        }
        for (String config : ofType(resources, "AWS::Lambda::EventInvokeConfig")) {
            deadLetterTargets.add(map(map(map(properties(config).get("DestinationConfig")).get("OnFailure")))
                    .get("Destination"));
        }

        // then
        assertEquals(Set.of(QUEUE, EVENTS_FAILURE_QUEUE, WEBHOOK_QUEUE), declared);
        assertEquals(declared, ofType(resources, "AWS::SQS::Queue"), "SAM creates no queue of its own");
        assertEquals(13, deadLetterTargets.size(),
                "ten rules (void, regenerate, a schedule per draft shard) and three asynchronous functions");
        deadLetterTargets.forEach(arn -> assertEquals(Map.of("Fn::GetAtt", List.of(QUEUE, "Arn")), arn));
    }

    @Test
    void theTablesStream_feedsThePublisherAlias_reportingBatchItemFailures_withBoundedRetries_andAFailureQueue() {
        // given
        assertEquals(Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"), properties("InvoicesTable").get("StreamSpecification"));
        Set<String> mappings = ofType(resources, "AWS::Lambda::EventSourceMapping");

        // then: one mapping, on the table's stream, to the publisher's alias
        assertEquals(1, mappings.size());
        Map<String, Object> mapping = properties(mappings.iterator().next());
        assertEquals(Map.of("Fn::GetAtt", List.of("InvoicesTable", "StreamArn")), mapping.get("EventSourceArn"));
        assertEquals(Map.of("Ref", PUBLISHER + "Aliaslive"), mapping.get("FunctionName"));
        assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes"));
        assertEquals(true, mapping.get("BisectBatchOnFunctionError"));
        assertEquals("TRIM_HORIZON", mapping.get("StartingPosition"));
        int retries = ((Number) mapping.get("MaximumRetryAttempts")).intValue();
        assertTrue(retries > 0 && retries <= 10, "retries are bounded: " + retries);
        assertEquals(86400, ((Number) mapping.get("MaximumRecordAgeInSeconds")).intValue());
        assertEquals(Map.of("Fn::GetAtt", List.of(EVENTS_FAILURE_QUEUE, "Arn")),
                map(map(map(mapping.get("DestinationConfig")).get("OnFailure"))).get("Destination"));
        String filter = String.valueOf(map(list(map(mapping.get("FilterCriteria")).get("Filters")).getFirst())
                .get("Pattern"));
        assertTrue(filter.contains("\"prefix\": \"INVOICE#\""), "only invoice items invoke the publisher: " + filter);
    }

    @Test
    void theWebhook_isCreatedOnlyWithAUrl_andPostsEveryEventOfTheBus_retried_withADeadLetterQueue() {
        for (String id : List.of("WebhookConnection", "WebhookDestination", WEBHOOK_RULE, "WebhookRole", WEBHOOK_QUEUE,
                "WebhookDeadLetterQueuePolicy", "WebhookRuleFailedAlarm", "WebhookDeadLetterQueueAlarm")) {
            assertEquals("HasWebhook", map(resources.get(id)).get("Condition"), id);
        }
        Map<String, Object> rule = properties(WEBHOOK_RULE);
        assertEquals(Map.of("Ref", "InvoiceEventsBus"), rule.get("EventBusName"));
        assertEquals(Map.of("source", List.of(Map.of("Ref", "EventSource"))), rule.get("EventPattern"));
        Map<String, Object> target = map(list(rule.get("Targets")).getFirst());
        assertEquals(Map.of("Fn::GetAtt", List.of("WebhookDestination", "Arn")), target.get("Arn"));
        assertTrue(map(target.get("RetryPolicy")).containsKey("MaximumRetryAttempts"));
    }

    @Test
    void everyEventSource_targetsTheLiveAlias_andMayInvokeIt() {
        // given: each rule's target, and each permission's function and source
        Map<Object, List<Object>> permittedSources = ofType(resources, "AWS::Lambda::Permission").stream()
                .map(DeployTruthIT::properties)
                .collect(Collectors.groupingBy(p -> p.get("FunctionName"),
                        Collectors.mapping(p -> p.get("SourceArn"), Collectors.toList())));

        // then: every rule targets an alias, which the rule may invoke; a command rule takes one source only
        for (String rule : ofType(resources, "AWS::Events::Rule")) {
            if (rule.equals(WEBHOOK_RULE)) {
                continue; // an API destination, not a function (the test above)
            }
            Map<String, Object> pattern = map(properties(rule).get("EventPattern"));
            if (pattern.containsKey("detail-type")) {
                assertEquals(List.of(Map.of("Ref", "CommandSource")), pattern.get("source"),
                        rule + " takes its detail-type from any sender on the bus");
            }
            Object alias = map(list(properties(rule).get("Targets")).getFirst()).get("Arn");
            assertTrue(alias instanceof Map<?, ?> ref && String.valueOf(ref.get("Ref")).endsWith("Aliaslive"),
                    rule + " targets " + alias);
            assertTrue(permittedSources.getOrDefault(alias, List.of())
                    .contains(Map.of("Fn::GetAtt", List.of(rule, "Arn"))), rule + " may not invoke " + alias);
        }
        // and every route's integration calls an alias that API Gateway may invoke
        for (String integration : ofType(resources, "AWS::ApiGatewayV2::Integration")) {
            Object uri = properties(integration).get("IntegrationUri");
            assertTrue(String.valueOf(uri).contains("Aliaslive"), integration + " calls " + uri);
        }
        // (an event source mapping invokes with the function's own role, and needs no permission)
        Set<Object> mapped = ofType(resources, "AWS::Lambda::EventSourceMapping").stream()
                .map(mapping -> properties(mapping).get("FunctionName")).collect(Collectors.toSet());
        for (String function : ofType(resources, "AWS::Lambda::Function")) {
            List<Object> sources = permittedSources.getOrDefault(Map.of("Ref", function + "Aliaslive"), List.of());
            assertTrue(!sources.isEmpty() || mapped.contains(Map.of("Ref", function + "Aliaslive")),
                    function + "'s alias may be invoked by nothing");
            assertTrue(!permittedSources.containsKey(Map.of("Ref", function)),
                    function + " itself (not its alias) may be invoked: that would bypass the published version");
        }
    }

    @Test
    void platformLogsAreKept_asJson_andTheApiWritesAJsonAccessLog() {
        for (String function : ofType(resources, "AWS::Lambda::Function")) {
            Map<String, Object> logging = map(properties(function).get("LoggingConfig"));
            assertEquals("JSON", logging.get("LogFormat"), function);
            // START/REPORT lines (duration, memory, SnapStart restore) are INFO: WARN would drop them.
            assertTrue(Set.of("INFO", "DEBUG").contains(String.valueOf(logging.get("SystemLogLevel"))),
                    function + " keeps platform logs at " + logging.get("SystemLogLevel"));
        }
        Set<String> stages = ofType(resources, "AWS::ApiGatewayV2::Stage");
        assertEquals(1, stages.size());
        Map<String, Object> accessLog = map(properties(stages.iterator().next()).get("AccessLogSettings"));
        assertTrue(accessLog.get("DestinationArn") instanceof Map<?, ?>, "the stage writes an access log");
        Object declared = accessLog.get("Format");
        String format = String.valueOf(declared instanceof Map<?, ?> sub ? sub.get("Fn::Sub") : declared);
        for (String field : List.of("$context.requestId", "$context.routeKey", "$context.status",
                "$context.responseLatency", "$context.integrationErrorMessage", "$context.authorizer.error",
                "$context.authorizer.claims.${CustomerClaim}")) {
            assertTrue(format.contains(field), "the access log holds " + field + ": " + format);
        }
        assertTrue(format.startsWith("{") && format.endsWith("}"), "one JSON object per request: " + format);
    }

    @Test
    void aChangeToAnyFunctionProperty_publishesANewVersionForTheAlias(@TempDir Path dir) throws IOException {
        // given: the same template with only the functions' tracing changed (no code change; without
        // AutoPublishAliasAllProperties SAM would keep the versions, and `live` would run the old configuration)
        String yaml = Files.readString(template);
        assertTrue(yaml.contains("    Tracing: Active\n"));
        Path changed = dir.resolve("template.yaml");
        Files.writeString(changed, yaml.replace("    Tracing: Active\n", "    Tracing: PassThrough\n"));

        // when
        Set<String> before = ofType(resources, "AWS::Lambda::Version");
        Set<String> after = ofType(map(SamExpansion.expand(changed, Map.of()).get("Resources")), "AWS::Lambda::Version");

        // then: SAM names a version by a hash of what it publishes; every one changed, so `live` moves
        assertEquals(ofType(resources, "AWS::Lambda::Function").size(), before.size(), "a version per function");
        before.forEach(version -> assertTrue(!after.contains(version), version + " was not republished"));
        assertNotEquals(before, after);
    }

    @Test
    void theDocumentRoute_runsInItsOwnFunction_withTheGetRoutesScopes_onSnapStart() {
        // given: the routes as the HTTP API's OpenAPI body has them
        Map<String, Object> paths = map(map(properties("InvoicesApi").get("Body")).get("paths"));
        Map<String, Object> pdf = map(map(paths.get("/v1/customers/{customer_id}/invoices/{invoice_id}/pdf")).get("get"));
        Map<String, Object> get = map(map(paths.get("/v1/customers/{customer_id}/invoices/{invoice_id}")).get("get"));

        // then: the document has the get route's authorization, and its own function, jar and role
        assertEquals(get.get("security"), pdf.get("security"));
        assertEquals(List.of(Map.of("InvoicesJwt", List.of(Map.of("Ref", "ReadScope"), Map.of("Ref", "AdminScope")))),
                pdf.get("security"));
        assertTrue(String.valueOf(map(pdf.get("x-amazon-apigateway-integration")).get("uri"))
                .contains("${InvoicePdfFunctionAliaslive}"), String.valueOf(pdf));
        assertTrue(String.valueOf(map(get.get("x-amazon-apigateway-integration")).get("uri"))
                .contains("${GetInvoiceFunctionAliaslive}"), String.valueOf(get));
        Map<String, CloudFormationTemplate.FunctionDefinition> functions = CloudFormationTemplate.read(template).functions();
        assertEquals("functions/invoice-pdf/target/function.jar", functions.get("InvoicePdfFunction").codeUri());
        assertEquals("functions/get-invoice/target/function.jar", functions.get("GetInvoiceFunction").codeUri());
        assertEquals(Map.of("Fn::GetAtt", List.of("InvoicePdfRole", "Arn")), properties("InvoicePdfFunction").get("Role"));
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), properties("InvoicePdfFunction").get("SnapStart"));
    }

    @Test
    void anAlarmWatchesEveryFailurePath() {
        // given: what each alarm watches, as namespace/metric/dimension value
        Set<String> watched = new TreeSet<>();
        for (String alarm : ofType(resources, "AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = properties(alarm);
            for (Object dimension : list(p.getOrDefault("Dimensions", List.of()))) {
                watched.add(p.get("Namespace") + "/" + p.get("MetricName") + "/" + reference(map(dimension).get("Value")));
            }
            assertTrue(p.containsKey("AlarmActions"), alarm + " notifies no one");
        }

        // then
        List<String> missing = new ArrayList<>();
        for (String function : ofType(resources, "AWS::Lambda::Function")) {
            expect(watched, missing, "AWS/Lambda/Errors/" + function);
            expect(watched, missing, "AWS/Lambda/Throttles/" + function);
        }
        for (String config : ofType(resources, "AWS::Lambda::EventInvokeConfig")) {
            expect(watched, missing, "AWS/Lambda/DestinationDeliveryFailures/"
                    + reference(properties(config).get("FunctionName")));
        }
        for (String rule : ofType(resources, "AWS::Events::Rule")) {
            expect(watched, missing, "AWS/Events/FailedInvocations/" + rule);
        }
        for (String mapping : ofType(resources, "AWS::Lambda::EventSourceMapping")) {
            String function = reference(properties(mapping).get("FunctionName")).replace("Aliaslive", "");
            expect(watched, missing, "AWS/Lambda/IteratorAge/" + function);
        }
        for (String queue : ofType(resources, "AWS::SQS::Queue")) {
            expect(watched, missing, "AWS/SQS/ApproximateNumberOfMessagesVisible/" + queue);
        }
        for (String table : ofType(resources, "AWS::DynamoDB::Table")) {
            expect(watched, missing, "AWS/DynamoDB/ReadThrottleEvents/" + table);
            expect(watched, missing, "AWS/DynamoDB/WriteThrottleEvents/" + table);
        }
        expect(watched, missing, "AWS/ApiGateway/5xx/InvoicesApi");
        assertEquals(List.of(), missing, "watched: " + watched);
    }

    @Test
    void theScopesAndCustomerClaim_areParameters_thatTheAuthorizerAndEveryHandlerBothRead() {
        Map<String, Object> api = properties(ofType(resources, "AWS::ApiGatewayV2::Api").iterator().next());
        Map<String, Object> paths = map(map(api.get("Body")).get("paths"));
        assertTrue(!paths.isEmpty(), "the API's routes");
        paths.forEach((path, operations) -> map(operations).forEach((method, operation) -> {
            Object scope = method.equals("post") ? Map.of("Ref", "WriteScope") : Map.of("Ref", "ReadScope");
            assertEquals(List.of(Map.of("InvoicesJwt", List.of(scope, Map.of("Ref", "AdminScope")))),
                    map(operation).get("security"), method + " " + path);
        }));
        for (String function : ofType(resources, "AWS::Lambda::Function")) {
            Map<String, Object> variables = map(map(properties(function).get("Environment")).get("Variables"));
            assertEquals(List.of(Map.of("Ref", "ReadScope"), Map.of("Ref", "WriteScope"), Map.of("Ref", "AdminScope"),
                            Map.of("Ref", "CustomerClaim")),
                    List.of(variables.get("READ_SCOPE"), variables.get("WRITE_SCOPE"), variables.get("ADMIN_SCOPE"),
                            variables.get("CUSTOMER_CLAIM")), function);
        }
    }

    @Test
    void aDeployedFunction_declaresNoDynamoDbEndpoint_unlessTheSamLocalParameterIsSet() {
        CloudFormationTemplate source = CloudFormationTemplate.read(template);
        assertEquals(java.util.Optional.of(""), source.parameterDefault("LocalDynamoDbEndpoint"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "LocalDynamoDbEndpoint"), "")))),
                source.conditions().get("HasLocalDynamoDbEndpoint"));
        for (String function : ofType(resources, "AWS::Lambda::Function")) {
            Map<String, Object> variables = map(map(properties(function).get("Environment")).get("Variables"));
            assertEquals(Map.of("Fn::If", List.of("HasLocalDynamoDbEndpoint", Map.of("Ref", "LocalDynamoDbEndpoint"),
                    Map.of("Ref", "AWS::NoValue"))), variables.get("AWS_ENDPOINT_URL_DYNAMODB"), function);
            assertEquals(Set.of(), variables.keySet().stream().filter(name -> name.startsWith("AWS_ENDPOINT_URL")
                    && !name.equals("AWS_ENDPOINT_URL_DYNAMODB")).collect(Collectors.toSet()), function);
        }
    }

    @Test
    void theTable_hasDeletionProtectionAndPointInTimeRecovery_andIsRetained() {
        for (String table : ofType(resources, "AWS::DynamoDB::Table")) {
            Map<String, Object> resource = map(resources.get(table));
            assertEquals(true, properties(table).get("DeletionProtectionEnabled"), table);
            assertEquals(Map.of("PointInTimeRecoveryEnabled", true),
                    properties(table).get("PointInTimeRecoverySpecification"), table);
            assertEquals("Retain", resource.get("DeletionPolicy"), table);
            assertEquals("Retain", resource.get("UpdateReplacePolicy"), table);
        }
    }

    private static void expect(Set<String> watched, List<String> missing, String path) {
        if (!watched.contains(path)) {
            missing.add(path);
        }
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} names, or the value itself. */
    private static String reference(Object value) {
        if (value instanceof Map<?, ?> ref && ref.get("Ref") != null) {
            return String.valueOf(ref.get("Ref"));
        }
        if (value instanceof Map<?, ?> att && att.get("Fn::GetAtt") instanceof List<?> parts) {
            return String.valueOf(parts.getFirst());
        }
        return String.valueOf(value);
    }

    private static Set<String> ofType(Map<String, Object> in, String type) {
        return in.entrySet().stream()
                .filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> properties(String logicalId) {
        return map(map(resources.get(logicalId)).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? List.copyOf(l.stream().map(Objects::requireNonNull).toList()) : List.of();
    }
}
