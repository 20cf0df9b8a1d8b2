import type { Mappings } from '../../src/mappings/load.js';
import { verifiedSlugs } from './names-module.js';

/**
 * The toolkits a run's code names: a toolkit slug in any case (`'github'`, `App.GITHUB`), or a tool slug of
 * one (`GMAIL_SEND_EMAIL`), anywhere in the text of a file phase 1 reads. The generated names module holds
 * the tables of these toolkits only (a few hundred lines, not the whole crosswalk's thousands): a name known
 * at run time is nearly always one the code also names somewhere.
 */
const knownToolkits = new WeakMap<Mappings, Set<string>>();

/** The toolkits the names module can hold: the crosswalk's, those of the tables of connectors, and those with slugs Scalekit has under their own name. */

function toolkitsOf(mappings: Mappings): Set<string> {
  let toolkits = knownToolkits.get(mappings);
  if (!toolkits) {
    toolkits = new Set([...mappings.crosswalkToolkits, ...Object.keys(mappings.toolkitConnectors), ...mappings.multiWordToolkits]);
    for (const slug of verifiedSlugs()) toolkits.add(prefixToolkit(slug, toolkits));
    knownToolkits.set(mappings, toolkits);
  }
  return toolkits;
}

/** A slug's toolkit by its prefix alone (no table read): the longest known toolkit it starts with, else its first word. */
function prefixToolkit(slug: string, toolkits: Set<string>): string {
  // the prefixes ending before an underscore, longest first (`GOOGLE_SEARCH_CONSOLE_X`: GOOGLE_SEARCH_CONSOLE, GOOGLE_SEARCH, GOOGLE)
  for (let end = slug.lastIndexOf('_'); end > 0; end = slug.lastIndexOf('_', end - 1)) {
    const prefix = slug.slice(0, end);
    if (toolkits.has(prefix)) return prefix;
  }
  return slug.split('_')[0]!;
}

const WORD = /[A-Za-z][A-Za-z0-9_]*/g;

export function recordToolkitMentions(mentioned: Set<string>, text: string, mappings: Mappings): void {
  const toolkits = toolkitsOf(mappings);
  for (const [word] of text.matchAll(WORD)) {
    const upper = word.toUpperCase();
    if (toolkits.has(upper)) mentioned.add(upper);
    else if (word === upper && word.includes('_')) {
      const toolkit = prefixToolkit(word, toolkits);
      if (toolkits.has(toolkit)) mentioned.add(toolkit);
    }
  }
}
