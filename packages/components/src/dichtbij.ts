// The all-in-one bundle for a CMS script tag: defines every Dichtbij element.
import './config/define.ts';
import './status-tracker/define.ts';
import './feedback/define.ts';
import './bel-me/define.ts';
import './chat-launcher/define.ts';
