#!/usr/bin/env node
// Provenance: copied unchanged (below this line) from the project's shared perf helper (shared/perf/make-synthetic.mjs,
// see its README) so that the differential tests and the benchmark can generate the same synthetic machines.
// make-synthetic.mjs — write N synthetic, ETL-shaped Amazon States Language
// (ASL) state machines, deterministic for a seed.
//
// Usage: node make-synthetic.mjs --machines N --states K --out DIR [--seed S]
//
// Each machine DIR/m0001.asl.json ... has exactly K states (nested Parallel
// branch and Map processor states included; K >= 3):
//   - a main chain of Lambda invoke tasks (Resource arn:aws:states:::lambda:invoke,
//     Parameters {FunctionName: FUNCTION_ARN, "Payload.$": "$"}, ResultSelector,
//     ResultPath, one Retry on Lambda.ServiceException/TooManyRequestsException,
//     a Catch (States.ALL) to the shared Fail state),
//   - after every run of 4-6 tasks (so a structure every ~6 states), the next
//     structure in the rotation Choice -> Parallel -> Wait -> Map (the starting
//     point of the rotation is seeded):
//       Choice   (4 states): 2 rules + Default -> 2 Lambda tasks and 1 Pass, all
//                rejoining the chain
//       Parallel (5 states): 2 branches of [Lambda task (Retry) -> Pass]
//                (ResultSelector, ResultPath, Catch to the shared Fail)
//       Wait     (1 state) : Seconds
//       Map      (3 states): inline ItemProcessor [Lambda task (Retry) -> Pass],
//                ItemsPath, ItemSelector, MaxConcurrency, ResultPath, Catch
//   - a final Succeed, plus the shared Fail state.
// When the budget left is too small for the next structure, the remaining
// states are plain Lambda tasks, so the total is exactly K.
// Machine i depends only on (seed, i, K): machine 7 is the same whether N is 10
// or 200.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:etl-step';
export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const FAIL_NAME = 'PipelineFailed';
const SUCCEED_NAME = 'PipelineSucceeded';

function usage(code, msg) {
  if (msg) process.stderr.write(msg + '\n');
  (code ? process.stderr : process.stdout).write(
    'usage: node make-synthetic.mjs --machines N --states K --out DIR [--seed S]\n' +
      '  writes DIR/m0001.asl.json ... (N files), each with exactly K states (K >= 3)\n',
  );
  process.exit(code);
}

