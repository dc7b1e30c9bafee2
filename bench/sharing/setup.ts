// Dexie needs an IndexedDB: fake-indexeddb gives the bench process one in memory (as tests/unit/setup.ts).
import 'fake-indexeddb/auto';
