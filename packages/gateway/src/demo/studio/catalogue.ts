// The studio's catalogue, from the token files of @dichtbij/themes (bundled as JSON): what a theme defines,
// the base references, and the NL DS names the voorbeeld theme reads.
import { createCatalogue, type Catalogue } from '@dichtbij/themes/studio';
import base from '@dichtbij/themes/tokens/base/dichtbij.tokens.json' with { type: 'json' };
import voorbeeld from '@dichtbij/themes/tokens/voorbeeld.tokens.json' with { type: 'json' };
import drutenWijchen from '@dichtbij/themes/tokens/druten-wijchen.tokens.json' with { type: 'json' };
import duivenWestervoort from '@dichtbij/themes/tokens/duiven-westervoort.tokens.json' with { type: 'json' };
import olstWijhe from '@dichtbij/themes/tokens/olst-wijhe.tokens.json' with { type: 'json' };
import westBetuwe from '@dichtbij/themes/tokens/west-betuwe.tokens.json' with { type: 'json' };

let catalogue: Catalogue | undefined;

export function studioCatalogue(): Catalogue {
  catalogue ??= createCatalogue({
    base,
    themes: [voorbeeld, drutenWijchen, duivenWestervoort, olstWijhe, westBetuwe],
    nlds: voorbeeld,
  });
  return catalogue;
}
