/**
 * Registers every stage's trace codes and recorded state machines, and nothing else: the
 * codes.ts / machines.ts files hold tables, not logic. The page imports this (via page.ts) so
 * codeInfo/machineInfo/describeRow know every code on the main thread without the simulation;
 * the stages' own index files import the same files, so a run registers the same set.
 * codebook.test.ts checks that loading the whole simulation adds no code or machine to these.
 */
import './host/codes';
import './host/machines';
import './nic/codes';
import './softirq/codes';
import './tcp/codes';
import './spdk/sock/codes';
import './spdk/reactor-codes';
import './spdk/nvmf/codes';
import './spdk/nvmf/machine-defs';
