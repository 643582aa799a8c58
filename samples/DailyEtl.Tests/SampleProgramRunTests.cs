using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DailyEtl.Tests;

/// <summary>
/// The sample program's own `run` command (the generated Main gets it because the sample references
/// Flowstate.Local), run as a user runs it: `dotnet DailyEtl.dll run daily-etl --input @input.json
/// --mock-config MockConfigFile.json --test-case NAME`, with the Step Functions Local mock config
/// that ships with the sample.
/// </summary>
public class SampleProgramRunTests
{
    private static (int Code, string Stdout, string Stderr) RunProgram(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DailyEtl.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(entireProcessTree: true); Assert.Fail("the sample program did not finish within 2 minutes"); }
        return (process.ExitCode, stdout, stderr.Result);
    }

    [Fact]
    public void Run_with_the_happy_path_mocks_succeeds_and_prints_the_output()
    {
        var (code, stdout, stderr) = RunProgram("run", "daily-etl", "--input", "@input.json", "--mock-config", "MockConfigFile.json", "--test-case", "HappyPath", "--trace");

        Assert.True(code == 0, $"exit {code}: {stderr}");
        var result = JsonNode.Parse(stdout)!;
        Assert.Equal("SUCCEEDED", (string?)result["status"]);
        Assert.Equal(2, (int)result["output"]!["quality"]!["checked"]!);
        Assert.Equal("stmt-42", (string?)result["output"]!["load"]!["warehouseStatementId"]);
        // Three status checks, so the polling loop waited twice (30 s each, virtual time).
        var trace = result["trace"]!.AsArray();
        Assert.Equal(3, trace.Count(e => (string?)e!["type"] == "TaskStateEntered" && (string?)e["state"] == "CheckWarehouseLoad"));
        Assert.True((int)result["transitions"]! > 10);
    }

    [Fact]
    public void Run_with_a_failing_glue_job_exits_1_with_the_pipeline_error()
    {
        var (code, stdout, stderr) = RunProgram("run", "daily-etl", "--input", "@input.json", "--mock-config", "MockConfigFile.json", "--test-case", "GlueFails");

        Assert.True(code == 1, $"exit {code}: {stdout} {stderr}");
        var result = JsonNode.Parse(stdout)!;
        Assert.Equal("FAILED", (string?)result["status"]);
        Assert.Equal("DailyEtl.Failed", (string?)result["error"]);
    }

    [Fact]
    public void Run_of_an_unknown_machine_exits_2_naming_the_machines()
    {
        var (code, stdout, stderr) = RunProgram("run", "nightly", "--input", """{ "runDate": "2026-01-31" }""");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("no state machine 'nightly' (it has: daily-etl)", stderr);
    }
}
