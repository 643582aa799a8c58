// Runs a batch of cases through aws-local-stepfunctions in one node process (the other tool in
// Flowstate.Local's differential tests and benchmark). Usage:
//   node run-cases.mjs CASES.json [--bench SECONDS]
// CASES.json: [{ "id", "definition", "input", "context" (the context object's Execution and StateMachine), "mocks": { "<Task state>": [ {"return": v} | {"throw": {"error","cause"}} ... ] } }]
// A Task state's n-th call (retries count) gets mocks[state][n], the last entry repeating.
// Prints one JSON array: [{ "id", "status", "output", "error", "cause", "states" }].
// Wait states and retry intervals are overridden to 0 ms: the tool sleeps in real time, and the
// comparison is about data and control flow, not time.
// An execution that enters more than LOOP_LIMIT states (or the case's "loopLimit"; 0 for none) (a polling loop whose mock never says "done")
// is aborted and reported with status "LOOP", so that a batch always ends.
// With --bench S it instead runs every case repeatedly for S seconds and prints executions per second.
import { readFileSync } from 'node:fs';

const LOOP_LIMIT = 2000;

// aws-local-stepfunctions 3.0.0 uses Node 22's Promise.withResolvers; this gives it on Node 20.
Promise.withResolvers ??= function () { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; };

const { StateMachine, ExecutionError, ExecutionTimeoutError, ExecutionAbortedError } = await import('aws-local-stepfunctions');

const [file, flag, seconds] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(file, 'utf8'));

function stateNames(definition, into = { waits: {}, tasks: [], all: [] }) {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    into.all.push(name);
    // Literal waits take no time (the tool sleeps in real time); SecondsPath/TimestampPath waits are
    // left to the tool, so that it evaluates the path (cases keep those waits short).
    if (state.Type === 'Wait' && (state.Seconds !== undefined || state.Timestamp !== undefined)) into.waits[name] = 0;
    if (state.Type === 'Task') into.tasks.push(name);
    for (const branch of state.Branches ?? []) stateNames(branch, into);
    if (state.ItemProcessor) stateNames(state.ItemProcessor, into);
    if (state.Iterator) stateNames(state.Iterator, into);
  }
  return into;
}

function prepare(c) {
  const names = stateNames(c.definition);
  // No schema validation: it costs ~0.6 s per definition (ajv), and Flowstate.Local's side validates
  // (a case it refuses is not compared). Resources may be template placeholders (${Fn}): tasks are
  // served by state name.
  const machine = new StateMachine(c.definition, { validationOptions: { noValidate: true } });
  const retry = {};
  for (const n of names.all) retry[n] = 0;
  return { machine, names, retry };
}

async function runOne(c, prepared) {
  const { machine, names, retry } = prepared;
  const calls = {};
  const handlers = {};
  for (const task of names.tasks) {
    const responses = (c.mocks ?? {})[task];
    handlers[task] = async () => {
      if (!responses || responses.length === 0) { const e = new Error(`no mock for ${task}`); e.name = 'NoMock'; throw e; }
      const n = calls[task] = (calls[task] ?? -1) + 1;
      const r = responses[Math.min(n, responses.length - 1)];
      if (r.throw) { const e = new Error(r.throw.cause ?? ''); e.name = r.throw.error; throw e; }
      return structuredClone(r.return);
    };
  }
  const execution = machine.run(c.input, { context: structuredClone(c.context ?? {}), overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: names.waits, retryIntervalOverrides: retry } });
  const states = [];
  const limit = c.loopLimit ?? LOOP_LIMIT; // 0: no limit (the benchmark's 10,000-item Map)
  const logs = (async () => {
    for await (const e of execution.eventLogs)
      if (e.type === 'StateEntered' && states.push(e.state.name) > limit && limit > 0) { execution.abort(); break; }
  })();
  let result;
  try {
    const output = await execution.result;
    result = { id: c.id, status: 'SUCCEEDED', output, error: null, cause: null };
  } catch (e) {
    if (e instanceof ExecutionAbortedError) result = { id: c.id, status: 'LOOP', output: null, error: null, cause: null };
    else if (e instanceof ExecutionTimeoutError) result = { id: c.id, status: 'TIMED_OUT', output: null, error: 'States.Timeout', cause: null };
    else if (e instanceof ExecutionError) {
      const inner = e.cause ?? {};
      result = { id: c.id, status: 'FAILED', output: null, error: inner.name ?? null, cause: inner.cause ?? inner.message ?? null };
    } else result = { id: c.id, status: 'ERROR', output: null, error: e?.name ?? 'Error', cause: String(e?.message ?? e) };
  }
  await logs.catch(() => {});
  result.states = states;
  return result;
}

if (flag === '--bench') {
  const prepared = cases.map(prepare);
  const until = performance.now() + Number(seconds) * 1000;
  let executions = 0;
  const started = performance.now();
  while (performance.now() < until)
    for (let i = 0; i < cases.length; i++) { await runOne(cases[i], prepared[i]); executions++; }
  const elapsed = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ executions, seconds: elapsed, executionsPerSecond: executions / elapsed, heapUsedBytes: process.memoryUsage().heapUsed }));
} else {
  const results = [];
  for (const c of cases) {
    const t0 = performance.now();
    try { results.push(await runOne(c, prepare(c))); }
    catch (e) { results.push({ id: c.id, status: 'ERROR', output: null, error: e?.name ?? 'Error', cause: String(e?.message ?? e), states: [] }); }
    if (process.env.RUN_CASES_TIMING) process.stderr.write(`${(performance.now() - t0).toFixed(0)} ms ${c.id}\n`);
  }
  console.log(JSON.stringify(results));
}
