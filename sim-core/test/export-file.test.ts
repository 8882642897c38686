/**
 * A scenario exported by the page's editor (app/views/editor/scenario-file.ts) is a file the CLI
 * runs headless: written exactly as the editor writes it, run through the real entry point
 * (tsx sim-core/cli.ts), it gives the run the library gives for the same scenario.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readScenarioFile, scenarioFileName, scenarioFileText } from '../../app/views/editor/scenario-file';
import { asLoad } from '../../app/views/scenario/identity';
import { presetScenario } from '../scenario';
import { simulate } from '../simulate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'rxpath-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      TSX,
      ['sim-core/cli.ts', file, '--json'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) =>
        done({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr }),
    );
  });
}

describe('an exported scenario file', () => {
  it('runs headless with the CLI: an edited scenario as custom, same trace as the library', async () => {
    const p = presetScenario('out-of-order');
    const edited = asLoad({ ...p, seed: 11, workload: { ...p.workload, writes: 2 } }, 'out-of-order');
    const file = join(dir, scenarioFileName('out-of-order', edited.edited));
    writeFileSync(file, scenarioFileText(edited.scenario));
    const r = await cli(file);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.scenario).toBe('custom');
    expect(s.seed).toBe(11);
    expect(s.integrity.ok).toBe(true);
    expect(s.traceHash).toBe(simulate(edited.scenario).summary.traceHash);
    // And the page reads the same file back as the same scenario.
    const back = readScenarioFile(scenarioFileText(edited.scenario));
    expect(back.ok && back.load).toEqual(edited);
  }, 60_000);
  it('an unedited preset exported runs as that preset', async () => {
    const file = join(dir, scenarioFileName('gro-off', false));
    writeFileSync(file, scenarioFileText(presetScenario('gro-off')));
    const r = await cli(file);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.scenario).toBe('gro-off');
    expect(s.traceHash).toBe(simulate(presetScenario('gro-off')).summary.traceHash);
  }, 60_000);
});
