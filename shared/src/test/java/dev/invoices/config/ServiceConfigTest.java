package dev.invoices.config;

import dev.invoices.auth.TokenRules;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Unit test: what a function reads from its environment. */
class ServiceConfigTest {

    @Test
    void theRegionDefaultsForLocalUse_andEndpointVariablesAreTheSdksToRead() {
        ServiceConfig config = ServiceConfig.from(Map.of("TABLE_NAME", "invoices", "AWS_ENDPOINT_URL", "http://x:1"));

        assertEquals(new ServiceConfig("invoices", "us-east-1", Optional.empty(), true), config);
    }

    @Test
    void theRegionComesFromAwsRegion() {
        assertEquals("eu-west-1", ServiceConfig.from(Map.of("TABLE_NAME", "t", "AWS_REGION", "eu-west-1")).region());
    }

    @Test
    void authorizationIsRequiredUnlessExplicitlyOff() {
        assertEquals(true, ServiceConfig.from(Map.of("TABLE_NAME", "t")).authorizationRequired());
        assertEquals(true, ServiceConfig.from(Map.of("TABLE_NAME", "t", "AUTHORIZATION", "required")).authorizationRequired());
        assertEquals(false, ServiceConfig.from(Map.of("TABLE_NAME", "t", "AUTHORIZATION", "off")).authorizationRequired());
        assertEquals("AUTHORIZATION must be required or off", assertThrows(IllegalStateException.class,
                () -> ServiceConfig.from(Map.of("TABLE_NAME", "t", "AUTHORIZATION", "no"))).getMessage());
    }

    @Test
    void tokenRules_comeFromTheEnvironment_eachDefaultingToTheDefaults() {
        assertEquals(TokenRules.DEFAULT, ServiceConfig.from(Map.of("TABLE_NAME", "t")).tokens());
        assertEquals(new TokenRules("invoices/read", "invoices:write", "invoices/admin", "tenant"),
                ServiceConfig.from(Map.of("TABLE_NAME", "t", "READ_SCOPE", "invoices/read", "WRITE_SCOPE", " ",
                        "ADMIN_SCOPE", "invoices/admin", "CUSTOMER_CLAIM", "tenant")).tokens());
    }

    @Test
    void aMissingTableName_failsAtStartUp() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ServiceConfig.from(Map.of()));
        assertEquals("TABLE_NAME is not set", failure.getMessage());
    }

    @Test
    void theCursorSecret_isRequiredOnlyWhereCursorsAreMade() {
        ServiceConfig without = ServiceConfig.from(Map.of("TABLE_NAME", "t"));
        ServiceConfig with = ServiceConfig.from(Map.of("TABLE_NAME", "t", "CURSOR_SECRET", "s3cret"));

        assertEquals("CURSOR_SECRET is not set",
                assertThrows(IllegalStateException.class, without::requireCursorSecret).getMessage());
        assertEquals("s3cret", with.requireCursorSecret());
    }
}
