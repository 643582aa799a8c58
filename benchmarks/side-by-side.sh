#!/usr/bin/env bash
# side-by-side.sh: Flowstate next to the tools it replaces, on the same inputs, in one run.
#
#   benchmarks/side-by-side.sh [--rounds N] [--set MxK] [--build]
#
# Each round runs, one after the other (so that machine load hits all of them alike):
#   1. `node cdk-synth.mjs` over the synthetic set (AWS CDK building the same graphs from real
#      constructs and synthesizing them), with CDK's template validation and with --no-cfn-validation
#      (= `cdk synth --no-validation`); wall time of the whole node process.
#   2. `node validate.mjs` (asl-validator + the AWS ASL language service, exactly as the conformance
#      tests run them) over the 169 corpus definitions, and `flowstate validate` over the same files;
#      wall time of each whole process.
#   3. Flowstate's generator and analyzers, in-process (Flowstate.Benchmarks `report`: a cold driver on
#      a fresh compilation, the analyzers on the generated compilation, medians of 3, JIT warm as in
#      the compiler server), plus the IDE edit loop.
# With --build, also the 200-machine project built with `dotnet build` against the same project with
# every attribute removed (Flowstate's share of the build wall time), ReportAnalyzer numbers included.
# Prints the medians over the rounds and the ratios; writes benchmarks/out/side-by-side.json.
# Installs what it needs: npm ci in benchmarks/node (aws-cdk-lib 2.276.0, pinned by package-lock.json)
# and in tests/conformance-node (the validators).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"

rounds=3
set_name=200x25
build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --set) set_name="$2"; shift 2 ;;
    --build) build=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "side-by-side.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
machines="${set_name%x*}"
states="${set_name#*x}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in node npm dotnet; do
  command -v "$tool" >/dev/null || { echo "side-by-side.sh: '$tool' is not on PATH (needs .NET SDK 10, Node.js 20+ and npm)" >&2; exit 2; }
done

out="$root/benchmarks/out"
mkdir -p "$out/side-by-side"
# The report's JSON is indented; rounds.jsonl holds one JSON value per line.
compact_json() { node -e 'process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))))' "$1"; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); }

echo "# side-by-side: set $set_name, $rounds rounds, $(nproc) cores, node $(node --version), dotnet $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"

# --- setup (not timed) -------------------------------------------------------------------------
if [ ! -d benchmarks/node/node_modules/aws-cdk-lib ]; then
  echo "installing aws-cdk-lib (npm ci in benchmarks/node)"
  (cd benchmarks/node && npm ci --no-audit --no-fund >/dev/null)
fi
if [ ! -d tests/conformance-node/node_modules/asl-validator ]; then
  echo "installing the ASL validators (npm ci in tests/conformance-node)"
  (cd tests/conformance-node && npm ci --no-audit --no-fund >/dev/null)
fi
echo "building Flowstate.Benchmarks and the flowstate CLI (Release)"
dotnet build benchmarks/Flowstate.Benchmarks -c Release -v:q -nologo >"$out/side-by-side/build.log" 2>&1 \
  || { cat "$out/side-by-side/build.log"; exit 1; }
bench="$root/benchmarks/Flowstate.Benchmarks/bin/Release/net10.0/Flowstate.Benchmarks.dll"
cli="$root/src/Flowstate.Cli/bin/Release/net10.0/Flowstate.Cli.dll"

asl="$out/synthetic/$set_name"
if [ ! -f "$asl/.complete" ]; then
  rm -rf "$asl"
  node benchmarks/node/make-synthetic.mjs --machines "$machines" --states "$states" --out "$asl" --seed 1 >/dev/null
  touch "$asl/.complete"
