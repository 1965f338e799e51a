// KCC live-chat console: live updates over server-sent events. The pages work without this
// script (forms post and redirect); with it, the queue refreshes itself and a chat shows new
// messages as they come and sends replies without reloading. Text is always set as text.
(() => {
  'use strict';

  const overview = document.getElementById('chat-console');
  if (overview) {
    const listsUrl = overview.dataset.lists;
    const announce = document.getElementById('announce');
    let waiting = Number(document.getElementById('lists')?.dataset.queue ?? 0);
    let busy = false;
    let again = false;
    const refresh = async () => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        const response = await fetch(listsUrl, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
        if (response.ok) {
          const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
          const fresh = doc.getElementById('lists');
          const current = document.getElementById('lists');
          if (fresh && current && !current.contains(document.activeElement)) {
            current.replaceWith(document.adoptNode(fresh));
            const now = Number(fresh.dataset.queue ?? 0);
            if (now > waiting && announce) announce.textContent = `Er wachten nu ${now} inwoners in de wachtrij.`;
            waiting = now;
          }
        }
      } finally {
        busy = false;
        if (again) {
          again = false;
          void refresh();
        }
      }
    };
    const events = new EventSource(overview.dataset.events);
    events.addEventListener('changed', () => void refresh());
  }

  const view = document.getElementById('chat-view');
  if (view) {
    const list = document.getElementById('transcript');
    const state = document.getElementById('chat-state');
    const form = document.getElementById('reply');
    const error = document.getElementById('reply-error');
    const seen = new Set([...list.querySelectorAll('[data-seq]')].map((li) => Number(li.dataset.seq)));
    const who = { resident: 'Inwoner', bot: 'Chatbot', agent: 'Medewerker', system: 'Melding' };
    const states = { bot: 'Met de chatbot', queued: 'Wacht op een medewerker', live: 'In gesprek', ended: 'Beëindigd' };
    const time = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
    const el = (tag, className, text) => {
      const node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const add = (m) => {
      if (seen.has(m.seq)) return;
      seen.add(m.seq);
      const li = el('li', `chat-msg chat-msg--${m.from}`);
      li.dataset.seq = String(m.seq);
      const head = el(
        'p',
        'chat-who',
        `${m.from === 'agent' && m.agentName ? `${m.agentName} (medewerker)` : (who[m.from] ?? '')} `,
      );
      const t = el('time', '', time.format(new Date(m.at)));
      t.dateTime = m.at;
      head.append(t);
      li.append(head, el('p', 'text', m.text));
      if (Array.isArray(m.links) && m.links.length) {
        const ul = el('ul', 'chat-links');
        for (const link of m.links) {
          const item = el('li');
          if (/^https?:\/\//i.test(link.url)) {
            const a = el('a', '', link.title);
            a.href = link.url;
            a.rel = 'noopener noreferrer';
            item.append(a);
          } else item.textContent = link.title;
          ul.append(item);
        }
        li.append(ul);
      }
      list.append(li);
      const box = list.parentElement;
      if (box) box.scrollTop = box.scrollHeight;
    };
    const events = new EventSource(view.dataset.events);
    events.addEventListener('message', (e) => {
      try {
        add(JSON.parse(e.data));
      } catch {
        // ignore a malformed event
      }
    });
    events.addEventListener('session', (e) => {
      try {
        const s = JSON.parse(e.data);
        if (state && states[s.state]) state.textContent = `${states[s.state]}${s.agentName ? ` — ${s.agentName}` : ''}`;
        if (s.state === 'ended' && form) {
          form.hidden = true;
          if (error) {
            error.hidden = false;
            error.textContent = 'Het gesprek is beëindigd.';
          }
        }
      } catch {
        // ignore
      }
    });
    if (form) {
      const textarea = form.querySelector('textarea');
      const send = async () => {
        const text = textarea.value.trim();
        if (!text) return;
        error.hidden = true;
        try {
          const response = await fetch(view.dataset.post, {
            method: 'POST',
            credentials: 'same-origin',
            headers: {
              'Content-Type': 'application/json',
              Accept: 'application/json',
              'X-CSRF-Token': view.dataset.csrf,
            },
            body: JSON.stringify({ text }),
          });
          if (!response.ok) {
            const body = await response.json().catch(() => ({}));
            throw new Error(body.error || 'Versturen lukte niet. Probeer het opnieuw.');
          }
          add(await response.json());
          textarea.value = '';
          textarea.focus();
        } catch (e) {
          error.hidden = false;
          error.textContent = e instanceof Error ? e.message : 'Versturen lukte niet.';
        }
      };
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        void send();
      });
      textarea.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
          e.preventDefault();
          void send();
        }
      });
    }
  }
})();
