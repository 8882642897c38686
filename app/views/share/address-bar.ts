/**
 * The address bar and the page: a share link in the fragment opens its scenario at its step,
 * with its selection and tab, at startup and whenever the fragment changes (a link pasted into
 * an open tab). A link that cannot be opened loads the default preset and leaves its message in
 * the store (shown as an alert by ShareButton's LinkAlert). Nothing from a link is run or
 * rendered as HTML: the codec turns it into checked data, the editor's identity rule names it.
 */
import { DEFAULT_PRESET_ID } from '../../../sim-core/page';
import type { Runtime } from '../../runtime';
import { decodeLink, isLinkFragment } from '../../share/codec';
import type { Scenario } from '../../sim-types';
import { asLoad } from '../scenario/identity';

/** Opens the link in `fragment`. Returns false (and does nothing) when it is not an rxpath link. */
export function openLink(runtime: Runtime, fragment: string): boolean {
  if (!isLinkFragment(fragment)) return false;
  const r = decodeLink(fragment);
  const st = runtime.store.getState();
  if (!r.ok) {
    runtime.loadPreset(DEFAULT_PRESET_ID);
    st.setLinkError(r.error);
    return true;
  }
  const { scenario, presetId, step, selection, tab } = r.state;
  runtime.loadScenario({ ...asLoad(scenario, presetId), start: step });
  st.select(selection);
  st.setTab(tab);
  return true;
}

/** The page's URL without its fragment. */
export function pageUrl(loc: Location): string {
  return `${loc.origin}${loc.pathname}${loc.search}`;
}

/**
 * Starts the page from the address bar (a link, else the default preset) and follows it:
 * a new link in the fragment is opened; once another scenario is loaded, a link still in the
 * address bar no longer describes the page and is taken out (a reload then does not go back).
 * Returns a function that stops following.
 */
export function followAddressBar(runtime: Runtime, win: Window = window): () => void {
  let linked: Scenario | null = null;
  let opening = false;
  const open = (): boolean => {
    opening = true;
    try {
      const opened = openLink(runtime, win.location.hash);
      if (opened) linked = runtime.store.getState().scenario;
      return opened;
    } finally {
      opening = false;
    }
  };
  if (!open()) runtime.loadPreset(DEFAULT_PRESET_ID);
  const onHash = () => {
    open();
  };
  win.addEventListener('hashchange', onHash);
  const unsub = runtime.store.subscribe((s, prev) => {
    if (opening || s.scenario === prev.scenario || s.scenario === linked) return;
    linked = null;
    if (isLinkFragment(win.location.hash))
      win.history.replaceState(win.history.state, '', pageUrl(win.location));
  });
  return () => {
    win.removeEventListener('hashchange', onHash);
    unsub();
  };
}
