/** SPDK posix recv pipe: heads, fill, and the iovecs of the last readv into it. */
import { formatBytes, formatCount, stepNumber } from '../../format';
import type { PipeView } from '../../sim-types';
import { Facts, Stage, yesNo } from './facts';

export function PipeSummary({ pipe }: { pipe: PipeView | null }) {
  if (pipe === null) {
    return (
      <Stage title="Recv pipe" upstream="spdk_pipe">
        <p className="none">
          No recv pipe allocated (yet): until there is one, the socket is read straight into the PDU.
        </p>
      </Stage>
    );
  }
  const iovs = pipe.lastWriteIovs.map(([off, len]) => `[${off}, ${formatCount(len)} B]`).join(' + ');
  return (
    <Stage title="Recv pipe" upstream="spdk_pipe">
      <Facts
        items={[
          ['Size', formatBytes(pipe.sz)],
          ['Read / write head', `${pipe.read} / ${pipe.write}`],
          [
            'Bytes held',
            <span key="held">
              {formatBytes(pipe.bytes)}{' '}
              <meter min={0} max={pipe.sz} value={pipe.bytes} aria-label="Pipe fill" />
            </span>,
          ],
          ['Full', yesNo(pipe.full)],
          [
            'Last readv into it',
            iovs === ''
              ? 'none yet'
              : `${iovs}${pipe.lastWriteIovs.length > 1 ? ' (wrapped: two iovecs)' : ''} at step ${stepNumber(pipe.lastWriteStep)}`,
          ],
          ['Socket has data / pipe has data', `${yesNo(pipe.socketHasData)} / ${yesNo(pipe.pipeHasData)}`],
        ]}
      />
    </Stage>
  );
}
