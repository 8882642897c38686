/** The inspector's types: the model from sim-core (inspect-types.ts) and the store's selection. */
export type {
  HexLabel,
  InspectField,
  InspectHex,
  InspectView,
} from '../../../sim-core/view/inspect-types';
export type { Selection } from '../../store/store';
