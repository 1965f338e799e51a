/**
 * Whether a person can take over a chat now, and the launcher's text for it. Kept apart from
 * ./chat.ts because it needs the opening-hours engine: the chat panel loads it once the
 * gemeente's configuration has arrived.
 */
import { amsterdamClock } from './callback.ts';
import { amsterdamDate, humanDate, openingHours } from './opening-hours.ts';
import type { GemeenteConfig, Locale } from './schemas.ts';
import type { ChatAvailabilityReport } from './schemas/chat-availability.ts';

export { ChatAvailabilityReportSchema, type ChatAvailabilityReport } from './schemas/chat-availability.ts';

export interface ChatAvailability {
  /** Chat is on for this gemeente. */
  enabled: boolean;
  /** Live chat hours now and at least one staff member present: "Praat met een medewerker" queues. */
  live: boolean;
  /** Within live chat hours (whether or not someone is present). */
  withinHours: boolean;
  agentsOnline: number;
  /** When live chat hours start again (ISO), when closed now. */
  nextLive?: string;
  /** The same as words: "morgen vanaf 8:30", "maandag 1 juni vanaf 8:30" (en: "tomorrow from 8:30"). */
  back?: string;
  /** For the launcher's name after "Chat met de gemeente — ": "medewerkers nu online", … */
  text: string;
}

/**
 * Whether a person can take over now, and the text for the launcher: "medewerkers nu online",
 * "chatbot, medewerkers weer morgen vanaf 8:30", "chatbot, nu geen medewerkers online".
 * Live hours are `chat.liveHours`, else the opening hours.
 */
export function chatAvailability(
  config: Pick<GemeenteConfig, 'openingHours' | 'chat'>,
  at: Date,
  locale: Locale = 'nl',
  agentsOnline: number = config.chat.agentsOnline ?? 0,
): ChatAvailability {
  const en = locale === 'en';
  const agents = Math.max(0, Math.floor(agentsOnline));
  if (!config.chat.enabled) {
    return {
      enabled: false,
      live: false,
      withinHours: false,
      agentsOnline: agents,
      text: en ? 'not available' : 'niet beschikbaar',
    };
  }
  const hours = openingHours(config.chat.liveHours ?? config.openingHours);
  const withinHours = hours.isOpen(at);
  if (withinHours && agents > 0) {
    return {
      enabled: true,
      live: true,
      withinHours,
      agentsOnline: agents,
      text: en ? 'staff online now' : 'medewerkers nu online',
    };
  }
  if (withinHours) {
    return {
      enabled: true,
      live: false,
      withinHours,
      agentsOnline: agents,
      text: en ? 'chatbot, no staff online right now' : 'chatbot, nu geen medewerkers online',
    };
  }
  let next: Date | undefined;
  try {
    next = hours.nextOpening(at);
  } catch {
    next = undefined;
  }
  return closedUntil(next, at, locale, agents);
}

/** Outside live hours: back `next` (or not known), worded from `at` ("vandaag", "morgen", a date). */
function closedUntil(next: Date | undefined, at: Date, locale: Locale, agents: number): ChatAvailability {
  const en = locale === 'en';
  if (!next) return { enabled: true, live: false, withinHours: false, agentsOnline: agents, text: 'chatbot' };
  const today = amsterdamDate(at);
  const day = amsterdamDate(next);
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const dayWord =
    day === today
      ? en
        ? 'today'
        : 'vandaag'
      : day === tomorrow
        ? en
          ? 'tomorrow'
          : 'morgen'
        : humanDate(day, locale);
  const time = amsterdamClock(next).replace(/^0/, '');
  const back = en ? `${dayWord} from ${time}` : `${dayWord} vanaf ${time}`;
  return {
    enabled: true,
    live: false,
    withinHours: false,
    agentsOnline: agents,
    nextLive: next.toISOString(),
    back,
    text: en ? `chatbot, staff back ${back}` : `chatbot, medewerkers weer ${back}`,
  };
}

/**
 * The availability the backend reported (`GET /v1/chat/availability`: its clock, the staff
 * present now), worded like `chatAvailability`; `at` only says whether `nextLive` is "vandaag"
 * or "morgen". This, not the device clock, is what the chat panel follows while it is open.
 */
export function availabilityFromReport(
  report: ChatAvailabilityReport,
  at: Date,
  locale: Locale = 'nl',
): ChatAvailability {
  const en = locale === 'en';
  const agents = Math.max(0, Math.floor(report.agentsOnline));
  if (!report.enabled) {
    return {
      enabled: false,
      live: false,
      withinHours: false,
      agentsOnline: agents,
      text: en ? 'not available' : 'niet beschikbaar',
    };
  }
  if (report.live) {
    return {
      enabled: true,
      live: true,
      withinHours: true,
      agentsOnline: agents,
      text: en ? 'staff online now' : 'medewerkers nu online',
    };
  }
  if (!report.nextLive) {
    return {
      enabled: true,
      live: false,
      withinHours: true,
      agentsOnline: agents,
      text: en ? 'chatbot, no staff online right now' : 'chatbot, nu geen medewerkers online',
    };
  }
  return closedUntil(new Date(report.nextLive), at, locale, agents);
}

/**
 * Milliseconds until the availability should be asked again: every `pollMs` (staff come and
 * go), and just after live hours start when that is sooner.
 */
export function nextAvailabilityCheck(availability: ChatAvailability | undefined, at: Date, pollMs = 60_000): number {
  const poll = Math.max(1000, pollMs);
  if (!availability?.nextLive) return poll;
  const until = Date.parse(availability.nextLive) - at.getTime() + 1000;
  return Math.max(1000, Math.min(poll, until));
}
