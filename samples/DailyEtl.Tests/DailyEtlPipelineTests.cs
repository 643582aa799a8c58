using DailyEtl;
using Flowstate.Local;
using P = DailyEtl.DailyEtlPipeline;

namespace DailyEtl.Tests;

/// <summary>
/// The nightly pipeline, run in process and in virtual time: every AWS call is a handler bound to
/// the state's class, so a renamed state stays bound, and an hour of retries takes no time.
/// </summary>
public class DailyEtlPipelineTests
{
    private const string Input = """{ "runDate": "2026-01-31", "source": "orders" }""";

    /// <summary>A runner whose every service answers as on a good night; tests override one state each.</summary>
    private static LocalRunner GoodNight(string warehouseStatus = "FINISHED", int mismatchedRows = 0) =>
        LocalRunner.For(P.Definition)
            .OnTask<P.ExtractData>(call => new
            {
                rawPath = "s3://raw/orders/2026-01-31/",
                curatedPath = "s3://curated/orders/2026-01-31/",
                manifestSource = "curated/orders/2026-01-31/manifest.json",
                manifestKey = "manifests/orders/2026-01-31.json",
                partitions = new[] { "eu", "us", "apac" },
            })
            .OnTask<P.TransformData>(_ => null) // a Glue .sync run that SUCCEEDED (the runner returns the JobRun)
            .OnTask<P.LoadTargets.PublishToLake.PublishManifest>(_ => new { CopyObjectResult = new { ETag = "\"abc\"" } })
            .OnTask<P.LoadTargets.LoadWarehouse.StartWarehouseLoad>(_ => new { Id = "stmt-42" })
            .OnTask<P.LoadTargets.LoadWarehouse.CheckWarehouseLoad>(call => new { Id = "stmt-42", Status = warehouseStatus })
            .OnTask<P.ReconcilePartitions.ReconcilePartition>(call =>
            {
                var partition = call.InputNode!["Payload"]!["partition"]!.GetValue<string>();
                return new { partition, lakeRows = 1000, warehouseRows = 1000 - (partition == "us" ? mismatchedRows : 0), mismatchedRows = partition == "us" ? mismatchedRows : 0 };
            })
            .OnTask<P.NotifyFailure>(_ => null);

