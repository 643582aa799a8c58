using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace Flowstate.Deploy.Aws;

// SDK-shaped requests and responses for the CloudFormation calls the deploy program makes. Names and
// members follow the API model (botocore cloudformation/2010-05-15/service-2.json), so the official
// AWSSDK.CloudFormation client could stand behind ICloudFormation unchanged. Hand-written because that
// package is not available here; only the members Flowstate uses are present.

public sealed record Parameter(string ParameterKey, string? ParameterValue, bool? UsePreviousValue = null);
public sealed record Tag(string Key, string Value);
public sealed record Output(string OutputKey, string? OutputValue, string? Description, string? ExportName);

public sealed record CreateChangeSetRequest
{
    public required string StackName { get; init; }
    public required string ChangeSetName { get; init; }
    public string? TemplateBody { get; init; }
    public string? TemplateURL { get; init; }
    public IReadOnlyList<Parameter> Parameters { get; init; } = Array.Empty<Parameter>();
    public IReadOnlyList<string> Capabilities { get; init; } = Array.Empty<string>();
    public IReadOnlyList<Tag> Tags { get; init; } = Array.Empty<Tag>();
    public string? ClientToken { get; init; }
    public string? Description { get; init; }
    /// <summary>CREATE | UPDATE | IMPORT</summary>
    public string? ChangeSetType { get; init; }
    /// <summary>DO_NOTHING | ROLLBACK | DELETE</summary>
    public string? OnStackFailure { get; init; }
}
public sealed record CreateChangeSetResponse(string? Id, string? StackId);

public sealed record DescribeChangeSetRequest(string ChangeSetName, string? StackName = null, string? NextToken = null, bool? IncludePropertyValues = null);
public sealed record ResourceChangeDetail(string? Attribute, string? Name, string? RequiresRecreation, string? Evaluation, string? ChangeSource, string? CausingEntity);
public sealed record ResourceChange(string Action, string LogicalResourceId, string? PhysicalResourceId, string? ResourceType, string? Replacement,
    IReadOnlyList<string> Scope, IReadOnlyList<ResourceChangeDetail> Details);
public sealed record DescribeChangeSetResponse(string? ChangeSetName, string? ChangeSetId, string? StackId, string? Status, string? ExecutionStatus,
    string? StatusReason, IReadOnlyList<ResourceChange> Changes, string? NextToken);

public sealed record ExecuteChangeSetRequest(string ChangeSetName, string? StackName = null, string? ClientRequestToken = null, bool? DisableRollback = null);
public sealed record DeleteChangeSetRequest(string ChangeSetName, string? StackName = null);
public sealed record ListChangeSetsRequest(string StackName, string? NextToken = null);
public sealed record ChangeSetSummary(string? ChangeSetName, string? ChangeSetId, string? Status, string? ExecutionStatus, string? StatusReason);
public sealed record ListChangeSetsResponse(IReadOnlyList<ChangeSetSummary> Summaries, string? NextToken);

public sealed record DescribeStacksRequest(string? StackName = null, string? NextToken = null);
public sealed record Stack(string StackId, string StackName, string StackStatus, string? StackStatusReason, IReadOnlyList<Parameter> Parameters,
    IReadOnlyList<Output> Outputs, IReadOnlyList<Tag> Tags, DateTimeOffset? CreationTime, DateTimeOffset? LastUpdatedTime, string? ChangeSetId = null);
public sealed record DescribeStacksResponse(IReadOnlyList<Stack> Stacks, string? NextToken);

public sealed record DescribeStackEventsRequest(string StackName, string? NextToken = null);
public sealed record StackEvent(string EventId, string? LogicalResourceId, string? PhysicalResourceId, string? ResourceType, DateTimeOffset? Timestamp,
    string? ResourceStatus, string? ResourceStatusReason, string? ClientRequestToken);
public sealed record DescribeStackEventsResponse(IReadOnlyList<StackEvent> StackEvents, string? NextToken);

