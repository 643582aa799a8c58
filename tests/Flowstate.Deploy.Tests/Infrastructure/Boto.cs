using System.Text.Json.Nodes;

namespace Flowstate.Deploy.Tests.Infrastructure;

/// <summary>
/// An independent client (boto3) looking at what the deploy program did, straight at moto (not
/// through the proxy). One python process per look: <paramref name="code"/> uses <c>cf</c>, <c>sf</c>,
/// <c>s3</c> and fills the dict <c>out</c>, which comes back as JSON.
/// </summary>
internal static class Boto
{
    public static JsonNode Look(string motoUrl, string code)
    {
        var script = $$"""
import boto3, json
kw = dict(endpoint_url="{{motoUrl}}", region_name="us-east-1", aws_access_key_id="AKIAINDEPENDENT0001", aws_secret_access_key="independent")
cf, sf, s3 = boto3.client("cloudformation", **kw), boto3.client("stepfunctions", **kw), boto3.client("s3", **kw)
out = {}
def err(f):
    try:
        f(); return None
    except Exception as e:
        return str(e)
{{code}}
print(json.dumps(out, default=str))
""";
        return JsonNode.Parse(Python.Run(script))!;
    }
}
