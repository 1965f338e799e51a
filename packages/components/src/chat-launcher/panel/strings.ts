import type { StringTable } from '../../shared/i18n.ts';

/** Why something did not go through, as the resident is told. */
export type ChatFault = 'network' | 'server' | 'bad_response' | 'other';

// Copy of <dichtbij-chat-panel> (the part of the chat launcher that loads on demand).
// B1 Dutch ("u") is the source; English is complete. The launcher button's own copy is in
// ../strings.ts so the facade stays small.

export interface ChatPanelStrings {
  title: (gemeente: string | undefined) => string;
  close: string;
  logLabel: string;
  inputLabel: string;
  inputHint: string;
  send: string;
  empty: string;
  tooLong: (max: number) => string;
  quickReplies: string;
  /** The quick reply / button text that asks for a person (the gateway's bot offers the same text). */
  talkToAgent: string;
  save: string;
  end: string;
  newChat: string;
  more: string;
  moreInfo: string;
  you: string;
  bot: string;
  agent: (name: string | undefined) => string;
  system: string;
  typing: string;
  sending: string;
  /** A message that waits, by cause. */
  notSent: Record<'network' | 'server', string>;
  /** The server kept failing: the message is back in the box. */
  gaveUp: string;
  /** The gemeente refused the message: it is back in the box. */
  refused: string;
  retryNow: string;
  reconnecting: string;
  starting: string;
  startFailed: Record<ChatFault, string>;
  tryAgain: string;
  notConfigured: string;
  stale: string;
  /** The resident ended the chat. */
  ended: string;
  /** A staff member ended the chat (said instead of `ended`, never both). */
  endedByAgent: string;
  /** After `ended` or `endedByAgent`: what the resident can do now. */
  endedNext: string;
  /** The short survey after a chat (issue 12). */
  scoreLegend: string;
  scoreHint: string;
  scoreSend: string;
  scoreMissing: string;
  scoreFailed: string;
  scoreThanks: string;
  queued: (position: number | null | undefined) => string;
  live: (name: string | undefined) => string;
  noAgentsNow: (back: string | undefined) => string;
  nobodyFree: string;
  offerCallback: string;
  leaveMessage: string;
  keepWaiting: string;
  leaveMessageHint: string;
  leftMessage: string;
  /** `hours`: "Nu open tot 17:00", when known. */
  callUs: (phone: string, hours?: string) => string;
  /** The callback form took the hand-off and its "Uw vraag" has the chat's question. */
  handedOff: string;
  /** The callback form took the hand-off; the resident typed no question in the chat. */
  handedOffNoQuestion: string;
  handedOffNoForm: (phone: string | undefined) => string;
  rateLimited: (seconds: number | undefined) => string;
  failed: string;
  transcriptFile: (date: string) => string;
}