// mulberry32: small, fast, deterministic 32-bit PRNG.
function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedFor(seed, index) {
  // FNV-1a over "seed:index" so machine i is independent of N.
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${index}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const VERBS = ['Extract', 'Validate', 'Normalize', 'Enrich', 'Dedupe', 'Transform', 'Aggregate', 'Score',
  'Partition', 'Compact', 'Stage', 'Load', 'Index', 'Publish', 'Audit', 'Checkpoint'];
const ENTITIES = ['Orders', 'Customers', 'Invoices', 'Events', 'Inventory', 'Payments', 'Sessions', 'Shipments',
  'Refunds', 'Products'];
const SINKS = [['Warehouse', 'SearchIndex'], ['DataLake', 'Cache'], ['Archive', 'Metrics'], ['Replica', 'Feed']];
const CHOICE_RULES = [
  () => ({ Variable: '$.mode', StringEquals: 'full' }),
  () => ({ Variable: '$.rowCount', NumericGreaterThan: 10000 }),
  () => ({ Variable: '$.dryRun', BooleanEquals: true }),
  () => ({ Variable: '$.partition', IsPresent: true }),
  () => ({ Variable: '$.rowCount', NumericLessThanEquals: 100 }),
  () => ({
    And: [
      { Variable: '$.rowCount', NumericGreaterThanEquals: 1 },
      { Variable: '$.region', StringEquals: 'eu-west-1' },
    ],
  }),
  () => ({ Not: { Variable: '$.mode', StringEquals: 'incremental' } }),
];
const STRUCTURES = ['Choice', 'Parallel', 'Wait', 'Map'];
const STRUCTURE_SIZE = { Choice: 4, Parallel: 5, Wait: 1, Map: 3 };

export function makeMachine(index, states, seed = 1) {
  if (!Number.isInteger(states) || states < 3) throw new Error(`--states must be an integer >= 3, got ${states}`);
  const rnd = mulberry32(seedFor(seed, index));
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const entity = pick(ENTITIES);
  let counter = 0;
  const name = (stem) => `${stem}_${String(++counter).padStart(2, '0')}`;
  const resultKey = (n) => n.charAt(0).toLowerCase() + n.slice(1);

  const retry = () => [{
    ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'],
    IntervalSeconds: pick([1, 2, 3]),
    MaxAttempts: pick([2, 3, 5]),
    BackoffRate: pick([1.5, 2]),
  }];
  const catchToFail = () => [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: FAIL_NAME }];
  const lambdaTask = (n, { withCatch = true, payloadPath = '$', resultPath } = {}) => {
    const s = {
      Type: 'Task',
      Resource: LAMBDA_INVOKE,
      Parameters: { FunctionName: FUNCTION_ARN, 'Payload.$': payloadPath },
      ResultSelector: pick([
        { 'rows.$': '$.Payload.rows', 'status.$': '$.Payload.status' },
        { 'result.$': '$.Payload', 'statusCode.$': '$.StatusCode' },
        { 'count.$': '$.Payload.count', 'location.$': '$.Payload.location' },
      ]),
      ResultPath: resultPath ?? `$.${resultKey(n)}`,
      Retry: retry(),
    };
    if (withCatch) s.Catch = catchToFail();
    return s;
  };

  const top = {};
  // Items of the main chain: each is { entry, exits: [state objects whose Next must be set] }.
  let budget = states - 2; // reserve Succeed + Fail
  let prevExits = null;
  let startAt = null;
  const link = (entryName, exits) => {
    if (prevExits === null) startAt = entryName;
    else for (const s of prevExits) s.Next = entryName;
    prevExits = exits;
  };
  const addTask = (verb = pick(VERBS)) => {
    const n = name(`${verb}${entity}`);
    const s = lambdaTask(n);
    top[n] = s;
    link(n, [s]);
    budget -= 1;
  };
  const addChoice = () => {
    const c = name(`Route${entity}`);
    const [r1, r2] = (() => {
      const a = int(0, CHOICE_RULES.length - 1);
      let b = int(0, CHOICE_RULES.length - 2);
      if (b >= a) b += 1;
      return [CHOICE_RULES[a](), CHOICE_RULES[b]()];
    })();
    const t1 = name(`FullRefresh${entity}`);
    const t2 = name(`BulkLoad${entity}`);
    const skip = name(`Skip${entity}`);
    top[c] = { Type: 'Choice', Choices: [{ ...r1, Next: t1 }, { ...r2, Next: t2 }], Default: skip };
    top[t1] = lambdaTask(t1);
    top[t2] = lambdaTask(t2);
    top[skip] = { Type: 'Pass', Result: { skipped: true, reason: 'no-op route' }, ResultPath: `$.${resultKey(skip)}` };
    link(c, [top[t1], top[t2], top[skip]]);
    budget -= 4;
  };
  const addParallel = () => {
    const p = name(`FanOut${entity}`);
    const [a, b] = pick(SINKS);
    const branch = (sink) => {
      const t = name(`Load${sink}`);
      const m = name(`Mark${sink}`);
      return {
        StartAt: t,
        States: {
          [t]: { ...lambdaTask(t, { withCatch: false }), Next: m },
          [m]: { Type: 'Pass', Parameters: { 'sink': sink, 'detail.$': `$.${resultKey(t)}` }, End: true },
        },
      };
    };
    top[p] = {
      Type: 'Parallel',
      Branches: [branch(a), branch(b)],
      ResultSelector: { [`${resultKey(a)}.$`]: '$[0]', [`${resultKey(b)}.$`]: '$[1]' },
      ResultPath: `$.${resultKey(p)}`,
      Catch: catchToFail(),
    };
    link(p, [top[p]]);
    budget -= 5;
  };
  const addWait = () => {
    const w = name(`Throttle${entity}`);
    top[w] = { Type: 'Wait', Seconds: pick([5, 10, 30, 60]) };
    link(w, [top[w]]);
    budget -= 1;
  };
  const addMap = () => {
    const m = name(`ForEach${entity}`);
    const t = name(`Process${entity}Item`);
    const s = name(`Shape${entity}Item`);
    top[m] = {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: { 'item.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'runId.$': '$.runId' },
      MaxConcurrency: pick([2, 5, 10]),
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: t,
        States: {
          [t]: { ...lambdaTask(t, { withCatch: false, resultPath: '$.processed' }), Next: s },
          [s]: { Type: 'Pass', Parameters: { 'index.$': '$.index', 'output.$': '$.processed' }, End: true },
        },
      },
      ResultPath: `$.${resultKey(m)}`,
      Catch: catchToFail(),
    };
    link(m, [top[m]]);
    budget -= 3;
  };
  const ADD = { Choice: addChoice, Parallel: addParallel, Wait: addWait, Map: addMap };

  let rotation = int(0, STRUCTURES.length - 1);
  addTask('Extract'); // always start with the extract task
  let run = int(3, 5); // first run counts the task above
  while (budget > 0) {
    while (run > 0 && budget > 0) { addTask(); run -= 1; }
    if (budget <= 0) break;
    const kind = STRUCTURES[rotation % STRUCTURES.length];
    if (STRUCTURE_SIZE[kind] <= budget) {
      ADD[kind]();
      rotation += 1;
    } else {
      addTask(); // too little budget left for the next structure: fill with tasks
    }
    run = int(4, 6);
  }
  top[SUCCEED_NAME] = { Type: 'Succeed' };
  link(SUCCEED_NAME, []);
  top[FAIL_NAME] = { Type: 'Fail', Error: 'ETL.PipelineFailed', Cause: 'A step failed after its retries' };

  // Task / Pass / Wait / Parallel / Map states with no Next yet are the last
  // chain item's exits (already linked to Succeed). Put Next/End last for readability.
  for (const s of Object.values(top)) {
    if ('Next' in s) { const n = s.Next; delete s.Next; s.Next = n; }
  }
  const id = `m${String(index).padStart(4, '0')}`;
  return {
    Comment: `Synthetic ETL pipeline ${id} (${entity}, seed ${seed}, ${states} states)`,
    StartAt: startAt,
    TimeoutSeconds: 3600,
    States: top,
  };
}

