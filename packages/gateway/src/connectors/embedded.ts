/** The embedded case source: cases kept in the gateway's own store (the demo, or tests). */
import { demoCases } from '@dichtbij/sdk';
import type { Store } from '../store/store.ts';
import type { CaseSource } from './types.ts';

/** A made-up BSN (passes the 11-proef, used in test systems): the owner of the demo cases. */
export const DEMO_BSN = '999993653';

export function embeddedCaseSource(store: Store): CaseSource {
  return {
    name: 'embedded',
    get: (reference) => store.getCase(reference),
    listForBsn: (bsn, gemeente) => store.listCasesForBsn(bsn, gemeente),
  };
}

/** Puts the SDK's demo cases in the store, each owned by DEMO_BSN (in `gemeente`, default: the default one). */
export async function seedDemoCases(store: Store, gemeente?: string): Promise<void> {
  for (const c of demoCases) await store.upsertCase({ ...c, bsns: [DEMO_BSN], ...(gemeente ? { gemeente } : {}) });
}