export const strings: StringTable<ChatPanelStrings> = {
  nl: {
    title: (g) => (g ? `Chat met ${g}` : 'Chat met de gemeente'),
    close: 'Chat sluiten',
    logLabel: 'Gesprek',
    inputLabel: 'Uw bericht',
    inputHint: 'Druk op Enter om te versturen. Shift + Enter geeft een nieuwe regel.',
    send: 'Versturen',
    empty: 'Typ eerst uw vraag.',
    tooLong: (max) => `Uw bericht is te lang. Gebruik maximaal ${max} tekens.`,
    quickReplies: 'Kies een antwoord',
    talkToAgent: 'Praat met een medewerker',
    save: 'Gesprek opslaan',
    end: 'Gesprek beëindigen',
    newChat: 'Nieuw gesprek beginnen',
    more: 'Meer mogelijkheden',
    moreInfo: 'Meer informatie:',
    you: 'U',
    bot: 'Chatbot',
    agent: (name) => (name ? `${name} (medewerker)` : 'Medewerker'),
    system: 'Mededeling',
    typing: 'De chatbot typt…',
    sending: 'Wordt verstuurd…',
    notSent: {
      network: 'Nog niet verstuurd: er is geen internetverbinding. We versturen het zodra u weer online bent.',
      server: 'Nog niet verstuurd: de server van de gemeente reageert niet. We proberen het opnieuw.',
    },
    gaveUp:
      'Uw bericht is niet verstuurd: de server van de gemeente reageert niet. We proberen het niet meer. Uw tekst staat weer in het invoerveld.',
    refused: 'De gemeente heeft uw bericht niet aangenomen. Uw tekst staat weer in het invoerveld.',
    retryNow: 'Nu opnieuw versturen',
    reconnecting: 'Verbinding herstellen…',
    starting: 'De chat wordt gestart…',
    startFailed: {
      network:
        'De chat kan nu niet starten, want er is geen internetverbinding. Probeer het opnieuw als u weer online bent.',
      server: 'De chat kan nu niet starten, want de server van de gemeente reageert niet. Probeer het later opnieuw.',
      bad_response:
        'De chat kan nu niet starten. We begrijpen het antwoord van de server van de gemeente niet. Probeer het later opnieuw.',
      other: 'De chat kan nu niet starten. Probeer het later opnieuw.',
    },
    tryAgain: 'Opnieuw proberen',
    notConfigured: 'De chat is niet goed ingesteld op deze pagina.',
    stale: 'Uw vorige gesprek is niet meer beschikbaar. We zijn een nieuw gesprek begonnen.',
    ended: 'Het gesprek is beëindigd.',
    endedByAgent: 'De medewerker heeft het gesprek beëindigd.',
    endedNext: 'U kunt het gesprek opslaan of een nieuw gesprek beginnen.',
    scoreLegend: 'Welk cijfer geeft u dit gesprek?',
    scoreHint: '1 is heel slecht, 10 is heel goed. Dit is niet verplicht.',
    scoreSend: 'Verstuur cijfer',
    scoreMissing: 'Kies eerst een cijfer van 1 tot 10.',
    scoreFailed: 'Uw cijfer is niet verstuurd. Probeer het opnieuw.',
    scoreThanks: 'Dank u wel voor uw cijfer.',
    queued: (p) =>
      p
        ? `U bent nummer ${p} in de wachtrij. Een medewerker komt zo bij u.`
        : 'U staat in de wachtrij voor een medewerker.',
    live: (name) => `U chat met ${name ?? 'een medewerker'}.`,
    noAgentsNow: (back) => `Er zijn nu geen medewerkers online.${back ? ` Ze zijn er weer ${back}.` : ''}`,
    nobodyFree: 'Er is nog geen medewerker vrij.',
    offerCallback: 'Bel mij terug',
    leaveMessage: 'Bericht achterlaten',
    keepWaiting: 'Blijven wachten',
    leaveMessageHint:
      'Schrijf uw vraag en hoe we u kunnen bereiken (telefoon of e-mail). Een medewerker neemt contact met u op, meestal de volgende werkdag.',
    leftMessage: 'Uw bericht staat klaar voor een medewerker.',
    callUs: (phone, hours) => `U kunt ook bellen: ${phone}.${hours ? ` ${hours}.` : ''}`,
    handedOff: 'Vul uw telefoonnummer in bij "Bel mij terug". Uw vraag uit de chat staat er al in.',
    handedOffNoQuestion: 'Vul uw telefoonnummer in bij "Bel mij terug".',
    handedOffNoForm: (phone) =>
      phone
        ? `Bel ons op ${phone}. Vertel dat u al met de chatbot heeft gepraat.`
        : 'Bel de gemeente. Vertel dat u al met de chatbot heeft gepraat.',
    rateLimited: (s) =>
      `U stuurt veel berichten kort na elkaar. Wacht ${s && s > 1 ? `${Math.ceil(s)} seconden` : 'even'} en probeer het dan opnieuw.`,
    failed: 'Dat lukte niet. Probeer het opnieuw.',
    transcriptFile: (date) => `chat-gemeente-${date}.txt`,
  },
  en: {
    title: (g) => (g ? `Chat with ${g}` : 'Chat with the municipality'),
    close: 'Close chat',
    logLabel: 'Conversation',
    inputLabel: 'Your message',
    inputHint: 'Press Enter to send. Shift + Enter starts a new line.',
    send: 'Send',
    empty: 'Please type your question first.',
    tooLong: (max) => `Your message is too long. Use at most ${max} characters.`,
    quickReplies: 'Choose an answer',
    talkToAgent: 'Talk to a staff member',
    save: 'Save conversation',
    end: 'End conversation',
    newChat: 'Start a new conversation',
    more: 'More options',
    moreInfo: 'More information:',
    you: 'You',
    bot: 'Chatbot',
    agent: (name) => (name ? `${name} (staff member)` : 'Staff member'),
    system: 'Notice',
    typing: 'The chatbot is typing…',
    sending: 'Sending…',
    notSent: {
      network: 'Not sent yet: there is no internet connection. We will send it as soon as you are back online.',
      server: "Not sent yet: the municipality's server is not responding. We will try again.",
    },
    gaveUp:
      "Your message was not sent: the municipality's server is not responding. We will not try again. Your text is back in the message box.",
    refused: 'The municipality did not accept your message. Your text is back in the message box.',
    retryNow: 'Send again now',
    reconnecting: 'Reconnecting…',
    starting: 'Starting the chat…',
    startFailed: {
      network:
        'The chat cannot start because there is no internet connection. Please try again when you are back online.',
      server: "The chat cannot start because the municipality's server is not responding. Please try again later.",
      bad_response:
        "The chat cannot start. We do not understand the answer from the municipality's server. Please try again later.",
      other: 'The chat cannot start right now. Please try again later.',
    },
    tryAgain: 'Try again',
    notConfigured: 'The chat is not set up correctly on this page.',
    stale: 'Your previous conversation is no longer available. We have started a new one.',
    ended: 'The conversation has ended.',
    endedByAgent: 'The staff member has ended the conversation.',
    endedNext: 'You can save the conversation or start a new one.',
    scoreLegend: 'What score would you give this conversation?',
    scoreHint: '1 is very bad, 10 is very good. This is optional.',
    scoreSend: 'Send score',
    scoreMissing: 'Please choose a score from 1 to 10 first.',
    scoreFailed: 'Your score was not sent. Please try again.',
    scoreThanks: 'Thank you for your score.',
    queued: (p) =>
      p
        ? `You are number ${p} in the queue. A staff member will be with you soon.`
        : 'You are in the queue for a staff member.',
    live: (name) => `You are chatting with ${name ?? 'a staff member'}.`,
    noAgentsNow: (back) => `No staff members are online right now.${back ? ` They are back ${back}.` : ''}`,
    nobodyFree: 'No staff member is free yet.',
    offerCallback: 'Call me back',
    leaveMessage: 'Leave a message',
    keepWaiting: 'Keep waiting',
    leaveMessageHint:
      'Write your question and how we can reach you (phone or e-mail). A staff member will contact you, usually on the next working day.',
    leftMessage: 'Your message is ready for a staff member.',
    callUs: (phone, hours) => `You can also call: ${phone}.${hours ? ` ${hours}.` : ''}`,
    handedOff: 'Enter your phone number under "Call me back". Your question from the chat is already filled in.',
    handedOffNoQuestion: 'Enter your phone number under "Call me back".',
    handedOffNoForm: (phone) =>
      phone
        ? `Call us on ${phone}. Say that you already talked to the chatbot.`
        : 'Call the municipality. Say that you already talked to the chatbot.',
    rateLimited: (s) =>
      `You are sending many messages in a short time. Wait ${s && s > 1 ? `${Math.ceil(s)} seconds` : 'a moment'} and try again.`,
    failed: 'That did not work. Please try again.',
    transcriptFile: (date) => `chat-municipality-${date}.txt`,
  },
};