public sealed record DescribeStackResourcesRequest(string StackName);
public sealed record StackResource(string? LogicalResourceId, string? PhysicalResourceId, string? ResourceType, string? ResourceStatus, string? ResourceStatusReason);
public sealed record DescribeStackResourcesResponse(IReadOnlyList<StackResource> StackResources);

/// <summary>TemplateStage: Original | Processed.</summary>
public sealed record GetTemplateRequest(string StackName, string? ChangeSetName = null, string? TemplateStage = null);
public sealed record GetTemplateResponse(string? TemplateBody);

public sealed record DeleteStackRequest(string StackName, string? ClientRequestToken = null);

/// <summary>The CloudFormation calls of the deploy program; <see cref="CloudFormationClient"/> or the official client behind an adapter.</summary>
public interface ICloudFormation
{
    Task<CreateChangeSetResponse> CreateChangeSetAsync(CreateChangeSetRequest request, CancellationToken ct = default);
    Task<DescribeChangeSetResponse> DescribeChangeSetAsync(DescribeChangeSetRequest request, CancellationToken ct = default);
    Task ExecuteChangeSetAsync(ExecuteChangeSetRequest request, CancellationToken ct = default);
    Task DeleteChangeSetAsync(DeleteChangeSetRequest request, CancellationToken ct = default);
    Task<ListChangeSetsResponse> ListChangeSetsAsync(ListChangeSetsRequest request, CancellationToken ct = default);
    Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest request, CancellationToken ct = default);
    Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest request, CancellationToken ct = default);
    Task<DescribeStackResourcesResponse> DescribeStackResourcesAsync(DescribeStackResourcesRequest request, CancellationToken ct = default);
    Task<GetTemplateResponse> GetTemplateAsync(GetTemplateRequest request, CancellationToken ct = default);
    Task DeleteStackAsync(DeleteStackRequest request, CancellationToken ct = default);
}

/// <summary>
/// CloudFormation over the awsQuery protocol: <c>POST /</c>, form-encoded <c>Action=...&amp;Version=2010-05-15</c>,
/// lists as <c>Name.member.N</c> (1-based), XML answers (<c>&lt;OpResponse&gt;&lt;OpResult&gt;</c>, list items <c>&lt;member&gt;</c>).
/// </summary>
public sealed class CloudFormationClient : ICloudFormation
{
    private const string ApiVersion = "2010-05-15";
    private readonly AwsTransport _transport;

    internal CloudFormationClient(AwsTransport transport) => _transport = transport;

    public async Task<CreateChangeSetResponse> CreateChangeSetAsync(CreateChangeSetRequest r, CancellationToken ct = default)
    {
        var q = new Query("CreateChangeSet")
            .Add("StackName", r.StackName).Add("ChangeSetName", r.ChangeSetName)
            .Add("TemplateBody", r.TemplateBody).Add("TemplateURL", r.TemplateURL)
            .AddList("Parameters", r.Parameters, (p, prefix, q2) => q2.Add(prefix + ".ParameterKey", p.ParameterKey).Add(prefix + ".ParameterValue", p.ParameterValue)
                .Add(prefix + ".UsePreviousValue", p.UsePreviousValue))
            .AddList("Capabilities", r.Capabilities, (c, prefix, q2) => q2.Add(prefix, c))
            .AddList("Tags", r.Tags, (t, prefix, q2) => q2.Add(prefix + ".Key", t.Key).Add(prefix + ".Value", t.Value))
            .Add("ClientToken", r.ClientToken).Add("Description", r.Description).Add("ChangeSetType", r.ChangeSetType).Add("OnStackFailure", r.OnStackFailure);
        var x = await SendAsync(q, ct).ConfigureAwait(false);
        return new CreateChangeSetResponse(x.Value("Id"), x.Value("StackId"));
    }

