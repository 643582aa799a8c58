using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Flowstate.Deploy.Tests.Infrastructure;

public enum FaultKind { Throttle, ServerError, DropBeforeForward, DropAfterForward, Slow, AccessDenied, ExpiredToken }

public sealed record Fault(FaultKind Kind, int DelayMs = 0);

/// <summary>One request as the proxy saw it.</summary>
public sealed record ProxyCall(int Index, string Service, string Operation, string Body, string? AccessKeyId, string? Token, int Attempt)
{
    public bool IsWrite => Service == "s3"
        ? !(Operation.StartsWith("GET", StringComparison.Ordinal) || Operation.StartsWith("HEAD", StringComparison.Ordinal))
        : !(Operation.StartsWith("Describe", StringComparison.Ordinal) || Operation.StartsWith("Get", StringComparison.Ordinal)
            || Operation.StartsWith("List", StringComparison.Ordinal) || Operation.StartsWith("Validate", StringComparison.Ordinal));

    public Fault? Fault { get; set; }
    public bool Forwarded { get; set; }
    /// <summary>Answered from the idempotency cache (AWS semantics moto lacks), not forwarded.</summary>
    public bool Replayed { get; set; }
    public int Status { get; set; }
}

/// <summary>
/// A recording, fault-injecting HTTP proxy in front of moto_server (Kestrel on a free 127.0.0.1 port).
/// It records every call (service from the SigV4 credential scope, operation from Action= or
/// X-Amz-Target), injects the faults a test asks for, and answers a repeated idempotency token
/// (CreateChangeSet ClientToken, ExecuteChangeSet / DeleteStack ClientRequestToken) with the first
/// answer, as CloudFormation documents it does and moto does not (see MotoGapsTests).
/// </summary>
public sealed class AwsProxy : IAsyncDisposable
{
    private static readonly Regex CredentialScope = new(@"Credential=(?<key>[^/]+)/\d{8}/[^/]+/(?<service>[^/]+)/aws4_request");
    private readonly WebApplication _app;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentQueue<ProxyCall> _calls = new();
    private readonly ConcurrentDictionary<string, (int Status, string ContentType, byte[] Body)> _idempotent = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private int _index;

    public AwsProxy(string upstream)
    {
        Upstream = upstream.TrimEnd('/');
        Port = MotoServer.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public string Upstream { get; }
    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Decides a fault per call (null: forward as is).</summary>
    public Func<ProxyCall, Fault?>? Faults { get; set; }

    /// <summary>Called after a call was forwarded (tests use it to interrupt a deploy at a given point).</summary>
    public Action<ProxyCall>? AfterForward { get; set; }

    public IReadOnlyList<ProxyCall> Calls => _calls.ToArray();

    public void Clear()
    {
        while (_calls.TryDequeue(out _)) { }
        _attempts.Clear();
        _idempotent.Clear();
        Faults = null;
        AfterForward = null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var ms = new MemoryStream();
        await request.Body.CopyToAsync(ms);
        var body = ms.ToArray();
        var text = Encoding.UTF8.GetString(body);
        var auth = request.Headers.Authorization.ToString();
        var scope = CredentialScope.Match(auth);
        var service = scope.Success ? scope.Groups["service"].Value : "unknown";
        string operation;
        var form = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true ? HttpUtility.ParseQueryString(text) : null;
        if (request.Headers.TryGetValue("X-Amz-Target", out var target)) operation = target.ToString().Split('.').Last();
        else if (form?["Action"] is { } action) operation = action;
        else operation = $"{request.Method} {request.Path}";
        var token = operation switch
        {
            "CreateChangeSet" => form?["ClientToken"],
            "ExecuteChangeSet" or "DeleteStack" => form?["ClientRequestToken"],
            _ => null,
        };
        var attempt = _attempts.AddOrUpdate(operation + "\n" + text, 1, (_, n) => n + 1);
        var call = new ProxyCall(Interlocked.Increment(ref _index), service, operation, text, scope.Success ? scope.Groups["key"].Value : null, token, attempt);
        _calls.Enqueue(call);

        var fault = Faults?.Invoke(call);
        call.Fault = fault;
        switch (fault?.Kind)
        {
            case FaultKind.Throttle:
                await Error(context, service, HttpStatusCode.BadRequest, service == "states" ? "ThrottlingException" : "Throttling", "Rate exceeded", call);
                return;
            case FaultKind.ServerError:
                await Error(context, service, HttpStatusCode.InternalServerError, "InternalFailure", "We encountered an internal error. Please try again.", call);
                return;
            case FaultKind.DropBeforeForward:
                context.Abort();
                return;
            case FaultKind.AccessDenied:
                await Error(context, service, HttpStatusCode.Forbidden, service == "states" ? "AccessDeniedException" : "AccessDenied",
                    $"User: arn:aws:iam::123456789012:user/dev is not authorized to perform: {service}:{operation} on resource: arn:aws:{service}:us-east-1:123456789012:stack/daily-etl-dev/* because no identity-based policy allows the {service}:{operation} action", call);
                return;
            case FaultKind.ExpiredToken:
                await Error(context, service, HttpStatusCode.Forbidden, service == "states" ? "ExpiredTokenException" : "ExpiredToken", "The security token included in the request is expired", call);
                return;
            case FaultKind.Slow:
                await Task.Delay(fault.DelayMs);
                break;
        }

        (int Status, string ContentType, byte[] Body) answer;
        var key = token is null ? null : operation + "\n" + token;
        if (key is not null && _idempotent.TryGetValue(key, out var cached))
        {
            answer = cached;
            call.Replayed = true;
        }
        else
        {
            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), Upstream + request.Path + request.QueryString) { Content = new ByteArrayContent(body) };
            foreach (var h in request.Headers)
            {
                if (h.Key is "Host" or "Content-Length" or "Transfer-Encoding" or "Connection") continue;
                if (h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)) forward.Content.Headers.TryAddWithoutValidation(h.Key, h.Value.ToArray());
                else forward.Headers.TryAddWithoutValidation(h.Key, h.Value.ToArray());
            }
            using var response = await _forward.SendAsync(forward);
            answer = ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "text/xml", await response.Content.ReadAsByteArrayAsync());
            call.Forwarded = true;
            if (key is not null && answer.Status < 300) _idempotent[key] = answer;
            AfterForward?.Invoke(call);
        }
        call.Status = answer.Status;
        if (fault?.Kind == FaultKind.DropAfterForward)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.Body.WriteAsync(answer.Body);
    }

    private static async Task Error(HttpContext context, string service, HttpStatusCode status, string code, string message, ProxyCall call)
    {
        call.Status = (int)status;
        context.Response.StatusCode = (int)status;
        if (service == "states")
        {
            context.Response.ContentType = "application/x-amz-json-1.0";
            await context.Response.WriteAsync($"{{\"__type\":\"com.amazonaws.swf.service.v2.model#{code}\",\"message\":\"{message}\"}}");
        }
        else
        {
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync($"<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{WebUtility.HtmlEncode(message)}</Message></Error><RequestId>fault-{call.Index}</RequestId></ErrorResponse>");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}
