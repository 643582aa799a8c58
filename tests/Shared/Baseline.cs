using System.Runtime.CompilerServices;
using System.Text;

namespace Flowstate.Tests.Shared;

/// <summary>
/// Golden files, the one implementation every test project links (tests/Shared): compared byte for
/// byte as UTF-8 without BOM. With FLOWSTATE_ACCEPT=1 differing or missing files are rewritten
/// (and, for a whole set, stale ones deleted) and the test still FAILS, naming what it accepted: an
/// acceptance is always a reviewed diff and a second run, never a silent pass.
/// </summary>
internal static class Baseline
{
    public const string AcceptVariable = "FLOWSTATE_ACCEPT";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>One file: <paramref name="directory"/>/<paramref name="name"/> must hold <paramref name="actual"/>.</summary>
    public static void VerifyFile(string directory, string label, string name, string actual)
        => Verify(directory, label, new[] { (name, actual) }, completeSet: false);

    /// <summary>
    /// A set of files in <paramref name="directory"/>; with <paramref name="completeSet"/> every other
    /// file there is a stale baseline (reported, and deleted when accepting).
    /// </summary>
    public static void Verify(string directory, string label, IReadOnlyList<(string Name, string Content)> files, bool completeSet)
    {
        var accept = Accepting;
        var problems = new List<string>();
        var details = new StringBuilder();
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            var expected = Utf8.GetBytes(content);
            var existing = File.Exists(path) ? File.ReadAllBytes(path) : null;
            if (existing is not null && existing.AsSpan().SequenceEqual(expected)) continue;
            if (accept)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, expected);
                problems.Add((existing is null ? "created " : "accepted ") + name);
            }
            else if (existing is null)
            {
                problems.Add($"missing {name}");
                details.Append("\n--- actual ").Append(name).Append(" ---\n").Append(content);
            }
            else
            {
                problems.Add($"{name} differs: {FirstDifference(Utf8.GetString(existing), content)}");
                details.Append("\n--- actual ").Append(name).Append(" ---\n").Append(content);
            }
        }

        if (completeSet && Directory.Exists(directory))
        {
            var produced = new HashSet<string>(files.Select(f => f.Name), StringComparer.Ordinal);
            foreach (var path in Directory.GetFiles(directory).OrderBy(p => p, StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (produced.Contains(name)) continue;
                if (accept) File.Delete(path);
                problems.Add((accept ? "deleted stale " : "stale baseline ") + name);
            }
        }

        if (problems.Count == 0) return;
        var hint = accept
            ? "Baselines were rewritten; review the diff and rerun without " + AcceptVariable + "."
            : "If the change is intended, rerun with " + AcceptVariable + "=1 and review the diff.";
        Assert.Fail($"Baselines {label}: " + string.Join("; ", problems) + ". " + hint + details);
    }

    /// <summary>The directory of the test project whose source file calls this (the nearest folder with a .csproj).</summary>
    public static string ProjectDirectory([CallerFilePath] string callerPath = "")
    {
        for (var dir = Path.GetDirectoryName(callerPath); dir is not null; dir = Path.GetDirectoryName(dir))
            if (Directory.GetFiles(dir, "*.csproj").Length > 0) return dir;
        throw new InvalidOperationException("cannot find the test project directory from " + callerPath);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al) return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
        }
        return "same lines, different bytes (line endings or a BOM?)";
    }
}
