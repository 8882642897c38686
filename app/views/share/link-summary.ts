/** What a link opens, in one sentence, for the Share dialog: scenario, step, selection and tab. */
import { stepNumber } from '../../format';
import type { AppState, Selection, Tab } from '../../store/store';
import { presetTitle } from '../scenario/presets';

const TAB_NAME: Record<Tab, string> = {
  inspector: 'Inspector',
  log: 'Event log',
  breakpoints: 'Breakpoints',
  editor: 'Scenario editor',
  numbers: 'Numbers',
};

const KIND_NAME: Record<Selection['kind'], string> = {
  slot: 'RX descriptor',
  skb: 'skb',
  queue: 'TCP queue',
  cpu: 'CPU',
  pipe: 'recv pipe',
  pdu: 'PDU',
  req: 'tcp_req',
};

export function linkSummary(
  s: Pick<AppState, 'presetId' | 'edited' | 'step' | 'totalSteps' | 'selection' | 'tab'>,
): string {
  const what = `${presetTitle(s.presetId)}${s.edited ? ' (edited)' : ''}`;
  const at = `step ${stepNumber(Math.max(0, s.step))} / ${s.totalSteps}`;
  const sel = s.selection === null ? '' : `, ${KIND_NAME[s.selection.kind]} ${s.selection.id} selected`;
  return `Opens “${what}” at ${at}${sel}, with the ${TAB_NAME[s.tab]} tab shown.`;
}
