using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Flowstate.Deploy.Tests.Infrastructure;

/// <summary>
/// An independent client (boto3) looking at what the deploy program did, straight at moto (not
/// through the proxy). <paramref name="code"/> uses <c>cf</c>, <c>sf</c>, <c>s3</c> and fills the dict
/// <c>out</c>, which comes back as JSON. One long-lived python3 process serves every look (importing
/// boto3 takes seconds; a process per look made the suite slow).
/// </summary>
internal static class Boto
{
    private const string Server = """
import boto3, json, sys, traceback
clients = {}
def err(f):
    try:
        f(); return None
    except Exception as e:
        return str(e)
while True:
    url, _, region = sys.stdin.readline().strip().partition(" ")
    if not url: break
    lines = []
    while True:
        l = sys.stdin.readline()
        if l.strip() == "#END": break
        lines.append(l)
    if (url, region) not in clients:
        kw = dict(endpoint_url=url, region_name=region or "us-east-1", aws_access_key_id="AKIAINDEPENDENT0001", aws_secret_access_key="independent")
        clients[(url, region)] = (boto3.client("cloudformation", **kw), boto3.client("stepfunctions", **kw), boto3.client("s3", **kw))
    cf, sf, s3 = clients[(url, region)]
    out = {}
    try:
        exec("".join(lines), {"cf": cf, "sf": sf, "s3": s3, "out": out, "json": json, "err": err})
        print(json.dumps(out, default=str))
    except Exception:
        print(json.dumps({"__error__": traceback.format_exc()}))
    sys.stdout.flush()
""";

    private static readonly object Gate = new();
    private static Process? _process;

    public static JsonNode Look(string motoUrl, string code) => Look(motoUrl, "us-east-1", code);

    /// <summary>As <see cref="Look(string, string)"/>, with clients for <paramref name="region"/>.</summary>
    public static JsonNode Look(string motoUrl, string region, string code)
    {
        lock (Gate)
        {
            if (_process is null || _process.HasExited)
            {
                Python.Run("import boto3"); // fails with the install hint when boto3 is missing
                var psi = new ProcessStartInfo(Python.Executable) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                psi.ArgumentList.Add("-u");
                psi.ArgumentList.Add("-c");
                psi.ArgumentList.Add(Server);
                _process = Process.Start(psi)!;
                _process.ErrorDataReceived += (_, _) => { };
                _process.BeginErrorReadLine();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { _process.Kill(); } catch (InvalidOperationException) { } };
            }
            _process.StandardInput.WriteLine(motoUrl + " " + region);
            _process.StandardInput.WriteLine(code.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n'));
            _process.StandardInput.WriteLine("#END");
            _process.StandardInput.Flush();
            var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the boto3 helper process ended");
            var node = JsonNode.Parse(line)!;
            if (node["__error__"] is { } e) throw new InvalidOperationException("boto3 look failed:\n" + e + "\n" + code);
            return node;
        }
    }
}
