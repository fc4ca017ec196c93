package dev.invoices.template;

import dev.invoices.devtools.RepositoryRoot;
import dev.invoices.template.CloudFormationTemplate.FunctionDefinition;
import dev.invoices.template.CloudFormationTemplate.FunctionEvent;
import dev.invoices.template.CloudFormationTemplate.HttpRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the template reader, on the real {@code template.yaml} and on small inline templates. */
class CloudFormationTemplateTest {
    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(RepositoryRoot.require().resolve("template.yaml"));

    @TempDir
    Path temp;

    @Test
    void theInvoicesTable_becomesACreateTableRequestWithItsThreeIndexes_andItsStream() {
        // when
        CreateTableRequest request = TEMPLATE.createTableRequest("InvoicesTable", "invoices-test");

        // then
        CreateTableRequest expected = CreateTableRequest.builder()
                .tableName("invoices-test")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("pk"), attribute("customer_id"), attribute("customer_status"), attribute("period_key"),
                        attribute("draft_shard"))
                .keySchema(key("pk", KeyType.HASH))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder()
                                .indexName("ByCustomer")
                                .keySchema(key("customer_id", KeyType.HASH), key("period_key", KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName("ByCustomerStatus")
                                .keySchema(key("customer_status", KeyType.HASH), key("period_key", KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName("Drafts")
                                .keySchema(key("draft_shard", KeyType.HASH), key("pk", KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                                .build())
                .streamSpecification(stream -> stream.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES"))
                .build();
        assertEquals(expected, request);
    }

    @Test
    void theTemplate_hasOneTable_whoseTtlAttributeIsExpiresAt() {
        assertEquals(List.of("InvoicesTable"), TEMPLATE.tableLogicalIds());
        assertEquals(Optional.of("expires_at"), TEMPLATE.timeToLiveAttribute("InvoicesTable"));
    }

    /** The variables every function takes from the template's Globals, and {@code own}. */
    private static Map<String, Object> globalsAnd(Map<String, Object> own) {
        Map<String, Object> variables = new java.util.HashMap<>(Map.of("TABLE_NAME", Map.of("Ref", "InvoicesTable"),
                "AUTHORIZATION", "required", "READ_SCOPE", Map.of("Ref", "ReadScope"),
                "WRITE_SCOPE", Map.of("Ref", "WriteScope"), "ADMIN_SCOPE", Map.of("Ref", "AdminScope"),
                "CUSTOMER_CLAIM", Map.of("Ref", "CustomerClaim"),
                "AWS_ENDPOINT_URL_DYNAMODB", Map.of("Fn::If", List.of("HasLocalDynamoDbEndpoint",
                        Map.of("Ref", "LocalDynamoDbEndpoint"), Map.of("Ref", "AWS::NoValue")))));
        variables.putAll(own);
        return variables;
    }

    @Test
    void theFunctions_haveTheirHandlersJarsRoutesAndEnvironment() {
        // when
        Map<String, FunctionDefinition> functions = TEMPLATE.functions();

        // then
        assertEquals(List.of("ListInvoicesFunction", "GetInvoiceFunction", "InvoicePdfFunction", "VoidInvoiceFunction",
                "RegenerateInvoiceFunction", "RefreshDraftsFunction", "PublishEventsFunction"),
                List.copyOf(functions.keySet()));
        assertEquals(new FunctionDefinition(
                        "ListInvoicesFunction",
                        "dev.invoices.functions.ListInvoicesHandler::handleRequest",
                        "functions/list-invoices/target/function.jar",
                        globalsAnd(Map.of("CURSOR_SECRET",
                                Map.of("Fn::Sub", "{{resolve:secretsmanager:${CursorSecret}:SecretString}}"))),
                        List.of(new HttpRoute("GET", "/v1/customers/{customer_id}/invoices"),
                                new HttpRoute("GET", "/billing/v3/invoices"),
                                new HttpRoute("GET", "/v1/billing/invoices")),
                        15, 1024),
                functions.get("ListInvoicesFunction"));
        assertEquals(new FunctionDefinition(
                        "GetInvoiceFunction",
                        "dev.invoices.functions.GetInvoiceHandler::handleRequest",
                        "functions/get-invoice/target/function.jar",
                        globalsAnd(Map.of()),
                        List.of(new HttpRoute("GET", "/v1/customers/{customer_id}/invoices/{invoice_id}"),
                                new HttpRoute("GET", "/billing/v3/invoices/{invoice_id}")),
                        15, 1024),
                functions.get("GetInvoiceFunction"));
        assertEquals(new FunctionDefinition(
                        "InvoicePdfFunction",
                        "dev.invoices.functions.InvoicePdfHandler::handleRequest",
                        "functions/invoice-pdf/target/function.jar",
                        globalsAnd(Map.of()),
                        List.of(new HttpRoute("GET", "/v1/customers/{customer_id}/invoices/{invoice_id}/pdf")),
                        15, 1024),
                functions.get("InvoicePdfFunction"));
        assertEquals(new FunctionDefinition(
                        "RegenerateInvoiceFunction",
                        "dev.invoices.functions.RegenerateInvoiceHandler::handleRequest",
                        "functions/regenerate-invoice/target/function.jar",
                        globalsAnd(Map.of()),
                        List.of(new HttpRoute("POST", "/v1/invoices/regenerate")),
                        15, 1024),
                functions.get("RegenerateInvoiceFunction"));
        assertEquals(new FunctionDefinition(
                        "PublishEventsFunction",
                        "dev.invoices.functions.PublishEventsHandler::handleRequest",
                        "functions/publish-events/target/function.jar",
                        globalsAnd(Map.of("EVENT_BUS_NAME", Map.of("Ref", "InvoiceEventsBus"),
                                "EVENT_SOURCE", Map.of("Ref", "EventSource"))),
                        List.of(),
                        60, 512),
                functions.get("PublishEventsFunction"));
    }

    @Test
    void theDraftRefresh_hasATimeoutOfItsOwn_andTheGlobalMemorySize() {
        // when
        FunctionDefinition refresh = TEMPLATE.functions().get("RefreshDraftsFunction");

        // then
        assertEquals(900, refresh.timeoutSeconds());
        assertEquals(1024, refresh.memoryMb());
    }

    @Test
    void theTemplatesParameterDefaults_areReadAsText() {
        assertEquals(Optional.of("30"), TEMPLATE.parameterDefault("LogRetentionInDays"));
        assertEquals(Optional.of(""), TEMPLATE.parameterDefault("AlarmTopicArn"));
        assertEquals(Optional.empty(), TEMPLATE.parameterDefault("JwtIssuer"));
        assertEquals(Optional.empty(), TEMPLATE.parameterDefault("NoSuchParameter"));
    }

    @Test
    void theTemplatesTags_areReadAsTheirLongForms() {
        // when
        Map<String, Object> resources = TEMPLATE.resources();

        // then
        assertEquals(List.of(
                "InvoicesApi", "ListInvoicesFunction", "GetInvoiceFunction", "InvoicePdfFunction", "VoidInvoiceFunction",
                "RegenerateInvoiceFunction", "RefreshDraftsFunction", "PublishEventsFunction", "InvoicesTable",
                "InvoiceEventsBus", "InvoiceEventsFailureQueue", "WebhookConnection", "WebhookDestination",
                "WebhookRule", "WebhookRole", "WebhookDeadLetterQueue", "WebhookDeadLetterQueuePolicy",
                "CommandsDeadLetterQueue", "CommandsDeadLetterQueuePolicy", "Api5xxAlarm",
                "ListInvoicesErrorsAlarm", "ListInvoicesThrottlesAlarm", "GetInvoiceErrorsAlarm",
                "GetInvoiceThrottlesAlarm", "InvoicePdfErrorsAlarm", "InvoicePdfThrottlesAlarm", "VoidInvoiceErrorsAlarm",
                "VoidInvoiceThrottlesAlarm",
                "RegenerateInvoiceErrorsAlarm", "RegenerateInvoiceThrottlesAlarm", "RefreshDraftsErrorsAlarm",
                "RefreshDraftsThrottlesAlarm", "VoidInvoiceDeliveryFailuresAlarm",
                "RegenerateInvoiceDeliveryFailuresAlarm", "RefreshDraftsDeliveryFailuresAlarm",
                "VoidInvoiceRuleFailedAlarm", "RegenerateInvoiceRuleFailedAlarm",
                "RefreshDraftsShard0FailedAlarm", "RefreshDraftsShard1FailedAlarm", "RefreshDraftsShard2FailedAlarm",
                "RefreshDraftsShard3FailedAlarm", "RefreshDraftsShard4FailedAlarm", "RefreshDraftsShard5FailedAlarm",
                "RefreshDraftsShard6FailedAlarm", "RefreshDraftsShard7FailedAlarm", "TableReadThrottlesAlarm",
                "TableWriteThrottlesAlarm",
                "DeadLetterQueueAlarm", "VoidInvoiceConflictsAlarm", "PublishEventsErrorsAlarm",
                "PublishEventsThrottlesAlarm", "PublishEventsIteratorAgeAlarm", "InvoiceEventsFailureQueueAlarm",
                "WebhookRuleFailedAlarm", "WebhookDeadLetterQueueAlarm", "CursorSecret", "ApiAccessLogGroup",
                "ListInvoicesLogGroup", "GetInvoiceLogGroup", "InvoicePdfLogGroup", "VoidInvoiceLogGroup", "RegenerateInvoiceLogGroup",
                "RefreshDraftsLogGroup", "PublishEventsLogGroup", "ListInvoicesRole", "GetInvoiceRole", "InvoicePdfRole",
                "VoidInvoiceRole", "RegenerateInvoiceRole", "RefreshDraftsRole", "PublishEventsRole"),
                List.copyOf(resources.keySet()));
        assertEquals(Map.of("Type", "AWS::Logs::LogGroup", "Properties", Map.of(
                        "LogGroupName", Map.of("Fn::Sub", "/aws/lambda/${AWS::StackName}/get-invoice"),
                        "RetentionInDays", Map.of("Ref", "LogRetentionInDays"))),
                resources.get("GetInvoiceLogGroup"));
        assertEquals(Map.of("Fn::GetAtt", List.of("GetInvoiceRole", "Arn")),
                path(resources, "GetInvoiceFunction", "Properties", "Role"));
        assertEquals(Map.of("Fn::GetAtt", List.of("InvoicesTable", "Arn")),
                path(resources, "GetInvoiceRole", "Properties", "Policies", 0, "PolicyDocument", "Statement", 2,
                        "Resource"));
    }

    @Test
    void everyShortFormTag_isReadAsItsLongForm() throws IOException {
        // given
        Path file = write("""
                Resources:
                  Thing:
                    Type: AWS::Test::Thing
                    Properties:
                      Ref: !Ref Stage
                      GetAttScalar: !GetAtt Database.Endpoint.Address
                      GetAttSequence: !GetAtt [Database, Arn]
                      SubScalar: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'
                      SubWithVariables: !Sub
                        - 'https://${Host}/${Stage}'
                        - Host: !GetAtt Api.DomainName
                          Stage: v1
                      Join: !Join [',', [a, !Ref B]]
                      Select: !Select [0, !GetAZs '']
                      Split: !Split ['|', 'a|b']
                      If: !If [IsProduction, 10, 1]
                      Equals: !Equals [!Ref Stage, prod]
                      Not: !Not [!Condition IsProduction]
                      And: !And [!Condition A, !Equals [x, y]]
                      Or: !Or [!Condition A, !Condition B]
                      FindInMap: !FindInMap [Sizes, !Ref 'AWS::Region', Memory]
                      ImportValue: !ImportValue shared-vpc-id
                      Base64: !Base64 |
                        #!/bin/sh
                      NestedBase64: !Base64 {'Fn::Sub': 'echo ${Stage}'}
                      Cidr: !Cidr [!Ref VpcCidr, 4, 8]
                      GetAZs: !GetAZs us-east-1
                      UnquotedDate: 2010-09-09
                """);

        // when
        Object properties = path(CloudFormationTemplate.read(file).resources(), "Thing", "Properties");

        // then
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Ref", Map.of("Ref", "Stage"));
        expected.put("GetAttScalar", Map.of("Fn::GetAtt", List.of("Database", "Endpoint.Address")));
        expected.put("GetAttSequence", Map.of("Fn::GetAtt", List.of("Database", "Arn")));
        expected.put("SubScalar", Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::${Bucket}/*"));
        expected.put("SubWithVariables", Map.of("Fn::Sub", List.of("https://${Host}/${Stage}",
                Map.of("Host", Map.of("Fn::GetAtt", List.of("Api", "DomainName")), "Stage", "v1"))));
        expected.put("Join", Map.of("Fn::Join", List.of(",", List.of("a", Map.of("Ref", "B")))));
        expected.put("Select", Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))));
        expected.put("Split", Map.of("Fn::Split", List.of("|", "a|b")));
        expected.put("If", Map.of("Fn::If", List.of("IsProduction", 10, 1)));
        expected.put("Equals", Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod")));
        expected.put("Not", Map.of("Fn::Not", List.of(Map.of("Condition", "IsProduction"))));
        expected.put("And", Map.of("Fn::And", List.of(Map.of("Condition", "A"),
                Map.of("Fn::Equals", List.of("x", "y")))));
        expected.put("Or", Map.of("Fn::Or", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))));
        expected.put("FindInMap", Map.of("Fn::FindInMap", List.of("Sizes", Map.of("Ref", "AWS::Region"), "Memory")));
        expected.put("ImportValue", Map.of("Fn::ImportValue", "shared-vpc-id"));
        expected.put("Base64", Map.of("Fn::Base64", "#!/bin/sh\n"));
        expected.put("NestedBase64", Map.of("Fn::Base64", Map.of("Fn::Sub", "echo ${Stage}")));
        expected.put("Cidr", Map.of("Fn::Cidr", List.of(Map.of("Ref", "VpcCidr"), 4, 8)));
        expected.put("GetAZs", Map.of("Fn::GetAZs", "us-east-1"));
        expected.put("UnquotedDate", "2010-09-09");
        assertEquals(expected, properties);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) properties).keySet()));
    }

    @Test
    void aProvisionedTable_withLocalIndexStreamAndTtl_becomesItsCreateTableRequest() throws IOException {
        // given
        Path file = write("""
                Resources:
                  Events:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: events
                      AttributeDefinitions:
                        - {AttributeName: pk, AttributeType: S}
                        - {AttributeName: sk, AttributeType: N}
                        - {AttributeName: kind, AttributeType: S}
                      KeySchema:
                        - {AttributeName: pk, KeyType: HASH}
                        - {AttributeName: sk, KeyType: RANGE}
                      ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: '2'}
                      GlobalSecondaryIndexes:
                        - IndexName: ByKind
                          KeySchema: [{AttributeName: kind, KeyType: HASH}]
                          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [payload]}
                          ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
                      LocalSecondaryIndexes:
                        - IndexName: ByPkKind
                          KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: kind, KeyType: RANGE}]
                          Projection: {ProjectionType: KEYS_ONLY}
                      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
                      TimeToLiveSpecification: {AttributeName: expires_at, Enabled: true}
                      SSESpecification: {SSEEnabled: true}
                      Tags: [{Key: team, Value: billing}]
                """);
        CloudFormationTemplate template = CloudFormationTemplate.read(file);

        // when
        CreateTableRequest request = template.createTableRequest("Events", "events-1");

        // then
        assertEquals(CreateTableRequest.builder()
                .tableName("events-1")
                .attributeDefinitions(attribute("pk"),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build(),
                        attribute("kind"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(throughput(5, 2))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("ByKind")
                        .keySchema(key("kind", KeyType.HASH))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.INCLUDE).nonKeyAttributes("payload").build())
                        .provisionedThroughput(throughput(1, 1))
                        .build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                        .indexName("ByPkKind")
                        .keySchema(key("pk", KeyType.HASH), key("kind", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                        .build())
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build(), request);
        assertEquals(Optional.of("expires_at"), template.timeToLiveAttribute("Events"));
    }

    @Test
    void aFunctionWithoutHandlerOrCodeUri_takesThemFromGlobals() throws IOException {
        // given
        Path file = write("""
                Globals:
                  Function:
                    Handler: app.Handler::handleRequest
                    CodeUri: build/app.jar
                    Environment:
                      Variables: {TABLE_NAME: !Ref Table, LOG_LEVEL: INFO}
                Resources:
                  Catchall:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables: {LOG_LEVEL: DEBUG}
                      Events:
                        Everything: {Type: HttpApi}
                        Post: {Type: HttpApi, Properties: {Method: post, Path: /things}}
                        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
                """);

        // when
        Map<String, FunctionDefinition> functions = CloudFormationTemplate.read(file).functions();

        // then
        assertEquals(Map.of("Catchall", new FunctionDefinition("Catchall", "app.Handler::handleRequest",
                "build/app.jar", Map.of("TABLE_NAME", Map.of("Ref", "Table"), "LOG_LEVEL", "DEBUG"),
                List.of(new HttpRoute("ANY", "$default"), new HttpRoute("POST", "/things")),
                FunctionDefinition.DEFAULT_TIMEOUT_SECONDS, FunctionDefinition.DEFAULT_MEMORY_MB)), functions);
    }

    @Test
    void aFunctionsEvents_areListedInTemplateOrder_withTheirTypeAndProperties() throws IOException {
        // given
        Path file = write("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.Worker::handleRequest
                      CodeUri: build/worker.jar
                      Events:
                        Changes: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, BatchSize: 10}}
                        Shard0: {Type: Schedule, Properties: {Schedule: rate(1 hour), Input: '{"shard": 0}'}}
                        Bare: {Type: EventBridgeRule}
                """);
        CloudFormationTemplate template = CloudFormationTemplate.read(file);

        // when
        List<FunctionEvent> events = template.events("Worker");

        // then
        assertEquals(List.of(
                new FunctionEvent("Changes", "DynamoDB",
                        Map.of("Stream", Map.of("Fn::GetAtt", List.of("Table", "StreamArn")), "BatchSize", 10)),
                new FunctionEvent("Shard0", "Schedule", Map.of("Schedule", "rate(1 hour)", "Input", "{\"shard\": 0}")),
                new FunctionEvent("Bare", "EventBridgeRule", Map.of())), events);
        assertThrows(IllegalArgumentException.class, () -> template.events("Table"));
        assertThrows(IllegalArgumentException.class, () -> template.events("Missing"));
    }

    static Stream<Arguments> timeoutAndMemorySize() {
        return Stream.of(
                Arguments.of("the function's own, over Globals", "{Timeout: 15, MemorySize: 1024}",
                        ", Timeout: 300, MemorySize: 512", 300, 512),
                Arguments.of("Globals', when the function sets none", "{Timeout: 15, MemorySize: '1024'}", "", 15,
                        1024),
                Arguments.of("Lambda's defaults, when neither sets them", "{Runtime: java25}", "", 3, 128));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeoutAndMemorySize")
    void aFunctionsTimeoutAndMemorySize_areItsOwn_elseGlobals_elseLambdasDefaults(String label, String globals,
            String own, int timeoutSeconds, int memoryMb) throws IOException {
        // given
        Path file = write("""
                Globals:
                  Function: %s
                Resources:
                  Api:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: app.Api::handleRequest, CodeUri: api.jar%s}
                """.formatted(globals, own));

        // when
        FunctionDefinition api = CloudFormationTemplate.read(file).functions().get("Api");

        // then
        assertEquals(timeoutSeconds, api.timeoutSeconds(), label);
        assertEquals(memoryMb, api.memoryMb(), label);
    }

    @Test
    void aTimeoutThatIsNoWholeNumber_isRejected() throws IOException {
        Path file = write("""
                Resources:
                  Api:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: app.Api::handleRequest, CodeUri: api.jar, Timeout: 2.5}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloudFormationTemplate.read(file).functions());

        assertEquals("Api.Properties.Timeout must be a whole number, not 2.5", e.getMessage());
    }

    @Test
    void anUnknownTag_isRejected() throws IOException {
        Path file = write("Resources:\n  A: !Bogus x\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CloudFormationTemplate.read(file));

        assertTrue(e.getMessage().contains("!Bogus"), e.getMessage());
    }

    @Test
    void aDuplicateKey_isRejected() throws IOException {
        Path file = write("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CloudFormationTemplate.read(file));

        assertTrue(e.getMessage().contains("duplicate key A"), e.getMessage());
    }

    @Test
    void aDocumentWithoutResources_isNotATemplate() throws IOException {
        Path file = write("Description: nothing\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CloudFormationTemplate.read(file));

        assertTrue(e.getMessage().endsWith("has no Resources mapping"), e.getMessage());
    }

    @Test
    void aMissingFile_isAnUncheckedIoException() {
        assertThrows(UncheckedIOException.class, () -> CloudFormationTemplate.read(temp.resolve("absent.yaml")));
    }

    @Test
    void anUnknownTable_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TEMPLATE.createTableRequest("CursorSecret", "x"));

        assertTrue(e.getMessage().endsWith("has no AWS::DynamoDB::Table named CursorSecret"), e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(temp.resolve("template.yaml"), yaml);
    }

    private static Object path(Object node, Object... steps) {
        Object current = node;
        for (Object step : steps) {
            current = step instanceof Integer index ? ((List<?>) current).get(index) : ((Map<?, ?>) current).get(step);
        }
        return current;
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static ProvisionedThroughput throughput(long read, long write) {
        return ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build();
    }
}
