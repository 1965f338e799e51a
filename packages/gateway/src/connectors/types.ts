/**
 * The two seams between the gateway and a gemeente's back office. The embedded store
 * implements both for the demo; the Common Ground connectors (Zaken/Catalogi API,
 * Klantinteracties API) implement them for production. Wired from env in ./index.ts.
 */
import type { CaseStatus, ExpectedCallback, HandoffContext, Locale, PreferredMoment } from '@dichtbij/sdk';

/** One case as a source knows it: the non-personal summary plus what is needed to check access. */
export interface CaseRecord {
  status: CaseStatus;
  /**
   * The second factor a resident has from the letter (e.g. the postcode "4191 AB"). Compared
   * after normalising (upper case, no spaces/dashes). A case without one cannot be looked
   * up anonymously.
   */
  check?: string;
  /** BSNs of the residents this case belongs to (the rol "initiator"/"belanghebbende"). Never sent to a browser. */
  bsns?: string[];
  /** The gemeente the case belongs to (several in one gateway); absent: any gemeente of the gateway. */
  gemeente?: string;
}

/** Where case status comes from. */
export interface CaseSource {
  readonly name: string;
  /**
   * The case with this reference, or undefined when there is none (or it is not shown to residents).
   * `gemeente`: the gemeente of the request (a source for one gemeente may ignore it).
   */
  get(reference: string, gemeente?: string): Promise<CaseRecord | undefined>;
  /**
   * The cases of one resident ("mijn zaken"), newest first.
   * `gemeente`: the gemeente of the request (a source for one gemeente may ignore it).
   */
  listForBsn(bsn: string, gemeente?: string): Promise<CaseStatus[]>;
}

/** A callback request as the gateway stored it, handed to a sink (e.g. Klantinteracties). */
export interface CallbackRecord {
  /** The gateway's id (a UUID). Stable across retries: a sink can use it to avoid filing twice. */
  id: string;
  /** The short reference the resident got, e.g. "TB-7K3QX". */
  reference: string;
  /** ISO 8601 instant. */
  receivedAt: string;
  /** E.164, checked to be a callable number. */
  phone: string;
  name?: string;
  /** What the resident picked or typed (a topic id from the config or free text). */
  topic?: string;
  /** The label of that topic when it is one of the configured topics. */
  topicLabel?: string;
  question?: string;
  preferred: PreferredMoment;
  /** The callback window the resident was promised. */
  expected: ExpectedCallback;
  /** Hand-off context (page, case, chat summary) so the KCC does not start over. */
  context?: HandoffContext;
  locale: Locale;
  /** The gemeente the request was made to (its id in the gateway's configuration). */
  gemeente?: string;
}

/**
 * Where callback requests are filed besides the local store. `file` resolves with the id the
 * other system gave (e.g. the interne taak's uuid) or rejects. A rejection, a timeout or an
 * answer without a non-empty `externalId` marks the request `sync_failed`; the gateway retries
 * with backoff, and the KCC console shows the state. `file` may be called more than once for
 * the same `id` (after a timeout, or by two gateway instances in a race): make it idempotent
 * where the other system allows.
 */
export interface CallbackSink {
  readonly name: string;
  file(request: CallbackRecord): Promise<{ externalId: string }>;
}

/** What the connectors get from the environment (process.env or a test's object). */
export type ConnectorEnv = Record<string, string | undefined>;