    public async Task<DescribeChangeSetResponse> DescribeChangeSetAsync(DescribeChangeSetRequest r, CancellationToken ct = default)
    {
        var q = new Query("DescribeChangeSet").Add("ChangeSetName", r.ChangeSetName).Add("StackName", r.StackName).Add("NextToken", r.NextToken)
            .Add("IncludePropertyValues", r.IncludePropertyValues);
        var x = await SendAsync(q, ct).ConfigureAwait(false);
        var changes = x.Members("Changes").Select(c => c.Child("ResourceChange")).Where(rc => rc is not null).Select(rc => new ResourceChange(
            rc!.Value("Action") ?? "", rc.Value("LogicalResourceId") ?? "", rc.Value("PhysicalResourceId"), rc.Value("ResourceType"), rc.Value("Replacement"),
            rc.Members("Scope").Select(s => s.Text).ToArray(),
            rc.Members("Details").Select(d => new ResourceChangeDetail(d.Child("Target")?.Value("Attribute"), d.Child("Target")?.Value("Name"),
                d.Child("Target")?.Value("RequiresRecreation"), d.Value("Evaluation"), d.Value("ChangeSource"), d.Value("CausingEntity"))).ToArray())).ToArray();
        return new DescribeChangeSetResponse(x.Value("ChangeSetName"), x.Value("ChangeSetId"), x.Value("StackId"), x.Value("Status"), x.Value("ExecutionStatus"),
            x.Value("StatusReason"), changes, x.Value("NextToken"));
    }

    public Task ExecuteChangeSetAsync(ExecuteChangeSetRequest r, CancellationToken ct = default)
        => SendAsync(new Query("ExecuteChangeSet").Add("ChangeSetName", r.ChangeSetName).Add("StackName", r.StackName)
            .Add("ClientRequestToken", r.ClientRequestToken).Add("DisableRollback", r.DisableRollback), ct);

    public Task DeleteChangeSetAsync(DeleteChangeSetRequest r, CancellationToken ct = default)
        => SendAsync(new Query("DeleteChangeSet").Add("ChangeSetName", r.ChangeSetName).Add("StackName", r.StackName), ct);

    public async Task<ListChangeSetsResponse> ListChangeSetsAsync(ListChangeSetsRequest r, CancellationToken ct = default)
    {
        var x = await SendAsync(new Query("ListChangeSets").Add("StackName", r.StackName).Add("NextToken", r.NextToken), ct).ConfigureAwait(false);
        return new ListChangeSetsResponse(x.Members("Summaries").Select(s => new ChangeSetSummary(s.Value("ChangeSetName"), s.Value("ChangeSetId"),
            s.Value("Status"), s.Value("ExecutionStatus"), s.Value("StatusReason"))).ToArray(), x.Value("NextToken"));
    }

