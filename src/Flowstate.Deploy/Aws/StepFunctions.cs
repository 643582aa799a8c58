using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Flowstate.Deploy.Aws;

// SDK-shaped requests and responses for the Step Functions calls of the deploy program (botocore
// stepfunctions/2016-11-23/service-2.json names, camelCase on the wire). Hand-written: the
// AWSSDK.StepFunctions package is not available here.

public sealed record DescribeStateMachineRequest([property: JsonPropertyName("stateMachineArn")] string StateMachineArn);
public sealed record DescribeStateMachineResponse(
    [property: JsonPropertyName("stateMachineArn")] string? StateMachineArn,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("definition")] string? Definition,
    [property: JsonPropertyName("type")] string? Type);

public sealed record StartExecutionRequest(
    [property: JsonPropertyName("stateMachineArn")] string StateMachineArn,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("input")] string? Input = null);
public sealed record StartExecutionResponse(
    [property: JsonPropertyName("executionArn")] string ExecutionArn,
    [property: JsonPropertyName("startDate"), JsonConverter(typeof(EpochConverter))] DateTimeOffset? StartDate);

public sealed record DescribeExecutionRequest([property: JsonPropertyName("executionArn")] string ExecutionArn);
public sealed record DescribeExecutionResponse(
    [property: JsonPropertyName("executionArn")] string? ExecutionArn,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("startDate"), JsonConverter(typeof(EpochConverter))] DateTimeOffset? StartDate,
    [property: JsonPropertyName("stopDate"), JsonConverter(typeof(EpochConverter))] DateTimeOffset? StopDate,
    [property: JsonPropertyName("output")] string? Output,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("cause")] string? Cause);

public sealed record GetExecutionHistoryRequest(
    [property: JsonPropertyName("executionArn")] string ExecutionArn,
    [property: JsonPropertyName("maxResults")] int? MaxResults = null,
    [property: JsonPropertyName("reverseOrder")] bool? ReverseOrder = null,
    [property: JsonPropertyName("nextToken")] string? NextToken = null,
    [property: JsonPropertyName("includeExecutionData")] bool? IncludeExecutionData = null);
public sealed record HistoryEvent
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("timestamp"), JsonConverter(typeof(EpochConverter))] public DateTimeOffset? Timestamp { get; init; }
    /// <summary>The <c>*EventDetails</c> member of this event type (name, error, cause, ...).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Details { get; init; }
}
public sealed record GetExecutionHistoryResponse(
    [property: JsonPropertyName("events")] IReadOnlyList<HistoryEvent> Events,
    [property: JsonPropertyName("nextToken")] string? NextToken);

public sealed record ListExecutionsRequest(
    [property: JsonPropertyName("stateMachineArn")] string StateMachineArn,
    [property: JsonPropertyName("statusFilter")] string? StatusFilter = null,
    [property: JsonPropertyName("maxResults")] int? MaxResults = null,
    [property: JsonPropertyName("nextToken")] string? NextToken = null);
public sealed record ExecutionListItem(
    [property: JsonPropertyName("executionArn")] string ExecutionArn,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("startDate"), JsonConverter(typeof(EpochConverter))] DateTimeOffset? StartDate,
    [property: JsonPropertyName("stopDate"), JsonConverter(typeof(EpochConverter))] DateTimeOffset? StopDate);
public sealed record ListExecutionsResponse(
    [property: JsonPropertyName("executions")] IReadOnlyList<ExecutionListItem> Executions,
    [property: JsonPropertyName("nextToken")] string? NextToken);

public sealed record StopExecutionRequest(
    [property: JsonPropertyName("executionArn")] string ExecutionArn,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("cause")] string? Cause = null);
public sealed record StopExecutionResponse([property: JsonPropertyName("stopDate"), JsonConverter(typeof(EpochConverter))] DateTimeOffset? StopDate);

/// <summary>The Step Functions calls of the deploy program.</summary>
public interface IStepFunctions
{
    Task<DescribeStateMachineResponse> DescribeStateMachineAsync(DescribeStateMachineRequest request, CancellationToken ct = default);
    Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken ct = default);
    Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken ct = default);
    Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(GetExecutionHistoryRequest request, CancellationToken ct = default);
    Task<ListExecutionsResponse> ListExecutionsAsync(ListExecutionsRequest request, CancellationToken ct = default);
    Task<StopExecutionResponse> StopExecutionAsync(StopExecutionRequest request, CancellationToken ct = default);
}

/// <summary>Step Functions over JSON 1.0: <c>POST /</c>, <c>X-Amz-Target: AWSStepFunctions.&lt;Op&gt;</c>, epoch-second timestamps.</summary>
public sealed class StepFunctionsClient : IStepFunctions
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = false,
    };

    private readonly AwsTransport _transport;

    internal StepFunctionsClient(AwsTransport transport) => _transport = transport;

    public Task<DescribeStateMachineResponse> DescribeStateMachineAsync(DescribeStateMachineRequest r, CancellationToken ct = default) => Call<DescribeStateMachineRequest, DescribeStateMachineResponse>("DescribeStateMachine", r, ct);
    public Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest r, CancellationToken ct = default) => Call<StartExecutionRequest, StartExecutionResponse>("StartExecution", r, ct);
    public Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest r, CancellationToken ct = default) => Call<DescribeExecutionRequest, DescribeExecutionResponse>("DescribeExecution", r, ct);
    public Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(GetExecutionHistoryRequest r, CancellationToken ct = default) => Call<GetExecutionHistoryRequest, GetExecutionHistoryResponse>("GetExecutionHistory", r, ct);
    public Task<ListExecutionsResponse> ListExecutionsAsync(ListExecutionsRequest r, CancellationToken ct = default) => Call<ListExecutionsRequest, ListExecutionsResponse>("ListExecutions", r, ct);
    public Task<StopExecutionResponse> StopExecutionAsync(StopExecutionRequest r, CancellationToken ct = default) => Call<StopExecutionRequest, StopExecutionResponse>("StopExecution", r, ct);

    private async Task<TResponse> Call<TRequest, TResponse>(string operation, TRequest request, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Json);
        var headers = new Dictionary<string, string> { ["X-Amz-Target"] = "AWSStepFunctions." + operation };
        var raw = await _transport.SendAsync(AwsService.StepFunctions, operation, body, "application/x-amz-json-1.0", headers, ct).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<TResponse>(raw.Body, Json)
                ?? throw new AwsServiceException("states", operation, raw.Status, "MalformedResponse", "empty answer", raw.RequestId);
        }
        catch (JsonException e)
        {
            throw new AwsServiceException("states", operation, raw.Status, "MalformedResponse", "the answer was not the expected JSON: " + e.Message, raw.RequestId);
        }
    }
}

/// <summary>AWS JSON protocols send timestamps as epoch seconds (fractional); accept ISO strings too.</summary>
internal sealed class EpochConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000));
        if (reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            return t;
        return null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v.ToUnixTimeMilliseconds() / 1000.0);
        else writer.WriteNullValue();
    }
}
