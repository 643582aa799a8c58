using System.Net;
using System.Text;

namespace Flowstate.Deploy.Tests.Infrastructure;

/// <summary>Records every request and answers from a script (default: an empty success in the protocol's shape).</summary>
internal sealed class CapturingHandler : HttpMessageHandler
{
    public sealed record Captured(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body);

    public List<Captured> Requests { get; } = new();

    /// <summary>Answers by index of the request (null: default).</summary>
    public Func<Captured, int, HttpResponseMessage?>? Script { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var captured = new Captured(request.Method, request.RequestUri!, headers, body);
        int index;
        lock (Requests) { Requests.Add(captured); index = Requests.Count - 1; }
        if (Script?.Invoke(captured, index) is { } scripted) return scripted;
        if (headers.TryGetValue("X-Amz-Target", out _))
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0") };
        var action = System.Web.HttpUtility.ParseQueryString(body)["Action"] ?? "Unknown";
        return Xml($"<{action}Response xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><{action}Result/></{action}Response>");
    }

    public static HttpResponseMessage Xml(string xml, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.0") };
}
