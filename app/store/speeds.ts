/** Playing speeds, in steps per second (a step is one unit of the "Step by" granularity). */
export const SPEEDS: readonly number[] = [1, 2, 5, 10, 30, 60, 250, 1000, 5000];
export const DEFAULT_SPEED = 10;

export function speedLabel(speed: number): string {
  return `${speed} / s`;
}