    [Fact]
    public void Good_night_publishes_the_day()
    {
        var run = GoodNight().Run(Input);

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        Assert.Equal("Published", run.StatesEntered[^1]);
        Assert.DoesNotContain("NotifyFailure", run.StatesEntered);
        var output = run.OutputNode!;
        Assert.Equal(3, output["quality"]!["checked"]!.GetValue<int>());
        Assert.Empty(output["quality"]!["mismatched"]!.AsArray());
        Assert.Equal("stmt-42", output["load"]!["warehouseStatementId"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", output["transform"]!["state"]!.GetValue<string>());

        // The Glue job got its arguments from the extract's plan.
        var glue = run.CallsTo("TransformData").Single().InputNode!;
        Assert.Equal("s3://raw/orders/2026-01-31/", glue["Arguments"]!["--input_path"]!.GetValue<string>());
        Assert.Equal("2026-01-31", glue["Arguments"]!["--run_date"]!.GetValue<string>());
    }

    [Fact]
    public void Glue_failure_alerts_and_fails_the_run()
    {
        var run = GoodNight()
            .OnTask<P.TransformData>(_ => throw Integrations.GlueJobRunFailed("transform", "Out of memory on executor 3"))
            .Run(Input);

        Assert.Equal(ExecutionStatus.Failed, run.Status);
        Assert.Equal("DailyEtl.Failed", run.Error);
        Assert.Equal(new[] { "ExtractData", "TransformData", "NotifyFailure", "PipelineFailed" }, run.StatesEntered);

        // The alert names the day and carries the Glue error for the on-call engineer.
        var alert = run.CallsTo("NotifyFailure").Single().InputNode!;
        Assert.Equal("daily-etl failed", alert["Subject"]!.GetValue<string>());
        Assert.Equal("2026-01-31", alert["Message"]!["runDate"]!.GetValue<string>());
        Assert.Equal("States.TaskFailed", alert["Message"]!["error"]!["Error"]!.GetValue<string>());
        Assert.Contains("Out of memory", alert["Message"]!["error"]!["Cause"]!.GetValue<string>());
        Assert.StartsWith("arn:aws:states:", alert["Message"]!["execution"]!.GetValue<string>());
    }

    [Fact]
    public void Lambda_throttled_twice_is_retried_and_the_run_succeeds()
    {
        var run = GoodNight()
            .OnTask<P.ExtractData>(call => call.Attempt < 2
                ? throw new TaskFailedException("Lambda.TooManyRequestsException", "Rate exceeded")
                : new { rawPath = "r", curatedPath = "c", manifestSource = "m", manifestKey = "k", partitions = new[] { "eu" } })
            .Run(Input);

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        Assert.Equal(3, run.CallsTo("ExtractData").Count);
        Assert.Equal(new string?[] { "Lambda.TooManyRequestsException", "Lambda.TooManyRequestsException", null }, run.CallsTo("ExtractData").Select(c => c.Error));
        // Full jitter: the two back-offs together are at most 2 s + 4 s of virtual time.
        var firstTransform = run.History.First(e => e.Type == "TaskStateEntered" && e.StateName == "TransformData").Timestamp;
        Assert.InRange(firstTransform - run.StartTime, TimeSpan.Zero, TimeSpan.FromSeconds(6));
    }

    [Fact]
    public void Quality_gate_fails_the_run_when_a_partition_disagrees()
    {
        var run = GoodNight(mismatchedRows: 7).Run(Input);

        Assert.Equal(ExecutionStatus.Failed, run.Status);
        Assert.Equal("DataQuality.ReconciliationFailed", run.Error);
        Assert.Equal("QualityCheckFailed", run.StatesEntered[^1]);
        Assert.Equal(3, run.CallsTo("ReconcilePartition").Count);
    }

    [Fact]
    public void Quality_gate_fails_closed_on_an_empty_extract()
    {
        var run = GoodNight()
            .OnTask<P.ExtractData>(_ => new { rawPath = "r", curatedPath = "c", manifestSource = "m", manifestKey = "k", partitions = Array.Empty<string>() })
            .Run(Input);

        Assert.Equal("DataQuality.ReconciliationFailed", run.Error);
    }

    [Fact]
    public void Warehouse_polling_loop_waits_until_the_load_finishes()
    {
        var run = GoodNight()
            .OnTask<P.LoadTargets.LoadWarehouse.CheckWarehouseLoad>(call => new { Id = "stmt-42", Status = call.Invocation < 3 ? "STARTED" : "FINISHED" })
            .Run(Input);

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        Assert.Equal(4, run.StatesEntered.Count(s => s == "WaitForWarehouseLoad"));
        Assert.Equal(4, run.CallsTo("CheckWarehouseLoad").Count);
        // Four 30-second waits: two minutes of virtual time, no real time.
        Assert.True(run.Duration >= TimeSpan.FromMinutes(2), run.Duration.ToString());
    }

    [Fact]
    public void Warehouse_load_that_never_finishes_hits_the_six_hour_machine_timeout()
    {
        var run = GoodNight(warehouseStatus: "STARTED").Configure(o => o.MaxHistoryEvents = 100_000).Run(Input);

        Assert.Equal(ExecutionStatus.TimedOut, run.Status);
        Assert.Equal("States.Timeout", run.Error);
        Assert.Equal(TimeSpan.FromHours(6), run.Duration);
    }

    [Fact]
    public void Failed_warehouse_load_alerts()
    {
        var run = GoodNight(warehouseStatus: "FAILED").Run(Input);

        Assert.Equal("DailyEtl.Failed", run.Error);
        var alert = run.CallsTo("NotifyFailure").Single().InputNode!;
        Assert.Equal("Warehouse.LoadFailed", alert["Message"]!["error"]!["Error"]!.GetValue<string>());
    }
}
