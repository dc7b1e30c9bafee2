/**
 * The in-memory floor of the panel's first render (bench/README.md, figure 13): the side panel's own
 * start-up module (entrypoints/sidepanel/main.tsx: the same App, the same lazy chunks, the same CSS),
 * bundled with the ledger reads answered from memory (`queries.ts`, `db.ts` here, swapped in by
 * vite.config.ts). Built by scripts/bench.mjs into the bench's private copy of the extension only.
 */
import './held';
import '../../entrypoints/sidepanel/main';