    public async Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest r, CancellationToken ct = default)
    {
        var x = await SendAsync(new Query("DescribeStacks").Add("StackName", r.StackName).Add("NextToken", r.NextToken), ct).ConfigureAwait(false);
        var stacks = x.Members("Stacks").Select(s => new Stack(
            s.Value("StackId") ?? "", s.Value("StackName") ?? "", s.Value("StackStatus") ?? "", s.Value("StackStatusReason"),
            s.Members("Parameters").Select(p => new Parameter(p.Value("ParameterKey") ?? "", p.Value("ParameterValue"))).ToArray(),
            s.Members("Outputs").Select(o => new Output(o.Value("OutputKey") ?? "", o.Value("OutputValue"), o.Value("Description"), o.Value("ExportName"))).ToArray(),
            s.Members("Tags").Select(t => new Tag(t.Value("Key") ?? "", t.Value("Value") ?? "")).ToArray(),
            s.Time("CreationTime"), s.Time("LastUpdatedTime"), s.Value("ChangeSetId"))).ToArray();
        return new DescribeStacksResponse(stacks, x.Value("NextToken"));
    }

    public async Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest r, CancellationToken ct = default)
    {
        var x = await SendAsync(new Query("DescribeStackEvents").Add("StackName", r.StackName).Add("NextToken", r.NextToken), ct).ConfigureAwait(false);
        return new DescribeStackEventsResponse(x.Members("StackEvents").Select(e => new StackEvent(e.Value("EventId") ?? "", e.Value("LogicalResourceId"),
            e.Value("PhysicalResourceId"), e.Value("ResourceType"), e.Time("Timestamp"), e.Value("ResourceStatus"), e.Value("ResourceStatusReason"),
            e.Value("ClientRequestToken"))).ToArray(), x.Value("NextToken"));
    }

    public async Task<DescribeStackResourcesResponse> DescribeStackResourcesAsync(DescribeStackResourcesRequest r, CancellationToken ct = default)
    {
        var x = await SendAsync(new Query("DescribeStackResources").Add("StackName", r.StackName), ct).ConfigureAwait(false);
        return new DescribeStackResourcesResponse(x.Members("StackResources").Select(s => new StackResource(s.Value("LogicalResourceId"),
            s.Value("PhysicalResourceId"), s.Value("ResourceType"), s.Value("ResourceStatus"), s.Value("ResourceStatusReason"))).ToArray());
    }

    public async Task<GetTemplateResponse> GetTemplateAsync(GetTemplateRequest r, CancellationToken ct = default)
    {
        var x = await SendAsync(new Query("GetTemplate").Add("StackName", r.StackName).Add("ChangeSetName", r.ChangeSetName)
            .Add("TemplateStage", r.TemplateStage), ct).ConfigureAwait(false);
        return new GetTemplateResponse(x.Value("TemplateBody"));
    }

    public Task DeleteStackAsync(DeleteStackRequest r, CancellationToken ct = default)
        => SendAsync(new Query("DeleteStack").Add("StackName", r.StackName).Add("ClientRequestToken", r.ClientRequestToken), ct);

    private async Task<Node> SendAsync(Query q, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(q.Encode(ApiVersion));
        var raw = await _transport.SendAsync(AwsService.CloudFormation, q.Action, body, "application/x-www-form-urlencoded; charset=utf-8", null, ct).ConfigureAwait(false);
        XDocument doc;
        try { doc = XDocument.Parse(Encoding.UTF8.GetString(raw.Body)); }
        catch (System.Xml.XmlException e)
        {
            throw new AwsServiceException("cloudformation", q.Action, raw.Status, "MalformedResponse", "the answer was not XML: " + e.Message, raw.RequestId);
        }
        var result = doc.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == q.Action + "Result");
        return new Node(result);
    }

    /// <summary>awsQuery form body. Keys keep insertion order; values are RFC 3986 encoded.</summary>
    internal sealed class Query
    {
        private readonly List<KeyValuePair<string, string>> _pairs = new();
        public Query(string action) => Action = action;
        public string Action { get; }

        public Query Add(string key, string? value)
        {
            if (value is not null) _pairs.Add(new(key, value));
            return this;
        }

        public Query Add(string key, bool? value) => value is null ? this : Add(key, value.Value ? "true" : "false");

        public Query AddList<T>(string name, IReadOnlyList<T> items, Action<T, string, Query> write)
        {
            for (var i = 0; i < items.Count; i++)
                write(items[i], name + ".member." + (i + 1).ToString(CultureInfo.InvariantCulture), this);
            return this;
        }

        public string Encode(string version)
        {
            var sb = new StringBuilder("Action=").Append(Uri.EscapeDataString(Action)).Append("&Version=").Append(version);
            foreach (var (k, v) in _pairs) sb.Append('&').Append(Uri.EscapeDataString(k)).Append('=').Append(Uri.EscapeDataString(v));
            return sb.ToString();
        }
    }

    /// <summary>Namespace-agnostic view of the XML answer.</summary>
    internal sealed class Node
    {
        private readonly XElement? _e;
        public Node(XElement? e) => _e = e;
        public string Text => _e?.Value ?? "";
        public Node? Child(string name) => _e?.Elements().FirstOrDefault(x => x.Name.LocalName == name) is { } c ? new Node(c) : null;
        public string? Value(string name) => _e?.Elements().FirstOrDefault(x => x.Name.LocalName == name)?.Value;
        public IEnumerable<Node> Members(string name)
            => Child(name) is { } list ? list._e!.Elements().Where(x => x.Name.LocalName == "member").Select(x => new Node(x)) : Enumerable.Empty<Node>();
        public DateTimeOffset? Time(string name)
            => Value(name) is { } v && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }
}
