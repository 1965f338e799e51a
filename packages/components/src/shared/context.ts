import { createContext } from '@lit/context';
import type { DichtbijClient, Locale } from '@dichtbij/sdk';

/** What `<dichtbij-config>` gives every Dichtbij element below it. */
export interface DichtbijContext {
  client?: DichtbijClient;
  locale?: Locale;
  theme?: string;
}

export const dichtbijContext = createContext<DichtbijContext | undefined>(Symbol.for('dichtbij-context'));
