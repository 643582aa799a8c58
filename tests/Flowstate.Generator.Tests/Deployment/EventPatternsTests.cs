using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;

namespace Flowstate.Generator.Tests.Deployment;

public class EventPatternsTests
{
    private static JsonValue Json(string text)
    {
        var r = JsonReader.Parse(text);
        Assert.True(r.Success, r.Error);
        return r.Value!;
    }

    // ---- accepted: every filter of the EventBridge documentation ----

    [Theory]
    [InlineData("""{ "source": ["aws.s3"], "detail-type": ["Object Created"], "detail": { "bucket": { "name": ["raw"] }, "object": { "key": [{ "prefix": "incoming/" }] } } }""")]
    [InlineData("""{ "time": [{ "prefix": "2017-10-02" }] }""")]
    [InlineData("""{ "detail": { "service": [{ "prefix": { "equals-ignore-case": "EventB" } }] } }""")]
    [InlineData("""{ "FileName": [{ "suffix": ".png" }, { "suffix": { "equals-ignore-case": ".PNG" } }] }""")]
    [InlineData("""{ "detail": { "state": [{ "anything-but": "initializing" }] } }""")]
    [InlineData("""{ "detail": { "x-limit": [{ "anything-but": 123 }] } }""")]
    [InlineData("""{ "detail": { "state": [{ "anything-but": ["stopped", "overloaded"] }] } }""")]
    [InlineData("""{ "detail": { "x-limit": [{ "anything-but": [100, 200, 300] }] } }""")]
    [InlineData("""{ "detail": { "state": [{ "anything-but": { "prefix": "init" } }] } }""")]
    [InlineData("""{ "detail": { "FileName": [{ "anything-but": { "suffix": ".txt" } }] } }""")]
    [InlineData("""{ "detail": { "state": [{ "anything-but": { "equals-ignore-case": ["Stopped", "OverLoaded"] } }] } }""")]
    [InlineData("""{ "detail": { "FilePath": [{ "anything-but": { "wildcard": ["*/lib/*", "*/bin/*"] } }] } }""")]
    [InlineData("""{ "detail": { "c-count": [{ "numeric": [">", 0, "<=", 5] }], "d-count": [{ "numeric": ["<", 10] }], "x-limit": [{ "numeric": ["=", 3.018e2] }] } }""")]
    [InlineData("""{ "detail": { "source-ip": [{ "cidr": "10.0.0.0/24" }, { "cidr": "2001:db8::/32" }] } }""")]
    [InlineData("""{ "detail": { "c-count": [{ "exists": false }], "state": [{ "exists": true }] } }""")]
    [InlineData("""{ "detail": { "eventSource": [{ "wildcard": "*.amazonaws.com" }], "path": [{ "wildcard": "a\\*b\\\\c*" }] } }""")]
    [InlineData("""{ "detail": { "state": [{ "equals-ignore-case": "running" }], "name": [""], "v": [null, true, 1] } }""")]
    [InlineData("""{ "detail": { "$or": [{ "c-count": [{ "numeric": [">", 0] }] }, { "d-count": [{ "numeric": ["<", 10] }] }] } }""")]
    public void DocumentedPatterns_AreAccepted(string pattern)
    {
        var problems = EventPatterns.Check(Json(pattern));
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Select(p => p.Message)));
    }

    // ---- rejected: the exact characters and where in the pattern ----

    public static TheoryData<string, string, string, string> Invalid => new()
    {
        // pattern, id, the text the problem spans, part of the message
        { """{ "source": "aws.s3" }""", DiagnosticIds.EventPatternStructure, "\"aws.s3\"", "At source: values must be in an array: write [\"aws.s3\"]" },
        { """{ "detail": { "size": 5 } }""", DiagnosticIds.EventPatternStructure, "5", "At detail.size: values must be in an array" },
        { """["aws.s3"]""", DiagnosticIds.EventPatternStructure, "[\"aws.s3\"]", "must be a JSON object" },
        { """{}""", DiagnosticIds.EventPatternStructure, "{}", "The event pattern is empty" },
        { """{ "source": [] }""", DiagnosticIds.EventPatternStructure, "[]", "At source: an empty array matches nothing" },
        { """{ "detail": { "bucket": {} } }""", DiagnosticIds.EventPatternStructure, "{}", "At detail.bucket: an empty object" },
        { """{ "source": [["a"]] }""", DiagnosticIds.EventPatternStructure, "[\"a\"]", "At source[0]: arrays cannot be nested" },
        { """{ "$or": [{ "a": [1] }] }""", DiagnosticIds.EventPatternStructure, "[{ \"a\": [1] }]", "\"$or\" takes an array of at least two patterns" },
        { """{ "$or": [{ "a": [1] }, 5] }""", DiagnosticIds.EventPatternStructure, "5", "At $or[1]: each alternative" },
        { """{ "a": [1], "a": [2] }""", DiagnosticIds.EventPatternStructure, "\"a\"", "appears twice" },
        { """{ "detail": { "key": [{ "prefx": "in/" }] } }""", DiagnosticIds.EventPatternFilter, "\"prefx\"", "At detail.key[0]: 'prefx' is not a content filter; the filters are prefix, suffix, anything-but, numeric, exists, cidr, wildcard, equals-ignore-case (did you mean 'prefix'?)" },
        { """{ "k": [{ "prefix": "a", "suffix": "b" }] }""", DiagnosticIds.EventPatternFilter, "{ \"prefix\": \"a\", \"suffix\": \"b\" }", "exactly one key" },
        { """{ "k": [{}] }""", DiagnosticIds.EventPatternFilter, "{}", "an empty object is not a content filter" },
        { """{ "k": [{ "prefix": 5 }] }""", DiagnosticIds.EventPatternFilter, "5", "At k[0].prefix: \"prefix\" takes a string" },
        { """{ "k": [{ "prefix": { "equals-ignore-case": 1 } }] }""", DiagnosticIds.EventPatternFilter, "1", "\"equals-ignore-case\" takes a string" },
        { """{ "k": [{ "exists": "yes" }] }""", DiagnosticIds.EventPatternFilter, "\"yes\"", "\"exists\" takes true or false, not a string" },
        { """{ "k": [{ "cidr": "10.0.0.0/33" }] }""", DiagnosticIds.EventPatternFilter, "\"10.0.0.0/33\"", "is not a CIDR block" },
        { """{ "k": [{ "cidr": "10.0/8" }] }""", DiagnosticIds.EventPatternFilter, "\"10.0/8\"", "is not a CIDR block" },
        { """{ "k": [{ "numeric": [">", 0, "<"] }] }""", DiagnosticIds.EventPatternFilter, "[\">\", 0, \"<\"]", "\"numeric\" takes" },
        { """{ "k": [{ "numeric": ["~", 0] }] }""", DiagnosticIds.EventPatternFilter, "\"~\"", "is not a numeric operator" },
        { """{ "k": [{ "numeric": [">", "0"] }] }""", DiagnosticIds.EventPatternFilter, "\"0\"", "must be a number" },
        { """{ "k": [{ "numeric": ["<", 10, ">", 0] }] }""", DiagnosticIds.EventPatternFilter, "[\"<\", 10, \">\", 0]", "a lower bound (> or >=) followed by an upper bound" },
        { """{ "k": [{ "numeric": [">", 10, "<", 5] }] }""", DiagnosticIds.EventPatternFilter, "[\">\", 10, \"<\", 5]", "is empty" },
        { """{ "k": [{ "numeric": ["=", 6e9] }] }""", DiagnosticIds.EventPatternFilter, "6e9", "-5.0e9 to 5.0e9" },
        { """{ "k": [{ "wildcard": "in/**.csv" }] }""", DiagnosticIds.EventPatternFilter, "\"in/**.csv\"", "two '*' in a row" },
        { """{ "k": [{ "wildcard": "a\\b" }] }""", DiagnosticIds.EventPatternFilter, "\"a\\\\b\"", "backslash may only escape" },
        { """{ "k": [{ "anything-but": ["a", 1] }] }""", DiagnosticIds.EventPatternFilter, "[\"a\", 1]", "only strings or only numbers" },
        { """{ "k": [{ "anything-but": [] }] }""", DiagnosticIds.EventPatternFilter, "[]", "at least one value" },
        { """{ "k": [{ "anything-but": { "numeric": [">", 1] } }] }""", DiagnosticIds.EventPatternFilter, "\"numeric\"", "'numeric' is not one of them" },
        { """{ "k": [{ "anything-but": { "prefix": "" } }] }""", DiagnosticIds.EventPatternFilter, "\"\"", "non-empty string" },
        { """{ "k": [{ "anything-but": true }] }""", DiagnosticIds.EventPatternFilter, "true", "\"anything-but\" takes a string, a number" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidPattern_ReportsTheExactJson(string pattern, string id, string span, string message)
    {
        var problem = Assert.Single(EventPatterns.Check(Json(pattern)));
        Assert.Equal(id, problem.Id);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(span, pattern.Substring(problem.Offset, problem.Length));
    }

    [Fact]
    public void UnknownFilter_WithAnObviousIntent_HasAReplacement()
    {
        var problem = Assert.Single(EventPatterns.Check(Json("""{ "k": [{ "anything_but": "x" }] }""")));
        Assert.Equal("\"anything-but\"", problem.Replacement);
        Assert.Null(Assert.Single(EventPatterns.Check(Json("""{ "k": [{ "between": [1, 2] }] }"""))).Replacement);
    }

    // ---- matching ----

    private const string S3Event = """
        { "version": "0", "id": "1", "detail-type": "Object Created", "source": "aws.s3", "account": "123456789012",
          "time": "2026-12-02T02:00:00Z", "region": "eu-central-1", "resources": ["arn:aws:s3:::raw"],
          "detail": { "version": "0", "bucket": { "name": "raw" },
                      "object": { "key": "manifests/2026-12-02.json", "size": 1024, "etag": "abc" },
                      "request-id": "r", "requester": "123456789012", "source-ip-address": "10.0.3.7", "reason": "PutObject" } }
        """;

    [Theory]
    [InlineData("""{ "source": ["aws.s3"] }""", true)]
    [InlineData("""{ "source": ["aws.ec2", "aws.s3"] }""", true)]
    [InlineData("""{ "source": ["aws.ec2"] }""", false)]
    [InlineData("""{ "source": ["aws.s3"], "detail-type": ["Object Deleted"] }""", false)]
    [InlineData("""{ "detail": { "object": { "key": [{ "prefix": "manifests/" }] } } }""", true)]
    [InlineData("""{ "detail": { "object": { "key": [{ "prefix": "Manifests/" }] } } }""", false)]
    [InlineData("""{ "detail": { "object": { "key": [{ "prefix": { "equals-ignore-case": "MANIFESTS/" } }] } } }""", true)]
    [InlineData("""{ "detail": { "object": { "key": [{ "suffix": ".json" }] } } }""", true)]
    [InlineData("""{ "detail": { "object": { "key": [{ "wildcard": "manifests/*.json" }] } } }""", true)]
    [InlineData("""{ "detail": { "object": { "key": [{ "wildcard": "manifests/*.csv" }] } } }""", false)]
    [InlineData("""{ "detail": { "object": { "size": [{ "numeric": [">", 0, "<=", 1024] }] } } }""", true)]
    [InlineData("""{ "detail": { "object": { "size": [{ "numeric": ["<", 1024] }] } } }""", false)]
    [InlineData("""{ "detail": { "object": { "size": [1024.0] } } }""", true)]
    [InlineData("""{ "detail": { "source-ip-address": [{ "cidr": "10.0.0.0/16" }] } }""", true)]
    [InlineData("""{ "detail": { "source-ip-address": [{ "cidr": "10.1.0.0/16" }] } }""", false)]
    [InlineData("""{ "detail": { "reason": [{ "anything-but": ["CopyObject", "POST Object"] }] } }""", true)]
    [InlineData("""{ "detail": { "reason": [{ "anything-but": { "prefix": "Put" } }] } }""", false)]
    [InlineData("""{ "detail": { "reason": [{ "equals-ignore-case": "putobject" }] } }""", true)]
    [InlineData("""{ "detail": { "missing": [{ "exists": false }] } }""", true)]
    [InlineData("""{ "detail": { "reason": [{ "exists": false }] } }""", false)]
    [InlineData("""{ "detail": { "reason": [{ "exists": true }] } }""", true)]
    [InlineData("""{ "detail": { "missing": ["x"] } }""", false)]
    [InlineData("""{ "detail": { "missing": [{ "anything-but": "x" }] } }""", false)]
    [InlineData("""{ "resources": ["arn:aws:s3:::raw"] }""", true)]
    [InlineData("""{ "detail": { "$or": [{ "reason": ["CopyObject"] }, { "object": { "size": [{ "numeric": [">=", 1000] }] } }] } }""", true)]
    [InlineData("""{ "detail": { "$or": [{ "reason": ["CopyObject"] }, { "object": { "size": [{ "numeric": [">=", 2000] }] } }] } }""", false)]
    [InlineData("""{ "source": "aws.s3" }""", false)] // invalid patterns match nothing
    public void Matches_FollowsEventBridge(string pattern, bool expected)
        => Assert.Equal(expected, EventPatterns.Matches(Json(pattern), Json(S3Event)));

    [Theory]
    [InlineData("manifests/", ".json", true)]
    [InlineData("manifests/", ".csv", false)]
    [InlineData("incoming/", null, false)]
    [InlineData(null, ".json", true)]
    [InlineData(null, null, true)]
    public void S3ObjectCreated_IsValid_AndMatchesTheS3Event(string? prefix, string? suffix, bool expected)
    {
        var pattern = EventPatterns.S3ObjectCreated("raw", prefix, suffix);
        Assert.Empty(EventPatterns.Check(pattern));
        Assert.Equal(expected, EventPatterns.Matches(pattern, Json(S3Event)));
        Assert.False(EventPatterns.Matches(EventPatterns.S3ObjectCreated("other", prefix, suffix), Json(S3Event)));
    }

    [Fact]
    public void S3ObjectCreated_PrefixAndSuffix_IsOneWildcard_WithItsStarsEscaped()
    {
        Assert.Equal("""{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["raw"]},"object":{"key":[{"wildcard":"in/a\\*b/*.csv"}]}}}""",
            EventPatterns.S3ObjectCreated("raw", "in/a*b/", ".csv").ToString());
        var ev = Json("""{ "source": "aws.s3", "detail-type": "Object Created", "detail": { "bucket": { "name": "raw" }, "object": { "key": "in/a*b/x.csv" } } }""");
        Assert.True(EventPatterns.Matches(EventPatterns.S3ObjectCreated("raw", "in/a*b/", ".csv"), ev));
        var other = Json("""{ "source": "aws.s3", "detail-type": "Object Created", "detail": { "bucket": { "name": "raw" }, "object": { "key": "in/aXb/x.csv" } } }""");
        Assert.False(EventPatterns.Matches(EventPatterns.S3ObjectCreated("raw", "in/a*b/", ".csv"), other));
    }

    [Fact]
    public void Check_NeverThrows_OnRandomJson()
    {
        var random = new Random(11);
        string RandomJson(int depth)
        {
            switch (random.Next(depth > 3 ? 5 : 8))
            {
                case 0: return "\"" + new[] { "a", "prefix", "*x**", "10.0.0.0/8", "", "\\\\*" }[random.Next(6)] + "\"";
                case 1: return new[] { "0", "-1", "6e9", "1.5" }[random.Next(4)];
                case 2: return new[] { "true", "false", "null" }[random.Next(3)];
                case 3: return "\">=\"";
                case 4: return "\"<\"";
                case 5:
                case 6:
                    return "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomJson(depth + 1))) + "]";
                default:
                    var keys = new[] { "a", "$or", "prefix", "suffix", "anything-but", "numeric", "exists", "cidr", "wildcard", "equals-ignore-case", "x" };
                    return "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 3)).Select(_ => "\"" + keys[random.Next(keys.Length)] + "\":" + RandomJson(depth + 1))) + "}";
            }
        }
        for (var i = 0; i < 5000; i++)
        {
            var text = "{\"k\":" + RandomJson(0) + "}";
            var pattern = Json(text);
            foreach (var p in EventPatterns.Check(pattern))
                Assert.True(p.Offset >= 0 && p.Offset + p.Length <= text.Length, text);
            EventPatterns.Matches(pattern, Json(S3Event));
        }
    }
}
