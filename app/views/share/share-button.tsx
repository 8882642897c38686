/**
 * "Share": a link to this scenario at this step, with the selection and the tab shown. The link
 * goes into the address bar (the fragment, history.replaceState: no new history entry) and onto
 * the clipboard, and a small dialog shows it, selected, with a Copy button, so it can be copied
 * by hand when the browser refuses the clipboard. Beside it, LinkAlert tells when a link opened
 * from the address bar could not be used.
 */
import { useEffect, useRef, useState } from 'react';
import { PRESET_IDS } from '../../../sim-core/page';
import { useApp, useRuntime } from '../../runtime-context';
import { encodeLink, MAX_LINK_CHARS } from '../../share/codec';
import { pageUrl } from './address-bar';
import { LinkAlert } from './link-alert';
import { linkSummary } from './link-summary';

type Copied = 'pending' | 'yes' | 'no';
type Shown =
  | { kind: 'link'; url: string; summary: string; copied: Copied }
  | { kind: 'error'; message: string };

/** Copies with the Clipboard API; false when the browser refuses (no permission, no focus, insecure page). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function ShareButton() {
  const { store } = useRuntime();
  const phase = useApp((s) => s.phase);
  const step = useApp((s) => s.step);
  const scenario = useApp((s) => s.scenario);
  const presetId = useApp((s) => s.presetId);
  const [shown, setShown] = useState<Shown | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  // Answers from the clipboard for an older dialog are not shown in a newer one.
  const token = useRef(0);

  const ready =
    scenario !== null &&
    PRESET_IDS.includes(presetId) &&
    step >= 0 &&
    (phase === 'paused' || phase === 'playing' || phase === 'running');

  // A new scenario (picker, editor, another link) makes the link shown stale: close it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on a change of scenario only
  useEffect(() => {
    token.current++;
    setShown(null);
  }, [scenario]);

  const shownUrl = shown?.kind === 'link' ? shown.url : null;
  useEffect(() => {
    if (shownUrl !== null) {
      field.current?.focus();
      field.current?.select();
    }
  }, [shownUrl]);

  const close = () => {
    token.current++;
    setShown(null);
    button.current?.focus();
  };

  const share = () => {
    const s = store.getState();
    if (s.scenario === null) return;
    const my = ++token.current;
    let fragment: string;
    try {
      fragment = encodeLink({
        presetId: s.presetId,
        scenario: s.scenario,
        step: Math.max(0, s.step),
        selection: s.selection,
        tab: s.tab,
      });
    } catch (e) {
      setShown({
        kind: 'error',
        message: `No link could be made: ${e instanceof Error ? e.message : String(e)}`,
      });
      return;
    }
    if (fragment.length > MAX_LINK_CHARS) {
      setShown({
        kind: 'error',
        message:
          `This scenario is too large for a link (${fragment.length} characters, at most ${MAX_LINK_CHARS}): ` +
          'export it as a JSON file from the Scenario editor instead.',
      });
      return;
    }
    const url = `${pageUrl(window.location)}#${fragment}`;
    window.history.replaceState(window.history.state, '', url);
    setShown({ kind: 'link', url, summary: linkSummary(s), copied: 'pending' });
    void copy(url).then((ok) => {
      if (token.current === my)
        setShown((cur) => (cur?.kind === 'link' ? { ...cur, copied: ok ? 'yes' : 'no' } : cur));
    });
  };

  const copyAgain = () => {
    if (shown?.kind !== 'link') return;
    const my = token.current;
    field.current?.select();
    void copy(shown.url).then((ok) => {
      if (token.current === my)
        setShown((cur) => (cur?.kind === 'link' ? { ...cur, copied: ok ? 'yes' : 'no' } : cur));
    });
  };

  return (
    <>
      <div className="share">
        <button
          ref={button}
          type="button"
          className="share-button"
          disabled={!ready}
          aria-haspopup="dialog"
          aria-expanded={shown !== null}
          onClick={share}
        >
          Share
        </button>
        {shown !== null && (
          <div
            className="share-popover"
            role="dialog"
            aria-label="Share link"
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                close();
              }
            }}
          >
            {shown.kind === 'error' ? (
              <p className="share-error">{shown.message}</p>
            ) : (
              <>
                <p className="share-state" aria-live="polite">
                  {shown.copied === 'yes'
                    ? 'Link copied to the clipboard. It is also in the address bar.'
                    : shown.copied === 'no'
                      ? 'The browser did not allow copying: copy the link below. It is also in the address bar.'
                      : 'Copying the link…'}
                </p>
                <p className="share-what">{shown.summary}</p>
                <div className="share-link">
                  <input
                    ref={field}
                    type="text"
                    readOnly
                    value={shown.url}
                    aria-label="Link"
                    spellCheck={false}
                  />
                  <button type="button" onClick={copyAgain}>
                    Copy
                  </button>
                </div>
              </>
            )}
            <button type="button" className="share-close" onClick={close}>
              Close
            </button>
          </div>
        )}
      </div>
      <LinkAlert />
    </>
  );
}
