using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;

namespace Flowstate.Deploy.Tests.Infrastructure;

/// <summary>
/// An AWS API model as botocore ships it (<c>botocore/data/&lt;service&gt;/&lt;version&gt;/service-2.json[.gz]</c>),
/// and a checker for a request on the wire: the operation exists, every member is one the input
/// shape has, required members are present, and each value has the member's type, enum, length,
/// range and pattern. Query (awsQuery form bodies, <c>Name.member.N</c> lists) and JSON 1.0 bodies.
/// </summary>
internal sealed class ServiceModel
{
    private readonly JsonObject _model;

    private ServiceModel(JsonObject model) => _model = model;

    public static ServiceModel Load(string service, string version)
    {
        var dir = Path.Combine(Python.BotocoreData, service, version);
        var plain = Path.Combine(dir, "service-2.json");
        var gz = plain + ".gz";
        string text;
        if (File.Exists(plain)) text = File.ReadAllText(plain);
        else if (File.Exists(gz))
        {
            using var s = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
            text = new StreamReader(s).ReadToEnd();
        }
        else throw new InvalidOperationException($"botocore has no model at {plain}(.gz). Install: {Python.InstallHint}");
        return new ServiceModel((JsonObject)JsonNode.Parse(text)!);
    }

    public JsonObject Metadata => (JsonObject)_model["metadata"]!;
    public JsonObject Operations => (JsonObject)_model["operations"]!;
    private JsonObject Shape(string name) => (JsonObject)_model["shapes"]![name]!;

    public JsonObject InputShape(string operation)
    {
        var op = Operations[operation] as JsonObject ?? throw new Xunit.Sdk.XunitException($"operation {operation} is not in the {Metadata["serviceId"]} model");
        return Shape((string)op["input"]!["shape"]!);
    }

    /// <summary>Checks an awsQuery form body; returns the problems (empty = matches the model).</summary>
    public List<string> CheckQuery(string body)
    {
        var problems = new List<string>();
        var form = HttpUtility.ParseQueryString(body);
        var action = form["Action"];
        if (action is null) return new List<string> { "no Action" };
        if (form["Version"] != (string?)Metadata["apiVersion"]) problems.Add($"Version {form["Version"]} != {Metadata["apiVersion"]}");
        var input = InputShape(action);
        // Rebuild a JSON value from the flattened keys, then check it like a JSON body.
        var root = new JsonObject();
        foreach (var key in form.AllKeys.Where(k => k is not ("Action" or "Version")))
        {
            var parts = key!.Split('.');
            JsonNode node = root;
            JsonObject shape = input;
            for (var i = 0; i < parts.Length; i++)
            {
                var name = parts[i];
                var members = shape["members"] as JsonObject;
                var memberRef = members?[name];
                if (memberRef is null) { problems.Add($"{action}: '{key}': no member '{name}' in {ShapeName(shape)}"); goto next; }
                var memberShape = Shape((string)memberRef["shape"]!);
                var last = i == parts.Length - 1;
                if ((string?)memberShape["type"] == "list")
                {
                    if (last) { SetValue(node, name, new JsonArray()); goto next; } // "Name=" empty list
                    if (parts.Length <= i + 2 || parts[i + 1] != "member" || !int.TryParse(parts[i + 2], out var index) || index < 1)
                    { problems.Add($"{action}: '{key}': list '{name}' must be written {name}.member.N (1-based)"); goto next; }
                    var list = (node[name] ??= new JsonArray()) as JsonArray ?? throw new InvalidOperationException();
                    while (list.Count < index) list.Add(null);
                    var itemShape = Shape((string)memberShape["member"]!["shape"]!);
                    if (i + 2 == parts.Length - 1) { list[index - 1] = Typed(form[key]!, itemShape); goto next; }
                    list[index - 1] ??= new JsonObject();
                    node = list[index - 1]!;
                    shape = itemShape;
                    i += 2;
                    continue;
                }
                if (last) { SetValue(node, name, Typed(form[key]!, memberShape)); goto next; }
                node = node[name] ??= new JsonObject();
                shape = memberShape;
            }
        next:;
        }
        problems.AddRange(CheckValue(action, input, root));
        return problems;
    }

