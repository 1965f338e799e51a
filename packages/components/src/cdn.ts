// The all-in-one CDN file (dist/cdn/dichtbij.js): every element's first state, without Lit; each
// element's code loads on intent or near the viewport (see shared/facade.ts). The npm entry with
// every element defined at once is ./dichtbij.ts.
import './config/facade.ts';
import './status-tracker/facade.ts';
import './feedback/facade.ts';
import './bel-me/facade.ts';
import './chat-launcher/define.ts';
