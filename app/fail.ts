/** What the page shows when it cannot start at all (no Worker, a broken bundle): never a blank page. */
export function fail(root: HTMLElement, why: string): void {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'fatal';
  p.textContent = `rxpath could not start: ${why}`;
  root.replaceChildren(p);
}
