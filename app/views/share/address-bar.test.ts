import { describe, expect, it } from 'vitest';
import { presetScenario } from '../../../sim-core';
import type { LoadRequest, Runtime } from '../../runtime';
import { encodeLink } from '../../share/codec';
import { createAppStore } from '../../store/store';
import { followAddressBar, openLink } from './address-bar';

/** A runtime whose loads only record themselves in the store (no worker, no player). */
function fakeRuntime() {
  const store = createAppStore();
  const loads: (LoadRequest | string)[] = [];
  const runtime = {
    store,
    loadScenario(r: LoadRequest) {
      loads.push(r);
      store.setState({ scenario: r.scenario, presetId: r.presetId, edited: r.edited, linkError: null });
    },
    loadPreset(id: string) {
      loads.push(id);
      store.setState({ scenario: presetScenario(id), presetId: id, edited: false, linkError: null });
    },
  } as unknown as Runtime;
  return { runtime, store, loads };
}

/** A window with just the address bar: location, history.replaceState and hashchange. */
function fakeWindow(hash: string) {
  const listeners = new Set<() => void>();
  const win = {
    location: { hash, origin: 'http://x', pathname: '/', search: '' },
    history: {
      state: null,
      replaceState(_s: unknown, _t: string, url: string) {
        win.location.hash = new URL(url).hash;
      },
    },
    addEventListener: (_: string, cb: () => void) => listeners.add(cb),
    removeEventListener: (_: string, cb: () => void) => listeners.delete(cb),
    paste(h: string) {
      win.location.hash = h;
      for (const cb of listeners) cb();
    },
  };
  return win;
}

const link = (presetId: string, step: number) =>
  `#${encodeLink({ presetId, scenario: presetScenario(presetId), step, selection: { kind: 'pipe', id: 0 }, tab: 'log' })}`;

describe('opening links from the address bar', () => {
  it('a link loads its scenario at its step, with its selection and tab', () => {
    const { runtime, store, loads } = fakeRuntime();
    expect(openLink(runtime, link('gro-off', 12))).toBe(true);
    expect(loads).toEqual([
      { scenario: presetScenario('gro-off'), presetId: 'gro-off', edited: false, start: 12 },
    ]);
    expect(store.getState().selection).toEqual({ kind: 'pipe', id: 0 });
    expect(store.getState().tab).toBe('log');
  });
  it('a broken link loads the default preset and leaves its message', () => {
    const { runtime, store, loads } = fakeRuntime();
    expect(openLink(runtime, '#v1.j@@')).toBe(true);
    expect(loads).toEqual(['write-4k-incapsule']);
    expect(store.getState().linkError).toMatch(/base64url/);
  });
  it('a fragment that is no link is left alone', () => {
    const { runtime, loads } = fakeRuntime();
    expect(openLink(runtime, '#section-2')).toBe(false);
    expect(openLink(runtime, '')).toBe(false);
    expect(loads).toEqual([]);
  });
  it('follows pasted links, and drops a link once another scenario loads', () => {
    const { runtime, loads } = fakeRuntime();
    const win = fakeWindow('');
    const stop = followAddressBar(runtime, win as unknown as Window);
    expect(loads).toEqual(['write-4k-incapsule']);
    win.paste(link('backlog', 3));
    expect(loads).toHaveLength(2);
    expect(win.location.hash).toBe(link('backlog', 3)); // the link just opened stays
    runtime.loadPreset('gro-on');
    expect(win.location.hash).toBe('');
    stop();
    win.paste(link('backlog', 3));
    expect(loads).toHaveLength(3); // nothing more after stop()
  });
});
