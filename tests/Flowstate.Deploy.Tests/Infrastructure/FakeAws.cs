using System.Net;
using System.Text;
using System.Web;

namespace Flowstate.Deploy.Tests.Infrastructure;

/// <summary>
/// A small recording fake of CloudFormation and Step Functions for what moto cannot show (see
/// MotoGapsTests): scripted answers per operation, called in order; every request recorded.
/// </summary>
internal sealed class FakeAws : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<Func<string, HttpResponseMessage>>> _script = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<string, HttpResponseMessage>> _last = new(StringComparer.Ordinal);

    public List<(string Operation, string Body)> Calls { get; } = new();

    /// <summary>Answers <paramref name="operation"/> with these, in order; the last one repeats.</summary>
    public FakeAws On(string operation, params Func<string, HttpResponseMessage>[] answers)
    {
        if (!_script.TryGetValue(operation, out var q)) _script[operation] = q = new Queue<Func<string, HttpResponseMessage>>();
        foreach (var a in answers) q.Enqueue(a);
        return this;
    }

    public FakeAws On(string operation, params string[] bodies)
        => On(operation, bodies.Select(b => (Func<string, HttpResponseMessage>)(_ => b.TrimStart().StartsWith('{') ? Json(b) : Cfn(operation, b))).ToArray());

    /// <summary>The answers scripted for an operation (to build a variant of a fake).</summary>
    public Func<string, HttpResponseMessage>[] Answers(string operation) => _script.TryGetValue(operation, out var q) ? q.ToArray() : Array.Empty<Func<string, HttpResponseMessage>>();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var op = request.Headers.TryGetValues("X-Amz-Target", out var t) ? t.First().Split('.')[1] : HttpUtility.ParseQueryString(body)["Action"] ?? "?";
        lock (Calls) Calls.Add((op, body));
        if (_script.TryGetValue(op, out var q) && q.Count > 0)
        {
            var next = q.Count == 1 ? q.Peek() : q.Dequeue();
            _last[op] = next;
            return next(body);
        }
        throw new InvalidOperationException($"FakeAws: no answer scripted for {op}");
    }

    public static HttpResponseMessage Cfn(string operation, string resultXml)
        => new(HttpStatusCode.OK)
        {
            Content = new StringContent($"<{operation}Response xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><{operation}Result>{resultXml}</{operation}Result></{operation}Response>", Encoding.UTF8, "text/xml"),
        };

    public static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.0") };

    public static Func<string, HttpResponseMessage> CfnError(string code, string message) => _ => new HttpResponseMessage(HttpStatusCode.BadRequest)
    {
        Content = new StringContent($"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{WebUtility.HtmlEncode(message)}</Message></Error></ErrorResponse>", Encoding.UTF8, "text/xml"),
    };

    public const string Tags = "<Tags><member><Key>flowstate:app</Key><Value>OrdersApp</Value></member><member><Key>flowstate:stage</Key><Value>dev</Value></member></Tags>";

    public static string Stack(string status, string extra = "")
        => $"<Stacks><member><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/orders-dev/abc</StackId><StackName>orders-dev</StackName><StackStatus>{status}</StackStatus>{Tags}{extra}</member></Stacks>";

    public static string Event(string id, string logical, string type, string status, string? reason = null)
        => $"<member><EventId>{id}</EventId><StackName>orders-dev</StackName><LogicalResourceId>{logical}</LogicalResourceId><ResourceType>{type}</ResourceType><Timestamp>2026-12-02T09:00:00Z</Timestamp><ResourceStatus>{status}</ResourceStatus>{(reason is null ? "" : $"<ResourceStatusReason>{WebUtility.HtmlEncode(reason)}</ResourceStatusReason>")}</member>";
}
