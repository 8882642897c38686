/** A Motion (motion.ts) bound to the page's scheduler for the life of a component. */
import { useEffect, useState } from 'react';
import { useRuntime } from '../../../runtime-context';
import { createMotion, type Motion } from './motion';

export function useMotion(): Motion {
  const { scheduler } = useRuntime();
  const [motion] = useState(() => createMotion((cb) => scheduler.onFrame(cb)));
  useEffect(() => () => motion.dispose(), [motion]);
  return motion;
}
