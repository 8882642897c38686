// Placeholder until the visualizer issue: the simulation core is usable through `npm run sim`.
const root = document.getElementById('root');
if (root) {
  root.textContent =
    'rxpath: the visualizer is not built yet. Run `npm run sim -- write-4k-incapsule --json` for the simulation summary.';
}
