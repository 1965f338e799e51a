// Human texts (B1 Dutch first, English) for opening hours.
import { DAY } from './calendar.ts';

export const TEXT = {
  nl: {
    days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
    months: [
      'januari',
      'februari',
      'maart',
      'april',
      'mei',
      'juni',
      'juli',
      'augustus',
      'september',
      'oktober',
      'november',
      'december',
    ],
    openNow: 'Nu open',
    until: 'tot',
    from: 'vanaf',
    today: 'vandaag',
    tomorrow: 'morgen',
    closed: 'Gesloten',
  },
  en: {
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    openNow: 'Open now',
    until: 'until',
    from: 'from',
    today: 'today',
    tomorrow: 'tomorrow',
    closed: 'Closed',
  },
};

export const textFor = (locale: string | undefined) => (locale === 'en' ? TEXT.en : TEXT.nl);

/** '8:30', '17:00', '24:00': no leading zero on the hour, as in running text. */
export const clockTime = (min: number): string => `${Math.floor(min / 60)}:${String(min % 60).padStart(2, '0')}`;

/** 'dinsdag 26 mei' / 'Tuesday 26 May' for a day number. */
export function dayText(day: number, locale?: 'nl' | 'en'): string {
  const t = textFor(locale);
  const d = new Date(day * DAY);
  return `${t.days[d.getUTCDay()]} ${d.getUTCDate()} ${t.months[d.getUTCMonth()]}`;
}