    private static void SetValue(JsonNode node, string name, JsonNode? value) => node[name] = value;

    private static JsonNode? Typed(string text, JsonObject shape) => (string?)shape["type"] switch
    {
        "boolean" => text is "true" or "false" ? JsonValue.Create(text == "true") : JsonValue.Create("not-a-boolean:" + text),
        "integer" or "long" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create("not-a-number:" + text),
        _ => JsonValue.Create(text),
    };

    /// <summary>Checks a JSON 1.0 body of <paramref name="operation"/>.</summary>
    public List<string> CheckJson(string operation, string body)
        => CheckValue(operation, InputShape(operation), JsonNode.Parse(body));

    private List<string> CheckValue(string where, JsonObject shape, JsonNode? value)
    {
        var problems = new List<string>();
        var type = (string?)shape["type"];
        switch (type)
        {
            case "structure":
                if (value is not JsonObject o) { problems.Add($"{where}: expected an object"); break; }
                foreach (var req in (shape["required"] as JsonArray ?? new JsonArray()).Select(r => (string)r!))
                    if (!o.ContainsKey(req)) problems.Add($"{where}: required member '{req}' missing");
                foreach (var (name, v) in o)
                {
                    var m = shape["members"]?[name];
                    if (m is null) { problems.Add($"{where}: unknown member '{name}'"); continue; }
                    problems.AddRange(CheckValue(where + "." + name, Shape((string)m["shape"]!), v));
                }
                break;
            case "list":
                if (value is not JsonArray a) { problems.Add($"{where}: expected a list"); break; }
                if (shape["min"] is { } lmin && a.Count < (int)lmin) problems.Add($"{where}: {a.Count} items < min {lmin}");
                if (shape["max"] is { } lmax && a.Count > (int)lmax) problems.Add($"{where}: {a.Count} items > max {lmax}");
                for (var i = 0; i < a.Count; i++)
                    problems.AddRange(CheckValue($"{where}[{i}]", Shape((string)shape["member"]!["shape"]!), a[i]));
                break;
            case "string":
                if (value is not JsonValue sv || sv.GetValueKind() != JsonValueKind.String) { problems.Add($"{where}: expected a string"); break; }
                var s = sv.GetValue<string>();
                if (shape["min"] is { } smin && s.Length < (int)smin) problems.Add($"{where}: length {s.Length} < min {smin}");
                if (shape["max"] is { } smax && s.Length > (int)smax) problems.Add($"{where}: length {s.Length} > max {smax}");
                if (shape["enum"] is JsonArray e && !e.Select(x => (string?)x).Contains(s)) problems.Add($"{where}: '{s}' is not one of {e.ToJsonString()}");
                if (shape["pattern"] is { } p && !Matches((string)p!, s)) problems.Add($"{where}: '{s}' does not match pattern {p}");
                break;
            case "boolean":
                if (value is not JsonValue bv || bv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) problems.Add($"{where}: expected a boolean, got {value?.ToJsonString()}");
                break;
            case "integer" or "long":
                if (value is not JsonValue iv || iv.GetValueKind() != JsonValueKind.Number) { problems.Add($"{where}: expected a number, got {value?.ToJsonString()}"); break; }
                var n = iv.GetValue<long>();
                if (shape["min"] is { } imin && n < (long)imin) problems.Add($"{where}: {n} < min {imin}");
                if (shape["max"] is { } imax && n > (long)imax) problems.Add($"{where}: {n} > max {imax}");
                break;
            case "timestamp":
                if (value is not JsonValue) problems.Add($"{where}: expected a timestamp");
                break;
            default:
                problems.Add($"{where}: shape type {type} not checked by this test (add it)");
                break;
        }
        return problems;
    }

    private static bool Matches(string pattern, string s)
    {
        try { return Regex.IsMatch(s, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant); }
        catch (ArgumentException) { return true; } // a Java-only construct; the other checks still apply
    }

    private string ShapeName(JsonObject shape)
        => ((JsonObject)_model["shapes"]!).FirstOrDefault(p => ReferenceEquals(p.Value, shape)).Key ?? "?";
}
