#!/usr/bin/env bash
# Pack-and-consume: proves the packages work the way a user gets them, on every CI run.
#   1. `dotnet pack` Flowstate, Flowstate.Core, Flowstate.Local, Flowstate.Deploy and the flowstate tool into a local folder;
#   2. check the Flowstate package's layout: lib/ has the attributes, analyzers/dotnet/cs has the
#      generator and the code fixes and nothing else, no dependency on a Flowstate.Generator package,
#      the gallery metadata (description, tags, readme, licence) is there;
#   3. a fresh console project outside this repository (so no Directory.Build.props, no central
#      package versions) adds `Flowstate` by PackageReference exactly as `dotnet add package` does,
#      declares a state machine, builds, and runs its generated `export`;
#   4. a fresh console project that references only Flowstate.Core reads an ASL file into the model
#      and writes it back (the core is usable on its own);
#   5. the flowstate CLI installs as a dotnet tool from the folder and validates that export.
# Everything happens in a temporary folder with its own NuGet package cache (a stale cached
# Flowstate 0.1.0 must never make this pass), which is removed at the end.
# Usage: bash eng/pack-and-consume.sh    (needs the .NET SDK 10 and the NuGet registry)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/flowstate-pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
export NUGET_PACKAGES="$work/nuget-packages"
feed="$work/feed"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)"

fail() { echo "pack-and-consume: error: $*" >&2; exit 1; }

echo "--- pack (version $version) into $feed"
# The Flowstate package builds the generator and the code fixes itself (src/Flowstate/Flowstate.csproj,
# _FlowstatePackAnalyzers); their restore is not part of `dotnet pack src/Flowstate`'s, so do it here.
dotnet restore src/Flowstate.CodeFixes >"$work/restore.log" 2>&1 || { cat "$work/restore.log"; fail "dotnet restore failed"; }
for project in src/Flowstate src/Flowstate.Core src/Flowstate.Local src/Flowstate.Deploy src/Flowstate.Cli; do
  # Debug, like the README's `dotnet test` build, so that CI reuses what the solution build compiled;
  # the package layout does not depend on the configuration.
  dotnet pack "$project" -c Debug -o "$feed" -p:ContinuousIntegrationBuild=true >"$work/pack.log" 2>&1 \
    || { cat "$work/pack.log"; fail "dotnet pack $project failed"; }
done
ls "$feed"

echo "--- the Flowstate package's layout"
nupkg="$feed/Flowstate.$version.nupkg"
[ -f "$nupkg" ] || fail "no $nupkg"
python3 - "$nupkg" <<'PY'
import sys, zipfile, re
path = sys.argv[1]
z = zipfile.ZipFile(path)
names = sorted(n for n in z.namelist() if not n.startswith(("_rels/", "package/")) and n != "[Content_Types].xml")
print("\n".join("  " + n for n in names))
def need(cond, what):
    if not cond:
        sys.exit(f"pack-and-consume: error: Flowstate package: {what}")
need("lib/netstandard2.0/Flowstate.dll" in names, "lib/netstandard2.0/Flowstate.dll missing")
analyzers = sorted(n for n in names if n.startswith("analyzers/"))
need(analyzers == ["analyzers/dotnet/cs/Flowstate.CodeFixes.dll", "analyzers/dotnet/cs/Flowstate.Generator.dll"],
     f"analyzers/ must hold exactly the generator and the code fixes, found {analyzers}")
need(not any(n.startswith("lib/") and "Generator" in n for n in names), "the generator leaked into lib/")
nuspec = z.read(next(n for n in z.namelist() if n.endswith(".nuspec"))).decode("utf-8")
deps = re.findall(r'<dependency id="([^"]+)"', nuspec)
print("  dependencies:", deps)
need("Flowstate.Generator" not in deps, "depends on a Flowstate.Generator package")
need(not any(d.startswith("Microsoft.CodeAnalysis") for d in deps), f"Roslyn leaked into the dependencies: {deps}")
for tag in ("description", "tags", "readme", "license"):
    need(re.search(f"<{tag}[ >]", nuspec), f"nuspec has no <{tag}>")
need("README.md" in names and "LICENSE" in names, "README.md or LICENSE not packed")
print("  metadata ok: description, tags, readme, license")
m = re.search(r'<repository [^>]*>', nuspec)
print("  repository:", m.group(0) if m else "(none: set -p:RepositoryUrl=... for a release)")
PY

cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF

