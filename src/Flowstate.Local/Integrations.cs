using System.Security.Cryptography;
using System.Text;
using Flowstate.Local.Engine;

namespace Flowstate.Local;

/// <summary>
/// AWS-shaped responses of the optimized integrations, so that ResultSelectors written for AWS work
/// unchanged: a handler returns what the function or job produced, the runner wraps it the way the
/// service integration does.
/// </summary>
public static class Integrations
{
    /// <summary>The resource of the optimized Lambda integration.</summary>
    public const string LambdaInvoke = "arn:aws:states:::lambda:invoke";

    /// <summary>
    /// A failure of a Glue .sync job run the way Step Functions reports it: States.TaskFailed with the
    /// JobRun (JobRunState FAILED, ErrorMessage) as the cause.
    /// </summary>
    public static TaskFailedException GlueJobRunFailed(string jobName, string errorMessage)
    {
        var jobRun = JsonCompare.Obj(
            ("Id", JsonValue.String("jr_0000000000000000000000000000000000000000000000000000000000000001")),
            ("JobName", JsonValue.String(jobName)),
            ("JobRunState", JsonValue.String("FAILED")),
            ("ErrorMessage", JsonValue.String(errorMessage)));
        return new TaskFailedException("States.TaskFailed", LocalJson.Write(jobRun));
    }

    /// <summary>The resource without its integration pattern suffix, and the pattern ("", ".sync", ".sync:2", ".waitForTaskToken").</summary>
    internal static (string Base, string Pattern) Split(string resource)
    {
        foreach (var suffix in new[] { ".waitForTaskToken", ".sync:2", ".sync" })
            if (resource.EndsWith(suffix, StringComparison.Ordinal)) return (resource.Substring(0, resource.Length - suffix.Length), suffix);
        return (resource, "");
    }

    /// <summary>Shapes a handler's result as the service integration's response.</summary>
    internal static JsonValue Shape(string resource, JsonValue parameters, JsonValue result, ExecutionRun run)
    {
        var (baseArn, pattern) = Split(resource);
        var service = baseArn.StartsWith("arn:aws:states:::", StringComparison.Ordinal) ? baseArn.Substring("arn:aws:states:::".Length) : null;
        if (service is null || pattern == ".waitForTaskToken") return result;
        var requestId = Intrinsics.NewUuid(run.Random);
        JsonValue Metadata() => JsonCompare.Obj(("HttpStatusCode", JsonValue.Number(200)));
        JsonValue ResponseMetadata() => JsonCompare.Obj(("RequestId", JsonValue.String(requestId)));
        switch (service)
        {
            case "lambda:invoke":
                return JsonCompare.Obj(
                    ("ExecutedVersion", JsonValue.String("$LATEST")),
                    ("Payload", result),
                    ("SdkHttpMetadata", Metadata()),
                    ("SdkResponseMetadata", ResponseMetadata()),
                    ("StatusCode", JsonValue.Number(200)));
            case "sns:publish":
                if (!result.IsNull) return result;
                return JsonCompare.Obj(
                    ("MessageId", JsonValue.String(Intrinsics.NewUuid(run.Random))),
                    ("SdkHttpMetadata", Metadata()),
                    ("SdkResponseMetadata", ResponseMetadata()));
            case "sqs:sendMessage":
            {
                if (!result.IsNull) return result;
                var body = parameters["MessageBody"] is { } b ? (b.IsString ? b.Text! : LocalJson.Write(b)) : "";
                return JsonCompare.Obj(
                    ("MD5OfMessageBody", JsonValue.String(JsonCompare.Hex(MD5.HashData(Encoding.UTF8.GetBytes(body))))),
                    ("MessageId", JsonValue.String(Intrinsics.NewUuid(run.Random))),
                    ("SdkHttpMetadata", Metadata()),
                    ("SdkResponseMetadata", ResponseMetadata()));
            }
            case "glue:startJobRun":
            {
                var runId = "jr_" + JsonCompare.Hex(Guid(run)).PadRight(64, '0');
                if (pattern.Length == 0) return result.IsNull ? JsonCompare.Obj(("JobRunId", JsonValue.String(runId))) : result;
                var now = Timestamps.Format(run.Scheduler.Now);
                var jobRun = JsonCompare.Obj(
                    ("Arguments", parameters["Arguments"] ?? JsonValue.Object(Array.Empty<JsonProperty>())),
                    ("Attempt", JsonValue.Number(0)),
                    ("CompletedOn", JsonValue.String(now)),
                    ("ExecutionTime", JsonValue.Number(0)),
                    ("GlueVersion", JsonValue.String("4.0")),
                    ("Id", JsonValue.String(runId)),
                    ("JobName", parameters["JobName"] ?? JsonValue.String("")),
                    ("JobRunState", JsonValue.String("SUCCEEDED")),
                    ("LastModifiedOn", JsonValue.String(now)),
                    ("StartedOn", JsonValue.String(now)));
                if (result.IsObject) foreach (var p in result.Properties) jobRun = JsonCompare.With(jobRun, p.Name, p.Value);
                return jobRun;
            }
            default:
                return result;
        }
    }

    private static byte[] Guid(ExecutionRun run)
    {
        var bytes = new byte[16];
        run.Random.NextBytes(bytes);
        return bytes;
    }
}