fi
mapfile -t corpus < <(ls tests/TestData/corpus/*.asl.json | LC_ALL=C sort)

# CDK writes ~3 MB of template per run; keep it out of the tree.
cdk_out="$out/side-by-side/cdk.out"
results="$out/side-by-side/rounds.jsonl"
: > "$results"

for ((r = 1; r <= rounds; r++)); do
  t0=$(now_ms); cdk_valid=$(node benchmarks/node/cdk-synth.mjs "$asl" --outdir "$cdk_out"); t1=$(now_ms)
  cdk_valid_ms=$((t1 - t0))
  t0=$(now_ms); cdk_noval=$(node benchmarks/node/cdk-synth.mjs "$asl" --outdir "$cdk_out" --no-cfn-validation); t1=$(now_ms)
  cdk_noval_ms=$((t1 - t0))
  t0=$(now_ms); node tests/conformance-node/validate.mjs "${corpus[@]}" > "$out/side-by-side/validators.json"; t1=$(now_ms)
  validators_ms=$((t1 - t0))
  t0=$(now_ms); set +e; dotnet "$cli" validate "${corpus[@]}" > "$out/side-by-side/flowstate-validate.txt"; status=$?; set -e; t1=$(now_ms)
  flowstate_validate_ms=$((t1 - t0))
  if [ "$status" -gt 1 ]; then echo "flowstate validate failed ($status)" >&2; exit 1; fi
  dotnet "$bench" report --sets "$set_name" --runs 3 --no-emit --json "$out/side-by-side/report-$r.json" > "$out/side-by-side/report-$r.txt"
  echo "{\"round\":$r,\"cdkValidMs\":$cdk_valid_ms,\"cdkNoValidationMs\":$cdk_noval_ms,\"cdkValid\":$cdk_valid,\"cdkNoValidation\":$cdk_noval,\"validatorsMs\":$validators_ms,\"flowstateValidateMs\":$flowstate_validate_ms,\"report\":$(compact_json "$out/side-by-side/report-$r.json"),\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\"}" >> "$results"
  echo "round $r: cdk synth ${cdk_valid_ms} ms, --no-validation ${cdk_noval_ms} ms; validators ${validators_ms} ms, flowstate validate ${flowstate_validate_ms} ms; load $(cut -d' ' -f1 /proc/loadavg)"
done

build_json="null"
if [ "$build" -eq 1 ]; then
  proj="$out/projects/flow$set_name"
  plain="$out/projects/plain$set_name"
  rm -rf "$proj" "$plain"
  dotnet "$cli" import "$asl"/*.asl.json --out "$proj" --project --flowstate-source "$root" --namespace Synthetic >/dev/null
  dotnet "$bench" write-plain "$proj" "$plain"
  build_once() { # DIR -> "wall_ms generator_s analyzer_s"
    local dir=$1 log t0 t1
    log="$dir/build.log"
    touch "$dir/Program.cs"
    t0=$(now_ms)
    dotnet build "$dir" --no-restore -nologo -p:UseSharedCompilation=true -p:ReportAnalyzer=true -v:d > "$log" 2>&1 || { tail -20 "$log" >&2; return 1; }
    t1=$(now_ms)
    local gen an
    gen=$(grep -E '^\s+[<0-9.]+\s+[<0-9]+\s+Flowstate.Generator.FlowstateGenerator' "$log" | head -1 | awk '{print $1}')
    an=$(grep -E '^\s+[<0-9.]+\s+[<0-9]+\s+Flowstate.Generator.Analyzers.StateMachineAnalyzer' "$log" | head -1 | awk '{print $1}')
    echo "$((t1 - t0)) ${gen:-0} ${an:-0}"
  }
  # Builds use the compiler server (VBCSCompiler), as `dotnet build` does by default on a developer's
  # machine; UseSharedCompilation=false in the environment (CI images often set it) would make every
  # build a fresh csc process that JIT-compiles the compiler and the generator again (seconds). Two
  # warm-up builds each, so that the server has loaded and JIT-compiled both.
  echo "building $proj and $plain (restore + 2 warm-up builds each, compiler server on)"
  for warm in 1 2; do
    touch "$proj/Program.cs" "$plain/Program.cs"
    dotnet build "$proj" -nologo -v:q -p:UseSharedCompilation=true > "$out/side-by-side/warmup-flow.log" 2>&1 || { tail -20 "$out/side-by-side/warmup-flow.log"; exit 1; }
    dotnet build "$plain" -nologo -v:q -p:UseSharedCompilation=true > "$out/side-by-side/warmup-plain.log" 2>&1 || { tail -20 "$out/side-by-side/warmup-plain.log"; exit 1; }
  done
  builds="$out/side-by-side/builds.jsonl"
  : > "$builds"
  for ((r = 1; r <= rounds; r++)); do
    read -r fw fg fa < <(build_once "$proj")
    read -r pw pg pa < <(build_once "$plain")
    echo "{\"flowWallMs\":$fw,\"flowGeneratorS\":$fg,\"flowAnalyzerS\":$fa,\"plainWallMs\":$pw,\"plainGeneratorS\":$pg,\"plainAnalyzerS\":$pa}" >> "$builds"
    echo "build round $r: with Flowstate ${fw} ms (generator ${fg} s, analyzer ${fa} s); without attributes ${pw} ms"
  done
  build_json="$(node -e 'console.log(JSON.stringify(require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").map(JSON.parse)))' "$builds")"
fi

node - "$results" "$build_json" "$set_name" "$out/side-by-side.json" <<'EOF'
const fs = require("fs");
const [resultsFile, buildJson, set, outFile] = process.argv.slice(2);
const rounds = fs.readFileSync(resultsFile, "utf8").trim().split("\n").map(JSON.parse);
const builds = JSON.parse(buildJson);
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const r = (f) => med(rounds.map(f));
const m = {
  cdkValidMs: r((x) => x.cdkValidMs),
  cdkNoValidationMs: r((x) => x.cdkNoValidationMs),
  validatorsMs: r((x) => x.validatorsMs),
  flowstateValidateMs: r((x) => x.flowstateValidateMs),
  generatorMs: r((x) => x.report[set].generatorMs),
  analyzersMs: r((x) => x.report[set].analyzersMs),
  analyzerTelemetryMs: r((x) => x.report[set].analyzerTelemetryMs),
  generatorFirstMs: r((x) => x.report[set].generatorFirstMs),
  editInsideMs: r((x) => x.report.ide.insideGeneratorMs + x.report.ide.insideAnalyzerMs),
  editInsideWholeMs: r((x) => x.report.ide.editInsideMs),
  editOutsideMs: r((x) => x.report.ide.editOutsideMs),
  flowstateValidateInProcessMs: r((x) => x.report.cli.validateMs),
};
const flow = m.generatorMs + m.analyzersMs;
const ratio = (a, b) => (a / b).toFixed(1) + "x";
const lines = [
  `| what (set ${set}, corpus = 169 definitions) | median ms |`,
  `|---|---:|`,
  `| cdk synth (whole node process, CDK template validation on) | ${m.cdkValidMs} |`,
  `| cdk synth --no-validation (whole node process) | ${m.cdkNoValidationMs} |`,
  `| Flowstate generator (cold driver, fresh compilation, in-process) | ${m.generatorMs.toFixed(1)} |`,
  `| Flowstate analyzers (whole compilation, in-process) | ${m.analyzersMs.toFixed(1)} |`,
  `| Flowstate generator, first run in a fresh process (JIT included) | ${m.generatorFirstMs.toFixed(1)} |`,
  `| IDE: one edit inside one machine (generator + analyzer on the document) | ${m.editInsideMs.toFixed(2)} |`,
  `| IDE: the same edit, whole (with the compiler's own work on the new compilation) | ${m.editInsideWholeMs.toFixed(2)} |`,
  `| IDE: one edit outside any machine | ${m.editOutsideMs.toFixed(2)} |`,
  `| asl-validator + ASL language service (node validate.mjs, whole process) | ${m.validatorsMs} |`,
  `| flowstate validate (whole process) | ${m.flowstateValidateMs} |`,
  `| flowstate validate (in-process, warm) | ${m.flowstateValidateInProcessMs.toFixed(1)} |`,
  ``,
  `Ratios (higher = Flowstate faster):`,
  `  cdk synth / (generator + analyzers)                 ${ratio(m.cdkValidMs, flow)}   (goal >= 20x)`,
  `  cdk synth --no-validation / (generator + analyzers) ${ratio(m.cdkNoValidationMs, flow)}   (goal >= 6x)`,
  `  validators / flowstate validate (whole processes)   ${ratio(m.validatorsMs, m.flowstateValidateMs)}   (goal >= 10x)`,
  `  one edit inside a machine: ${m.editInsideMs.toFixed(2)} ms   (goal < 20 ms)`,
];
if (builds) {
  const fw = med(builds.map((b) => b.flowWallMs)), pw = med(builds.map((b) => b.plainWallMs));
  m.buildWithFlowstateMs = fw; m.buildWithoutAttributesMs = pw;
  m.buildGeneratorS = med(builds.map((b) => b.flowGeneratorS)); m.buildAnalyzerS = med(builds.map((b) => b.flowAnalyzerS));
  lines.push(`  build of the ${set} project: ${fw} ms with Flowstate, ${pw} ms without attributes: Flowstate's share ${(100 * (fw - pw) / fw).toFixed(1)}% (goal <= 10%); ReportAnalyzer: generator ${m.buildGeneratorS} s, analyzer ${m.buildAnalyzerS} s`);
}
console.log(lines.join("\n"));
fs.writeFileSync(outFile, JSON.stringify({ set, medians: m, rounds, builds }, null, 2) + "\n");
EOF
echo "wrote $out/side-by-side.json"
