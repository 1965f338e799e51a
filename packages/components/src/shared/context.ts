import { createContext } from '@lit/context';
import type { DichtbijClient } from '@dichtbij/sdk/client';
import type { Locale } from '@dichtbij/sdk/schemas/common';

/** What `<dichtbij-config>` gives every Dichtbij element below it. */
export interface DichtbijContext {
  client?: DichtbijClient;
  locale?: Locale;
  theme?: string;
}

export const dichtbijContext = createContext<DichtbijContext | undefined>(Symbol.for('dichtbij-context'));
