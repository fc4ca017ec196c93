"""Expands a SAM template into the CloudFormation that a deploy creates, offline, with AWS's own SAM translator.

Usage: python expand_template.py TEMPLATE [NAME=VALUE ...]  -> the expanded template as JSON on stdout.

What `sam package` does first is done here too: each local CodeUri becomes an S3 object. The template names no
managed policies, so the translator needs no IAM lookup; the region is a placeholder, since nothing here is
region-specific. A template SAM rejects exits 2 with each cause on stderr.
"""
import json
import os
import sys

from samtranslator.public.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    def load(self):
        return {}


def main(argv):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with open(argv[1], encoding="utf-8") as f:
        template = yaml_parse(f.read())
    parameters = dict(arg.split("=", 1) for arg in argv[2:])
    for logical_id, resource in template.get("Resources", {}).items():
        properties = resource.get("Properties", {})
        code = properties.get("CodeUri")
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(code, str) \
                and not code.startswith("s3://"):
            properties["CodeUri"] = "s3://artifacts/" + logical_id + ".jar"
    try:
        expanded = transform(template, parameters, NoManagedPolicies())
    except InvalidDocumentException as invalid:
        print("\n".join(str(cause) for cause in invalid.causes), file=sys.stderr)
        return 2
    json.dump(expanded, sys.stdout, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
