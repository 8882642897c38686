/**
 * The CLI contract (ARCHITECTURE.md, "Contracts"), through the real entry point: the process is
 * spawned (tsx sim-core/cli.ts), so argument parsing, exit codes, stdout/stderr and the files it
 * writes are what a user gets.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetScenario } from '../scenario';
import { simulate } from '../simulate';
import { parsePcap, pcapWriter } from '../wire';
import { summaryContractProblems } from './support';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI with `args`; never rejects (a non-zero exit is a result). */
function cli(args: string[]): Promise<Ran> {
  return new Promise((done) => {
    execFile(
      TSX,
      ['sim-core/cli.ts', ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'rxpath-cli-'));
const f = (name: string) => join(dir, name);
const runs: Record<string, Ran> = {};

beforeAll(async () => {
  writeFileSync(f('broken.json'), '{"wire": {"mtu": 1500,');
  writeFileSync(f('mtu.json'), JSON.stringify({ wire: { mtu: 100_000 } }));
  writeFileSync(f('ok.json'), JSON.stringify({ preset: 'out-of-order', seed: 7 }));
  const jobs: [string, string[]][] = [
    ['json', ['write-4k-incapsule', '--json']],
    ['files', ['write-128k-r2t', '--json', '--trace', f('t.jsonl'), '--pcap', f('w.pcap')]],
    ['unknown', ['no-such-preset', '--json']],
    ['broken', [f('broken.json'), '--json']],
    ['mtu', [f('mtu.json'), '--json']],
    ['file', [f('ok.json'), '--json']],
  ];
  await Promise.all(
    jobs.map(async ([name, args]) => {
      runs[name] = await cli(args);
    }),
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** stderr without lines a Node or npm toolchain may add on its own (warnings), as lines. */
function errLines(r: Ran): string[] {
  return r.stderr.split('\n').filter((l) => l.trim() !== '' && !/^(npm warn|\(node:\d+\))/i.test(l));
}

describe('sim-core/cli.ts', () => {
  it('prints one JSON summary with every contract field for a preset (--json)', () => {
    const r = runs.json!;
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(summaryContractProblems(s)).toEqual([]);
    expect(s.scenario).toBe('write-4k-incapsule');
    expect(s.integrity.ok).toBe(true);
    // The CLI runs the same deterministic simulation as the library.
    expect(s.traceHash).toBe(simulate(presetScenario('write-4k-incapsule')).summary.traceHash);
  });

  it('runs a scenario file: a partial merged over its preset, with the seed it gives', () => {
    const r = runs.file!;
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.scenario).toBe('out-of-order');
    expect(s.seed).toBe(7);
    expect(summaryContractProblems(s)).toEqual([]);
  });

  it('rejects an unknown preset: exit 2, one line on stderr naming it', () => {
    const r = runs.unknown!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = errLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('no-such-preset');
  });

  it('rejects a scenario file that is not JSON: exit 2, naming the file', () => {
    const r = runs.broken!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = errLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('broken.json');
    expect(lines[0]).toMatch(/JSON/);
  });

  it('rejects an out-of-range knob: exit 2, the message names the field, the value and the range', () => {
    const r = runs.mtu!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const msg = errLines(r).join('\n');
    expect(msg).toContain('wire.mtu');
    expect(msg).toContain('100000');
    expect(msg).toMatch(/576\D+9216/);
  });

  it('--trace writes the trace as JSON lines, one per row', () => {
    const r = runs.files!;
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    const lines = readFileSync(f('t.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    expect(lines).toHaveLength(s.events);
    const rows = lines.map((l) => JSON.parse(l));
    rows.forEach((row, i) => {
      expect(row.step).toBe(i);
    });
    expect(rows[0]).toMatchObject({ step: 0, t: 0 });
    for (const k of ['code', 'obj', 'a', 'b', 'fn']) expect(rows[0]).toHaveProperty(k);
    // Time never goes backwards.
    expect(rows.every((row, i) => i === 0 || row.t >= rows[i - 1].t)).toBe(true);
  });

  it('--pcap writes the wire as a classic pcap that parsePcap accepts, the same bytes as the library', () => {
    const r = runs.files!;
    expect(r.code, r.stderr).toBe(0);
    const bytes = new Uint8Array(readFileSync(f('w.pcap')));
    const parsed = parsePcap(bytes);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.header.linktype).toBe(1);
    const s = JSON.parse(r.stdout);
    // Host frames all arrive at the target's port; the target sends at least one ACK.
    expect(parsed.packets.length).toBeGreaterThan(s.host.framesToTarget);
    const w = pcapWriter();
    simulate(presetScenario('write-128k-r2t'), { tap: (t, fr) => w.add(t, fr) });
    expect(Buffer.from(bytes).equals(Buffer.from(w.finish()))).toBe(true);
  });
});
