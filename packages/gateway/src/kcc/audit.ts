/**
 * The console's audit log (AVG verwerkingsregister): who opened, called, changed or exported which
 * callback request or chat, and when. Written by the console's routes, shown to a teamleider at
 * /kcc/audit, erased after RETENTION_DAYS by the retention job. Holds no resident data: the
 * record's id and, for a list, the references shown.
 */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../runtime.ts';
import type { Store } from '../store/store.ts';
import { html, type SafeHtml } from './html.ts';
import type { KccEnv } from './routes.ts';
import { ROLE_LABELS, type StaffIdentity, type StaffRole } from './staff.ts';

export type AuditAction =
  | 'login'
  | 'logout'
  | 'queue_viewed'
  | 'callback_status'
  | 'callback_retry'
  | 'chat_opened'
  | 'chat_joined'
  | 'chat_replied'
  | 'chat_ended'
  | 'chat_handled'
  | 'exported'
  | 'survey_link'
  | 'survey_mailed';
export type AuditRecordType = 'callback' | 'chat' | 'console';

export const AUDIT_LABELS: Record<AuditAction, string> = {
  login: 'Ingelogd',
  logout: 'Uitgelogd',
  queue_viewed: 'Terugbellijst geopend',
  callback_status: 'Status terugbelverzoek gewijzigd',
  callback_retry: 'Terugbelverzoek opnieuw doorgezet',
  chat_opened: 'Chat geopend',
  chat_joined: 'Chat aangenomen',
  chat_replied: 'Antwoord in chat gestuurd',
  chat_ended: 'Chat beëindigd',
  chat_handled: 'Chat afgehandeld',
  exported: 'Gegevens geëxporteerd',
  survey_link: 'Link voor vragenlijst getoond',
  survey_mailed: 'Link voor vragenlijst gemaild',
};

export interface AuditEntry {
  actor: StaffIdentity;
  action: AuditAction;
  recordType: AuditRecordType;
  recordId?: string;
  /** Short text without resident data, e.g. the new status or the references in a list. */
  detail?: string;
}

export interface AuditRow {
  at: Date;
  actorSub: string | null;
  actorName: string;
  actorRole: StaffRole;
  action: AuditAction;
  recordType: AuditRecordType;
  recordId: string | null;
  /** The callback's reference, when the record is a callback request that still exists. */
  reference: string | null;
  detail: string | null;
}

export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    // Kept as long as the other personal data (RETENTION_DAYS), then deleted.
    store.addRetentionTask(
      async ({ db, cutoff }) => (await db.query('DELETE FROM audit_log WHERE at < $1 RETURNING id', [cutoff])).length,
    );
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.store.db.query(
      `INSERT INTO audit_log (at, actor_sub, actor_name, actor_role, action, record_type, record_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        this.clock.now(),
        entry.actor.sub ?? null,
        entry.actor.name.slice(0, 200),
        entry.actor.role,
        entry.action,
        entry.recordType,
        entry.recordId ?? null,
        entry.detail?.slice(0, 1000) ?? null,
      ],
    );
  }

  /** Newest first, at most `limit` rows, optionally only one record's. */
  async list(options: { limit?: number; recordId?: string } = {}): Promise<AuditRow[]> {
    const limit = Math.min(1000, Math.max(1, options.limit ?? 200));
    const rows = await this.store.db.query<{
      at: Date | string;
      actor_sub: string | null;
      actor_name: string;
      actor_role: StaffRole;
      action: AuditAction;
      record_type: AuditRecordType;
      record_id: string | null;
      reference: string | null;
      detail: string | null;
    }>(
      `SELECT a.at, a.actor_sub, a.actor_name, a.actor_role, a.action, a.record_type, a.record_id, a.detail,
              c.reference
         FROM audit_log a
         LEFT JOIN callback_requests c ON a.record_type = 'callback' AND c.id::text = a.record_id
        WHERE ($1::text IS NULL OR a.record_id = $1)
        ORDER BY a.at DESC, a.id DESC
        LIMIT ${limit}`,
      [options.recordId ?? null],
    );
    return rows.map((r) => ({
      at: new Date(r.at),
      actorSub: r.actor_sub,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      action: r.action,
      recordType: r.record_type,
      recordId: r.record_id,
      reference: r.reference,
      detail: r.detail,
    }));
  }
}

const when = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** The /kcc/audit page: a table, newest first. */
export function auditView(rows: AuditRow[], retentionDays: number): SafeHtml {
  const record = (r: AuditRow) =>
    r.recordType === 'console'
      ? '—'
      : `${r.recordType === 'callback' ? 'Terugbelverzoek' : 'Chat'} ${r.reference ?? r.recordId?.slice(0, 8) ?? ''}`;
  return html`<h1>Verwerkingsregister</h1>
    <p>
      Wie welk terugbelverzoek of welke chat heeft geopend, gebeld, gewijzigd of geëxporteerd, en wanneer. Regels worden
      na ${retentionDays} dagen verwijderd.
    </p>
    ${
      rows.length
        ? html`<table class="audit">
            <caption>
              De laatste ${rows.length} handelingen
            </caption>
            <thead>
              <tr>
                <th scope="col">Wanneer</th>
                <th scope="col">Wie</th>
                <th scope="col">Rol</th>
                <th scope="col">Handeling</th>
                <th scope="col">Gegevens</th>
                <th scope="col">Toelichting</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr>
                    <td><time datetime="${r.at.toISOString()}">${when.format(r.at)}</time></td>
                    <td>${r.actorName}</td>
                    <td>${ROLE_LABELS[r.actorRole] ?? r.actorRole}</td>
                    <td>${AUDIT_LABELS[r.action] ?? r.action}</td>
                    <td>${record(r)}</td>
                    <td>${r.detail ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="notice">Er zijn nog geen handelingen vastgelegd.</p>`
    }`;
}

const CHAT_PATH =
  /\/chat\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/(join|messages|end|handled))?$/i;
const CHAT_ACTIONS: Record<string, AuditAction> = {
  join: 'chat_joined',
  messages: 'chat_replied',
  end: 'chat_ended',
  handled: 'chat_handled',
};

/**
 * Middleware on /kcc/chat/*: records opening a chat (GET /kcc/chat/:id) and taking, answering,
 * ending and closing it (the POSTs), once the chat console has answered without an error.
 */
export function auditChat(audit: AuditLog): MiddlewareHandler<KccEnv> {
  return async (c, next) => {
    await next();
    const match = CHAT_PATH.exec(c.req.path);
    const staff = c.get('staff');
    if (!match || !staff || c.res.status >= 400) return;
    const [, id, sub] = match;
    const action = sub
      ? c.req.method === 'POST'
        ? CHAT_ACTIONS[sub]
        : undefined
      : c.req.method === 'GET'
        ? 'chat_opened'
        : undefined;
    if (!action) return;
    if (action === 'chat_joined' && (c.res.headers.get('location') ?? '').includes('done=taken')) return;
    await audit.record({ actor: staff.identity, action, recordType: 'chat', recordId: id!.toLowerCase() });
  };
}
