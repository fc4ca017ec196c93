package dev.invoices.lambda;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Unit test: the credentials every function's clients take, as Lambda gives them with and without SnapStart. */
class LambdaClientsTest {
    @Test
    void aFunctionWithoutSnapStart_readsTheKeyVariables() {
        assertInstanceOf(EnvironmentVariableCredentialsProvider.class, LambdaClients.lambdaCredentials(
                Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret")));
    }

    @Test
    void aSnapStartFunction_usesTheContainerCredentialsEndpoint() {
        // given: what Lambda sets for a SnapStart function instead of the key variables
        Map<String, String> environment = Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token");

        // then
        assertInstanceOf(ContainerCredentialsProvider.class, LambdaClients.lambdaCredentials(environment));
    }
}
