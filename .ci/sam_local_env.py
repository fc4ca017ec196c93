"""Checks the `sam local` recipe of docs/local-development.md with SAM CLI's own code, without Docker.

SAM CLI passes a function only the variables its template declares; env.json can override those and nothing
else. This resolves every function's environment exactly as `sam local invoke` / `start-api` would (the
template's intrinsics with the recipe's --parameter-overrides, then env.json) and fails unless each function
gets every value env.json sets: the DynamoDB endpoint in a container, the table, the cursor secret (where the
function declares one).

usage: sam_local_env.py TEMPLATE ENV_JSON
"""
import json
import sys

from samcli.lib.providers.sam_function_provider import SamFunctionProvider
from samcli.lib.providers.sam_stack_provider import SamLocalStackProvider
from samcli.local.lambdafn.env_vars import EnvironmentVariables

ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_DYNAMODB"


def environments(template, overrides, parameters):
    stacks, _ = SamLocalStackProvider.get_stacks(template, parameter_overrides=parameters)
    result = {}
    for function in SamFunctionProvider(stacks, ignore_code_extraction_warnings=True).get_all():
        variables = (function.environment or {}).get("Variables", {})
        values = dict(overrides.get("Parameters", {}))
        values.update(overrides.get(function.name, {}))
        result[function.name] = EnvironmentVariables(
            function.name, function.memory, function.timeout, function.handler, function.logging_config,
            variables=variables, shell_env_values={}, override_values=values).resolve()
    return result


def main(template, env_json):
    with open(env_json, encoding="utf-8") as f:
        overrides = json.load(f)
    endpoint = overrides["Parameters"][ENDPOINT_VARIABLE]
    failures = []
    recipe = environments(template, overrides, {"LocalDynamoDbEndpoint": endpoint})
    if not recipe:
        failures.append("the template has no functions")
    for name, env in sorted(recipe.items()):
        for variable, expected in sorted(overrides["Parameters"].items()):
            if variable == "CURSOR_SECRET" and variable not in env:
                continue  # only the list function declares it
            if env.get(variable) != expected:
                failures.append(f"{name}: {variable} is {env.get(variable)!r}, the recipe sets {expected!r}"
                                " (SAM passes on only variables the template declares)")
        print(f"sam local {name}: {ENDPOINT_VARIABLE}={env.get(ENDPOINT_VARIABLE)} TABLE_NAME={env.get('TABLE_NAME')}")
    for failure in failures:
        print("error: " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
