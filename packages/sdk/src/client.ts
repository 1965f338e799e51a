import type { CaseLookupOptions, ChatAdapter, DichtbijAdapter, RequestOptions } from './adapter.ts';
import { assertAdapter, parseInput } from './adapter.ts';
import { codeLoader } from './code.ts';
import { DichtbijError, isDichtbijError } from './errors.ts';
import type { OpeningHours } from './opening-hours.ts';
import { Outbox, type OutboxItem, type OutboxStore, type SubmitResult } from './outbox.ts';
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
  /** Outbox retry policy (see `OutboxPolicy`; times in ms). */
  retry?: { baseDelay?: number; maxDelay?: number; maxSameFailures?: number; maxAge?: number };
}

/** How a resident reaches the gemeente when sending does not work (from its configuration). */
export interface ContactFallback {
  phone: string;
  /** "Nu open tot 17:00", "Morgen vanaf 8:30" (en: "Open now until 17:00", …), when known. */
  hours?: string;
}

export interface DichtbijClient {
  readonly locale: Locale;
  readonly adapter: DichtbijAdapter;
  readonly outbox: Outbox;
  /**
   * Loads what a submission needs (the schemas, the adapter's code), so that a resident who loses
   * the connection before sending can still send: elements call it on the first sign of use.
   * Never rejects; does nothing while offline (the code loads when the connection is back).
   */
  prepare(): Promise<void>;
  /** The gemeente's phone number and today's opening hours as text, for "call us instead". */
  contact(options?: { locale?: Locale; at?: Date }): Promise<ContactFallback>;
  config: {
    /** The gemeente's configuration; fetched once and shared by every element of this client. */
    get(options?: RequestOptions): Promise<GemeenteConfig>;
  };
  openingHours: {
    /** The gemeente's opening hours (from the config). */
    get(options?: RequestOptions): Promise<OpeningHours>;
  };
  feedback: {
    /**
     * Validates, sends with an idempotency key; queued when the network or the server fails. When
     * the schema cannot be loaded (offline before the first send) it is queued as it is and
     * validated before it is sent.
     */
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
  // The schemas load with the first submission or `prepare()`, not with the page (zod is ~5 kB gzip).
  const feedbackSchema = codeLoader(() => import('./schemas/feedback.ts'), 'feedback schema');
  const callbackSchema = codeLoader(() => import('./schemas/callback.ts'), 'callback schema');
  const validate = async (kind: OutboxItem['kind'], payload: unknown): Promise<unknown> => {
    if (kind === 'feedback') return parseInput((await feedbackSchema()).FeedbackInputSchema, payload, 'feedback');
    if (kind === 'callback') {
      return parseInput((await callbackSchema()).CallbackRequestInputSchema, payload, 'callback request');
    }
    throw new DichtbijError('validation', `Unknown outbox kind ${String(kind)}`);
  };
  const outbox = new Outbox({
    adapter,
    ...(options.outboxStore ? { store: options.outboxStore } : {}),
    ...options.retry,
    validate,
  });
  /** Validates and sends; the code not loadable (offline): kept raw in the outbox. */
  const submit = async <K extends OutboxItem['kind']>(kind: K, input: unknown, signal?: AbortSignal) => {
    let payload: unknown;
    try {
      payload = await validate(kind, input);
    } catch (error) {
      if (isDichtbijError(error) && error.code === 'network') return outbox.enqueueRaw(kind, input);
      throw error;
    }
    return kind === 'feedback'
      ? outbox.submit('feedback', payload as FeedbackInput, signal)
      : outbox.submit('callback', payload as CallbackRequestInput, signal);
  };
  const hoursCode = codeLoader(() => import('./opening-hours.ts'), 'opening hours');

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
    prepare: async () => {
      await Promise.all([feedbackSchema(), callbackSchema(), adapter.prepare?.()]).catch(() => undefined);
    },
    contact: async (o = {}) => {
      const config = await getConfig();
      try {
        const { openingHours } = await hoursCode();
        return {
          phone: config.phone,
          hours: openingHours(config.openingHours).describe(o.at ?? new Date(), o.locale ?? locale),
        };
      } catch {
        return { phone: config.phone };
      }
    },
    config: { get: getConfig },
    openingHours: {
      // Loaded when asked for: a page with only a feedback widget does not carry the calendar.
      get: async (o) => {
        const [{ openingHours }, config] = await Promise.all([import('./opening-hours.ts'), getConfig(o)]);
        return openingHours(config.openingHours);
      },
    },
    feedback: {
      submit: (input, o) => submit('feedback', input, o?.signal) as Promise<SubmitResult<FeedbackReceipt>>,
    },
    callbacks: {
      request: (input, o) => submit('callback', input, o?.signal) as Promise<SubmitResult<CallbackReceipt>>,
    },
    cases: {
      get: (reference, o) => adapter.getCase(reference, o),
      list: (o) => adapter.listCases(o),
    },
    chat: adapter.chat,
    dispose: () => outbox.dispose(),
  };
}
