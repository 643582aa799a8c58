using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Amazon.Runtime.Internal.Auth;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Flowstate.Deploy.Aws;

/// <summary>An error answer from an AWS service (after retries).</summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(string service, string operation, HttpStatusCode status, string code, string message, string? requestId)
        : base($"{operation}: {code}: {message}")
    {
        Service = service;
        Operation = operation;
        Status = status;
        Code = code;
        AwsMessage = message;
        RequestId = requestId;
    }

    public string Service { get; }
    public string Operation { get; }
    public HttpStatusCode Status { get; }
    public string Code { get; }
    public string AwsMessage { get; }
    public string? RequestId { get; }
}

/// <summary>Retry and timeout settings; tests shorten them.</summary>
public sealed record RetrySettings(int MaxRetries = 8, TimeSpan? BaseDelay = null, TimeSpan? MaxDelay = null, TimeSpan? AttemptTimeout = null)
{
    public TimeSpan Base => BaseDelay ?? TimeSpan.FromMilliseconds(300);
    public TimeSpan Max => MaxDelay ?? TimeSpan.FromSeconds(20);
    public TimeSpan Timeout => AttemptTimeout ?? TimeSpan.FromSeconds(60);
}

internal sealed record AwsRawResponse(HttpStatusCode Status, byte[] Body, string? ContentType, string? RequestId, string? ErrorTypeHeader);

