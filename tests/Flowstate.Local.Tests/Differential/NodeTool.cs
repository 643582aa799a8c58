using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Flowstate.Local.Tests.Differential;

/// <summary>
/// The other tool: aws-local-stepfunctions@3.0.0 (npm) run by tests/local-sfn-node/run-cases.mjs,
/// one node process per batch of cases. Installs the package (npm ci) when node_modules is missing;
/// fails, with how to install them, when node or npm are missing — never skips.
/// </summary>
internal static class NodeTool
{
    private static readonly object InstallLock = new();
    private static bool _installed;

    /// <summary>tests/local-sfn-node in the repository this test was built from.</summary>
    public static string HarnessDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Generator.sln")))
                    return Path.Combine(dir.FullName, "tests", "local-sfn-node");
            throw new InvalidOperationException($"Generator.sln not found above {AppContext.BaseDirectory}: the differential tests run from the repository.");
        }
    }

    /// <summary>Makes sure node (>= 20) runs and aws-local-stepfunctions is installed; fails the test otherwise.</summary>
    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (_installed) return;
            var (code, stdout, stderr) = Exec("node", new[] { "--version" }, HarnessDirectory, TimeSpan.FromSeconds(30));
            if (code != 0)
                Assert.Fail($"The differential tests need Node.js >= 20 and npm (they run aws-local-stepfunctions@3.0.0). Install them, e.g. `apt-get install nodejs npm` or https://nodejs.org. ({stderr.Trim()})");
            var major = int.TryParse(stdout.Trim().TrimStart('v').Split('.')[0], out var m) ? m : 0;
            Assert.True(major >= 20, $"The differential tests need Node.js >= 20; `node --version` says {stdout.Trim()}.");
            if (!File.Exists(Path.Combine(HarnessDirectory, "node_modules", "aws-local-stepfunctions", "package.json")))
            {
                (code, stdout, stderr) = Exec("npm", new[] { "ci", "--no-audit", "--no-fund" }, HarnessDirectory, TimeSpan.FromMinutes(5));
                Assert.True(code == 0, $"`npm ci` in {HarnessDirectory} failed (exit {code}); run it by hand to install aws-local-stepfunctions@3.0.0 (needs npm and access to the npm registry).\n{stdout}\n{stderr}");
            }
            _installed = true;
        }
    }

    /// <summary>Runs the cases through aws-local-stepfunctions and returns the outcome of each, by id.</summary>
    public static Dictionary<string, Outcome> Run(IReadOnlyList<DiffCase> cases)
    {
        EnsureInstalled();
        var file = Path.Combine(Path.GetTempPath(), $"flowstate-diff-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, new JsonArray(cases.Select(c => (JsonNode)c.ToNodeCase()).ToArray()).ToJsonString());
            var (code, stdout, stderr) = Exec("node", new[] { "run-cases.mjs", file }, HarnessDirectory, TimeSpan.FromMinutes(3));
            Assert.True(code == 0, $"run-cases.mjs failed (exit {code}):\n{stderr}");
            var results = JsonNode.Parse(stdout)!.AsArray();
            var byId = new Dictionary<string, Outcome>(StringComparer.Ordinal);
            foreach (var r in results)
            {
                byId[(string)r!["id"]!] = new Outcome(
                    (string)r["status"]!,
                    r["output"]?.ToJsonString(),
                    (string?)r["error"],
                    (string?)r["cause"],
                    r["states"]!.AsArray().Select(s => (string)s!).ToList());
            }
            return byId;
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("FLOWSTATE_DIFF_KEEP") is null) File.Delete(file);
        }
    }

    public static (int Code, string Stdout, string Stderr) Exec(string program, IEnumerable<string> args, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e) { return (-1, "", $"cannot start {program}: {e.Message}"); }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, stdout.Result, $"{program} did not finish within {timeout}: killed. {stderr.Result}");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