echo "--- a user's project: dotnet add package Flowstate"
app="$work/app"
mkdir -p "$app"
(cd "$app" && dotnet new console --framework net10.0 --name Pipelines --output . >/dev/null)
(cd "$app" && dotnet add package Flowstate --version "$version" >"$work/add.log" 2>&1) || { cat "$work/add.log"; fail "dotnet add package Flowstate failed"; }
rm -f "$app/Program.cs"
cat >"$app/Pipelines.cs" <<'EOF'
[assembly: Flowstate.FlowstateEntryPoint]

namespace Pipelines;

using Flowstate;

[StateMachine("hello-pipeline", Comment = "A user's first pipeline, built from the package.")]
public partial class HelloPipeline
{
    [Pass(Result = """{ "greeting": "hello" }""", ResultPath = "$.hello", Next = typeof(Decide))]
    public class Greet;

    [Choice(Default = typeof(Done))]
    [When("$.hello.greeting == 'bye'", Next = typeof(Failed))]
    public class Decide;

    [Succeed]
    public class Done;

    [Fail(Error = "Pipeline.Bye", Cause = "said bye")]
    public class Failed;
}
EOF
(cd "$app" && dotnet build >"$work/build.log" 2>&1) || { cat "$work/build.log"; fail "the user's project did not build from the package"; }
grep -q "warning" "$work/build.log" && { grep "warning" "$work/build.log"; fail "the user's project built with warnings"; }
(cd "$app" && dotnet run --no-build -- export --out "$work/out") || fail "the generated export failed"
exported="$work/out/hello-pipeline.asl.json"
[ -f "$exported" ] || fail "export did not write $exported"
python3 - "$exported" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["StartAt"] == "Greet", d
assert set(d["States"]) == {"Greet", "Decide", "Done", "Failed"}, d["States"].keys()
assert d["States"]["Decide"]["Choices"][0]["StringEquals"] == "bye"
print("  exported", sys.argv[1], "with states", sorted(d["States"]))
PY

echo "--- a console program that references only Flowstate.Core: read ASL into the model, write it back"
core="$work/coreonly"
mkdir -p "$core"
(cd "$core" && dotnet new console --framework net10.0 --name CoreOnly --output . >/dev/null)
(cd "$core" && dotnet add package Flowstate.Core --version "$version" >"$work/add-core.log" 2>&1) || { cat "$work/add-core.log"; fail "dotnet add package Flowstate.Core failed"; }
cat >"$core/Program.cs" <<'EOF'
using Flowstate.Core.Asl;

var text = File.ReadAllText(args[0]);
var read = AslReader.Read(text, Path.GetFileNameWithoutExtension(args[0]), args[0]);
if (read.Spec is null)
{
    foreach (var d in read.Diagnostics) Console.Error.WriteLine($"{d.Id}: {string.Join(", ", d.MessageArgs)}");
    return 1;
}
File.WriteAllText(args[1], AslWriter.Write(read.Spec));
Console.WriteLine($"read {read.Spec.Root.States.Count} top-level states of {read.Spec.Name}; wrote {args[1]}");
return 0;
EOF
(cd "$core" && dotnet build >"$work/build-core.log" 2>&1) || { cat "$work/build-core.log"; fail "the core-only program did not build"; }
# A real definition with Choice, Map, Retry and Catch, from the corpus (tests/TestData/corpus/PROVENANCE.md).
sample="$root/tests/TestData/corpus/s3-glacier-multi-file-restore-sam_statemachine_statemachine.asl.json"
[ -f "$sample" ] || sample="$exported"
(cd "$core" && dotnet run --no-build -- "$sample" "$work/roundtrip.json") || fail "the core-only program failed on $sample"
python3 - "$sample" "$work/roundtrip.json" <<'PY'
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
if a != b:
    sys.exit(f"pack-and-consume: error: the core's round trip of {sys.argv[1]} is not equal")
print("  round trip equal:", sys.argv[1])
PY

echo "--- the flowstate tool from the folder"
dotnet tool install Flowstate.Cli --version "$version" --tool-path "$work/tools" --add-source "$feed" >"$work/tool.log" 2>&1 \
  || { cat "$work/tool.log"; fail "dotnet tool install Flowstate.Cli failed"; }
"$work/tools/flowstate" --help >/dev/null || fail "flowstate --help failed"
"$work/tools/flowstate" validate "$exported" || fail "flowstate validate of the user's export failed"

echo "pack-and-consume: ok (Flowstate, Flowstate.Core, Flowstate.Local, Flowstate.Deploy, Flowstate.Cli $version)"