/// <summary>
/// Sends one signed request and gets its answer, retrying what is safe to retry: throttling, 5xx,
/// dropped or reset connections and per-attempt timeouts, with exponential backoff and full jitter
/// (Polly 8). Every attempt re-signs (fresh date) but sends the very same body, so the idempotency
/// token inside it (ClientToken, ClientRequestToken, an execution name) is the same on every retry.
/// Signing uses AWSSDK.Core's SigV4 signer on a canonical request built here: the requests are all
/// <c>POST /</c> with a handful of headers, so the canonical form is short and fixed.
/// </summary>
internal sealed class AwsTransport
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalError", "ServiceUnavailable", "ServiceUnavailableException",
    };

    private readonly AwsSession _session;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<AwsRawResponse> _pipeline;
    private readonly Action<string>? _log;

    public AwsTransport(AwsSession session, HttpClient http, RetrySettings retry, Action<string>? verboseLog)
    {
        _session = session;
        _http = http;
        _log = verboseLog;
        var builder = new ResiliencePipelineBuilder<AwsRawResponse>();
        if (retry.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions<AwsRawResponse>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.Base,
                MaxDelay = retry.Max,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    var why = args.Outcome.Exception is { } e ? Describe(e) : $"HTTP {(int)args.Outcome.Result!.Status} {ErrorCodeOf(args.Outcome.Result)}";
                    Log($"  retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalMilliseconds:0} ms after {why}");
                    return ValueTask.CompletedTask;
                },
            });
        _pipeline = builder.AddTimeout(retry.Timeout).Build();
    }

    public AwsSession Session => _session;

    private void Log(string line) => _log?.Invoke(_session.Secrets.Redact(line));

    public async Task<AwsRawResponse> SendAsync(AwsService service, string operation, byte[] body, string contentType,
        IReadOnlyDictionary<string, string>? extraHeaders, CancellationToken ct)
    {
        var endpoint = _session.Endpoint(service);
        var region = _session.Region;
        AwsRawResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                var creds = await _session.GetCredentialsAsync(token).ConfigureAwait(false);
                using var request = BuildSigned(service, endpoint, region, body, contentType, extraHeaders, creds);
                var sw = Stopwatch.StartNew();
                Log($"-> {service.SigningName} {operation} {endpoint.GetLeftPart(UriPartial.Authority)} ({body.Length} bytes)");
                using var http = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                var bytes = await http.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                var raw = new AwsRawResponse(http.StatusCode, bytes, http.Content.Headers.ContentType?.MediaType,
                    Header(http, "x-amzn-RequestId") ?? Header(http, "x-amz-request-id"), Header(http, "x-amzn-ErrorType"));
                Log($"<- {(int)raw.Status} {operation} in {sw.ElapsedMilliseconds} ms{(raw.Status >= HttpStatusCode.BadRequest ? " " + ErrorCodeOf(raw) : "")}");
                return raw;
            }, ct).ConfigureAwait(false);
        }
        catch (DeployException)
        {
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutRejectedException or OperationCanceledException)
        {
            throw new DeployException(ExitCodes.AwsAccess,
                $"Could not reach {service.SigningName} at {endpoint.GetLeftPart(UriPartial.Authority)} ({operation}): {Describe(e)}, after retrying.",
                "Check the network, the region and any endpoint override (--endpoint-url, AWS_ENDPOINT_URL*).", e);
        }
        if (response.Status >= HttpStatusCode.BadRequest)
            throw ToException(service, operation, response);
        return response;
    }

    private static string? Header(HttpResponseMessage m, string name)
        => m.Headers.TryGetValues(name, out var v) ? v.FirstOrDefault() : null;

    private static string Describe(Exception e) => e switch
    {
        TimeoutRejectedException => "no answer within the attempt timeout",
        HttpRequestException { InnerException: IOException io } => "connection dropped (" + io.Message + ")",
        HttpRequestException h => h.Message,
        IOException io => "connection dropped (" + io.Message + ")",
        _ => e.Message,
    };

    private static bool IsRetryable(Outcome<AwsRawResponse> outcome, CancellationToken ct)
    {
        if (outcome.Exception is { } e)
            return e is HttpRequestException or IOException or TimeoutRejectedException
                || (e is OperationCanceledException && !ct.IsCancellationRequested);
        var r = outcome.Result!;
        if ((int)r.Status >= 500 || r.Status == HttpStatusCode.TooManyRequests) return true;
        if (r.Status >= HttpStatusCode.BadRequest)
        {
            var code = ErrorCodeOf(r);
            return ThrottlingCodes.Contains(code) || TransientCodes.Contains(code);
        }
        return false;
    }

    private HttpRequestMessage BuildSigned(AwsService service, Uri endpoint, string region, byte[] body, string contentType,
        IReadOnlyDictionary<string, string>? extraHeaders, Amazon.Runtime.ImmutableCredentials creds)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = string.IsNullOrEmpty(endpoint.AbsolutePath) ? "/" : endpoint.AbsolutePath;
        var host = endpoint.IsDefaultPort ? endpoint.Host : endpoint.Host + ":" + endpoint.Port.ToString(CultureInfo.InvariantCulture);
        var payloadHash = Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant();

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = contentType,
            ["host"] = host,
            ["x-amz-content-sha256"] = payloadHash,
            ["x-amz-date"] = amzDate,
        };
        if (creds.UseToken) headers["x-amz-security-token"] = creds.Token;
        if (extraHeaders is not null)
            foreach (var (k, v) in extraHeaders) headers[k.ToLowerInvariant()] = v;

        var signedHeaders = string.Join(";", headers.Keys);
        var canonical = new StringBuilder()
            .Append("POST\n")
            .Append(CanonicalPath(path)).Append('\n')
            .Append('\n') // no query string
            .Append(string.Concat(headers.Select(h => h.Key + ":" + h.Value.Trim() + "\n"))).Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(payloadHash)
            .ToString();
        var signature = AWS4Signer.ComputeSignature(creds, region, now, service.SigningName, signedHeaders, canonical);

        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body), Version = HttpVersion.Version11 };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (k, v) in headers)
            if (k is not ("content-type" or "host")) request.Headers.TryAddWithoutValidation(k, v);
        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
        request.Headers.UserAgent.ParseAdd("flowstate-deploy/0.1");
        return request;
    }

    private static string CanonicalPath(string path)
        => string.Join("/", path.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s))));

    internal static string ErrorCodeOf(AwsRawResponse r) => ParseError(r).Code;

    private static (string Code, string Message) ParseError(AwsRawResponse r)
    {
        var text = Encoding.UTF8.GetString(r.Body);
        string? code = null, message = null;
        if (text.TrimStart().StartsWith('<'))
        {
            try
            {
                var doc = XDocument.Parse(text);
                var err = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error") ?? doc.Root;
                code = err?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                message = err?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
            }
            catch (System.Xml.XmlException) { }
        }
        else if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.Name is "__type" or "code" && p.Value.ValueKind == JsonValueKind.String) code ??= p.Value.GetString();
                    if (p.Name.Equals("message", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String) message ??= p.Value.GetString();
                }
            }
            catch (JsonException) { }
        }
        code ??= r.ErrorTypeHeader;
        if (code is not null)
        {
            var hash = code.LastIndexOf('#');
            if (hash >= 0) code = code[(hash + 1)..];
            var colon = code.IndexOf(':');
            if (colon > 0) code = code[..colon];
        }
        if (string.IsNullOrEmpty(code))
            code = (int)r.Status >= 500 ? "InternalFailure" : "Http" + ((int)r.Status).ToString(CultureInfo.InvariantCulture);
        return (code, message ?? (text.Length > 300 ? text[..300] : text));
    }

    private AwsServiceException ToException(AwsService service, string operation, AwsRawResponse r)
    {
        var (code, message) = ParseError(r);
        return new AwsServiceException(service.SigningName, operation, r.Status, code, _session.Secrets.Redact(message), r.RequestId);
    }
}
