import type { CaseLookupOptions, ChatAdapter, DichtbijAdapter, RequestOptions } from './adapter.ts';
import { assertAdapter, parseInput } from './adapter.ts';
import type { OpeningHours } from './opening-hours.ts';
import { Outbox, type OutboxStore, type SubmitResult } from './outbox.ts';
import type {
  CallbackReceipt,
  CallbackRequestInput,
  CaseStatus,
  FeedbackInput,
  FeedbackReceipt,
  GemeenteConfig,
  Locale,
} from './schemas.ts';

export interface ClientOptions {
  adapter: DichtbijAdapter;
  locale?: Locale;
  /** Where queued submissions are kept (default: IndexedDB → localStorage → memory). */
  outboxStore?: OutboxStore;
  /** Outbox retry timing, in ms. */
  retry?: { baseDelay?: number; maxDelay?: number };
}

export interface DichtbijClient {
  readonly locale: Locale;
  readonly adapter: DichtbijAdapter;
  readonly outbox: Outbox;
  config: {
    /** The gemeente's configuration; fetched once and shared by every element of this client. */
    get(options?: RequestOptions): Promise<GemeenteConfig>;
  };
  openingHours: {
    /** The gemeente's opening hours (from the config). */
    get(options?: RequestOptions): Promise<OpeningHours>;
  };
  feedback: {
    /** Validates, sends with an idempotency key; queued when the network fails. */
    submit(input: FeedbackInput, options?: RequestOptions): Promise<SubmitResult<FeedbackReceipt>>;
  };
  callbacks: {
    request(input: CallbackRequestInput, options?: RequestOptions): Promise<SubmitResult<CallbackReceipt>>;
  };
  cases: {
    get(reference: string, options?: CaseLookupOptions): Promise<CaseStatus>;
    list(options?: RequestOptions): Promise<CaseStatus[]>;
  };
  chat: ChatAdapter;
  dispose(): void;
}

const LOCALES: readonly Locale[] = ['nl', 'en'];

/** One client per page (or per `<dichtbij-config>`): elements talk to the backend only through it. */
export function createClient(options: ClientOptions): DichtbijClient {
  if (!options || typeof options !== 'object')
    throw new TypeError('createClient: options are required ({ adapter, locale })');
  const { adapter } = options;
  assertAdapter(adapter);
  const locale = options.locale ?? 'nl';
  if (!LOCALES.includes(locale))
    throw new TypeError(`createClient: unknown locale "${String(locale)}"; use "nl" or "en"`);
  const outbox = new Outbox({
    adapter,
    ...(options.outboxStore ? { store: options.outboxStore } : {}),
    ...options.retry,
  });

  let config: Promise<GemeenteConfig> | undefined;
  const getConfig = (o?: RequestOptions) => {
    config ??= adapter.getConfig(o).catch((error: unknown) => {
      config = undefined; // try again next time
      throw error;
    });
    return config;
  };

  return {
    locale,
    adapter,
    outbox,
    config: { get: getConfig },
    openingHours: {
      // Loaded when asked for: a page with only a feedback widget does not carry the calendar.
      get: async (o) => {
        const [{ openingHours }, config] = await Promise.all([import('./opening-hours.ts'), getConfig(o)]);
        return openingHours(config.openingHours);
      },
    },
    feedback: {
      // The schemas load with the first submission, not with the page (zod is ~5 kB gzip).
      submit: async (input, o) => {
        const { FeedbackInputSchema } = await import('./schemas/feedback.ts');
        return outbox.submit('feedback', parseInput(FeedbackInputSchema, input, 'feedback'), o?.signal);
      },
    },
    callbacks: {
      request: async (input, o) => {
        const { CallbackRequestInputSchema } = await import('./schemas/callback.ts');
        return outbox.submit('callback', parseInput(CallbackRequestInputSchema, input, 'callback request'), o?.signal);
      },
    },
    cases: {
      get: (reference, o) => adapter.getCase(reference, o),
      list: (o) => adapter.listCases(o),
    },
    chat: adapter.chat,
    dispose: () => outbox.dispose(),
  };
}
