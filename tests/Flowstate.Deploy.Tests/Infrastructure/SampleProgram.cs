using System.Diagnostics;

namespace Flowstate.Deploy.Tests.Infrastructure;

/// <summary>
/// samples/DailyEtl's built program, run as a person runs it (<c>dotnet run --project samples/DailyEtl -- ARGS</c>
/// runs this very DailyEtl.dll): its generated Main, its generated template, its flowstate.dev.json
/// (found next to the project, as the program looks for it). The process gets no AWS_* variable
/// from the machine and an empty HOME, only what the test sets. A generous hang guard kills it; no
/// test asserts a duration.
/// </summary>
internal sealed class SampleProgram
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    public SampleProgram()
    {
        Home = Directory.CreateTempSubdirectory("flowstate-home-").FullName;
        WorkingDirectory = Directory.CreateTempSubdirectory("flowstate-cwd-").FullName;
    }

    /// <summary>The repository root (where Generator.sln is).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ProjectDirectory => Path.Combine(RepoRoot, "samples", "DailyEtl");

    public static string ValuesFile => Path.Combine(ProjectDirectory, "flowstate.dev.json");

    /// <summary>samples/DailyEtl/bin/&lt;Configuration&gt;/net10.0/DailyEtl.dll, built by this project's ProjectReference.</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            var dll = Path.Combine(ProjectDirectory, "bin", configuration, "net10.0", "DailyEtl.dll");
            if (!File.Exists(dll))
                throw new InvalidOperationException($"{dll} is missing: build it first (dotnet build samples/DailyEtl -c {configuration}).");
            return dll;
        }
    }

    public string Home { get; }
    public string WorkingDirectory { get; }

    /// <summary>The AWS_* (and other) variables the program gets; nothing else from the machine's AWS setup.</summary>
    public Dictionary<string, string> Env { get; } = new();

    /// <summary>Every run's result, so a test can search all output for a secret.</summary>
    public List<DeployCli.Result> History { get; } = new();

    public DeployCli.Result Run(params string[] args) => Run(args, proxy: null, killWhen: null);

    /// <summary>Runs the program; when <paramref name="killWhen"/> says so for a call the proxy forwarded, the process is killed on the spot.</summary>
    public DeployCli.Result Run(string[] args, AwsProxy? proxy, Func<ProxyCall, bool>? killWhen)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            WorkingDirectory = WorkingDirectory,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToArray())
            psi.Environment.Remove(key);
        psi.Environment["HOME"] = Home;
        psi.Environment["USERPROFILE"] = Home;
        foreach (var (k, v) in Env) psi.Environment[k] = v;

        using var process = new Process { StartInfo = psi };
        var killed = 0;
        if (proxy is not null && killWhen is not null)
            proxy.AfterForward = call =>
            {
                if (killWhen(call) && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    try { process.Kill(entireProcessTree: true); }
                    catch (InvalidOperationException) { }
                }
            };
        try
        {
            process.Start();
            process.StandardInput.Close(); // no terminal: nobody answers a question
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(HangGuard))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"DailyEtl {string.Join(' ', args)} hung (killed after {HangGuard}).");
            }
            process.WaitForExit();
            var result = new DeployCli.Result(killed == 1 ? -9 : process.ExitCode, stdout.Result, stderr.Result);
            History.Add(result);
            return result;
        }
        finally
        {
            if (proxy is not null) proxy.AfterForward = null;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) return dir.FullName;
        throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}
