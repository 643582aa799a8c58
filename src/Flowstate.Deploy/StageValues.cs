using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Flowstate.Deploy;

/// <summary>
/// The per-stage values file (<c>flowstate.&lt;stage&gt;.json</c>, designed with the template issue):
/// <code>
/// { "region": "...", "parameters": { "P": "v" }, "tags": { "k": "v" },
///   "stacks": { "&lt;stack&gt;": { "stackName": "...", "parameters": { }, "tags": { } } } }
/// </code>
/// Top-level parameters apply to every stack that declares them; <c>stacks.&lt;name&gt;</c> overrides.
/// Unknown keys are an error (a typo must not silently drop a value).
/// </summary>
public sealed record StageValues(string? FilePath, string? Region, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Tags, string? StackName)
{
    public const string StageNamePattern = "^[a-z0-9-]+$";

    public static StageValues Empty(string? expectedPath) => new(expectedPath, null, new Dictionary<string, string>(), new Dictionary<string, string>(), null);

    /// <summary>Where <c>flowstate.&lt;stage&gt;.json</c> is looked for: the current directory, then the project directory of the running program.</summary>
    public static IReadOnlyList<string> Candidates(string stage, string? explicitPath)
    {
        if (explicitPath is not null) return new[] { Path.GetFullPath(explicitPath) };
        var name = $"flowstate.{stage}.json";
        var list = new List<string> { Path.GetFullPath(name) };
        if (ProjectDirectory() is { } dir) list.Add(Path.Combine(dir, name));
        return list.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The directory of the project that built this program (bin/… lies under it), if any.</summary>
    public static string? ProjectDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; dir is not null && i < 6; i++, dir = dir.Parent)
            if (dir.EnumerateFiles("*.csproj").Any()) return dir.FullName;
        return null;
    }

    public static StageValues Load(string stage, string stackName, string? explicitPath)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(stage, StageNamePattern))
            throw new DeployException(ExitCodes.Usage, $"The stage name '{stage}' is not valid.", "Use lower-case letters, digits and '-' (for example dev, prod, eu-test).");
        var candidates = Candidates(stage, explicitPath);
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            if (explicitPath is not null)
                throw new DeployException(ExitCodes.Usage, $"The values file {candidates[0]} does not exist.");
            return Empty(candidates[^1]);
        }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new DeployException(ExitCodes.Usage, $"{path} is not valid JSON: {e.Message}"); }
        catch (IOException e) { throw new DeployException(ExitCodes.Usage, $"{path} could not be read: {e.Message}"); }
        using (doc)
        {
            var root = Object(doc.RootElement, path, "the file");
            Known(root, path, "", "region", "parameters", "tags", "stacks");
            var region = String(root, "region", path, "");
            var parameters = Map(root, "parameters", path, "");
            var tags = Map(root, "tags", path, "");
            string? explicitStackName = null;
            if (root.TryGetProperty("stacks", out var stacks))
            {
                Object(stacks, path, "stacks");
                if (stacks.TryGetProperty(stackName, out var mine))
                {
                    var where = $"stacks.{stackName}.";
                    Object(mine, path, $"stacks.{stackName}");
                    Known(mine, path, where, "stackName", "parameters", "tags");
                    explicitStackName = String(mine, "stackName", path, where);
                    foreach (var (k, v) in Map(mine, "parameters", path, where)) parameters[k] = v;
                    foreach (var (k, v) in Map(mine, "tags", path, where)) tags[k] = v;
                }
            }
            return new StageValues(path, region, parameters, tags, explicitStackName);
        }
    }

    private static JsonElement Object(JsonElement e, string path, string what)
        => e.ValueKind == JsonValueKind.Object ? e : throw new DeployException(ExitCodes.Usage, $"{path}: {what} must be a JSON object.");

    private static void Known(JsonElement o, string path, string prefix, params string[] names)
    {
        foreach (var p in o.EnumerateObject())
            if (!names.Contains(p.Name, StringComparer.Ordinal))
                throw new DeployException(ExitCodes.Usage, $"{path}: unknown key '{prefix}{p.Name}'.", "Known keys here: " + string.Join(", ", names) + ".");
    }

    private static string? String(JsonElement o, string name, string path, string prefix)
    {
        if (!o.TryGetProperty(name, out var v)) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new DeployException(ExitCodes.Usage, $"{path}: '{prefix}{name}' must be a string.");
    }

    private static Dictionary<string, string> Map(JsonElement o, string name, string path, string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!o.TryGetProperty(name, out var m)) return result;
        if (m.ValueKind != JsonValueKind.Object) throw new DeployException(ExitCodes.Usage, $"{path}: '{prefix}{name}' must be a JSON object of strings.");
        foreach (var p in m.EnumerateObject())
            result[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                _ => throw new DeployException(ExitCodes.Usage, $"{path}: '{prefix}{name}.{p.Name}' must be a string, number or boolean."),
            };
        return result;
    }
}
