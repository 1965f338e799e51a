import type { CaseLookupOptions, ChatAdapter, DichtbijAdapter, RequestOptions } from './adapter.ts';
import { assertAdapter, parseInput } from './adapter.ts';
import { openingHours, type OpeningHours } from './opening-hours.ts';
import { Outbox, type OutboxStore, type SubmitResult } from './outbox.ts';
import {
  CallbackRequestInputSchema,
  FeedbackInputSchema,
  LocaleSchema,
  type CallbackReceipt,
  type CallbackRequestInput,
  type CaseStatus,
  type FeedbackInput,
  type FeedbackReceipt,
  type GemeenteConfig,
  type Locale,
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

/** One client per page (or per `<dichtbij-config>`): elements talk to the backend only through it. */
export function createClient(options: ClientOptions): DichtbijClient {
  if (!options || typeof options !== 'object')
    throw new TypeError('createClient: options are required ({ adapter, locale })');
  const { adapter } = options;
  assertAdapter(adapter);
  const localeResult = LocaleSchema.safeParse(options.locale ?? 'nl');
  if (!localeResult.success)
    throw new TypeError(`createClient: unknown locale "${String(options.locale)}"; use "nl" or "en"`);
  const locale = localeResult.data;
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
    openingHours: { get: async (o) => openingHours((await getConfig(o)).openingHours) },
    feedback: {
      submit: async (input, o) =>
        outbox.submit('feedback', parseInput(FeedbackInputSchema, input, 'feedback'), o?.signal),
    },
    callbacks: {
      request: async (input, o) =>
        outbox.submit('callback', parseInput(CallbackRequestInputSchema, input, 'callback request'), o?.signal),
    },
    cases: {
      get: (reference, o) => adapter.getCase(reference, o),
      list: (o) => adapter.listCases(o),
    },
    chat: adapter.chat,
    dispose: () => outbox.dispose(),
  };
}
