/**
 * `npm run sim -- <preset-id | scenario.json> [--json] [--trace f.jsonl] [--pcap f.pcap] [--seed N]`
 * The only sim-core file that touches Node (files, stdout, exit codes).
 */
import { readFileSync, writeFileSync, createWriteStream, existsSync } from 'node:fs';
import { simulate } from './simulate';
import { PRESETS, getPreset, resolveScenario, formatErrors } from './scenario';
import type { Scenario } from './scenario/types';
import { pcapWriter } from './wire';
import { traceJsonl } from './trace/export';
import { formatSummary } from './summary/format';

interface Args {
  target: string | null;
  json: boolean;
  trace: string | null;
  pcap: string | null;
  seed: number | null;
  list: boolean;
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    target: null,
    json: false,
    trace: null,
    pcap: null,
    seed: null,
    list: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${x} needs a value`);
      return v;
    };
    if (x === '--json') a.json = true;
    else if (x === '--trace') a.trace = value();
    else if (x === '--pcap') a.pcap = value();
    else if (x === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) > 0xffffffff)
        throw new UsageError(`--seed ${v}: must be an integer 0..4294967295`);
      a.seed = Number(v);
    } else if (x === '--list') a.list = true;
    else if (x === '--help' || x === '-h') a.help = true;
    else if (x.startsWith('--')) throw new UsageError(`unknown option ${x}`);
    else if (a.target === null) a.target = x;
    else throw new UsageError(`unexpected argument ${x}`);
  }
  return a;
}

const USAGE =
  'usage: npm run sim -- <preset-id | scenario.json> [--json] [--trace FILE.jsonl] [--pcap FILE.pcap] [--seed N] | --list';

function loadScenario(target: string, seed: number | null): Scenario {
  let input: unknown;
  if (target.endsWith('.json') || existsSync(target)) {
    let text: string;
    try {
      text = readFileSync(target, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read scenario file ${target}: ${(e as Error).message}`);
    }
    try {
      input = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`scenario file ${target} is not valid JSON: ${(e as Error).message}`);
    }
  } else {
    if (!getPreset(target)) {
      throw new UsageError(`unknown preset "${target}"; presets: ${PRESETS.map((p) => p.id).join(', ')}`);
    }
    input = { preset: target };
  }
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const o = input as Record<string, unknown>;
    // A file that names no preset is its own scenario: no preset's figure applies to it.
    const own =
      !('preset' in o) && !('id' in o)
        ? { id: 'custom', title: 'Custom scenario', description: `From ${target}` }
        : {};
    input = { ...o, ...own, ...(seed !== null ? { seed } : {}) };
  }
  const r = resolveScenario(input);
  if (!r.ok) throw new UsageError(`invalid scenario ${target}: ${formatErrors(r.errors)}`);
  return r.scenario;
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.list) {
    for (const p of PRESETS) process.stdout.write(`${p.id.padEnd(24)} ${p.description}\n`);
    return 0;
  }
  if (args.target === null) {
    process.stderr.write(`no scenario given\n${USAGE}\n`);
    return 2;
  }
  let scenario: Scenario;
  try {
    scenario = loadScenario(args.target, args.seed);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const pcap = args.pcap ? pcapWriter() : null;
  const result = simulate(scenario, { tap: pcap ? (t, f) => pcap.add(t, f) : null });
  if (pcap && args.pcap) writeFileSync(args.pcap, pcap.finish());
  if (args.trace) {
    const out = createWriteStream(args.trace);
    for (const chunk of traceJsonl(result.trace)) out.write(chunk);
    out.end();
  }
  process.stdout.write(
    args.json ? `${JSON.stringify(result.summary, null, 2)}\n` : formatSummary(result.summary),
  );
  return 0;
}

process.exitCode = main();
