// Pure parts of the profile form: which of the 34 provinces match what the officer typed.
import type { Province } from "../shared/bindings";
import { foldForSearch } from "../shared/text";

/** What an officer may type before the name ("Tỉnh Lào Cai", "TP. Hà Nội"), folded. */
const PREFIXES = ["thanh pho ", "tp. ", "tp ", "tinh "];

function bare(typed: string): string {
  const folded = foldForSearch(typed.trim()).replace(/\s+/g, " ");
  const prefix = PREFIXES.find((p) => folded.startsWith(p));
  return (prefix ? folded.slice(prefix.length) : folded).trim();
}

/** Whether `q` starts the folded name or one of its later words ("chi minh" → Hồ Chí Minh). */
function wordPrefix(folded: string, q: string): boolean {
  const words = folded.split(" ");
  return words.some((_, i) => words.slice(i).join(" ").startsWith(q));
}

/**
 * The provinces whose name, or one of its words, starts with what was typed (accents, case and a
 * "tỉnh"/"thành phố" prefix ignored), names that start with it first, at most `max`; none when
 * nothing is typed or the text is already exactly one of them.
 */
export function suggestProvinces(list: Province[], typed: string, max = 6): Province[] {
  const q = bare(typed);
  if (!q || list.some((p) => p.name === typed.trim())) return [];
  const named = list.map((p) => ({ p, f: foldForSearch(p.name) }));
  const starts = named.filter(({ f }) => f.startsWith(q));
  const inside = named.filter(({ f }) => !f.startsWith(q) && wordPrefix(f, q));
  return [...starts, ...inside].slice(0, max).map(({ p }) => p);
}

/** The message id of a province's kind ("Tỉnh", "Thành phố"). */
export const provinceKindMessageId = (p: Province) => `profile-province-kind-${p.kind}`;
