/**
 * An ended chat as a klantcontact (VNG Klantinteracties API, kanaal "chat"): a short report,
 * not the transcript. The connector that files it (packages/gateway/src/connectors/
 * klantinteracties.ts) implements ChatContactSink; the gateway hands it to the chat as
 * `deps.chat.contactSink` when the Klantinteracties connector is configured.
 */
import type { ChatMessage } from '@dichtbij/sdk';
import { amsterdamClock, amsterdamDate, humanDate } from '@dichtbij/sdk';
import { chatSummary } from '@dichtbij/sdk/chat-text';
import type { Logger } from '../runtime.ts';
import { errorFields } from '../runtime.ts';
import type { ChatStore, SessionRow } from './store.ts';

/** The fields of a klantcontact (Klantinteracties 0.9 / Open Klant 2) the chat fills in. */
export interface ChatContactRecord {
  /** The chat's id: stable across retries, so a sink can avoid filing twice. */
  id: string;
  kanaal: 'chat';
  /** ≤ 200 characters. */
  onderwerp: string;
  /** ≤ 1000 characters: the short report. */
  inhoud: string;
  /** ISO 639-2/B. */
  taal: 'nld' | 'eng';
  /** When the chat began (ISO 8601). */
  plaatsgevondenOp: string;
  /** A staff member took part. */
  indicatieContactGelukt: boolean;
  vertrouwelijk: boolean;
  agentName?: string;
  page?: { url: string; title?: string };
}

export interface ChatContactSink {
  readonly name: string;
  /** Files the klantcontact; resolves with the id the other system gave, or rejects. */
  recordChat(record: ChatContactRecord): Promise<{ externalId: string }>;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** The klantcontact for an ended chat. BSNs are removed from everything the resident typed. */
export function chatContactRecord(session: SessionRow, messages: readonly ChatMessage[]): ChatContactRecord {
  const start = session.createdAt;
  const end = session.endedAt ?? session.updatedAt;
  const who = session.agentName
    ? `de chatbot en ${session.agentName} (medewerker)`
    : session.requestedAt
      ? 'de chatbot; de inwoner vroeg om een medewerker, maar niemand nam het gesprek aan'
      : 'alleen de chatbot';
  const by = { resident: 'de inwoner', agent: 'de medewerker', system: 'het systeem (geen reactie meer)' }[
    session.endedBy ?? 'system'
  ];
  // The hand-off that started the chat (e.g. from feedback) comes first in the summary.
  const summary = chatSummary(messages, 'nl', 600, session.handoff ?? undefined);
  const lines = [
    `Chat via de website${session.pageUrl ? ` (pagina ${session.pageUrl})` : ''} op ${humanDate(amsterdamDate(start), 'nl')}, ${amsterdamClock(start)}–${amsterdamClock(end)}.`,
    `Gesproken met ${who}.`,
    summary,
    `Beëindigd door ${by}.`,
  ];
  const first = messages.find((m) => m.from === 'resident');
  const onderwerp = session.handoff?.topic
    ? clip(session.handoff.topic, 200)
    : first
      ? clip(chatSummary([first], 'nl', 400).replace(/^Vragen in de chat: "|"\.$/g, ''), 200)
      : 'Chat via de website';
  return {
    id: session.id,
    kanaal: 'chat',
    onderwerp,
    inhoud: clip(lines.join('\n'), 1000),
    taal: session.locale === 'en' ? 'eng' : 'nld',
    plaatsgevondenOp: start.toISOString(),
    indicatieContactGelukt: !!session.agentName,
    vertrouwelijk: false,
    ...(session.agentName ? { agentName: session.agentName } : {}),
    ...(session.pageUrl
      ? { page: { url: session.pageUrl, ...(session.pageTitle ? { title: session.pageTitle } : {}) } }
      : {}),
  };
}

/** Files the klantcontact, retrying a few times; the outcome is kept on the session (console). */
export async function recordChatContact(
  chats: ChatStore,
  sink: ChatContactSink,
  session: SessionRow,
  logger: Logger,
  options: { attempts?: number; delayMs?: number } = {},
): Promise<boolean> {
  const record = chatContactRecord(session, await chats.transcript(session.id));
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const { externalId } = await sink.recordChat(record);
      if (typeof externalId !== 'string' || !externalId) throw new Error('The sink answered without an id');
      await chats.setSync(session.id, 'synced', externalId);
      logger.info('chat.klantcontact_recorded', { sink: sink.name });
      return true;
    } catch (error) {
      logger.warn('chat.klantcontact_attempt_failed', { sink: sink.name, attempt, ...errorFields(error) });
      if (attempt < attempts) await new Promise((r) => setTimeout(r, (options.delayMs ?? 2_000) * attempt));
    }
  }
  await chats.setSync(session.id, 'sync_failed');
  return false;
}
