package dev.invoices.local;

import dev.invoices.testing.DynamoDbCall;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the policy evaluation {@link FunctionRolesIT} relies on: exact where it answers, loud where not. */
class DynamoDbGrantsTest {
    private static final Object TABLE = Map.of("Fn::GetAtt", List.of("InvoicesTable", "Arn"));
    private static final Object DRAFTS = Map.of("Fn::Sub", "${InvoicesTable.Arn}/index/Drafts");

    @Test
    void aLeadingKeysGrant_allowsTheKeysItsPrefixCovers_andNoOthers() {
        // given UpdateItem on CUSTOMER# items only
        DynamoDbGrants grants = role(Map.of("Effect", "Allow", "Action", "dynamodb:UpdateItem", "Resource", TABLE,
                "Condition", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("CUSTOMER#*")))));

        // then
        assertTrue(grants.allows(item("dynamodb:UpdateItem", "CUSTOMER#")));
        assertFalse(grants.allows(item("dynamodb:UpdateItem", "INVOICE#")));
        assertFalse(grants.allows(item("dynamodb:UpdateItem", "CUSTOMER")), "a key without the # is not covered");
        assertFalse(grants.allows(item("dynamodb:PutItem", "CUSTOMER#")));
        assertEquals(List.of(new DynamoDbGrants.Grant("dynamodb:UpdateItem", "InvoicesTable", DynamoDbCall.NONE,
                "CUSTOMER#*")), grants.grants());
    }

    @Test
    void aQueryGrantOnAnIndex_allowsThatIndexOnly() {
        DynamoDbGrants grants = role(Map.of("Effect", "Allow", "Action", List.of("dynamodb:Query"),
                "Resource", List.of(DRAFTS)));

        assertTrue(grants.allows(query("Drafts")));
        assertFalse(grants.allows(query("ByCustomer")));
        assertFalse(grants.allows(query(DynamoDbCall.NONE)), "the index's ARN does not cover the table");
    }

    @Test
    void statementsOfOtherServices_grantNothingHere() {
        DynamoDbGrants grants = role(Map.of("Effect", "Allow", "Action", "sqs:SendMessage", "Resource", "*"));

        assertEquals(List.of(), grants.grants());
    }

    @Test
    void shapesItDoesNotUnderstand_fail() {
        List<Map<String, Object>> statements = List.of(
                Map.of("Effect", "Deny", "Action", "dynamodb:GetItem", "Resource", TABLE),
                Map.of("Effect", "Allow", "Action", "dynamodb:Get*", "Resource", TABLE),
                Map.of("Effect", "Allow", "Action", "*", "Resource", "*"),
                Map.of("Effect", "Allow", "NotAction", "dynamodb:GetItem", "Resource", TABLE),
                Map.of("Effect", "Allow", "Action", "dynamodb:GetItem", "Resource", "*"),
                Map.of("Effect", "Allow", "Action", "dynamodb:DescribeTable", "Resource", TABLE),
                Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetItem", "sqs:SendMessage"), "Resource", TABLE),
                Map.of("Effect", "Allow", "Action", "dynamodb:Query", "Resource", DRAFTS, "Condition",
                        Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", "DRAFT#*"))),
                Map.of("Effect", "Allow", "Action", "dynamodb:GetItem", "Resource", TABLE, "Condition",
                        Map.of("ForAnyValue:StringLike", Map.of("dynamodb:LeadingKeys", "INVOICE#*"))),
                Map.of("Effect", "Allow", "Action", "dynamodb:GetItem", "Resource", TABLE, "Condition",
                        Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", "IN*VOICE#*"))));

        for (Map<String, Object> statement : statements) {
            assertThrows(IllegalArgumentException.class, () -> role(statement), statement.toString());
        }
    }

    @Test
    void streamReadsAreGrantedOnTheTablesStream_listStreamsOnEveryTable_andPutEventsOnTheBus() {
        // given
        Object stream = Map.of("Fn::GetAtt", List.of("InvoicesTable", "StreamArn"));
        Object bus = Map.of("Fn::GetAtt", List.of("Bus", "Arn"));
        Map<String, Object> resource = Map.of("Type", "AWS::IAM::Role", "Properties", Map.of("Policies",
                List.of(Map.of("PolicyDocument", Map.of("Statement", List.of(
                        Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetRecords"), "Resource", stream),
                        Map.of("Effect", "Allow", "Action", "dynamodb:ListStreams", "Resource", "*"),
                        Map.of("Effect", "Allow", "Action", "events:PutEvents", "Resource", bus)))))));

        // when
        DynamoDbGrants grants = DynamoDbGrants.of("SomeRole", resource, Set.of("InvoicesTable"), Set.of("Bus"));

        // then
        assertTrue(grants.allows(new DynamoDbCall("F", "GetRecords", "dynamodb:GetRecords", "InvoicesTable", "stream",
                DynamoDbCall.NONE)));
        assertTrue(grants.allows(new DynamoDbCall("F", "ListStreams", "dynamodb:ListStreams", "InvoicesTable",
                "stream", DynamoDbCall.NONE)));
        assertTrue(grants.allows(new DynamoDbCall("F", "PutEvents", "events:PutEvents", "Bus", DynamoDbCall.NONE,
                DynamoDbCall.NONE)));
        assertFalse(grants.allows(new DynamoDbCall("F", "PutEvents", "events:PutEvents", "OtherBus",
                DynamoDbCall.NONE, DynamoDbCall.NONE)));
        assertFalse(grants.allows(item("dynamodb:GetItem", "INVOICE#")));
        for (Map<String, Object> refused : List.of(
                Map.<String, Object>of("Effect", "Allow", "Action", "dynamodb:GetRecords", "Resource", "*"),
                Map.<String, Object>of("Effect", "Allow", "Action", "events:PutEvents", "Resource", "*"),
                Map.<String, Object>of("Effect", "Allow", "Action", "events:PutRule", "Resource", bus))) {
            assertThrows(IllegalArgumentException.class, () -> DynamoDbGrants.of("R", Map.of("Type", "AWS::IAM::Role",
                    "Properties", Map.of("Policies", List.of(Map.of("PolicyDocument", Map.of("Statement",
                            List.of(refused)))))), Set.of("InvoicesTable"), Set.of("Bus")), refused.toString());
        }
    }

    private static DynamoDbGrants role(Map<String, Object> statement) {
        return DynamoDbGrants.of("SomeRole", Map.of("Type", "AWS::IAM::Role", "Properties", Map.of("Policies",
                List.of(Map.of("PolicyDocument", Map.of("Statement", List.of(statement)))))), Set.of("InvoicesTable"));
    }

    private static DynamoDbCall item(String action, String keyPrefix) {
        return new DynamoDbCall("F", action.substring("dynamodb:".length()), action, "InvoicesTable",
                DynamoDbCall.NONE, keyPrefix);
    }

    private static DynamoDbCall query(String index) {
        return new DynamoDbCall("F", "Query", "dynamodb:Query", "InvoicesTable", index, DynamoDbCall.NONE);
    }
}