export function countStates(def) {
  let n = 0;
  for (const s of Object.values(def.States)) {
    n += 1;
    if (s.Type === 'Parallel') for (const b of s.Branches) n += countStates(b);
    if (s.Type === 'Map') n += countStates(s.ItemProcessor ?? s.Iterator);
  }
  return n;
}

function main(argv) {
  const opts = { machines: null, states: null, out: null, seed: '1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(2, `missing value for ${a}`);
      return argv[++i];
    };
    if (a === '--machines') opts.machines = Number(val());
    else if (a === '--states') opts.states = Number(val());
    else if (a === '--out') opts.out = val();
    else if (a === '--seed') opts.seed = val();
    else if (a === '-h' || a === '--help') usage(0);
    else usage(2, `unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.machines) || opts.machines < 1 || opts.machines > 9999) usage(2, '--machines must be an integer in 1..9999');
  if (!Number.isInteger(opts.states) || opts.states < 3) usage(2, '--states must be an integer >= 3');
  if (!opts.out) usage(2, '--out is required');
  mkdirSync(opts.out, { recursive: true });
  let total = 0;
  for (let i = 1; i <= opts.machines; i++) {
    const def = makeMachine(i, opts.states, opts.seed);
    total += countStates(def);
    const file = path.join(opts.out, `m${String(i).padStart(4, '0')}.asl.json`);
    writeFileSync(file, JSON.stringify(def, null, 2) + '\n');
  }
  process.stdout.write(JSON.stringify({ out: opts.out, machines: opts.machines, statesPerMachine: opts.states, totalStates: total, seed: opts.seed }) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('make-synthetic.mjs')) {
  main(process.argv.slice(2));
}
