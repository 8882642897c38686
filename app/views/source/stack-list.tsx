/**
 * A call stack as a list, innermost first: each frame's function and its file (a link at the
 * pinned version). Where the stack crosses from SPDK's user space into the kernel (the readv()
 * system call), a line says so. The notes say what the stack leaves out.
 */
import type { CallStack, Frame } from '../../../sim-core/page';

/** Where the outermost frames say the code runs. */
export function runsIn(frames: Frame[]): string {
  const names = new Set(frames.map((f) => f.fn));
  const last = frames[frames.length - 1]?.fn ?? '';
  if (names.has('entry_SYSCALL_64')) return 'the SPDK reactor thread, inside a readv() system call';
  if (last === 'reactor_run') return 'the SPDK reactor thread (polling)';
  if (names.has('run_ksoftirqd')) return 'the ksoftirqd thread (softirq as a task)';
  if (names.has('__do_softirq')) return 'softirq, on the way out of the hard interrupt';
  if (last === 'common_interrupt') return 'the hard interrupt';
  if (last === 'kthread') return 'a kernel thread';
  return '';
}

function base(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

export function StackList({ stack }: { stack: CallStack }) {
  const where = runsIn(stack.frames);
  return (
    <div className="src-stack">
      <h3 id="src-stack-title">Call stack</h3>
      <p className="src-depth">
        {stack.frames.length === 1 ? 'one function' : `${stack.frames.length} functions deep`}
      </p>
      <p className="src-where">
        Each function was called by the one below it{where !== '' ? `; this runs in ${where}` : ''}.
      </p>
      <ol className="stack" aria-labelledby="src-stack-title">
        {stack.frames.map((f, i) => {
          const prev = stack.frames[i - 1];
          const crossing = prev !== undefined && prev.repo === 'linux' && f.repo === 'spdk';
          return (
            <li key={f.fn} className={`frame repo-${f.repo}${crossing ? ' crossing' : ''}`}>
              {crossing ? <span className="crossing-label">called from user space (SPDK):</span> : null}
              <code className="frame-fn">{f.fn}</code>
              {f.url !== null ? (
                <a
                  className="frame-file"
                  href={f.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  title={f.file}
                >
                  {base(f.file)}
                </a>
              ) : f.file !== '' ? (
                <span className="frame-file">{base(f.file)}</span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {stack.notes.map((n) => (
        <p key={n} className="src-note">
          {n}
        </p>
      ))}
    </div>
  );
}
